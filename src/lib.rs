//! CALMe: psychological first aid (the Ma'aseh model) where people already
//! are. Adapters turn platform events into [`message::Incoming`]; the
//! [`session::SessionManager`] stores, screens and answers them.

pub mod app;
pub mod bench;
pub mod cli;
pub mod commands;
pub mod config;
pub mod generator;
pub mod llm_engine;
pub mod message;
pub mod ops;
pub mod platforms;
pub mod reread;
pub mod run;
pub mod serve;
pub mod session;
pub mod store;
pub mod telemetry;
pub mod util;

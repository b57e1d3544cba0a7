//! Engine behaviour with the real model: KV-cache consistency, streaming, cancellation,
//! overload, context guard, and the one-line errors for a missing model or runtime.

mod common;

use std::path::PathBuf;

use calme_llm::{
    ChatRole, ChatTurn, Engine, EngineOptions, FinishReason, GenerateRequest, LlmError, Model, ModelConfig, Sampling, StreamEvent,
};

fn engine(loc: &common::Located, queue_capacity: usize) -> Engine {
    Engine::load(EngineOptions {
        model_dir: loc.model_dir.clone(),
        ort_dylib: Some(loc.ort.clone()),
        threads: 2,
        queue_capacity,
        workers: 1,
        spin: false,
    })
    .unwrap()
}

fn ask(text: &str, sampling: Sampling, max_new_tokens: usize) -> GenerateRequest {
    GenerateRequest {
        turns: vec![ChatTurn::new(ChatRole::System, "You are a kind helper."), ChatTurn::new(ChatRole::User, text)],
        sampling,
        max_new_tokens,
    }
}

fn seeded(seed: u64) -> Sampling {
    Sampling::Random { temperature: 0.8, top_k: 40, top_p: 0.95, repetition_penalty: 1.1, seed }
}

#[test]
fn decoding_with_the_cache_matches_a_full_prefill() {
    let Some(loc) = common::locate(true) else { return };
    let cfg = ModelConfig::load(&loc.model_dir).unwrap();
    let mut model = Model::load(&loc.model_dir, &cfg, &loc.ort, 2).unwrap();
    let ids: Vec<u32> = vec![1, 9690, 198, 19556, 28, 638, 359, 346, 47, 2, 198, 1, 520, 9531, 198];
    let mut full = model.new_cache(ids.len()).unwrap();
    let want = model.forward(&mut full, &ids).unwrap().logits;
    let mut stepped = model.new_cache(ids.len()).unwrap();
    model.forward(&mut stepped, &ids[..10]).unwrap();
    let mut got = Vec::new();
    for &t in &ids[10..] {
        got = model.forward(&mut stepped, &[t]).unwrap().logits;
    }
    let diff = got.iter().zip(&want).map(|(a, b)| (a - b).abs()).fold(0f32, f32::max);
    assert!(diff < 1e-3, "cached decoding differs from prefill by {diff}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streams_valid_text_and_same_seed_gives_same_reply() {
    let Some(loc) = common::locate(true) else { return };
    let engine = engine(&loc, 4);
    let mut replies = Vec::new();
    for _ in 0..2 {
        let mut stream = engine.generate(ask("Say something kind in Hebrew and English.", seeded(42), 40)).unwrap();
        let mut text = String::new();
        let stats = loop {
            match stream.next().await.unwrap() {
                StreamEvent::Text(t) => text.push_str(&t),
                StreamEvent::Done(s) => break s,
            }
        };
        assert!(stats.generated_tokens > 0 && stats.generated_tokens <= 40);
        assert!(matches!(stats.finish, FinishReason::Stop | FinishReason::Length));
        assert!(!text.contains('\u{FFFD}') || stats.finish == FinishReason::Length, "{text:?}");
        replies.push((text, stats.token_ids));
    }
    assert_eq!(replies[0], replies[1]);
}

#[test]
fn cancel_stops_within_a_step_and_dropping_the_stream_frees_the_worker() {
    let Some(loc) = common::locate(true) else { return };
    let engine = engine(&loc, 4);
    let mut stream = engine.generate(ask("Tell me a very long story.", seeded(1), 400)).unwrap();
    let cancel = stream.cancel_handle();
    // Wait for the first text, then cancel.
    while let Some(ev) = stream.blocking_next() {
        if let StreamEvent::Text(_) = ev {
            cancel.cancel();
            break;
        }
    }
    let stats = loop {
        match stream.blocking_next().expect("Done after cancel") {
            StreamEvent::Done(s) => break s,
            StreamEvent::Text(_) => {}
        }
    };
    assert_eq!(stats.finish, FinishReason::Cancelled);
    assert!(stats.generated_tokens <= 3, "generated {} tokens after cancel", stats.generated_tokens);

    let dropped = engine.generate(ask("Another long story please.", seeded(2), 400)).unwrap();
    drop(dropped);
    let mut next = engine.generate(ask("Hi", Sampling::Greedy, 4)).unwrap();
    let done = loop {
        if let StreamEvent::Done(s) = next.blocking_next().unwrap() {
            break s;
        }
    };
    assert!(done.generated_tokens <= 4);
}

#[test]
fn shutdown_stops_a_running_generation_and_refuses_new_ones() {
    let Some(loc) = common::locate(true) else { return };
    let engine = engine(&loc, 4);
    let mut stream = engine.generate(ask("Tell me a very long story.", seeded(3), 400)).unwrap();
    while let Some(ev) = stream.blocking_next() {
        if let StreamEvent::Text(_) = ev {
            break;
        }
    }
    // The worker is inside a decode loop; shutdown returns once it has left the runtime.
    assert!(engine.shutdown(std::time::Duration::from_secs(10)), "workers still busy after shutdown");
    let stats = loop {
        match stream.blocking_next().expect("Done after shutdown") {
            StreamEvent::Done(s) => break s,
            StreamEvent::Text(_) => {}
        }
    };
    assert_eq!(stats.finish, FinishReason::Cancelled);
    assert!(stats.generated_tokens < 400);
    assert!(engine.generate(ask("Hi", Sampling::Greedy, 4)).is_err(), "a stopped engine takes no new work");
}

#[test]
fn a_full_queue_is_overloaded() {
    let Some(loc) = common::locate(true) else { return };
    let engine = engine(&loc, 1);
    let mut streams = Vec::new();
    let mut overloaded = 0;
    for i in 0..3 {
        match engine.generate(ask("Count to fifty.", seeded(i), 200)) {
            Ok(s) => streams.push(s),
            Err(LlmError::Overloaded) => overloaded += 1,
            Err(e) => panic!("unexpected error {e}"),
        }
    }
    assert!(overloaded >= 1, "one worker and one queue slot cannot take three requests");
}

#[test]
fn too_long_a_prompt_is_refused() {
    let Some(loc) = common::locate(true) else { return };
    let engine = engine(&loc, 1);
    let long = "calm ".repeat(engine.context_length() + 10);
    match engine.generate(ask(&long, Sampling::Greedy, 8)) {
        Err(LlmError::ContextTooLong { prompt_tokens, context_length }) => assert!(prompt_tokens >= context_length),
        other => panic!("expected ContextTooLong, got {other:?}", other = other.map(|_| ())),
    }
}

#[test]
fn missing_model_and_runtime_say_how_to_fix_it() {
    let err = Engine::load(EngineOptions { model_dir: PathBuf::from("/nonexistent/calme-model"), ..EngineOptions::default() })
        .unwrap_err();
    assert!(matches!(err, LlmError::ModelMissing { .. }));
    assert!(err.to_string().contains("scripts/setup-model.sh"), "{err}");
    assert!(!err.to_string().contains('\n'));

    let Some(loc) = common::locate(false) else { return };
    let err = Engine::load(EngineOptions {
        model_dir: loc.model_dir.clone(),
        ort_dylib: Some(PathBuf::from("/nonexistent/libonnxruntime.so")),
        ..EngineOptions::default()
    });
    // The runtime loads once per process; if another test loaded it first, loading succeeds.
    if let Err(err) = err {
        assert!(matches!(err, LlmError::RuntimeMissing { .. }));
        assert!(err.to_string().contains("ORT_DYLIB_PATH"), "{err}");
    }
}

/// Two engines loading at the same moment (a restart under load, parallel tests) both
/// come up: ONNX Runtime's registration of CALMe's operator domain is not thread-safe,
/// and concurrent loads used to fail with "the domain is already exist".
#[test]
fn engines_loading_at_once_all_succeed() {
    let Some(loc) = common::locate(true) else { return };
    let loaders: Vec<_> = (0..8)
        .map(|_| {
            let loc = loc.clone();
            std::thread::spawn(move || {
                let cfg = ModelConfig::load(&loc.model_dir).map_err(|e| e.to_string())?;
                Model::load(&loc.model_dir, &cfg, &loc.ort, 1).map(|_| ()).map_err(|e| e.to_string())
            })
        })
        .collect();
    for l in loaders {
        l.join().expect("loader thread").expect("model loads while others load");
    }
}

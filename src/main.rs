//! The `calme` binary: parse the command line and hand over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    // Behave like other command-line tools when output is piped into `head`.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = calme::cli::Cli::parse();
    match calme::run::main(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("calme: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

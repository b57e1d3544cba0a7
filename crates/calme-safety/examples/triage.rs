//! `calme triage` without the rest of the app: JSON lines on stdin, one
//! result per line on stdout. Run:
//! cargo run --release -p calme-safety --example triage < messages.jsonl

fn main() {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    if let Err(e) = calme_safety::triage_jsonl(stdin.lock(), std::io::BufWriter::new(stdout.lock()))
    {
        eprintln!("triage: {e}");
        std::process::exit(1);
    }
}

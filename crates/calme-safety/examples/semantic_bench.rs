//! Prints how long the USE-m3 semantic encoder takes per chat message.
//! Run: cargo run --release -p calme-safety --example semantic_bench [MODEL_DIR]
//! MODEL_DIR defaults to $CALME_SEMANTIC_DIR, then $CALME_DATA_DIR/models/use-m3,
//! then ~/.local/share/calme/models/use-m3; BENCH_ROUNDS (default 50) sets how
//! many times every message is embedded.

use std::path::PathBuf;
use std::time::Instant;

use calme_safety::semantic::Encoder;

/// Chat messages of typical lengths (roughly 5, 15, 30 and 60 tokens) in the
/// bot's languages.
const MESSAGES: [&str; 16] = [
    "hi, are you there?",
    "שלום, אתה שם?",
    "مرحبا، هل أنت هنا؟",
    "привет, ты тут?",
    "I haven't slept since the sirens last night and I keep shaking",
    "לא ישנתי מאז האזעקות אתמול בלילה ואני לא מפסיק לרעוד",
    "لم أنم منذ صفارات الإنذار الليلة الماضية وما زلت أرتجف",
    "Я не спал с прошлой ночи после сирен и всё ещё дрожу",
    "We ran to the shelter with the kids when the alarm went off, and now my son won't leave my side and I don't know what to tell him",
    "רצנו למקלט עם הילדים כשהאזעקה התחילה, ועכשיו הבן שלי לא זז ממני ואני לא יודעת מה להגיד לו",
    "ركضنا إلى الملجأ مع الأطفال عندما انطلق الإنذار، والآن ابني لا يفارقني ولا أعرف ماذا أقول له",
    "Мы побежали в убежище с детьми, когда завыла сирена, и теперь сын не отходит от меня, и я не знаю, что ему сказать",
    "Since the attack I can't concentrate at work, I jump at every loud noise, I barely eat, and at night I lie awake replaying everything. My family says I should just move on, but I feel like I'm falling apart and I don't know who to talk to about it anymore.",
    "מאז הפיגוע אני לא מצליח להתרכז בעבודה, אני קופץ מכל רעש חזק, כמעט לא אוכל, ובלילה אני שוכב ער ומריץ הכול שוב ושוב. המשפחה שלי אומרת שאני צריך להמשיך הלאה, אבל אני מרגיש שאני מתפרק ולא יודע עם מי לדבר על זה.",
    "منذ الهجوم لا أستطيع التركيز في العمل، أقفز عند كل صوت عالٍ، بالكاد آكل، وفي الليل أبقى مستيقظًا أعيد كل شيء في رأسي. عائلتي تقول إن علي أن أمضي قدمًا، لكنني أشعر أنني أنهار ولا أعرف مع من أتحدث.",
    "После нападения я не могу сосредоточиться на работе, вздрагиваю от каждого громкого звука, почти не ем, а ночью лежу без сна и прокручиваю всё снова и снова. Семья говорит, что надо жить дальше, но я чувствую, что разваливаюсь, и не знаю, с кем об этом поговорить.",
];

fn model_dir() -> PathBuf {
    if let Some(dir) = std::env::args_os().nth(1).or_else(|| std::env::var_os("CALME_SEMANTIC_DIR")) {
        return PathBuf::from(dir);
    }
    if let Some(data) = std::env::var_os("CALME_DATA_DIR") {
        return PathBuf::from(data).join("models/use-m3");
    }
    PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".local/share/calme/models/use-m3")
}

fn main() {
    let dir = model_dir();
    let start = Instant::now();
    let encoder = Encoder::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    println!("load: {:.0} ms ({})", start.elapsed().as_secs_f64() * 1e3, dir.display());

    let rounds: usize = std::env::var("BENCH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(50);
    let tokens: Vec<usize> = MESSAGES.iter().map(|m| encoder.token_ids(m).len()).collect();
    println!("tokens per message (BOS/EOS included): {tokens:?}");
    for m in MESSAGES {
        std::hint::black_box(encoder.embed(m));
    }

    let mut micros = Vec::with_capacity(rounds * MESSAGES.len());
    let mut per_message = [0.0_f64; MESSAGES.len()];
    for _ in 0..rounds {
        for (i, m) in MESSAGES.iter().enumerate() {
            let t = Instant::now();
            std::hint::black_box(encoder.embed(std::hint::black_box(m)));
            let us = t.elapsed().as_secs_f64() * 1e6;
            per_message[i] += us;
            micros.push(us);
        }
    }
    for (n, total) in tokens.iter().zip(per_message) {
        println!("{n:4} tokens: {:6.0} µs", total / rounds as f64);
    }
    let total: f64 = micros.iter().sum();
    let total_tokens = rounds * tokens.iter().sum::<usize>();
    micros.sort_by(f64::total_cmp);
    let pct = |p: f64| micros[((micros.len() - 1) as f64 * p).round() as usize];
    println!(
        "{} embeds: mean {:.0} µs, p50 {:.0} µs, p99 {:.0} µs per message; {:.1} µs per token",
        micros.len(),
        total / micros.len() as f64,
        pct(0.5),
        pct(0.99),
        total / total_tokens as f64
    );
}

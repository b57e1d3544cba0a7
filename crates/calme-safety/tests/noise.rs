//! Text with no words in it — ids, codes, numbers, shorthand, emoji, links — never escalates.
//! An escalation answers at once and cancels the reply being written, so a false one on
//! "m3" or a ticket number derails an ordinary conversation (the core's own tests send
//! "s3 m3"-style messages and caught exactly that).

use calme_safety::screen;

fn assert_calm(texts: impl IntoIterator<Item = String>) {
    let mut escalated = Vec::new();
    for t in texts {
        let s = screen(&t);
        if s.label.escalates() {
            escalated.push(format!("{t:?} -> {} {:?}", s.label.as_str(), s.rules));
        }
    }
    assert!(
        escalated.is_empty(),
        "escalated without any words of risk:\n{}",
        escalated.join("\n")
    );
}

#[test]
fn ids_and_counters_never_escalate() {
    let mut texts = Vec::new();
    for s in 0..50 {
        for m in 0..20 {
            texts.push(format!("s{s} m{m}"));
            texts.push(format!("m{m}"));
            texts.push(format!("user{s} {m}"));
        }
    }
    assert_calm(texts);
}

#[test]
fn codes_numbers_links_and_emoji_never_escalate() {
    let texts = [
        "123",
        "42",
        "0",
        "911?",
        "ok",
        "k",
        "?",
        "...",
        "hi",
        "yo",
        "lol",
        "x",
        "a1",
        "b2 c3",
        "A3 B4 C5",
        "#1234",
        "ticket 88213",
        "PIN 4412",
        "v2.3.1",
        "2024-11-27",
        "12:30",
        "+972 50 123 4567",
        "https://example.com/a/b?c=d",
        "www.example.org",
        "abc@example.com",
        "😀",
        "👍👍",
        "🙏",
        "❤️",
        "😂😂😂",
        "asdf",
        "qwerty",
        "zzz",
        "hmm",
        "mmm",
        "brb",
        "gtg",
        "idk",
        "np",
        "ty",
        "/start",
        "/help",
        "/resources IL",
        "/reset",
        "/country de",
    ];
    assert_calm(texts.iter().map(|t| t.to_string()));
}

#[test]
fn pseudo_random_letter_and_digit_strings_never_escalate() {
    // A fixed generator: short tokens of letters and digits, one to three per message.
    let alphabet: Vec<char> = "abcdefghijklmnopqrstuvwxyz0123456789".chars().collect();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let texts = (0..2000).map(|_| {
        let words = 1 + next() % 3;
        (0..words)
            .map(|_| {
                let len = 1 + next() % 4;
                (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ")
    });
    assert_calm(texts.collect::<Vec<_>>());
}

#[test]
fn everyday_chatter_never_escalates() {
    // Short ordinary messages full of "me", "he", "dad": the words abuse reports use too.
    let texts = [
        "tell me something",
        "talk to me",
        "can you help me",
        "help me please",
        "he told me a joke",
        "my dad is angry at me",
        "she yelled at me today",
        "nobody listens to me",
        // Found by probing the seventh session's screen with ordinary sentences: a letter to a
        // grandparent read as two goodbye cues, a camping rope as acquired means.
        "writing a letter to my grandma",
        "i have a rope for the camping trip",
        "bought a rope for the tent",
        "leave me alone lol",
        "my brother took my phone",
        "please stay with me",
        "thanks for listening to me",
        "what should I do now",
        "I can't sleep",
        "תספר לי משהו",
        "אבא שלי כועס עליי",
        "احكيلي شي",
        "أبوي زعلان مني",
        "расскажи мне что-нибудь",
        "папа на меня злится",
    ];
    assert_calm(texts.iter().map(|t| t.to_string()));
}

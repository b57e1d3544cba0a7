//! The context budget measured with the model's real tokenizer (built by
//! scripts/setup-model.sh). In CI the model must be there; elsewhere the test
//! says it is skipped.

use calme::generator::{TokenCounter, Turn, TurnRole};
use calme::session::context::fit_turns;

struct Real(calme_llm::Tokenizer);

impl TokenCounter for Real {
    fn count(&self, text: &str) -> usize {
        self.0.count(text)
    }
}

fn tokenizer() -> Option<Real> {
    let path = calme_llm::env_model_dir().join("tokenizer.json");
    match calme_llm::Tokenizer::load(&path) {
        Ok(t) => Some(Real(t)),
        Err(e) if std::env::var("CI").as_deref() == Ok("true") => panic!("CI must have the model: {e}"),
        Err(e) => {
            eprintln!("skipped: {e}");
            None
        }
    }
}

#[test]
fn the_newest_turns_fit_the_budget_in_real_tokens() {
    let Some(tok) = tokenizer() else { return };
    let system = "You are CALMe. Keep replies short and concrete.";
    let turns: Vec<Turn> = (0..60)
        .map(|i| Turn {
            role: if i % 2 == 0 { TurnRole::User } else { TurnRole::Assistant },
            text: format!("Turn {i}: the sirens stopped at 03:{i:02}, we are still in the shelter with the children."),
        })
        .collect();
    for budget in [256usize, 512, 1024] {
        let kept = fit_turns(&tok, system, &turns, budget);
        let used: usize = tok.count(system) + kept.iter().map(|t| tok.count(&t.text) + 5).sum::<usize>() + 5;
        assert!(used <= budget, "budget {budget}: used {used}");
        assert_eq!(kept.last().unwrap().text, turns.last().unwrap().text, "the newest turn is always kept");
        assert_eq!(kept.first().unwrap().role, TurnRole::User);
        // Nothing that would still fit was left out: one more (older) pair would overflow.
        let first = turns.len() - kept.len();
        if first >= 2 {
            let extra: usize = turns[first - 2..first].iter().map(|t| tok.count(&t.text) + 5).sum();
            assert!(used + extra > budget, "budget {budget}: room for more history was wasted");
        }
    }
}

#[test]
fn hebrew_costs_more_tokens_than_its_length_suggests() {
    let Some(tok) = tokenizer() else { return };
    // A byte-level BPE trained mostly on English splits Hebrew finely: a
    // character-count estimate would overflow the model's context.
    let he = "אנחנו במקלט עכשיו והילדים מפחדים מאוד";
    assert!(tok.count(he) > he.chars().count() / 4, "{} tokens", tok.count(he));
}

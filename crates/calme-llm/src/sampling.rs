//! Next-token choice: greedy, or seeded temperature / top-k / top-p sampling with a repetition penalty.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

#[derive(Debug, Clone, PartialEq)]
pub enum Sampling {
    Greedy,
    Random { temperature: f32, top_k: usize, top_p: f32, repetition_penalty: f32, seed: u64 },
}

impl Default for Sampling {
    /// SmolLM2's suggested settings, with a fixed seed.
    fn default() -> Self {
        Sampling::Random { temperature: 0.2, top_k: 40, top_p: 0.9, repetition_penalty: 1.1, seed: 0 }
    }
}

/// Stateful sampler for one generation.
pub struct Sampler {
    sampling: Sampling,
    rng: StdRng,
    /// Every token seen so far (prompt and generated), for the repetition penalty.
    seen: Vec<bool>,
}

impl Sampler {
    pub fn new(sampling: Sampling, vocab_size: usize, prompt: &[u32]) -> Sampler {
        let seed = match &sampling {
            Sampling::Random { seed, .. } => *seed,
            Sampling::Greedy => 0,
        };
        let mut s = Sampler { sampling, rng: StdRng::seed_from_u64(seed), seen: vec![false; vocab_size] };
        prompt.iter().for_each(|&t| s.observe(t));
        s
    }

    pub fn observe(&mut self, token: u32) {
        if let Some(slot) = self.seen.get_mut(token as usize) {
            *slot = true;
        }
    }

    /// Picks the next token from one position's logits (modified in place).
    pub fn sample(&mut self, logits: &mut [f32]) -> u32 {
        let (temperature, top_k, top_p, penalty) = match self.sampling {
            Sampling::Greedy => return argmax(logits),
            Sampling::Random { temperature, top_k, top_p, repetition_penalty, .. } => {
                (temperature, top_k, top_p, repetition_penalty)
            }
        };
        if penalty != 1.0 {
            for (l, &seen) in logits.iter_mut().zip(&self.seen) {
                if seen {
                    *l = if *l > 0.0 { *l / penalty } else { *l * penalty };
                }
            }
        }
        if temperature <= 0.0 {
            return argmax(logits);
        }
        let mut cand: Vec<(u32, f32)> = logits.iter().enumerate().map(|(i, &l)| (i as u32, l / temperature)).collect();
        let k = if top_k == 0 { cand.len() } else { top_k.min(cand.len()) };
        if k < cand.len() {
            cand.select_nth_unstable_by(k - 1, |a, b| b.1.total_cmp(&a.1));
            cand.truncate(k);
        }
        cand.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let max = cand[0].1;
        let mut probs: Vec<f32> = cand.iter().map(|c| (c.1 - max).exp()).collect();
        let total: f32 = probs.iter().sum();
        probs.iter_mut().for_each(|p| *p /= total);
        let mut keep = probs.len();
        if top_p > 0.0 && top_p < 1.0 {
            let mut acc = 0.0;
            for (i, p) in probs.iter().enumerate() {
                acc += p;
                if acc >= top_p {
                    keep = i + 1;
                    break;
                }
            }
        }
        let total: f32 = probs[..keep].iter().sum();
        let mut r = self.rng.gen::<f32>() * total;
        for (i, p) in probs[..keep].iter().enumerate() {
            r -= p;
            if r <= 0.0 {
                return cand[i].0;
            }
        }
        cand[keep - 1].0
    }
}

/// Index of the largest logit (the first one on ties).
pub fn argmax(logits: &[f32]) -> u32 {
    let mut best = 0;
    for (i, &l) in logits.iter().enumerate() {
        if l > logits[best] {
            best = i;
        }
    }
    best as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn random(seed: u64) -> Sampling {
        Sampling::Random { temperature: 1.0, top_k: 0, top_p: 1.0, repetition_penalty: 1.0, seed }
    }

    #[test]
    fn greedy_takes_the_max() {
        let mut s = Sampler::new(Sampling::Greedy, 4, &[]);
        assert_eq!(s.sample(&mut [0.1, 3.0, 2.0, 3.0]), 1);
    }

    #[test]
    fn same_seed_same_tokens() {
        let logits = [0.5f32, 0.4, 0.3, 0.2, 0.1];
        let run = |seed| {
            let mut s = Sampler::new(random(seed), 5, &[]);
            (0..20).map(|_| s.sample(&mut logits.clone())).collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn top_k_one_is_greedy() {
        let mut s = Sampler::new(
            Sampling::Random { temperature: 1.0, top_k: 1, top_p: 1.0, repetition_penalty: 1.0, seed: 3 },
            3,
            &[],
        );
        for _ in 0..10 {
            assert_eq!(s.sample(&mut [0.0, 5.0, 4.9]), 1);
        }
    }

    #[test]
    fn repetition_penalty_demotes_seen_tokens() {
        let mut s = Sampler::new(
            Sampling::Random { temperature: 0.0, top_k: 0, top_p: 1.0, repetition_penalty: 2.0, seed: 0 },
            2,
            &[0],
        );
        assert_eq!(s.sample(&mut [3.0, 2.0]), 1);
    }
}

//! Generated banks of any size, valid by construction: for tests and benchmarks.

use super::{BUILT_IN_COMPETENCIES, Bank, Difficulty, Levels, Phase, Question, Round, Style, to_ron};

const TOPICS: [&str; 12] = [
    "ledger",
    "search",
    "billing",
    "onboarding",
    "migration",
    "incident",
    "hiring",
    "roadmap",
    "platform",
    "mobile",
    "security",
    "analytics",
];
const SITUATIONS: [&str; 8] = [
    "keeps slipping",
    "doubles in size",
    "loses its lead",
    "misses a deadline",
    "splits in two",
    "moves to a new region",
    "inherits legacy code",
    "faces a reorg",
];

/// A small deterministic generator (xorshift), so the same seed gives the same bank.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A valid format-1 bank with `n_questions` questions, as RON text.
pub fn generated_bank(id: &str, n_questions: usize, seed: u64) -> String {
    to_ron(&generated(id, n_questions, seed))
}

/// The same bank as [`generated_bank`], as a value.
pub fn generated(id: &str, n_questions: usize, seed: u64) -> Bank {
    let mut rng = Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let questions = (0..n_questions)
        .map(|i| {
            let topic = TOPICS[rng.below(TOPICS.len())];
            let situation = SITUATIONS[rng.below(SITUATIONS.len())];
            let round = Round::ALL[rng.below(Round::ALL.len())];
            let first = BUILT_IN_COMPETENCIES[rng.below(BUILT_IN_COMPETENCIES.len())].0;
            let second = BUILT_IN_COMPETENCIES[rng.below(BUILT_IN_COMPETENCIES.len())].0;
            let mut competencies = vec![first.to_owned()];
            if second != first {
                competencies.push(second.to_owned());
            }
            let split = 1 + rng.below(4) as u32;
            let minutes = split + 2 + rng.below(12) as u32;
            let phases = if i % 3 == 0 {
                vec![
                    Phase {
                        name: "Frame".to_owned(),
                        minutes: split,
                    },
                    Phase {
                        name: "Answer".to_owned(),
                        minutes: minutes - split,
                    },
                ]
            } else {
                Vec::new()
            };
            Question {
                id: format!("q{i:05}"),
                round,
                title: format!("The {topic} team that {situation} (#{i})"),
                prompt: format!(
                    "Your **{topic}** team {situation}. Walk through what you do in the first two weeks.\n\n- who you talk to\n- what you measure"
                ),
                minutes,
                prep_minutes: rng.below(3) as u32,
                difficulty: Difficulty::ALL[rng.below(Difficulty::ALL.len())],
                style: Style::ALL[i % Style::ALL.len()],
                // every fifth question describes its levels on its first competency
                levels: if i % 5 == 0 {
                    [(competencies[0].clone(), generated_levels(topic))].into()
                } else {
                    Default::default()
                },
                competencies,
                phases,
                follow_ups: vec![format!("What if the {topic} lead disagrees?")],
                follow_up_timing: Vec::new(),
                strong_signals: vec!["Names a measurable outcome.".to_owned()],
                weak_signals: vec!["Blames individuals.".to_owned()],
                tags: vec![topic.to_owned(), format!("set-{}", i % 10)],
            }
        })
        .collect();
    Bank {
        format: super::BANK_FORMAT,
        id: id.to_owned(),
        title: format!("Generated bank {id}"),
        description: format!("{n_questions} generated questions (seed {seed})."),
        competencies: Vec::new(),
        questions,
    }
}

fn generated_levels(topic: &str) -> Levels {
    Levels {
        strong_no_hire: format!("Blames the {topic} team and changes nothing."),
        lean_no_hire: format!("Fixes the {topic} symptom, not its cause."),
        hire: format!("Finds the {topic} cause and sets a measure."),
        strong_hire: format!("Fixes the {topic} cause and grows a lead to own it."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::parse_bank;

    #[test]
    fn generated_banks_are_valid_and_deterministic() {
        let text = generated_bank("gen", 300, 42);
        assert_eq!(text, generated_bank("gen", 300, 42));
        let parsed = parse_bank("gen.ron", text.as_bytes());
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert_eq!(parsed.bank.expect("valid").questions.len(), 300);
    }
}

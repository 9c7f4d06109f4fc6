//! Question banks: the public RON format (`docs/question-banks.md`), its loader and validator.

mod catalog;
mod competency;
pub mod generate;
mod locate;
mod parse;
mod problem;
mod shipped;
mod validate;
mod write;

pub use catalog::{BankSource, Catalog, LoadedBank, QuestionRef, global_id};
pub use competency::{BUILT_IN_COMPETENCIES, competency_name, is_built_in};
pub use parse::{MAX_BANK_BYTES, ParsedBank, parse_bank};
pub use problem::{Problem, Severity};
pub use shipped::SHIPPED_BANKS;
pub use validate::{MAX_MINUTES, MAX_PROMPT_BYTES};
pub use write::{starter_bank, to_ron};

use serde::{Deserialize, Serialize};

/// The bank format this build reads and writes.
pub const BANK_FORMAT: u32 = 1;

/// One question bank file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    pub format: u32,
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub competencies: Vec<Competency>,
    pub questions: Vec<Question>,
}

/// A competency a bank declares beyond the built-in set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// One interview question, exactly as the format defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub round: Round,
    pub title: String,
    pub prompt: String,
    pub minutes: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub prep_minutes: u32,
    #[serde(default)]
    pub difficulty: Difficulty,
    pub competencies: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strong_signals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weak_signals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A timed part of a question's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub name: String,
    pub minutes: u32,
}

/// The rounds of a Director of Engineering loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Round {
    SystemsDesign,
    Leadership,
    OrgDesign,
    ReverseInterview,
    Career,
}

impl Round {
    pub const ALL: [Round; 5] = [
        Round::SystemsDesign,
        Round::Leadership,
        Round::OrgDesign,
        Round::ReverseInterview,
        Round::Career,
    ];

    /// The name a user reads.
    pub fn label(self) -> &'static str {
        match self {
            Round::SystemsDesign => "Systems design",
            Round::Leadership => "Leadership",
            Round::OrgDesign => "Org design & hiring",
            Round::ReverseInterview => "Questions to ask",
            Round::Career => "Career narrative",
        }
    }

    /// The value as written in a bank file (`SystemsDesign`, …).
    pub fn ron_name(self) -> &'static str {
        match self {
            Round::SystemsDesign => "SystemsDesign",
            Round::Leadership => "Leadership",
            Round::OrgDesign => "OrgDesign",
            Round::ReverseInterview => "ReverseInterview",
            Round::Career => "Career",
        }
    }

    /// Parses a round from its RON name or a loose spelling (`systems-design`, `org`).
    pub fn parse_loose(text: &str) -> Option<Round> {
        let key: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match key.as_str() {
            "systemsdesign" | "systems" | "design" | "sd" => Some(Round::SystemsDesign),
            "leadership" | "lead" => Some(Round::Leadership),
            "orgdesign" | "org" | "hiring" => Some(Round::OrgDesign),
            "reverseinterview" | "reverse" | "questionstoask" => Some(Round::ReverseInterview),
            "career" | "careernarrative" => Some(Round::Career),
            _ => None,
        }
    }
}

/// How hard a question is meant to be.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Difficulty {
    Warmup,
    #[default]
    Core,
    Stretch,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Warmup, Difficulty::Core, Difficulty::Stretch];

    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Warmup => "Warm-up",
            Difficulty::Core => "Core",
            Difficulty::Stretch => "Stretch",
        }
    }
}

impl Question {
    /// Total planned time, prep included, in minutes.
    pub fn total_minutes(&self) -> u32 {
        self.minutes + self.prep_minutes
    }
}

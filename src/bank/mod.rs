//! Question banks: the public RON format (`docs/question-banks.md`), its loader and validator.

mod browse;
mod catalog;
mod competency;
mod draft;
#[cfg(any(test, feature = "test-support"))]
pub mod generate;
mod guidance;
mod import;
mod levels;
mod locate;
mod parse;
mod problem;
mod shipped;
mod table;
mod validate;
mod watch;
mod write;

pub use browse::{BrowseFilter, Practised, all_tags, filter_questions};
pub use catalog::{BankSource, Catalog, LoadedBank, QuestionRef, global_id};
pub use competency::{BUILT_IN_COMPETENCIES, competency_name, is_built_in};
pub use draft::{QuestionDraft, check_draft, empty_user_bank};
pub use guidance::{MIN_FOLLOW_UPS, MIN_SIGNALS, guidance};
pub use import::{ImportCheck, bank_id_for, check_import, copy_bank};
pub use levels::{built_in_levels, levels_for};
pub use parse::{MAX_BANK_BYTES, ParsedBank, parse_bank};
pub use problem::{Problem, Severity};
pub use shipped::SHIPPED_BANKS;
pub use table::{CSV_COLUMNS, Imported, default_minutes, import_questions, is_question_list, questions_csv};
pub use validate::{MAX_MINUTES, MAX_PROMPT_BYTES};
pub use watch::{BankWatcher, DEBOUNCE, watch_banks};
pub use write::{starter_bank, to_ron};

use std::collections::BTreeMap;

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
    /// What each score looks like on this competency, for every question that has no levels of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<Levels>,
}

/// What an answer at each score looks like on one competency: observable behaviour at
/// Director scope, one text per score from 1 (strong no hire) to 4 (strong hire).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    pub strong_no_hire: String,
    pub lean_no_hire: String,
    pub hire: String,
    pub strong_hire: String,
}

impl Levels {
    /// The field names as written in a bank, in score order (1 to 4).
    pub const FIELDS: [&'static str; 4] = ["strong_no_hire", "lean_no_hire", "hire", "strong_hire"];

    /// The text for a score of 1 to 4; `None` for any other score.
    pub fn for_score(&self, score: u8) -> Option<&str> {
        match score {
            1 => Some(&self.strong_no_hire),
            2 => Some(&self.lean_no_hire),
            3 => Some(&self.hire),
            4 => Some(&self.strong_hire),
            _ => None,
        }
    }

    /// `(field name, text)` in score order.
    pub fn texts(&self) -> [(&'static str, &str); 4] {
        [
            (Self::FIELDS[0], &self.strong_no_hire),
            (Self::FIELDS[1], &self.lean_no_hire),
            (Self::FIELDS[2], &self.hire),
            (Self::FIELDS[3], &self.strong_hire),
        ]
    }
}

/// What kind of answer a question asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Style {
    /// A hypothetical or design prompt: "what would you do?".
    #[default]
    Scenario,
    /// "Tell me about a time…": past, real events from the candidate's own career.
    Evidence,
}

impl Style {
    pub const ALL: [Style; 2] = [Style::Scenario, Style::Evidence];

    pub fn label(self) -> &'static str {
        match self {
            Style::Scenario => "Scenario",
            Style::Evidence => "Evidence",
        }
    }

    /// One line saying what the style asks of the candidate.
    pub fn hint(self) -> &'static str {
        match self {
            Style::Scenario => "A hypothetical or design prompt: what would you do?",
            Style::Evidence => "Tell me about a time: real events from the candidate's own past",
        }
    }

    fn is_scenario(&self) -> bool {
        *self == Style::Scenario
    }
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
    #[serde(default, skip_serializing_if = "Style::is_scenario")]
    pub style: Style,
    pub competencies: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<Phase>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_ups: Vec<String>,
    /// When an interviewer asks each follow-up, in the same order; fewer entries than
    /// follow-ups leave the rest untimed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_up_timing: Vec<FollowUpTiming>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strong_signals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weak_signals: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// What each score looks like for this question, by competency id; overrides the
    /// competency's own levels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub levels: BTreeMap<String, Levels>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// When the interviewer (interviewer mode) asks a follow-up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpTiming {
    /// At the interviewer's judgement: on a phase change, when a phase runs out of time,
    /// or after a silence.
    #[default]
    Untimed,
    /// This many minutes into the answer (scaled with the round's time).
    AfterMinutes(u32),
    /// When the answer reaches the phase of this name.
    AtPhase(String),
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

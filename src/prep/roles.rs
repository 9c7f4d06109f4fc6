//! The roles a candidate is considering, and what they have learned about each.

use serde::{Deserialize, Serialize};

use super::PREP_FORMAT;
use crate::bank::{Catalog, Round};

/// What an answer signals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Flag {
    #[default]
    Unknown,
    Green,
    Red,
}

impl Flag {
    pub const ALL: [Flag; 3] = [Flag::Unknown, Flag::Green, Flag::Red];

    pub fn label(self) -> &'static str {
        match self {
            Flag::Unknown => "Unknown",
            Flag::Green => "Green flag",
            Flag::Red => "Red flag",
        }
    }
}

/// The checks a Director candidate should make of every role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CheckKind {
    Span,
    NewOrBackfill,
    DecisionRights,
    EmBench,
    PathToVp,
    SeniorHireBudget,
    TeamTopology,
}

impl CheckKind {
    pub const ALL: [CheckKind; 7] = [
        CheckKind::Span,
        CheckKind::NewOrBackfill,
        CheckKind::DecisionRights,
        CheckKind::EmBench,
        CheckKind::PathToVp,
        CheckKind::SeniorHireBudget,
        CheckKind::TeamTopology,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CheckKind::Span => "Engineers and EMs reporting in",
            CheckKind::NewOrBackfill => "New role or backfill, and the problem it solves",
            CheckKind::DecisionRights => "Decision rights with the VP of Engineering",
            CheckKind::EmBench => "State of the EM bench",
            CheckKind::PathToVp => "Path to VP",
            CheckKind::SeniorHireBudget => "Budget for a senior hire",
            CheckKind::TeamTopology => "Named team topology",
        }
    }

    /// Ready-made answers: the green and red flags a Director's search turns up.
    pub fn suggested(self) -> &'static [(Flag, &'static str)] {
        match self {
            CheckKind::Span => &[
                (
                    Flag::Green,
                    "Three to six EMs, each with a team of a workable size",
                ),
                (
                    Flag::Red,
                    "No management layer yet: a direct-report span that is unmanageable from day one",
                ),
                (Flag::Red, "More than six EMs and no operational support"),
            ],
            CheckKind::NewOrBackfill => &[
                (Flag::Green, "A new role with a clearly stated problem to solve"),
                (Flag::Green, "A backfill whose history is told openly"),
                (Flag::Red, "Nobody can say which teams are in scope"),
            ],
            CheckKind::DecisionRights => &[
                (Flag::Green, "The VP delegates operational ownership to Directors"),
                (
                    Flag::Red,
                    "Delivery responsibility without authority: EMs functionally report to the VP",
                ),
            ],
            CheckKind::EmBench => &[
                (Flag::Green, "Named, experienced EMs you would manage"),
                (
                    Flag::Red,
                    "Several weak or brand-new EMs: year one is EM development or replacement",
                ),
            ],
            CheckKind::PathToVp => &[
                (
                    Flag::Green,
                    "A clear succession path, or a VP who wants to grow Directors",
                ),
                (
                    Flag::Red,
                    "Several Directors under one VP who has no plan to move",
                ),
            ],
            CheckKind::SeniorHireBudget => &[
                (
                    Flag::Green,
                    "Budget for at least one senior hire in the first year",
                ),
                (Flag::Red, "A hiring freeze with a delivery mandate"),
            ],
            CheckKind::TeamTopology => &[
                (Flag::Green, "A clear topology with named teams and interfaces"),
                (
                    Flag::Green,
                    "Established planning, incident and technical-decision processes",
                ),
                (Flag::Red, "Teams grew with no structure; ownership is unclear"),
            ],
        }
    }

    /// The bank tags that mark a question to ask as practising this check. A question
    /// practises a check when it carries one of these tags (named explicitly in the
    /// banks), never because a word of its prompt happens to match.
    pub fn tags(self) -> &'static [&'static str] {
        match self {
            CheckKind::Span => &["span-of-control"],
            CheckKind::NewOrBackfill => &["new-role", "backfill"],
            CheckKind::DecisionRights => &["decision-rights"],
            CheckKind::EmBench => &["em-bench"],
            CheckKind::PathToVp => &["vp-track", "career-path"],
            CheckKind::SeniorHireBudget => &["senior-hire"],
            CheckKind::TeamTopology => &["team-topology"],
        }
    }
}

/// One check of one role: what was heard and what it signals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub kind: CheckKind,
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub flag: Flag,
}

impl Check {
    pub fn is_answered(&self) -> bool {
        !self.answer.trim().is_empty() || self.flag != Flag::Unknown
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Currency {
    #[default]
    Usd,
    Eur,
}

/// Base salary heard, per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compensation {
    pub base: u32,
    pub currency: Currency,
}

/// Where a salary sits against the remote Director ranges in the role text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    Below,
    Within,
    Above,
}

impl Compensation {
    /// The typical remote Director base range: US $180k–$240k, Europe €110k–€160k.
    pub fn range(self) -> (u32, u32) {
        match self.currency {
            Currency::Usd => (180_000, 240_000),
            Currency::Eur => (110_000, 160_000),
        }
    }

    pub fn band(self) -> Band {
        let (low, high) = self.range();
        if self.base < low {
            Band::Below
        } else if self.base > high {
            Band::Above
        } else {
            Band::Within
        }
    }

    pub fn describe(self) -> String {
        let (symbol, (low, high)) = match self.currency {
            Currency::Usd => ("$", self.range()),
            Currency::Eur => ("€", self.range()),
        };
        let band = match self.band() {
            Band::Below => "below",
            Band::Within => "within",
            Band::Above => "above",
        };
        format!(
            "{symbol}{}k: {band} the typical {symbol}{}k–{symbol}{}k",
            self.base / 1000,
            low / 1000,
            high / 1000
        )
    }
}

/// A role the candidate is considering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub id: String,
    pub company: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub sector: String,
    pub checks: Vec<Check>,
    #[serde(default)]
    pub compensation: Option<Compensation>,
    #[serde(default)]
    pub notes: String,
}

impl Role {
    /// A role with every check, none answered yet.
    pub fn new(company: &str) -> Self {
        Self {
            id: String::new(),
            company: company.to_owned(),
            title: "Director of Engineering".to_owned(),
            stage: String::new(),
            sector: String::new(),
            checks: CheckKind::ALL
                .iter()
                .map(|kind| Check {
                    kind: *kind,
                    answer: String::new(),
                    flag: Flag::Unknown,
                })
                .collect(),
            compensation: None,
            notes: String::new(),
        }
    }

    pub fn check(&self, kind: CheckKind) -> Option<&Check> {
        self.checks.iter().find(|c| c.kind == kind)
    }

    pub fn count(&self, flag: Flag) -> usize {
        self.checks.iter().filter(|c| c.flag == flag).count()
    }

    pub fn unanswered(&self) -> Vec<CheckKind> {
        CheckKind::ALL
            .iter()
            .copied()
            .filter(|k| !self.check(*k).is_some_and(Check::is_answered))
            .collect()
    }
}

/// `<data>/roles.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleBook {
    pub format: u32,
    #[serde(default)]
    pub roles: Vec<Role>,
}

impl Default for RoleBook {
    fn default() -> Self {
        Self {
            format: PREP_FORMAT,
            roles: Vec::new(),
        }
    }
}

impl RoleBook {
    pub fn get(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    pub fn add(&mut self, mut role: Role) -> String {
        role.id = super::make_id(&role.company, |id| self.get(id).is_some());
        let id = role.id.clone();
        self.roles.push(role);
        id
    }
}

/// Reverse-interview questions that practise the checks still unanswered for a role,
/// at most `limit`, as global ids: for each check, the first question to ask tagged with
/// one of the check's [`CheckKind::tags`].
pub fn questions_for_unanswered(role: &Role, catalog: &Catalog, limit: usize) -> Vec<String> {
    let mut picked = Vec::new();
    for kind in role.unanswered() {
        if picked.len() == limit {
            break;
        }
        let found = catalog
            .questions()
            .filter(|q| q.question.round == Round::ReverseInterview)
            .find(|q| {
                q.question.tags.iter().any(|t| kind.tags().contains(&t.as_str()))
                    && !picked.contains(&q.global_id())
            });
        if let Some(q) = found {
            picked.push(q.global_id());
        }
    }
    picked
}

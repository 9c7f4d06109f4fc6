//! The format's semantic rules, checked after a file parses.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::competency::{BUILT_IN_COMPETENCIES, is_built_in};
use super::locate::{BankLayout, find_field, find_string, line_col};
use super::parse::closest;
use super::{BANK_FORMAT, Bank, Problem, Question};

mod levels_rules;

/// The longest prompt accepted, so that one pasted document cannot freeze a screen.
pub const MAX_PROMPT_BYTES: usize = 64 * 1024;
pub const MAX_MINUTES: u32 = 180;

struct Checker<'a> {
    path: &'a str,
    text: &'a str,
    /// Where the questions stand; `None` to find it only when a problem needs a place.
    given_layout: Option<&'a BankLayout>,
    found_layout: OnceCell<BankLayout>,
    problems: Vec<Problem>,
}

/// Every semantic problem of a parsed bank, located in `text` where possible.
/// Without a `layout`, the text is scanned only if there is a problem to locate,
/// so that a valid bank costs no more than parsing it.
pub(crate) fn validate(path: &str, text: &str, layout: Option<&BankLayout>, bank: &Bank) -> Vec<Problem> {
    let mut checker = Checker {
        path,
        text,
        given_layout: layout,
        found_layout: OnceCell::new(),
        problems: Vec::new(),
    };
    checker.bank(bank);
    checker.problems
}

pub(crate) fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl Checker<'_> {
    fn layout(&self) -> &BankLayout {
        match self.given_layout {
            Some(layout) => layout,
            None => self.found_layout.get_or_init(|| BankLayout::of(self.text)),
        }
    }

    fn question_range(&self, index: usize) -> Option<Range<usize>> {
        self.layout().questions.get(index).cloned()
    }

    /// Where question `index`'s id stands.
    fn id_at(&self, index: usize, id: &str) -> Option<usize> {
        let range = self.question_range(index)?;
        find_string(self.text, &range, Some("id"), id)
    }

    /// Where field `name` of question `index` stands, else its id.
    fn field_at(&self, index: usize, name: &str, id: &str) -> Option<usize> {
        self.question_range(index)
            .and_then(|r| find_field(self.text, &r, name))
            .or_else(|| self.id_at(index, id))
    }

    fn at(&self, offset: Option<usize>) -> Option<(usize, usize)> {
        offset.map(|o| line_col(self.text, o))
    }

    fn whole(&self) -> Range<usize> {
        0..self.text.len()
    }

    fn error(&mut self, offset: Option<usize>, message: String) {
        let at = self.at(offset);
        self.problems.push(Problem::error(self.path, at, message));
    }

    fn bank(&mut self, bank: &Bank) {
        let (text, whole) = (self.text, self.whole());
        let field = |name| find_field(text, &whole, name);
        if bank.format != BANK_FORMAT {
            let message = if bank.format > BANK_FORMAT {
                format!(
                    "format {} was written by a newer Panelist; this version reads format {BANK_FORMAT}",
                    bank.format
                )
            } else {
                format!(
                    "unsupported format {}; this version reads format {BANK_FORMAT}",
                    bank.format
                )
            };
            self.error(field("format"), message);
            return;
        }
        if !is_valid_id(&bank.id) {
            self.error(
                field("id"),
                format!("bank id \"{}\" must match [a-z0-9][a-z0-9-]*", bank.id),
            );
        }
        if bank.title.trim().is_empty() {
            self.error(field("title"), "bank title is empty".to_owned());
        }
        self.declared_competencies(bank);
        self.competency_levels(bank);
        if bank.questions.is_empty() {
            let at = self.at(field("questions"));
            self.problems
                .push(Problem::warning(self.path, at, "the bank has no questions"));
        }
        let known: HashSet<&str> = BUILT_IN_COMPETENCIES
            .iter()
            .map(|(id, _)| *id)
            .chain(bank.competencies.iter().map(|c| c.id.as_str()))
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (index, question) in bank.questions.iter().enumerate() {
            if let Some(&first) = seen.get(question.id.as_str()) {
                let first_place = match self.at(self.id_at(first, &question.id)) {
                    Some((line, col)) => format!("{}:{line}:{col}", self.path),
                    None => self.path.to_owned(),
                };
                self.error(
                    self.id_at(index, &question.id),
                    format!(
                        "duplicate question id \"{}\" (first defined at {first_place})",
                        question.id
                    ),
                );
            } else {
                seen.insert(&question.id, index);
            }
            self.question(question, index, &known);
        }
    }

    fn declared_competencies(&mut self, bank: &Bank) {
        let mut seen = HashSet::new();
        for (index, competency) in bank.competencies.iter().enumerate() {
            let id = &competency.id;
            let mut messages = Vec::new();
            if !is_valid_id(id) {
                messages.push(format!("competency id \"{id}\" must match [a-z0-9][a-z0-9-]*"));
            } else if is_built_in(id) {
                messages.push(format!(
                    "competency \"{id}\" shadows the built-in competency of that id"
                ));
            } else if !seen.insert(id.as_str()) {
                messages.push(format!("competency \"{id}\" is declared twice"));
            }
            if competency.name.trim().is_empty() {
                messages.push(format!("competency \"{id}\" has an empty name"));
            }
            if messages.is_empty() {
                continue;
            }
            let at = self
                .layout()
                .competencies
                .get(index)
                .and_then(|r| find_string(self.text, r, Some("id"), id));
            for message in messages {
                self.error(at, message);
            }
        }
    }

    fn question(&mut self, q: &Question, index: usize, known: &HashSet<&str>) {
        let id = &q.id;
        if !is_valid_id(id) {
            self.error(
                self.id_at(index, id),
                format!("question id \"{id}\" must match [a-z0-9][a-z0-9-]*"),
            );
        }
        if q.title.trim().is_empty() {
            self.error(
                self.field_at(index, "title", id),
                format!("empty title in question \"{id}\""),
            );
        } else if q.title.contains('\n') {
            self.error(
                self.field_at(index, "title", id),
                format!("title of question \"{id}\" must be one line"),
            );
        }
        if q.prompt.trim().is_empty() {
            self.error(
                self.field_at(index, "prompt", id),
                format!("empty prompt in question \"{id}\""),
            );
        } else if q.prompt.len() > MAX_PROMPT_BYTES {
            self.error(
                self.field_at(index, "prompt", id),
                format!(
                    "the prompt of question \"{id}\" is {} KB; a prompt may be at most {} KB",
                    q.prompt.len() / 1024,
                    MAX_PROMPT_BYTES / 1024
                ),
            );
        }
        if !(1..=MAX_MINUTES).contains(&q.minutes) {
            self.error(
                self.field_at(index, "minutes", id),
                format!(
                    "minutes must be 1..={MAX_MINUTES}, not {} in question \"{id}\"",
                    q.minutes
                ),
            );
        }
        if q.prep_minutes > MAX_MINUTES {
            self.error(
                self.field_at(index, "prep_minutes", id),
                format!(
                    "prep_minutes must be 0..={MAX_MINUTES}, not {} in question \"{id}\"",
                    q.prep_minutes
                ),
            );
        }
        if q.competencies.is_empty() {
            self.error(
                self.field_at(index, "competencies", id),
                format!("question \"{id}\" needs at least one competency"),
            );
        }
        for competency in &q.competencies {
            if !known.contains(competency.as_str()) {
                let at = self
                    .question_range(index)
                    .and_then(|r| find_string(self.text, &r, Some("competencies"), competency))
                    .or_else(|| self.id_at(index, id));
                let hint = closest(competency, known.iter().copied())
                    .map(|best| format!(" (did you mean \"{best}\"?)"))
                    .unwrap_or_default();
                self.error(
                    at,
                    format!("unknown competency \"{competency}\" in question \"{id}\"{hint}"),
                );
            }
        }
        if !q.phases.is_empty() {
            let sum: u32 = q.phases.iter().map(|p| p.minutes).sum();
            if sum != q.minutes {
                self.error(
                    self.field_at(index, "phases", id),
                    format!(
                        "phases of question \"{id}\" sum to {sum} minutes but the question has {}",
                        q.minutes
                    ),
                );
            }
            for phase in &q.phases {
                if phase.name.trim().is_empty() {
                    self.error(
                        self.field_at(index, "phases", id),
                        format!("a phase of question \"{id}\" has an empty name"),
                    );
                }
                if phase.minutes == 0 {
                    self.error(
                        self.field_at(index, "phases", id),
                        format!("phase \"{}\" of question \"{id}\" has 0 minutes", phase.name),
                    );
                }
            }
        }
        for (name, list) in [
            ("follow_ups", &q.follow_ups),
            ("strong_signals", &q.strong_signals),
            ("weak_signals", &q.weak_signals),
            ("tags", &q.tags),
        ] {
            if list.iter().any(|item| item.trim().is_empty()) {
                self.error(
                    self.field_at(index, name, id),
                    format!("empty text in {name} of question \"{id}\""),
                );
            }
        }
        self.question_levels(q, index);
    }
}

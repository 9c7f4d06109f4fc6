//! The format's semantic rules, checked after a file parses.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::competency::{BUILT_IN_COMPETENCIES, is_built_in};
use super::locate::{BankLayout, LineIndex, find_field, find_string};
use super::parse::closest;
use super::{BANK_FORMAT, Bank, FollowUpTiming, Problem, Question, Severity};

mod levels_rules;

/// The longest prompt accepted, so that one pasted document cannot freeze a screen.
pub const MAX_PROMPT_BYTES: usize = 64 * 1024;
pub const MAX_MINUTES: u32 = 180;

/// How many problems of one file are listed; the rest are counted in one last entry,
/// so that a file with 60,000 problems neither takes long to locate nor floods a screen.
pub const MAX_PROBLEMS_PER_FILE: usize = 200;

/// The problems of one file: the first [`MAX_PROBLEMS_PER_FILE`] found, located, and how
/// many more there are.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    pub problems: Vec<Problem>,
    pub unlisted: usize,
}

struct Checker<'a> {
    path: &'a str,
    text: &'a str,
    /// Where the questions stand; `None` to find it only when a problem needs a place.
    given_layout: Option<&'a BankLayout>,
    found_layout: OnceCell<BankLayout>,
    lines: OnceCell<LineIndex<'a>>,
    /// Whether the file has questions that did not parse (so the list is not empty).
    unparsed_questions: bool,
    checked: Checked,
    /// Messages of the problems of the current question (or declared competency), so that
    /// a repeated problem (two empty phase names, in one place) is reported once.
    messages_here: HashSet<String>,
    /// Where each first definition of a repeated id stands, found once.
    first_places: HashMap<usize, String>,
}

/// Where a problem stands, found only if the problem is listed.
#[derive(Clone, Copy)]
enum Place<'q> {
    /// A field of the bank itself.
    BankField(&'static str),
    /// The id of question `index`.
    Id(usize, &'q str),
    /// A field of question `index`, else its id.
    Field(usize, &'static str, &'q str),
    /// The string `value` in list `field` of question `index`, else its id.
    InList(usize, &'static str, &'q str, &'q str),
    /// The id of declared competency `index`.
    Competency(usize, &'q str),
    /// An offset found already (or none).
    At(Option<usize>),
}

impl From<Option<usize>> for Place<'_> {
    fn from(offset: Option<usize>) -> Self {
        Place::At(offset)
    }
}

/// Every semantic problem of a parsed bank, located in `text` where possible.
/// Without a `layout`, the text is scanned only if there is a problem to locate,
/// so that a valid bank costs no more than parsing it. Locating costs a binary search
/// per problem, and only the first [`MAX_PROBLEMS_PER_FILE`] are located.
pub(crate) fn validate(
    path: &str,
    text: &str,
    layout: Option<&BankLayout>,
    unparsed_questions: bool,
    bank: &Bank,
) -> Checked {
    let mut checker = Checker {
        path,
        text,
        given_layout: layout,
        found_layout: OnceCell::new(),
        lines: OnceCell::new(),
        unparsed_questions,
        checked: Checked::default(),
        messages_here: HashSet::new(),
        first_places: HashMap::new(),
    };
    checker.bank(bank);
    checker.checked
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
        let lines = self.lines.get_or_init(|| LineIndex::new(self.text));
        offset.map(|o| lines.line_col(o))
    }

    fn offset(&self, place: Place<'_>) -> Option<usize> {
        match place {
            Place::BankField(name) => find_field(self.text, &(0..self.text.len()), name),
            Place::Id(index, id) => self.id_at(index, id),
            Place::Field(index, name, id) => self.field_at(index, name, id),
            Place::InList(index, field, value, id) => self
                .question_range(index)
                .and_then(|r| find_string(self.text, &r, Some(field), value))
                .or_else(|| self.id_at(index, id)),
            Place::Competency(index, id) => self
                .layout()
                .competencies
                .get(index)
                .and_then(|r| find_string(self.text, r, Some("id"), id)),
            Place::At(offset) => offset,
        }
    }

    fn full(&self) -> bool {
        self.checked.problems.len() >= MAX_PROBLEMS_PER_FILE
    }

    fn error<'q>(&mut self, place: impl Into<Place<'q>>, message: String) {
        self.report(place.into(), Severity::Error, message);
    }

    /// Lists a problem, located, or counts it once the list is full.
    fn report(&mut self, place: Place<'_>, severity: Severity, message: String) {
        if !self.messages_here.insert(message.clone()) {
            return;
        }
        if self.full() {
            self.checked.unlisted += 1;
            return;
        }
        let at = self.at(self.offset(place));
        let problem = match severity {
            Severity::Error => Problem::error(self.path, at, message),
            Severity::Warning => Problem::warning(self.path, at, message),
        };
        self.checked.problems.push(problem);
    }

    /// `path:line:col` of question `first`'s id, found once per question.
    fn first_place(&mut self, first: usize, id: &str) -> String {
        if let Some(place) = self.first_places.get(&first) {
            return place.clone();
        }
        let place = match self.at(self.id_at(first, id)) {
            Some((line, col)) => format!("{}:{line}:{col}", self.path),
            None => self.path.to_owned(),
        };
        self.first_places.insert(first, place.clone());
        place
    }

    fn bank(&mut self, bank: &Bank) {
        let field = Place::BankField;
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
        if bank.questions.is_empty() && !self.unparsed_questions {
            self.report(
                field("questions"),
                Severity::Warning,
                "the bank has no questions".to_owned(),
            );
        }
        let known: HashSet<&str> = BUILT_IN_COMPETENCIES
            .iter()
            .map(|(id, _)| *id)
            .chain(bank.competencies.iter().map(|c| c.id.as_str()))
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (index, question) in bank.questions.iter().enumerate() {
            self.messages_here.clear();
            if let Some(&first) = seen.get(question.id.as_str()) {
                let first_place = if self.full() {
                    String::new()
                } else {
                    self.first_place(first, &question.id)
                };
                self.error(
                    Place::Id(index, &question.id),
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
            self.messages_here.clear();
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
            for message in messages {
                self.error(Place::Competency(index, id), message);
            }
        }
    }

    /// Each timing names a moment the answer has: within its minutes, or one of its phases.
    fn follow_up_timing(&mut self, q: &Question, index: usize) {
        let id = &q.id;
        let at = || Place::Field(index, "follow_up_timing", id);
        if q.follow_up_timing.len() > q.follow_ups.len() {
            self.error(
                at(),
                format!(
                    "question \"{id}\" times {} follow-ups but has {}",
                    q.follow_up_timing.len(),
                    q.follow_ups.len()
                ),
            );
        }
        for (n, timing) in q.follow_up_timing.iter().enumerate() {
            match timing {
                FollowUpTiming::Untimed => {}
                FollowUpTiming::AfterMinutes(minutes) if *minutes == 0 || *minutes >= q.minutes => {
                    self.error(
                        at(),
                        format!(
                            "follow-up {} of question \"{id}\" is timed after {minutes} minutes; it must be 1 to {} (the answer is {} minutes)",
                            n + 1,
                            q.minutes.saturating_sub(1),
                            q.minutes
                        ),
                    );
                }
                FollowUpTiming::AfterMinutes(_) => {}
                FollowUpTiming::AtPhase(phase) if !q.phases.iter().any(|p| p.name == *phase) => {
                    let known = if q.phases.is_empty() {
                        "the question has no phases".to_owned()
                    } else {
                        let names: Vec<String> = q.phases.iter().map(|p| format!("\"{}\"", p.name)).collect();
                        format!("its phases are {}", names.join(", "))
                    };
                    self.error(
                        at(),
                        format!(
                            "follow-up {} of question \"{id}\" is timed at phase \"{phase}\", which it does not have ({known})",
                            n + 1
                        ),
                    );
                }
                FollowUpTiming::AtPhase(_) => {}
            }
        }
    }

    fn question(&mut self, q: &Question, index: usize, known: &HashSet<&str>) {
        let id = &q.id;
        if !is_valid_id(id) {
            self.error(
                Place::Id(index, id),
                format!("question id \"{id}\" must match [a-z0-9][a-z0-9-]*"),
            );
        }
        if q.title.trim().is_empty() {
            self.error(
                Place::Field(index, "title", id),
                format!("empty title in question \"{id}\""),
            );
        } else if q.title.contains('\n') {
            self.error(
                Place::Field(index, "title", id),
                format!("title of question \"{id}\" must be one line"),
            );
        }
        if q.prompt.trim().is_empty() {
            self.error(
                Place::Field(index, "prompt", id),
                format!("empty prompt in question \"{id}\""),
            );
        } else if q.prompt.len() > MAX_PROMPT_BYTES {
            self.error(
                Place::Field(index, "prompt", id),
                format!(
                    "the prompt of question \"{id}\" is {} KB; a prompt may be at most {} KB",
                    q.prompt.len() / 1024,
                    MAX_PROMPT_BYTES / 1024
                ),
            );
        }
        if !(1..=MAX_MINUTES).contains(&q.minutes) {
            self.error(
                Place::Field(index, "minutes", id),
                format!(
                    "minutes must be 1..={MAX_MINUTES}, not {} in question \"{id}\"",
                    q.minutes
                ),
            );
        }
        if q.prep_minutes > MAX_MINUTES {
            self.error(
                Place::Field(index, "prep_minutes", id),
                format!(
                    "prep_minutes must be 0..={MAX_MINUTES}, not {} in question \"{id}\"",
                    q.prep_minutes
                ),
            );
        }
        if q.competencies.is_empty() {
            self.error(
                Place::Field(index, "competencies", id),
                format!("question \"{id}\" needs at least one competency"),
            );
        }
        for competency in &q.competencies {
            if !known.contains(competency.as_str()) {
                let at = Place::InList(index, "competencies", competency, id);
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
                    Place::Field(index, "phases", id),
                    format!(
                        "phases of question \"{id}\" sum to {sum} minutes but the question has {}",
                        q.minutes
                    ),
                );
            }
            for phase in &q.phases {
                if phase.name.trim().is_empty() {
                    self.error(
                        Place::Field(index, "phases", id),
                        format!("a phase of question \"{id}\" has an empty name"),
                    );
                }
                if phase.minutes == 0 {
                    self.error(
                        Place::Field(index, "phases", id),
                        format!("phase \"{}\" of question \"{id}\" has 0 minutes", phase.name),
                    );
                }
            }
        }
        self.follow_up_timing(q, index);
        for (name, list) in [
            ("follow_ups", &q.follow_ups),
            ("strong_signals", &q.strong_signals),
            ("weak_signals", &q.weak_signals),
            ("tags", &q.tags),
        ] {
            if list.iter().any(|item| item.trim().is_empty()) {
                self.error(
                    Place::Field(index, name, id),
                    format!("empty text in {name} of question \"{id}\""),
                );
            }
        }
        self.question_levels(q, index);
    }
}

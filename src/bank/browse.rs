//! Searching and filtering the catalog for the question browser (no egui here).

use std::collections::HashMap;

use super::{Catalog, Difficulty, QuestionRef, Round};

/// Whether the user has practised a question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Practised {
    #[default]
    Any,
    Practised,
    Never,
}

impl Practised {
    pub const ALL: [Practised; 3] = [Practised::Any, Practised::Practised, Practised::Never];

    pub fn label(self) -> &'static str {
        match self {
            Practised::Any => "Practised or not",
            Practised::Practised => "Practised",
            Practised::Never => "Never practised",
        }
    }
}

/// What the browser shows: a search text and one optional value per filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowseFilter {
    /// Words that must all appear in the title, prompt or tags (any case).
    pub query: String,
    /// A bank id.
    pub bank: Option<String>,
    pub round: Option<Round>,
    /// A competency id.
    pub competency: Option<String>,
    pub difficulty: Option<Difficulty>,
    pub tag: Option<String>,
    pub practised: Practised,
}

impl BrowseFilter {
    fn accepts<T>(&self, q: &QuestionRef<'_>, words: &[String], last: &HashMap<String, T>) -> bool {
        let question = q.question;
        if self.bank.as_ref().is_some_and(|b| *b != q.bank.bank.id)
            || self.round.is_some_and(|r| r != question.round)
            || self.difficulty.is_some_and(|d| d != question.difficulty)
            || self
                .competency
                .as_ref()
                .is_some_and(|c| !question.competencies.contains(c))
            || self.tag.as_ref().is_some_and(|t| !question.tags.contains(t))
        {
            return false;
        }
        let practised_ok = match self.practised {
            Practised::Any => true,
            Practised::Practised => last.contains_key(&q.global_id()),
            Practised::Never => !last.contains_key(&q.global_id()),
        };
        practised_ok && words.iter().all(|word| matches_word(q, word))
    }
}

fn matches_word(q: &QuestionRef<'_>, word: &str) -> bool {
    let question = q.question;
    contains_lower(&question.title, word)
        || question.tags.iter().any(|t| contains_lower(t, word))
        || contains_lower(&question.prompt, word)
}

/// Case-insensitive `contains` for a lower-case needle, without allocating for ASCII text.
fn contains_lower(haystack: &str, needle: &str) -> bool {
    if haystack.is_ascii() && needle.is_ascii() {
        haystack
            .as_bytes()
            .windows(needle.len().max(1))
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    } else {
        haystack.to_lowercase().contains(needle)
    }
}

/// The questions that pass `filter`, as (bank index, question index) into `catalog.banks`,
/// sorted by title (any case), then bank and question id. `last_practised` is keyed by global id.
pub fn filter_questions<T>(
    catalog: &Catalog,
    filter: &BrowseFilter,
    last_practised: &HashMap<String, T>,
) -> Vec<(usize, usize)> {
    let words: Vec<String> = filter.query.split_whitespace().map(str::to_lowercase).collect();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (b, bank) in catalog.banks.iter().enumerate() {
        for (i, question) in bank.bank.questions.iter().enumerate() {
            if filter.accepts(&QuestionRef { bank, question }, &words, last_practised) {
                found.push((b, i));
            }
        }
    }
    let key = |&(b, i): &(usize, usize)| {
        let bank = &catalog.banks[b].bank;
        (bank.questions[i].title.to_lowercase(), b, i)
    };
    found.sort_by_cached_key(key);
    found
}

/// Every tag used by a loaded question, sorted, once each.
pub fn all_tags(catalog: &Catalog) -> Vec<String> {
    let mut tags: Vec<String> = catalog
        .questions()
        .flat_map(|q| q.question.tags.iter().cloned())
        .collect();
    tags.sort();
    tags.dedup();
    tags
}

#[cfg(test)]
#[path = "browse_tests.rs"]
mod tests;

//! The rules of the second edition's optional fields: a question's `levels` and a
//! declared competency's `levels`. (`style` needs none beyond RON's own: an unknown
//! value is a parse error with a did-you-mean.)

use std::ops::Range;

use super::Checker;
use crate::bank::locate::{find_field, find_string};
use crate::bank::parse::closest;
use crate::bank::{Bank, Levels, Question};

impl Checker<'_> {
    /// Levels keys must be competencies the question lists, and no level text may be empty.
    pub(super) fn question_levels(&mut self, q: &Question, index: usize) {
        let id = &q.id;
        for (key, levels) in &q.levels {
            let unlisted = !q.competencies.is_empty() && !q.competencies.contains(key);
            // a valid bank's text is never scanned: places are found only for problems
            if !unlisted && !has_empty_text(levels) {
                continue;
            }
            let key_at = self
                .question_range(index)
                .and_then(|r| find_string(self.text, &r, Some("levels"), key));
            // a question with no competencies has that error already: one is enough
            if unlisted {
                let hint = closest(key, q.competencies.iter().map(String::as_str))
                    .map(|best| format!(" (did you mean \"{best}\"?)"))
                    .unwrap_or_default();
                let listed = q.competencies.join(", ");
                self.error(
                    key_at.or_else(|| self.field_at(index, "levels", id)),
                    format!(
                        "levels for \"{key}\" in question \"{id}\", which does not list that competency{hint}; its competencies: {listed}"
                    ),
                );
            }
            let end = self.question_range(index).map_or(self.text.len(), |r| r.end);
            let within = key_at.map(|start| start..end);
            let place = format!("levels for \"{key}\" of question \"{id}\"");
            self.empty_level_texts(levels, within, &place, key_at);
        }
    }

    /// A declared competency's levels may not have an empty text.
    pub(super) fn competency_levels(&mut self, bank: &Bank) {
        for (index, competency) in bank.competencies.iter().enumerate() {
            let Some(levels) = competency.levels.as_ref().filter(|l| has_empty_text(l)) else {
                continue;
            };
            let range = self.layout().competencies.get(index).cloned();
            let levels_at = range.as_ref().and_then(|r| find_field(self.text, r, "levels"));
            let within = levels_at.zip(range).map(|(start, r)| start..r.end);
            let place = format!("levels of competency \"{}\"", competency.id);
            self.empty_level_texts(levels, within, &place, levels_at);
        }
    }

    /// Reports each empty text of `levels`, at its field inside `within` (which starts at
    /// the levels' key or field name), else at `fallback`.
    fn empty_level_texts(
        &mut self,
        levels: &Levels,
        within: Option<Range<usize>>,
        place: &str,
        fallback: Option<usize>,
    ) {
        for (field, text) in levels.texts() {
            if text.trim().is_empty() {
                // from the key, the `Levels(` fields stand one bracket deep
                let at = within
                    .as_ref()
                    .and_then(|r| find_field(self.text, r, field))
                    .or(fallback);
                self.error(at, format!("empty `{field}` text in the {place}"));
            }
        }
    }
}

fn has_empty_text(levels: &Levels) -> bool {
    levels.texts().into_iter().any(|(_, text)| text.trim().is_empty())
}

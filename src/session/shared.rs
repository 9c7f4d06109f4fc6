//! One copy of each question snapshot in memory, however many sessions asked it.
//!
//! Every session file keeps the full text of its questions, so history survives bank
//! edits. Loaded as they are, 1,000 sessions hold thousands of copies of the same few
//! hundred questions. Sessions share a snapshot when it is identical (same global id,
//! same text); a snapshot taken before a bank edit stays a copy of its own.

use std::collections::HashMap;
use std::sync::Arc;

use super::Session;
use crate::bank::Question;

#[derive(Default)]
pub struct SharedQuestions {
    by_id: HashMap<String, Vec<Arc<Question>>>,
}

impl SharedQuestions {
    /// Points every question of `session` at the shared copy, keeping the first one seen.
    pub fn share(&mut self, session: &mut Session) {
        for record in &mut session.questions {
            let copies = self.by_id.entry(record.global_id.clone()).or_default();
            match copies.iter().find(|copy| **copy == record.question) {
                Some(copy) => record.question = Arc::clone(copy),
                None => copies.push(Arc::clone(&record.question)),
            }
        }
    }

    /// How many distinct snapshots are held.
    pub fn len(&self) -> usize {
        self.by_id.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::bank::generate::generated;
    use crate::session::Mode;

    fn session(id: &str, questions: &[Question]) -> Session {
        let now = DateTime::parse_from_rfc3339("2026-11-01T09:00:00+00:00").expect("date");
        let picks = questions
            .iter()
            .map(|q| (format!("b/{}", q.id), q.clone()))
            .collect();
        Session::new(id.to_owned(), now, Mode::Solo, "t".to_owned(), 1.0, picks)
    }

    #[test]
    fn identical_snapshots_are_held_once_and_edited_ones_apart() {
        let bank = generated("b", 2, 7);
        let mut edited = bank.questions[0].clone();
        edited.prompt.push_str(" (edited)");
        let mut a = session("a", &bank.questions);
        let mut b = session("b", &bank.questions);
        let mut c = session("c", &[edited.clone()]);
        let mut shared = SharedQuestions::default();
        for s in [&mut a, &mut b, &mut c] {
            shared.share(s);
        }
        assert_eq!(shared.len(), 3);
        assert!(Arc::ptr_eq(&a.questions[0].question, &b.questions[0].question));
        assert!(Arc::ptr_eq(&a.questions[1].question, &b.questions[1].question));
        assert!(!Arc::ptr_eq(&a.questions[0].question, &c.questions[0].question));
        assert_eq!(*c.questions[0].question, edited);
    }
}

//! Progress and the review schedule, cached until the history changes.

use chrono::NaiveDate;

use super::{Progress, Schedule};
use crate::bank::Catalog;
use crate::session::{RoundKind, RoundSpec, Session};

/// How many questions a one-click review round holds at most.
pub const REVIEW_ROUND_SIZE: usize = 3;

/// Derived figures, recomputed only when the history's revision changes.
#[derive(Debug, Clone, Default)]
pub struct Insights {
    revision: Option<u64>,
    pub progress: Progress,
    pub schedule: Schedule,
    /// Why the schedule could not be computed, if it could not.
    pub error: Option<String>,
}

impl Insights {
    /// Recomputes when `revision` differs from the last one seen; returns true when it did.
    pub fn refresh(&mut self, revision: u64, sessions: &[Session], catalog: &Catalog) -> bool {
        if self.revision == Some(revision) {
            return false;
        }
        self.revision = Some(revision);
        self.progress = Progress::compute(sessions, catalog);
        match Schedule::compute(sessions) {
            Ok(schedule) => {
                self.schedule = schedule;
                self.error = None;
            }
            Err(e) => {
                self.schedule = Schedule::default();
                self.error = Some(format!("the review schedule could not be computed: {e}"));
            }
        }
        true
    }

    /// Due questions that the catalog still holds, most overdue first.
    pub fn due_questions(&self, today: NaiveDate, catalog: &Catalog) -> Vec<String> {
        self.schedule
            .due(today)
            .into_iter()
            .filter(|item| catalog.question(&item.global_id).is_some())
            .map(|item| item.global_id.clone())
            .collect()
    }

    /// A round of the questions due today, or `None` when nothing is due.
    pub fn due_round(&self, today: NaiveDate, catalog: &Catalog) -> Option<RoundSpec> {
        let mut due = self.due_questions(today, catalog);
        due.truncate(REVIEW_ROUND_SIZE);
        (!due.is_empty())
            .then(|| RoundSpec::hand_picked(RoundKind::DueForReview, RoundKind::DueForReview.label(), due))
    }

    /// The weakest competency that the catalog has questions for, with its mean score.
    pub fn weakest_with_questions(&self, catalog: &Catalog) -> Option<(&str, f32)> {
        self.progress
            .weakest
            .iter()
            .find(|(competency, _)| {
                catalog
                    .questions()
                    .any(|q| q.question.competencies.contains(competency))
            })
            .map(|(c, m)| (c.as_str(), *m))
    }

    /// A round on the weakest competency, or `None` before anything was scored.
    pub fn weakest_round(&self, catalog: &Catalog) -> Option<RoundSpec> {
        let (competency, _) = self.weakest_with_questions(catalog)?;
        let filter = crate::session::Slot {
            competencies: vec![competency.to_owned()],
            ..Default::default()
        };
        let mut spec = RoundSpec::custom(2, filter);
        spec.kind = RoundKind::WeakestCompetency;
        spec.title = format!("Weakest competency: {}", catalog.competency_name(competency));
        Some(spec)
    }
}

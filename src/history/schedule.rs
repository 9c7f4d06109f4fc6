//! Spaced review with FSRS (the scheduler Anki uses), recomputed from the sessions.
//!
//! Each time a question was answered and self-assessed counts as one review; the mean
//! self-score maps to FSRS's four ratings. Editing or deleting a session therefore
//! changes the schedule the next time it is computed.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use fsrs::{DEFAULT_PARAMETERS, FSRS, FSRSItem, FSRSReview};

use crate::bank::Round;
use crate::session::Session;

/// The share of questions one expects to still answer well when they come due.
pub const DESIRED_RETENTION: f32 = 0.9;

/// FSRS rating for a mean self-score on the 1–4 scale: 1 Again, 2 Hard, 3 Good, 4 Easy.
pub fn rating_for_mean(mean: f32) -> u32 {
    if mean < 1.5 {
        1
    } else if mean < 2.5 {
        2
    } else if mean < 3.5 {
        3
    } else {
        4
    }
}

/// One practised question's place in the review schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    pub global_id: String,
    pub title: String,
    pub round: Round,
    /// (day, rating) of each review, oldest first.
    pub reviews: Vec<(NaiveDate, u32)>,
    pub stability_days: f32,
    pub interval_days: u64,
    pub due: NaiveDate,
}

impl ReviewItem {
    pub fn last_reviewed(&self) -> Option<NaiveDate> {
        self.reviews.last().map(|(day, _)| *day)
    }

    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.due <= today
    }
}

/// A question's (day, rating) reviews and the question as last asked.
type Reviews<'a> = (Vec<(NaiveDate, u32)>, &'a crate::bank::Question);

/// The review schedule of every practised question, by global id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    pub items: BTreeMap<String, ReviewItem>,
}

impl Schedule {
    /// Computes the schedule from every self-assessed answer in `sessions`.
    pub fn compute(sessions: &[Session]) -> Result<Self, fsrs::FSRSError> {
        let fsrs = FSRS::new(&DEFAULT_PARAMETERS)?;
        let mut reviews: BTreeMap<&str, Reviews<'_>> = BTreeMap::new();
        for session in sessions {
            for q in session.questions.iter().filter(|q| q.was_answered()) {
                let Some(mean) = q.self_mean() else { continue };
                let when = q.finished_at.or(q.started_at).unwrap_or(session.created);
                reviews
                    .entry(q.global_id.as_str())
                    .or_insert_with(|| (Vec::new(), &q.question))
                    .0
                    .push((when.date_naive(), rating_for_mean(mean)));
            }
        }
        let mut items = BTreeMap::new();
        for (global_id, (mut days, question)) in reviews {
            days.sort();
            let item = FSRSItem {
                reviews: days
                    .iter()
                    .scan(None, |previous: &mut Option<NaiveDate>, (day, rating)| {
                        let delta_t = previous.map_or(0, |p| (*day - p).num_days().max(0) as u32);
                        *previous = Some(*day);
                        Some(FSRSReview {
                            rating: *rating,
                            delta_t,
                        })
                    })
                    .collect(),
            };
            let state = fsrs.memory_state(item, None)?;
            let interval = fsrs.next_interval(Some(state.stability), DESIRED_RETENTION, 0);
            let interval_days = interval.round().max(1.0) as u64;
            let last = days.last().map(|(day, _)| *day).unwrap_or_default();
            items.insert(
                global_id.to_owned(),
                ReviewItem {
                    global_id: global_id.to_owned(),
                    title: question.title.clone(),
                    round: question.round,
                    reviews: days,
                    stability_days: state.stability,
                    interval_days,
                    due: last.checked_add_days(Days::new(interval_days)).unwrap_or(last),
                },
            );
        }
        Ok(Self { items })
    }

    /// Questions due on or before `today`, most overdue first.
    pub fn due(&self, today: NaiveDate) -> Vec<&ReviewItem> {
        let mut due: Vec<&ReviewItem> = self.items.values().filter(|i| i.is_due(today)).collect();
        due.sort_by(|a, b| a.due.cmp(&b.due).then(a.global_id.cmp(&b.global_id)));
        due
    }

    pub fn get(&self, global_id: &str) -> Option<&ReviewItem> {
        self.items.get(global_id)
    }
}

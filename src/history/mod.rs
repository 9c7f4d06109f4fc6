//! History: the saved sessions listed, filtered, sorted and summed up, progress over
//! time, and the spaced-review schedule. Everything here is derived from sessions,
//! which stay the single source of truth.

mod chart;
mod delivery;
mod insights;
mod progress;
mod schedule;

pub use chart::{ChartLine, Grouping, MAX_CHART_POINTS, chart_line};
pub use delivery::{DeliveryPoint, DeliverySeries, delivery_series};
pub use insights::{Insights, REVIEW_ROUND_SIZE};

pub use progress::{
    CompetencyCoverage, CompetencySeries, PhaseOverrun, Progress, RoundCoverage, RoundTiming, ScorePoint,
    Scorer,
};
pub use schedule::{ReviewItem, Schedule, rating_for_mean};

use chrono::NaiveDate;

use crate::bank::Round;
use crate::session::{Mode, Session, mean};

/// Which sessions to show. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionFilter {
    pub mode: Option<Mode>,
    pub round: Option<Round>,
    /// First day included (local date of the session's start).
    pub since: Option<NaiveDate>,
    /// Last day included.
    pub until: Option<NaiveDate>,
    /// Case-insensitive text searched in the session's and its questions' notes.
    pub text: String,
}

impl SessionFilter {
    pub fn matches(&self, session: &Session) -> bool {
        let day = session.created.date_naive();
        self.mode.is_none_or(|m| session.mode == m)
            && self.round.is_none_or(|r| session.rounds().contains(&r))
            && self.since.is_none_or(|since| day >= since)
            && self.until.is_none_or(|until| day <= until)
            && (self.text.trim().is_empty() || notes_contain(session, &self.text))
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

fn notes_contain(session: &Session, text: &str) -> bool {
    let needle = text.trim().to_lowercase();
    let panel_notes = session.panel.iter().flat_map(|p| {
        p.notes
            .iter()
            .map(|n| n.text.as_str())
            .chain([p.discussion.as_str()])
    });
    std::iter::once(session.notes.as_str())
        .chain(session.questions.iter().map(|q| q.notes.as_str()))
        .chain(panel_notes)
        .any(|notes| notes.to_lowercase().contains(&needle))
}

/// How the history list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SortKey {
    #[default]
    NewestFirst,
    OldestFirst,
    LowestMean,
    HighestMean,
    MostOverTime,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::NewestFirst,
        SortKey::OldestFirst,
        SortKey::LowestMean,
        SortKey::HighestMean,
        SortKey::MostOverTime,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortKey::NewestFirst => "Newest first",
            SortKey::OldestFirst => "Oldest first",
            SortKey::LowestMean => "Lowest mean score",
            SortKey::HighestMean => "Highest mean score",
            SortKey::MostOverTime => "Most over time",
        }
    }
}

/// One row of the history list: the figures derived from a session.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSummary {
    pub id: String,
    pub date: NaiveDate,
    pub mode: Mode,
    pub title: String,
    pub candidate: String,
    pub rounds: Vec<Round>,
    pub questions: usize,
    pub answered: usize,
    /// Answer time used and targeted over answered questions, in seconds.
    pub used_secs: u64,
    pub target_secs: u64,
    /// Mean self-score over the session.
    pub self_mean: Option<f32>,
    /// Mean of every submitted panel score, for panel sessions.
    pub panel_mean: Option<f32>,
}

impl SessionSummary {
    pub fn of(session: &Session) -> Self {
        let (used_secs, target_secs) = session.time_used_vs_target();
        let panel_mean = session.panel.as_ref().and_then(|panel| {
            mean(
                panel
                    .scorecards
                    .iter()
                    .filter(|c| c.is_submitted())
                    .flat_map(|c| c.scores.values().copied()),
            )
        });
        Self {
            id: session.id.clone(),
            date: session.created.date_naive(),
            mode: session.mode,
            title: session.title.clone(),
            candidate: session.candidate.clone(),
            rounds: session.rounds(),
            questions: session.questions.len(),
            answered: session.questions.iter().filter(|q| q.was_answered()).count(),
            used_secs,
            target_secs,
            self_mean: session.self_mean(),
            panel_mean,
        }
    }

    /// Seconds over target (negative when under).
    pub fn over_secs(&self) -> i64 {
        self.used_secs as i64 - self.target_secs as i64
    }

    /// "Solo" or "Panel · <candidate>".
    pub fn mode_label(&self) -> String {
        match (self.mode, self.candidate.trim()) {
            (Mode::Panel, "") => "Panel".to_owned(),
            (Mode::Panel, who) => format!("Panel · {who}"),
            (Mode::Solo, _) => "Solo".to_owned(),
        }
    }

    /// The mean shown in lists: the panel's for panel sessions when there is one.
    pub fn shown_mean(&self) -> Option<f32> {
        self.panel_mean.or(self.self_mean)
    }
}

/// The summaries of the sessions `filter` accepts, ordered by `sort`.
pub fn list(sessions: &[Session], filter: &SessionFilter, sort: SortKey) -> Vec<SessionSummary> {
    let mut rows: Vec<(SessionSummary, chrono::DateTime<chrono::FixedOffset>)> = sessions
        .iter()
        .filter(|s| filter.matches(s))
        .map(|s| (SessionSummary::of(s), s.created))
        .collect();
    let by_mean = |row: &SessionSummary| row.shown_mean().unwrap_or(f32::NAN);
    rows.sort_by(|(a, a_at), (b, b_at)| {
        let newest = b_at.cmp(a_at).then_with(|| b.id.cmp(&a.id));
        match sort {
            SortKey::NewestFirst => newest,
            SortKey::OldestFirst => newest.reverse(),
            // sessions without a score go last either way
            SortKey::LowestMean => nan_last(by_mean(a), by_mean(b), false).then(newest),
            SortKey::HighestMean => nan_last(by_mean(a), by_mean(b), true).then(newest),
            SortKey::MostOverTime => b.over_secs().cmp(&a.over_secs()).then(newest),
        }
    });
    rows.into_iter().map(|(row, _)| row).collect()
}

fn nan_last(a: f32, b: f32, descending: bool) -> std::cmp::Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        _ if descending => b.total_cmp(&a),
        _ => a.total_cmp(&b),
    }
}

/// Totals over a list of summaries: time used vs target and the mean of session means.
pub fn totals(rows: &[SessionSummary]) -> (u64, u64, Option<f32>) {
    let used = rows.iter().map(|r| r.used_secs).sum();
    let target = rows.iter().map(|r| r.target_secs).sum();
    let means: Vec<f32> = rows.iter().filter_map(SessionSummary::shown_mean).collect();
    let mean = (!means.is_empty()).then(|| means.iter().sum::<f32>() / means.len() as f32);
    (used, target, mean)
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;

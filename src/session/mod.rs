//! Practice sessions: what was asked, how long it took, how it was scored.
//!
//! A session is stored as one versioned RON file (`docs/session-format.md`).
//! Fields added after format 1 carry `#[serde(default)]`, so older files still load.

mod clock;
mod clock_words;
mod edit;
mod panel;
mod plan;
mod runner;
mod score;
mod shared;
mod spoken;

pub use clock::{Clock, FakeClock, SharedClock, SystemClock};
pub use clock_words::{ClockMark, TimeAnnouncements, clock_announcement, clock_words, duration_words};
pub use edit::{EditError, PanelEdit, Saving, SessionEdit, SignalKind};
pub use panel::{
    CompetencyDebrief, Panel, PanelNote, PanelRole, PanelStart, Panelist, Scorecard, SelfGap, debrief,
    final_recommendations, recommendation_tally,
};
pub use plan::{RoundKind, RoundPlan, RoundSpec, Slot};
pub use runner::{ClockView, Flow, PhaseView, Runner, Stage};
pub use score::{Recommendation, Score, mean};
pub use shared::SharedQuestions;
pub use spoken::SpokenAnswer;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::bank::{Question, Round};
use crate::board::{Board, BoardSlot};

/// The session format this build writes.
pub const SESSION_FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Mode {
    #[default]
    Solo,
    Panel,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Solo => "Solo",
            Mode::Panel => "Panel",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Being answered, or interrupted by a crash: offered for resuming.
    #[default]
    InProgress,
    Finished,
    /// Left unfinished on purpose; can still be resumed from history.
    Abandoned,
}

/// One practice session: a round of questions, solo or with a panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub format: u32,
    pub id: String,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    pub mode: Mode,
    /// The round's name, e.g. "Full Director loop".
    pub title: String,
    #[serde(default)]
    pub candidate: String,
    #[serde(default)]
    pub status: Status,
    /// The question being answered (or the last one, once finished).
    #[serde(default)]
    pub current: usize,
    /// True when the round was ended before its last question.
    #[serde(default)]
    pub ended_early: bool,
    /// Multiplier applied to every question's minutes (0.8 = practise under pressure).
    #[serde(default = "one")]
    pub time_scale: f32,
    pub questions: Vec<QuestionRecord>,
    /// Notes on the whole round.
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub panel: Option<Panel>,
}

fn one() -> f32 {
    1.0
}

/// Where a question stands within its session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionState {
    #[default]
    Pending,
    Prep,
    Answering,
    /// Answer finished; self-assessment may be under way.
    Answered,
    Skipped,
}

/// Everything recorded about one question in a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionRecord {
    /// `bank/question`.
    pub global_id: String,
    /// The question as it was when the session started, so history survives bank edits.
    /// Shared between sessions that asked the same text (`SharedQuestions`).
    pub question: Arc<Question>,
    #[serde(default)]
    pub state: QuestionState,
    /// Targets after the session's time scale, in seconds.
    pub prep_target_secs: u32,
    pub answer_target_secs: u32,
    #[serde(default)]
    pub phase_target_secs: Vec<u32>,
    /// When the question was first started.
    #[serde(default)]
    pub started_at: Option<DateTime<FixedOffset>>,
    #[serde(default)]
    pub finished_at: Option<DateTime<FixedOffset>>,
    /// Time spent, pauses excluded, in milliseconds.
    #[serde(default)]
    pub prep_ms: u64,
    #[serde(default)]
    pub answer_ms: u64,
    #[serde(default)]
    pub phase_ms: Vec<u64>,
    #[serde(default)]
    pub phase: usize,
    #[serde(default)]
    pub pauses: u32,
    #[serde(default)]
    pub paused: bool,
    #[serde(default)]
    pub scratchpad: String,
    #[serde(default)]
    pub follow_ups_shown: usize,
    /// The candidate's own scores, by competency id.
    #[serde(default)]
    pub self_scores: BTreeMap<String, Score>,
    /// Indices of the strong and weak signals the answer showed.
    #[serde(default)]
    pub strong_shown: BTreeSet<usize>,
    #[serde(default)]
    pub weak_shown: BTreeSet<usize>,
    /// "What I would change".
    #[serde(default)]
    pub notes: String,
    /// Ids of the stories (prep kit) the answer used.
    #[serde(default)]
    pub stories: Vec<String>,
    /// The whiteboard, once drawn on (`docs/session-format.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board: Option<BoardSlot>,
    /// The answer as spoken: recording, transcript and delivery (`docs/session-format.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoken: Option<SpokenAnswer>,
}

impl QuestionRecord {
    /// A fresh record for `question`, with targets scaled by `time_scale`.
    pub fn new(global_id: String, question: Question, time_scale: f32) -> Self {
        let scale = |minutes: u32| ((minutes as f32) * 60.0 * time_scale).round().max(1.0) as u32;
        let prep_target_secs = if question.prep_minutes == 0 {
            0
        } else {
            scale(question.prep_minutes)
        };
        let phase_target_secs = question
            .phases
            .iter()
            .map(|p| scale(p.minutes))
            .collect::<Vec<_>>();
        let phase_ms = vec![0; phase_target_secs.len()];
        Self {
            global_id,
            prep_target_secs,
            answer_target_secs: scale(question.minutes),
            phase_target_secs,
            question: Arc::new(question),
            state: QuestionState::Pending,
            started_at: None,
            finished_at: None,
            prep_ms: 0,
            answer_ms: 0,
            phase_ms,
            phase: 0,
            pauses: 0,
            paused: false,
            scratchpad: String::new(),
            follow_ups_shown: 0,
            self_scores: BTreeMap::new(),
            strong_shown: BTreeSet::new(),
            weak_shown: BTreeSet::new(),
            notes: String::new(),
            stories: Vec::new(),
            board: None,
            spoken: None,
        }
    }

    pub fn round(&self) -> Round {
        self.question.round
    }

    /// How far past the answer target, in milliseconds (0 when within it).
    pub fn overrun_ms(&self) -> u64 {
        self.answer_ms
            .saturating_sub(u64::from(self.answer_target_secs) * 1000)
    }

    pub fn was_answered(&self) -> bool {
        self.state == QuestionState::Answered
    }

    /// The mean of the candidate's own scores on this question.
    pub fn self_mean(&self) -> Option<f32> {
        mean(self.self_scores.values().copied())
    }

    /// The question's board, when one was drawn and could be read.
    pub fn board(&self) -> Option<&Board> {
        self.board.as_ref().and_then(BoardSlot::board)
    }
}

impl Session {
    /// A new session holding `questions`, not yet started.
    pub fn new(
        id: String,
        now: DateTime<FixedOffset>,
        mode: Mode,
        title: String,
        time_scale: f32,
        questions: Vec<(String, Question)>,
    ) -> Self {
        let questions = questions
            .into_iter()
            .map(|(global_id, q)| QuestionRecord::new(global_id, q, time_scale))
            .collect();
        Self {
            format: SESSION_FORMAT,
            id,
            created: now,
            updated: now,
            mode,
            title,
            candidate: String::new(),
            status: Status::InProgress,
            current: 0,
            ended_early: false,
            time_scale,
            questions,
            notes: String::new(),
            panel: None,
        }
    }

    pub fn is_finished(&self) -> bool {
        self.status == Status::Finished
    }

    pub fn current_record(&self) -> Option<&QuestionRecord> {
        self.questions.get(self.current)
    }

    /// Answer time used and target over the answered questions, in seconds.
    pub fn time_used_vs_target(&self) -> (u64, u64) {
        self.questions
            .iter()
            .filter(|q| q.was_answered())
            .fold((0, 0), |(used, target), q| {
                (
                    used + q.answer_ms / 1000,
                    target + u64::from(q.answer_target_secs),
                )
            })
    }

    /// The mean of every self-score in the session.
    pub fn self_mean(&self) -> Option<f32> {
        mean(
            self.questions
                .iter()
                .flat_map(|q| q.self_scores.values().copied()),
        )
    }

    /// The candidate's mean self-score per competency id, over the session.
    pub fn self_means_by_competency(&self) -> BTreeMap<String, f32> {
        let mut all: BTreeMap<String, Vec<Score>> = BTreeMap::new();
        for q in &self.questions {
            for (competency, score) in &q.self_scores {
                all.entry(competency.clone()).or_default().push(*score);
            }
        }
        all.into_iter()
            .filter_map(|(c, scores)| mean(scores).map(|m| (c, m)))
            .collect()
    }

    /// The boards that could not be read, by question id, with the reason. They are kept
    /// in the file as found.
    pub fn unreadable_boards(&self) -> Vec<(&str, &str)> {
        self.questions
            .iter()
            .filter_map(|q| match &q.board {
                Some(BoardSlot::Unreadable(kept)) => Some((q.global_id.as_str(), kept.error.as_str())),
                _ => None,
            })
            .collect()
    }

    /// The distinct rounds in the session, in order of first appearance.
    pub fn rounds(&self) -> Vec<Round> {
        let mut rounds = Vec::new();
        for q in &self.questions {
            if !rounds.contains(&q.round()) {
                rounds.push(q.round());
            }
        }
        rounds
    }
}

/// A new session id: the local start time plus a short suffix from `salt` (any number
/// that differs between rounds started in the same second), safe as a file name.
pub fn new_session_id(now: DateTime<FixedOffset>, salt: u64) -> String {
    let salt = (salt ^ (salt >> 16) ^ (salt >> 32) ^ (salt >> 48)) % 0x10000;
    format!("{}-{salt:04x}", now.format("%Y%m%d-%H%M%S"))
}

/// `m:ss` (or `h:mm:ss`) for a number of seconds.
pub fn format_clock(secs: u64) -> String {
    ClockTime(secs).to_string()
}

/// A number of seconds shown as [`format_clock`] shows it, formatted where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockTime(pub u64);

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.0;
        let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
        let mut line = crate::text::Ascii::default();
        if h > 0 {
            line.number(h);
            line.push(":");
            line.two_digits(m);
        } else {
            line.number(m);
        }
        line.push(":");
        line.two_digits(s);
        f.pad(line.as_str())
    }
}

#[cfg(test)]
mod clock_time_tests {
    use super::{ClockTime, format_clock};

    #[test]
    fn clock_time_is_minutes_and_seconds_with_hours_when_there_are_any() {
        for (secs, shown) in [
            (0, "0:00"),
            (7, "0:07"),
            (65, "1:05"),
            (3599, "59:59"),
            (3600, "1:00:00"),
            (36_061, "10:01:01"),
            (u64::MAX, "5124095576030431:00:15"),
        ] {
            assert_eq!(format_clock(secs), shown);
        }
        assert_eq!(format!("[{:>6}]", ClockTime(65)), "[  1:05]");
    }
}

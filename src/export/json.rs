//! JSON: the sessions as stored, with every documented key always present.
//!
//! Session files leave out a question's empty lists and zero prep time to stay short;
//! the export writes them (`[]`, `0`) so a script can rely on the schema in
//! docs/export.md. The views below borrow the session; each destructures its source
//! completely, so a field added to the model fails to compile here until the export
//! (and its documentation) says what to do with it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::{EXPORT_FORMAT, ExportError};
use crate::bank::{Difficulty, FollowUpTiming, Levels, Phase, Question, Round, Style};
use crate::session::{Mode, Panel, QuestionRecord, QuestionState, Score, Session, Status};

#[derive(Serialize)]
struct Envelope<'a> {
    format: u32,
    kind: &'static str,
    sessions: Vec<SessionView<'a>>,
}

#[derive(Serialize)]
struct SessionView<'a> {
    format: u32,
    id: &'a str,
    created: &'a DateTime<FixedOffset>,
    updated: &'a DateTime<FixedOffset>,
    mode: Mode,
    title: &'a str,
    candidate: &'a str,
    status: Status,
    current: usize,
    ended_early: bool,
    time_scale: f32,
    questions: Vec<RecordView<'a>>,
    notes: &'a str,
    panel: Option<&'a Panel>,
}

impl<'a> From<&'a Session> for SessionView<'a> {
    fn from(session: &'a Session) -> Self {
        let Session {
            format,
            id,
            created,
            updated,
            mode,
            title,
            candidate,
            status,
            current,
            ended_early,
            time_scale,
            questions,
            notes,
            panel,
        } = session;
        Self {
            format: *format,
            id,
            created,
            updated,
            mode: *mode,
            title,
            candidate,
            status: *status,
            current: *current,
            ended_early: *ended_early,
            time_scale: *time_scale,
            questions: questions.iter().map(RecordView::from).collect(),
            notes,
            panel: panel.as_ref(),
        }
    }
}

#[derive(Serialize)]
struct RecordView<'a> {
    global_id: &'a str,
    question: QuestionView<'a>,
    state: QuestionState,
    prep_target_secs: u32,
    answer_target_secs: u32,
    phase_target_secs: &'a [u32],
    started_at: Option<&'a DateTime<FixedOffset>>,
    finished_at: Option<&'a DateTime<FixedOffset>>,
    prep_ms: u64,
    answer_ms: u64,
    phase_ms: &'a [u64],
    phase: usize,
    pauses: u32,
    paused: bool,
    scratchpad: &'a str,
    follow_ups_shown: usize,
    self_scores: &'a BTreeMap<String, Score>,
    strong_shown: &'a BTreeSet<usize>,
    weak_shown: &'a BTreeSet<usize>,
    notes: &'a str,
    stories: &'a [String],
    /// The whiteboard (its elements and history), when one was drawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    board: Option<&'a crate::board::BoardSlot>,
    /// The spoken answer: recording, transcript, corrections and delivery metrics.
    #[serde(skip_serializing_if = "Option::is_none")]
    spoken: Option<&'a crate::session::SpokenAnswer>,
}

impl<'a> From<&'a QuestionRecord> for RecordView<'a> {
    fn from(record: &'a QuestionRecord) -> Self {
        let QuestionRecord {
            global_id,
            question,
            state,
            prep_target_secs,
            answer_target_secs,
            phase_target_secs,
            started_at,
            finished_at,
            prep_ms,
            answer_ms,
            phase_ms,
            phase,
            pauses,
            paused,
            scratchpad,
            follow_ups_shown,
            self_scores,
            strong_shown,
            weak_shown,
            notes,
            stories,
            board,
            spoken,
        } = record;
        Self {
            global_id,
            question: QuestionView::from(&**question),
            state: *state,
            prep_target_secs: *prep_target_secs,
            answer_target_secs: *answer_target_secs,
            phase_target_secs,
            started_at: started_at.as_ref(),
            finished_at: finished_at.as_ref(),
            prep_ms: *prep_ms,
            answer_ms: *answer_ms,
            phase_ms,
            phase: *phase,
            pauses: *pauses,
            paused: *paused,
            scratchpad,
            follow_ups_shown: *follow_ups_shown,
            self_scores,
            strong_shown,
            weak_shown,
            notes,
            stories,
            board: board.as_ref(),
            spoken: spoken.as_ref(),
        }
    }
}

/// A question with every key, empty or not.
#[derive(Serialize)]
struct QuestionView<'a> {
    id: &'a str,
    round: Round,
    title: &'a str,
    prompt: &'a str,
    minutes: u32,
    prep_minutes: u32,
    difficulty: Difficulty,
    style: Style,
    competencies: &'a [String],
    phases: &'a [Phase],
    follow_ups: &'a [String],
    follow_up_timing: &'a [FollowUpTiming],
    strong_signals: &'a [String],
    weak_signals: &'a [String],
    tags: &'a [String],
    levels: &'a BTreeMap<String, Levels>,
}

impl<'a> From<&'a Question> for QuestionView<'a> {
    fn from(question: &'a Question) -> Self {
        let Question {
            id,
            round,
            title,
            prompt,
            minutes,
            prep_minutes,
            difficulty,
            style,
            competencies,
            phases,
            follow_ups,
            follow_up_timing,
            strong_signals,
            weak_signals,
            tags,
            levels,
        } = question;
        Self {
            id,
            round: *round,
            title,
            prompt,
            minutes: *minutes,
            prep_minutes: *prep_minutes,
            difficulty: *difficulty,
            style: *style,
            competencies,
            phases,
            follow_ups,
            follow_up_timing,
            strong_signals,
            weak_signals,
            tags,
            levels,
        }
    }
}

/// The sessions as JSON (pretty-printed, newline at the end).
pub fn json(sessions: &[&Session]) -> Result<String, ExportError> {
    let export = Envelope {
        format: EXPORT_FORMAT,
        kind: "panelist-sessions",
        sessions: sessions.iter().map(|s| SessionView::from(*s)).collect(),
    };
    serde_json::to_string_pretty(&export)
        .map(|mut text| {
            text.push('\n');
            text
        })
        .map_err(|e| ExportError::Encode(e.to_string()))
}

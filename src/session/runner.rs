//! Runs a session: the question clock (prep, answer, phases, pauses) and the flow
//! from question to question. Time comes from an injected [`Clock`]; nothing here
//! sleeps or reads the system time.

use std::time::Duration;

use super::{
    EditError, PanelEdit, QuestionRecord, QuestionState, Saving, Session, SessionEdit, SharedClock, Status,
};

/// What the current question is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The current question has not started.
    Ready,
    Prep,
    Answer,
    /// The answer is finished; the candidate scores it.
    Assess,
    /// The round is over.
    Summary,
}

/// The clock as the screen shows it, computed for this instant.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockView {
    pub stage: Stage,
    pub running: bool,
    /// Time used in the current stage (prep or answer).
    pub elapsed_ms: u64,
    pub target_ms: u64,
    pub phases: Vec<PhaseView>,
}

impl ClockView {
    /// Milliseconds left (negative once over).
    pub fn remaining_ms(&self) -> i64 {
        self.target_ms as i64 - self.elapsed_ms as i64
    }

    pub fn is_over(&self) -> bool {
        self.elapsed_ms > self.target_ms
    }

    /// Share of the target used, 0.0 up (above 1.0 when over).
    pub fn fraction(&self) -> f32 {
        if self.target_ms == 0 {
            0.0
        } else {
            self.elapsed_ms as f32 / self.target_ms as f32
        }
    }

    /// The big clock's digits: time left ("12:34"), or time over ("+1:23").
    pub fn digits(&self) -> String {
        let remaining = self.remaining_ms();
        if remaining >= 0 {
            super::format_clock((remaining as u64).div_ceil(1000))
        } else {
            format!("+{}", super::format_clock(remaining.unsigned_abs() / 1000))
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PhaseView {
    pub name: String,
    pub budget_ms: u64,
    pub used_ms: u64,
    pub current: bool,
}

impl PhaseView {
    pub fn is_over(&self) -> bool {
        self.used_ms > self.budget_ms
    }
}

/// An action on the running question's clock and the round's flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    TogglePause,
    Pause,
    StartAnswer,
    NextPhase,
    FinishAnswer,
    NextQuestion,
    Skip,
    EndRound,
}

/// A session being run, with the clock's running segment.
pub struct Runner {
    session: Session,
    clock: SharedClock,
    /// Monotonic time at which the running segment started; `None` when the clock is stopped.
    running_since: Option<Duration>,
    /// Interviewer mode: a question that starts waits with its clock stopped until the
    /// interviewer has read it out ([`release_hold`](Self::release_hold)).
    hold_starts: bool,
    /// The current question started and waits for its reading to end.
    held: bool,
}

impl Runner {
    /// Takes over a session. A question that was running when the session was saved
    /// comes back paused: time while the app was closed is not counted.
    pub fn new(mut session: Session, clock: SharedClock) -> Self {
        if let Some(record) = session.questions.get_mut(session.current)
            && matches!(record.state, QuestionState::Prep | QuestionState::Answering)
        {
            record.paused = true;
        }
        Self {
            session,
            clock,
            running_since: None,
            hold_starts: false,
            held: false,
        }
    }

    /// Interviewer mode: from now on, a question that starts keeps its clock stopped until
    /// [`release_hold`](Self::release_hold) (the reading of its prompt has ended).
    pub fn set_hold_starts(&mut self, hold: bool) {
        self.hold_starts = hold;
    }

    /// The current question has started and its clock waits for the interviewer.
    pub fn is_held(&self) -> bool {
        self.held
    }

    /// Interviewer mode from now on, and the question just started waits for its reading.
    pub fn hold_now(&mut self) {
        self.hold_starts = true;
        if self.is_running() && matches!(self.stage(), Stage::Prep | Stage::Answer) {
            self.checkpoint();
            self.running_since = None;
            self.held = true;
        }
    }

    /// The reading has ended: the held question's clock starts now.
    pub fn release_hold(&mut self) {
        if !self.held {
            return;
        }
        self.held = false;
        if matches!(self.stage(), Stage::Prep | Stage::Answer) {
            self.running_since = Some(self.clock.now());
            self.touch();
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Applies an edit to the running session (notes, scores, scratchpad, panel cards),
    /// stamped with the clock's wall time. Edits never touch the clock.
    pub fn edit(&mut self, edit: &SessionEdit) -> Result<Saving, EditError> {
        let now = self.clock.wall();
        self.session.apply(edit, now)
    }

    /// Changes the session apart from its clock and flow: cards and notes merged in from a
    /// panel folder shared with panelists on their own machines.
    pub fn update_session<R>(&mut self, change: impl FnOnce(&mut Session) -> R) -> R {
        change(&mut self.session)
    }

    /// A panel note taken now, at the answer clock's current time.
    pub fn note_now(&mut self, panelist: usize, text: String, evidence: bool) -> Result<Saving, EditError> {
        let at_ms = self.clock_view().map_or(0, |v| v.elapsed_ms);
        let question = self.current().map(|r| r.global_id.clone()).unwrap_or_default();
        self.edit(&SessionEdit::Panel(PanelEdit::AddNote {
            question,
            panelist,
            at_ms,
            text,
            evidence,
        }))
    }

    /// Carries out an action on the clock and the round's flow.
    pub fn flow(&mut self, flow: Flow) {
        match flow {
            Flow::TogglePause => self.toggle_pause(),
            Flow::Pause => self.pause(),
            Flow::StartAnswer => self.start_answer(),
            Flow::NextPhase => self.next_phase(),
            Flow::FinishAnswer => self.finish_answer(),
            Flow::NextQuestion => self.next_question(),
            Flow::Skip => self.skip(),
            Flow::EndRound => self.end_round(),
        }
    }

    pub fn current(&self) -> Option<&QuestionRecord> {
        self.session.questions.get(self.session.current)
    }

    fn current_mut(&mut self) -> Option<&mut QuestionRecord> {
        self.session.questions.get_mut(self.session.current)
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    pub fn is_paused(&self) -> bool {
        self.current().is_some_and(|r| r.paused)
    }

    pub fn stage(&self) -> Stage {
        if self.session.status == Status::Finished {
            return Stage::Summary;
        }
        match self.current().map(|r| r.state) {
            Some(QuestionState::Pending) => Stage::Ready,
            Some(QuestionState::Prep) => Stage::Prep,
            Some(QuestionState::Answering) => Stage::Answer,
            Some(QuestionState::Answered) => Stage::Assess,
            Some(QuestionState::Skipped) | None => Stage::Summary,
        }
    }

    /// Starts the current question: its prep clock if it has one, else its answer clock.
    pub fn start_current(&mut self) {
        let wall = self.clock.wall();
        let Some(record) = self.current_mut() else { return };
        if record.state != QuestionState::Pending {
            return;
        }
        record.state = if record.prep_target_secs > 0 {
            QuestionState::Prep
        } else {
            QuestionState::Answering
        };
        record.started_at = Some(wall);
        record.paused = false;
        if self.hold_starts {
            self.held = true;
            self.running_since = None;
        } else {
            self.running_since = Some(self.clock.now());
        }
        self.touch();
    }

    pub fn pause(&mut self) {
        if !self.is_running() {
            return;
        }
        self.checkpoint();
        self.running_since = None;
        if let Some(record) = self.current_mut() {
            record.paused = true;
            record.pauses += 1;
        }
        self.touch();
    }

    pub fn resume(&mut self) {
        let clocked = matches!(self.stage(), Stage::Prep | Stage::Answer);
        if self.is_running() || !clocked {
            return;
        }
        // resuming during the reading starts the clock without waiting for it
        self.held = false;
        self.running_since = Some(self.clock.now());
        if let Some(record) = self.current_mut() {
            record.paused = false;
        }
        self.touch();
    }

    pub fn toggle_pause(&mut self) {
        if self.is_running() {
            self.pause()
        } else {
            self.resume()
        }
    }

    /// Ends prep early and starts the answer clock.
    pub fn start_answer(&mut self) {
        self.checkpoint();
        if let Some(record) = self.current_mut()
            && record.state == QuestionState::Prep
        {
            record.state = QuestionState::Answering;
            self.touch();
        }
    }

    /// Moves the answer to its next phase (the last phase takes whatever time is left).
    pub fn next_phase(&mut self) {
        self.checkpoint();
        if let Some(record) = self.current_mut()
            && record.state == QuestionState::Answering
            && record.phase + 1 < record.phase_ms.len()
        {
            record.phase += 1;
            self.touch();
        }
    }

    /// Stops the clock and moves to self-assessment.
    pub fn finish_answer(&mut self) {
        self.checkpoint();
        self.running_since = None;
        self.held = false;
        let wall = self.clock.wall();
        if let Some(record) = self.current_mut()
            && matches!(record.state, QuestionState::Prep | QuestionState::Answering)
        {
            record.state = QuestionState::Answered;
            record.paused = false;
            record.finished_at = Some(wall);
            self.touch();
        }
    }

    /// Skips the current question and starts the next one (or ends the round).
    pub fn skip(&mut self) {
        self.checkpoint();
        self.running_since = None;
        if let Some(record) = self.current_mut()
            && record.state != QuestionState::Answered
        {
            record.state = QuestionState::Skipped;
            record.paused = false;
        }
        self.advance();
    }

    /// After self-assessment: the next question starts, or the round ends.
    pub fn next_question(&mut self) {
        if self.stage() == Stage::Answer || self.stage() == Stage::Prep {
            self.finish_answer();
        }
        self.advance();
    }

    fn advance(&mut self) {
        self.held = false;
        let next = (self.session.current + 1..self.session.questions.len())
            .find(|&i| self.session.questions[i].state == QuestionState::Pending);
        match next {
            Some(i) => {
                self.session.current = i;
                self.start_current();
            }
            None => self.finish_session(false),
        }
        self.touch();
    }

    /// Ends the round now; questions not reached stay unanswered.
    pub fn end_round(&mut self) {
        if matches!(self.stage(), Stage::Prep | Stage::Answer) {
            self.finish_answer();
        }
        let pending = self
            .session
            .questions
            .iter()
            .any(|q| q.state == QuestionState::Pending);
        self.finish_session(pending);
    }

    fn finish_session(&mut self, early: bool) {
        self.running_since = None;
        self.session.status = Status::Finished;
        self.session.ended_early = early;
        self.touch();
    }

    /// Moves the running segment into the record, so the session can be saved as it is now.
    pub fn checkpoint(&mut self) {
        let Some(since) = self.running_since else { return };
        let now = self.clock.now();
        let delta = now.saturating_sub(since).as_millis() as u64;
        self.running_since = Some(now);
        if let Some(record) = self.current_mut() {
            add_elapsed(record, delta);
        }
    }

    /// Applies what time alone changes (prep running out). Returns true when the
    /// stage changed, so the caller can save.
    pub fn tick(&mut self) -> bool {
        let before = self.stage();
        if before == Stage::Prep {
            self.checkpoint();
        }
        let changed = self.stage() != before;
        if changed {
            self.touch();
        }
        changed
    }

    /// The clock for this instant, without changing anything.
    pub fn clock_view(&self) -> Option<ClockView> {
        let record = self.current()?;
        let delta = self.running_since.map_or(0, |since| {
            self.clock.now().saturating_sub(since).as_millis() as u64
        });
        let mut live = Timing::of(record);
        live.add(delta);
        let stage = match live.state {
            QuestionState::Prep => Stage::Prep,
            QuestionState::Answering => Stage::Answer,
            _ => return None,
        };
        let (elapsed_ms, target_ms) = if stage == Stage::Prep {
            (live.prep_ms, live.prep_target_ms)
        } else {
            (live.answer_ms, u64::from(record.answer_target_secs) * 1000)
        };
        let phases = record
            .question
            .phases
            .iter()
            .zip(&record.phase_target_secs)
            .zip(&live.phase_ms)
            .enumerate()
            .map(|(i, ((phase, budget), used))| PhaseView {
                name: phase.name.clone(),
                budget_ms: u64::from(*budget) * 1000,
                used_ms: *used,
                current: stage == Stage::Answer && i == record.phase,
            })
            .collect();
        Some(ClockView {
            stage,
            running: self.is_running(),
            elapsed_ms,
            target_ms,
            phases,
        })
    }

    /// How long until the displayed clock changes; `None` when nothing will change by itself.
    pub fn repaint_after(&self) -> Option<Duration> {
        self.running_since?;
        let view = self.clock_view()?;
        let into_second = view.elapsed_ms % 1000;
        Some(Duration::from_millis(1000 - into_second))
    }

    fn touch(&mut self) {
        self.session.updated = self.clock.wall();
    }

    /// Gives the session back, with the running segment recorded.
    pub fn into_session(mut self) -> Session {
        self.checkpoint();
        self.session
    }
}

/// The numbers the clock changes, apart from the rest of the record.
struct Timing {
    state: QuestionState,
    prep_ms: u64,
    prep_target_ms: u64,
    answer_ms: u64,
    phase_ms: Vec<u64>,
    phase: usize,
}

impl Timing {
    fn of(record: &QuestionRecord) -> Self {
        Self {
            state: record.state,
            prep_ms: record.prep_ms,
            prep_target_ms: u64::from(record.prep_target_secs) * 1000,
            answer_ms: record.answer_ms,
            phase_ms: record.phase_ms.clone(),
            phase: record.phase,
        }
    }

    fn add(&mut self, mut delta: u64) {
        if self.state == QuestionState::Prep {
            let room = self.prep_target_ms.saturating_sub(self.prep_ms);
            if delta < room {
                self.prep_ms += delta;
                return;
            }
            self.prep_ms = self.prep_target_ms;
            self.state = QuestionState::Answering;
            delta -= room;
        }
        if self.state == QuestionState::Answering {
            self.answer_ms += delta;
            if let Some(phase) = self.phase_ms.get_mut(self.phase) {
                *phase += delta;
            }
        }
    }
}

fn add_elapsed(record: &mut QuestionRecord, delta: u64) {
    let mut timing = Timing::of(record);
    timing.add(delta);
    record.state = timing.state;
    record.prep_ms = timing.prep_ms;
    record.answer_ms = timing.answer_ms;
    record.phase_ms = timing.phase_ms;
}

#[cfg(test)]
#[path = "runner_tests.rs"]
mod tests;

//! Both sides of a running remote panel, as plain model code.
//!
//! - The host turns its running round into the live state of `panel.ron`
//!   ([`host_file_for`], [`live_state`]) and writes it only when something a panelist
//!   sees changed ([`LiveState::differs_for_panelists`]), never every frame.
//! - A panelist's machine follows the host ([`Follower`]): it keeps the newest
//!   `panel.ron` it has seen (by `seq`, so an older copy never steps it back), derives
//!   the clock from the host's state, applies the blind rule, and builds the merged
//!   session for its own History once the panel reaches the debrief.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use super::{
    CardFile, FolderView, HostFile, LiveClock, LiveStage, LiveState, Reveal, SHARE_FORMAT, SharedPanelist,
    SharedQuestion, merge_into, panelist_id, session_from_host, visible_cards,
};
use crate::session::{ClockView, QuestionRecord, Session, Stage, Status};

impl LiveStage {
    /// The stage panelists see for the host's round stage.
    pub fn from_stage(stage: Stage) -> Self {
        match stage {
            Stage::Ready => LiveStage::Ready,
            Stage::Prep => LiveStage::Prep,
            Stage::Answer => LiveStage::Answer,
            Stage::Assess => LiveStage::Scoring,
            Stage::Summary => LiveStage::Debrief,
        }
    }

    /// Plain words for a console.
    pub fn label(self) -> &'static str {
        match self {
            LiveStage::Ready => "Not started",
            LiveStage::Prep => "Preparing",
            LiveStage::Answer => "Answering",
            LiveStage::Scoring => "Scoring",
            LiveStage::Debrief => "Debrief",
            LiveStage::Finished => "Finished",
        }
    }

    /// The debrief or later: the panel's cards are all in.
    pub fn is_over(self) -> bool {
        matches!(self, LiveStage::Debrief | LiveStage::Finished)
    }
}

impl LiveState {
    /// True when `other` shows panelists something this state does not: another
    /// question, stage, reveal, or the clock started, paused or moved while paused.
    /// The running clock's own ticking is not a change (panelists extrapolate it).
    pub fn differs_for_panelists(&self, other: &LiveState) -> bool {
        self.current != other.current
            || self.stage != other.stage
            || self.reveals != other.reveals
            || self.clock.running != other.clock.running
            || (!self.clock.running && self.clock.elapsed_ms != other.clock.elapsed_ms)
    }
}

/// The host's file for a panel session that is starting: its panelists get folder-safe
/// ids, its questions travel as snapshots. `None` when the session is not a panel.
pub fn host_file_for(session: &Session) -> Option<HostFile> {
    let panel = session.panel.as_ref()?;
    let mut panelists: Vec<SharedPanelist> = Vec::new();
    for p in &panel.panelists {
        let taken: Vec<String> = panelists.iter().map(|p| p.id.clone()).collect();
        panelists.push(SharedPanelist {
            id: panelist_id(&p.name, &taken),
            name: p.name.clone(),
            role: p.role,
        });
    }
    Some(HostFile {
        format: SHARE_FORMAT,
        panel_id: session.id.clone(),
        created: session.created,
        title: session.title.clone(),
        candidate: session.candidate.clone(),
        time_scale: session.time_scale,
        panelists,
        questions: session
            .questions
            .iter()
            .map(|q| SharedQuestion {
                global_id: q.global_id.clone(),
                question: (*q.question).clone(),
            })
            .collect(),
        live: LiveState::default(),
    })
}

/// The live state for the host's round as it stands. `clock` is the round's clock now
/// (`None` outside prep and answer); reveals name the cards the host has in `view`.
pub fn live_state(
    host: &HostFile,
    session: &Session,
    stage: Stage,
    clock: Option<&ClockView>,
    view: &FolderView,
    wall: DateTime<FixedOffset>,
) -> LiveState {
    let stage = if session.status == Status::Finished && stage == Stage::Summary {
        LiveStage::Debrief
    } else {
        LiveStage::from_stage(stage)
    };
    let revealed = session
        .panel
        .as_ref()
        .map(|p| p.revealed.clone())
        .unwrap_or_default();
    let reveals = revealed
        .into_iter()
        .filter_map(|q| {
            let index = host.questions.iter().position(|hq| {
                session
                    .questions
                    .get(q)
                    .is_some_and(|r| r.global_id == hq.global_id)
            })?;
            Some(Reveal {
                question: index,
                cards: view.submitted(index).into_iter().map(str::to_owned).collect(),
            })
        })
        .collect();
    LiveState {
        seq: host.live.seq,
        current: session.current.min(host.questions.len().saturating_sub(1)),
        stage,
        clock: LiveClock {
            elapsed_ms: clock.map_or(0, |c| c.elapsed_ms),
            running: clock.is_some_and(|c| c.running),
            host_wall: Some(wall),
        },
        reveals,
    }
}

/// The panelist's machine: the newest host state seen, and when it was seen.
#[derive(Debug, Clone)]
pub struct Follower {
    /// The panelist's id (folder name).
    pub me: String,
    /// Everything readable in the folder, with the newest `panel.ron` seen.
    pub view: FolderView,
    /// When (this machine's monotonic time, and its wall clock) the current host state
    /// was first seen.
    seen_at: Duration,
    seen_wall: Option<DateTime<FixedOffset>>,
    /// Question records made from the host's snapshots (for the clock's targets).
    records: Vec<QuestionRecord>,
}

impl Follower {
    pub fn new(me: &str) -> Self {
        Self {
            me: me.to_owned(),
            view: FolderView::default(),
            seen_at: Duration::ZERO,
            seen_wall: None,
            records: Vec::new(),
        }
    }

    pub fn host(&self) -> Option<&HostFile> {
        self.view.host.as_ref()
    }

    /// Takes a new reading of the folder, seen at `now` (monotonic) and `wall`. A host
    /// file with a lower `seq` than the one held is an older copy and is not taken.
    /// Returns true when anything changed.
    pub fn update(&mut self, mut view: FolderView, now: Duration, wall: DateTime<FixedOffset>) -> bool {
        let held = self.view.host.as_ref().map(|h| h.live.seq);
        match (&view.host, held) {
            (Some(new), Some(old)) if new.live.seq < old => view.host = self.view.host.clone(),
            (None, Some(_)) => view.host = self.view.host.clone(),
            (Some(new), old) if old != Some(new.live.seq) => {
                self.seen_at = now;
                self.seen_wall = Some(wall);
                if self.records.len() != new.questions.len() {
                    self.records = new
                        .questions
                        .iter()
                        .map(|q| QuestionRecord::new(q.global_id.clone(), q.question.clone(), new.time_scale))
                        .collect();
                }
            }
            _ => {}
        }
        if view == self.view {
            return false;
        }
        self.view = view;
        true
    }

    pub fn stage(&self) -> LiveStage {
        self.host().map_or(LiveStage::Ready, |h| h.live.stage)
    }

    /// The question being asked, with its index.
    pub fn current(&self) -> Option<(usize, &SharedQuestion)> {
        let host = self.host()?;
        let index = host.live.current;
        host.questions.get(index).map(|q| (index, q))
    }

    /// The host's clock as this machine shows it (see [`LiveClock::elapsed_ms`]), with
    /// the target of the stage it times. `None` outside prep and answer.
    pub fn clock(&self, now: Duration) -> Option<(LiveStage, u64, u64)> {
        let host = self.host()?;
        let stage = host.live.stage;
        if !matches!(stage, LiveStage::Prep | LiveStage::Answer) {
            return None;
        }
        let wall = self.seen_wall.unwrap_or(host.created);
        let elapsed = host.live.clock.elapsed_ms(self.seen_at, now, wall);
        let record = self.records.get(host.live.current)?;
        let target = if stage == LiveStage::Prep {
            u64::from(record.prep_target_secs) * 1000
        } else {
            u64::from(record.answer_target_secs) * 1000
        };
        Some((stage, elapsed, target))
    }

    /// How long until the shown clock's next second, while it runs.
    pub fn repaint_after(&self, now: Duration) -> Option<Duration> {
        let running = self.host().is_some_and(|h| h.live.clock.running);
        let (_, elapsed, _) = self.clock(now).filter(|_| running)?;
        Some(Duration::from_millis(1000 - elapsed % 1000))
    }

    pub fn has_submitted(&self, question: usize) -> bool {
        self.view.has_submitted(&self.me, question)
    }

    /// The cards for `question` this panelist may see (blind rule), by panelist id.
    pub fn visible_cards(&self, question: usize) -> Vec<(&str, &CardFile)> {
        visible_cards(&self.view, &self.me, question)
    }

    /// This panelist's own notes in the folder, in the order written.
    pub fn own_notes(&self) -> impl Iterator<Item = &super::NoteFile> {
        self.view
            .notes
            .iter()
            .filter(|((who, _), _)| *who == self.me)
            .map(|(_, note)| note)
    }

    /// The panel as a finished session, every card and note in the folder merged in:
    /// what this machine keeps in its History once the host reaches the debrief.
    pub fn merged_session(&self) -> Option<Session> {
        let host = self.host()?;
        if !host.has_safe_id() {
            return None;
        }
        let mut session = session_from_host(host);
        merge_into(&mut session, host, &self.view);
        if host.live.stage.is_over() {
            session.status = Status::Finished;
        }
        Some(session)
    }
}

#[cfg(test)]
#[path = "follow_tests.rs"]
mod tests;

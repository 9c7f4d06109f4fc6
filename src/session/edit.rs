//! Every change to a session's answers, scores and notes, as a value.
//!
//! Screens never write into a session: they emit a [`SessionEdit`] naming what changes
//! (the question by its global id, the competency by its id), and [`Session::apply`]
//! carries it out. The same edits serve the running round, the review of a saved session
//! and the panel console, so each rule (a submitted scorecard is final, a follow-up is
//! shown once) lives here once and is tested without a window.

use chrono::{DateTime, FixedOffset};

use super::{Score, Session};
use crate::audio::RecordingInfo;
use crate::board::{Board, BoardEdit, BoardError, BoardSlot};
use crate::session::Recommendation;
use crate::speech::{DeliveryMetrics, Transcript};

/// Which list of signals an edit is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalKind {
    Strong,
    Weak,
}

/// One change to a session. `question` is the question's global id (`bank/question`).
#[derive(Debug, Clone, PartialEq)]
pub enum SessionEdit {
    /// The candidate's outline while answering.
    Scratchpad { question: String, text: String },
    /// "What I would change" for one answer.
    Notes { question: String, text: String },
    /// Notes on the whole round.
    RoundNotes(String),
    /// A self-score (or none) for one competency.
    SelfScore {
        question: String,
        competency: String,
        score: Option<Score>,
    },
    /// Ticks or unticks a signal the answer showed (index into the question's list).
    ToggleSignal {
        question: String,
        kind: SignalKind,
        index: usize,
    },
    /// Shows the question's next follow-up.
    ShowFollowUp { question: String },
    /// Marks a prep-kit story as used (or not) in an answer.
    ToggleStory { question: String, story: String },
    /// A mock panel's edit.
    Panel(PanelEdit),
    /// A change to the question's whiteboard, made `at_ms` into the answer.
    Board {
        question: String,
        at_ms: u64,
        edit: BoardEdit,
    },
    /// The answer's recording as it now stands on disk (started, grown, finished or cut
    /// short by a failure). A transcript of the same file is kept; a new file starts afresh.
    Recorded { question: String, info: RecordingInfo },
    /// What transcribing and measuring a recorded answer found. A `transcript` replaces
    /// the machine's earlier one (and the corrections made to it); `None` keeps it and
    /// only the metrics change (measured from the audio, or with the kept words).
    Transcribed {
        question: String,
        transcript: Option<Transcript>,
        metrics: DeliveryMetrics,
        phase_metrics: Vec<DeliveryMetrics>,
    },
    /// The candidate's correction of one transcribed word (index into the machine's
    /// words); text equal to the machine's word, or blank, removes the correction.
    CorrectWord {
        question: String,
        index: usize,
        text: String,
    },
}

/// One change to a mock panel's record. Panelists are named by their place in the panel,
/// which is fixed for the session.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelEdit {
    /// A timestamped note (`at_ms` into the answer) by a panelist.
    AddNote {
        question: String,
        panelist: usize,
        at_ms: u64,
        text: String,
        evidence: bool,
    },
    SetScore {
        question: String,
        panelist: usize,
        competency: String,
        score: Option<Score>,
    },
    SetEvidence {
        question: String,
        panelist: usize,
        competency: String,
        text: String,
    },
    SetRecommendation {
        question: String,
        panelist: usize,
        recommendation: Recommendation,
    },
    /// Submits a panelist's card; it is final from then on.
    Submit {
        question: String,
        panelist: usize,
    },
    /// Shows every card of a question, once all are submitted.
    Reveal {
        question: String,
    },
    Discussion(String),
    Decision(Recommendation),
    DecisionReason(String),
}

/// What an applied edit asks of saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saving {
    /// Nothing changed (an edit to a submitted card, an unknown question, …).
    Unchanged,
    /// A step (a score, a tick, a submission): save at once.
    Now,
    /// Typing: save within a couple of seconds.
    Soon,
}

/// Why an edit could not be applied. The session is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the session has no question \"{0}\"")]
    NoQuestion(String),
    #[error("the session is not a mock panel")]
    NotAPanel,
    #[error("the panel has no panelist number {0}")]
    NoPanelist(usize),
    #[error("the scorecard is submitted and can no longer change")]
    Submitted,
    #[error("every panelist must submit before the scorecards are revealed")]
    NotAllSubmitted,
    #[error("the board could not be read ({0}); it is kept in the session file as it was")]
    BoardUnreadable(String),
    #[error("{0}")]
    Board(#[from] BoardError),
    #[error("the answer to \"{0}\" has no recording")]
    NoRecording(String),
    #[error("the answer to \"{0}\" has no transcript, or no word {1}")]
    NoWord(String, usize),
}

impl Session {
    /// The index of a question by its global id.
    pub fn question_index(&self, global_id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.global_id == global_id)
    }

    fn index_of(&self, question: &str) -> Result<usize, EditError> {
        self.question_index(question)
            .ok_or_else(|| EditError::NoQuestion(question.to_owned()))
    }

    /// Applies an edit made at `now` (which becomes `updated` when anything changed).
    pub fn apply(&mut self, edit: &SessionEdit, now: DateTime<FixedOffset>) -> Result<Saving, EditError> {
        let saving = self.apply_inner(edit, now)?;
        if saving != Saving::Unchanged {
            self.updated = now;
        }
        Ok(saving)
    }

    fn apply_inner(&mut self, edit: &SessionEdit, now: DateTime<FixedOffset>) -> Result<Saving, EditError> {
        let text_edit = |target: &mut String, text: &str| {
            if target == text {
                Saving::Unchanged
            } else {
                text.clone_into(target);
                Saving::Soon
            }
        };
        Ok(match edit {
            SessionEdit::Scratchpad { question, text } => {
                let i = self.index_of(question)?;
                text_edit(&mut self.questions[i].scratchpad, text)
            }
            SessionEdit::Notes { question, text } => {
                let i = self.index_of(question)?;
                text_edit(&mut self.questions[i].notes, text)
            }
            SessionEdit::RoundNotes(text) => text_edit(&mut self.notes, text),
            SessionEdit::SelfScore {
                question,
                competency,
                score,
            } => {
                let i = self.index_of(question)?;
                let scores = &mut self.questions[i].self_scores;
                let before = scores.get(competency).copied();
                match score {
                    Some(score) => scores.insert(competency.clone(), *score),
                    None => scores.remove(competency),
                };
                if before == *score {
                    Saving::Unchanged
                } else {
                    Saving::Now
                }
            }
            SessionEdit::ToggleSignal {
                question,
                kind,
                index,
            } => {
                let i = self.index_of(question)?;
                let record = &mut self.questions[i];
                let (set, count) = match kind {
                    SignalKind::Strong => (&mut record.strong_shown, record.question.strong_signals.len()),
                    SignalKind::Weak => (&mut record.weak_shown, record.question.weak_signals.len()),
                };
                if *index >= count {
                    return Ok(Saving::Unchanged);
                }
                if !set.remove(index) {
                    set.insert(*index);
                }
                Saving::Now
            }
            SessionEdit::ShowFollowUp { question } => {
                let i = self.index_of(question)?;
                let record = &mut self.questions[i];
                if record.follow_ups_shown < record.question.follow_ups.len() {
                    record.follow_ups_shown += 1;
                    Saving::Now
                } else {
                    Saving::Unchanged
                }
            }
            SessionEdit::ToggleStory { question, story } => {
                let i = self.index_of(question)?;
                let stories = &mut self.questions[i].stories;
                match stories.iter().position(|s| s == story) {
                    Some(at) => {
                        stories.remove(at);
                    }
                    None => stories.push(story.clone()),
                }
                Saving::Now
            }
            SessionEdit::Panel(edit) => self.apply_panel(edit, now)?,
            SessionEdit::Board {
                question,
                at_ms,
                edit,
            } => {
                let i = self.index_of(question)?;
                let slot = self.questions[i]
                    .board
                    .get_or_insert_with(|| BoardSlot::Readable(Board::new()));
                let board = match slot {
                    BoardSlot::Readable(board) => board,
                    BoardSlot::Unreadable(kept) => {
                        return Err(EditError::BoardUnreadable(kept.error.clone()));
                    }
                };
                match board.apply(*at_ms, edit)? {
                    false => Saving::Unchanged,
                    // Typing a label saves like any typing; every other step at once.
                    true if matches!(edit, BoardEdit::SetLabel { .. } | BoardEdit::SetTeam { .. }) => {
                        Saving::Soon
                    }
                    true => Saving::Now,
                }
            }
            SessionEdit::Recorded { question, info } => {
                let i = self.index_of(question)?;
                let spoken = &mut self.questions[i].spoken;
                match spoken {
                    Some(answer) if answer.recording == *info => Saving::Unchanged,
                    Some(answer) if answer.recording.file == info.file => {
                        answer.recording = info.clone();
                        Saving::Now
                    }
                    _ => {
                        *spoken = Some(super::SpokenAnswer::new(info.clone()));
                        Saving::Now
                    }
                }
            }
            SessionEdit::Transcribed {
                question,
                transcript,
                metrics,
                phase_metrics,
            } => {
                let i = self.index_of(question)?;
                let spoken = self.questions[i]
                    .spoken
                    .as_mut()
                    .ok_or_else(|| EditError::NoRecording(question.clone()))?;
                let before = spoken.clone();
                if let Some(transcript) = transcript {
                    if spoken.transcript.as_ref() != Some(transcript) {
                        spoken.corrections.clear();
                    }
                    spoken.transcript = Some(transcript.clone());
                }
                spoken.metrics = Some(metrics.clone());
                spoken.phase_metrics.clone_from(phase_metrics);
                if *spoken == before {
                    Saving::Unchanged
                } else {
                    Saving::Now
                }
            }
            SessionEdit::CorrectWord {
                question,
                index,
                text,
            } => {
                let i = self.index_of(question)?;
                let no_word = || EditError::NoWord(question.clone(), *index);
                let spoken = self.questions[i].spoken.as_mut().ok_or_else(no_word)?;
                let machine = spoken
                    .transcript
                    .as_ref()
                    .and_then(|t| t.words.get(*index))
                    .map(|w| w.text.clone())
                    .ok_or_else(no_word)?;
                let text = text.trim();
                let before = spoken.corrections.get(index).cloned();
                if text.is_empty() || text == machine {
                    spoken.corrections.remove(index);
                } else {
                    spoken.corrections.insert(*index, text.to_owned());
                }
                if spoken.corrections.get(index).cloned() == before {
                    Saving::Unchanged
                } else {
                    Saving::Now
                }
            }
        })
    }

    fn apply_panel(&mut self, edit: &PanelEdit, now: DateTime<FixedOffset>) -> Result<Saving, EditError> {
        let question_of = |session: &Session, id: &str| session.index_of(id);
        let index = match edit {
            PanelEdit::AddNote { question, .. }
            | PanelEdit::SetScore { question, .. }
            | PanelEdit::SetEvidence { question, .. }
            | PanelEdit::SetRecommendation { question, .. }
            | PanelEdit::Submit { question, .. }
            | PanelEdit::Reveal { question } => Some(question_of(self, question)?),
            PanelEdit::Discussion(_) | PanelEdit::Decision(_) | PanelEdit::DecisionReason(_) => None,
        };
        let panel = self.panel.as_mut().ok_or(EditError::NotAPanel)?;
        let check_panelist = |panelist: usize| {
            if panelist < panel.panelists.len() {
                Ok(())
            } else {
                Err(EditError::NoPanelist(panelist))
            }
        };
        let question = index.unwrap_or_default();
        Ok(match edit {
            PanelEdit::AddNote {
                panelist,
                at_ms,
                text,
                evidence,
                ..
            } => {
                check_panelist(*panelist)?;
                let text = text.trim().to_owned();
                if text.is_empty() && !evidence {
                    return Ok(Saving::Unchanged);
                }
                panel.notes.push(super::PanelNote {
                    panelist: *panelist,
                    question,
                    at_ms: *at_ms,
                    text,
                    evidence: *evidence,
                });
                Saving::Now
            }
            PanelEdit::SetScore {
                panelist,
                competency,
                score,
                ..
            } => {
                check_panelist(*panelist)?;
                let card = panel.draft_mut(question, *panelist).ok_or(EditError::Submitted)?;
                let before = card.scores.get(competency).copied();
                match score {
                    Some(score) => card.scores.insert(competency.clone(), *score),
                    None => card.scores.remove(competency),
                };
                if before == *score {
                    Saving::Unchanged
                } else {
                    Saving::Soon
                }
            }
            PanelEdit::SetEvidence {
                panelist,
                competency,
                text,
                ..
            } => {
                check_panelist(*panelist)?;
                let card = panel.draft_mut(question, *panelist).ok_or(EditError::Submitted)?;
                if card.evidence.get(competency) == Some(text) {
                    Saving::Unchanged
                } else {
                    card.evidence.insert(competency.clone(), text.clone());
                    Saving::Soon
                }
            }
            PanelEdit::SetRecommendation {
                panelist,
                recommendation,
                ..
            } => {
                check_panelist(*panelist)?;
                let card = panel.draft_mut(question, *panelist).ok_or(EditError::Submitted)?;
                if card.recommendation == *recommendation {
                    Saving::Unchanged
                } else {
                    card.recommendation = *recommendation;
                    Saving::Soon
                }
            }
            PanelEdit::Submit { panelist, .. } => {
                check_panelist(*panelist)?;
                if panel.submit(question, *panelist, now) {
                    Saving::Now
                } else {
                    Saving::Unchanged
                }
            }
            PanelEdit::Reveal { .. } => {
                if panel.is_revealed(question) {
                    Saving::Unchanged
                } else if panel.reveal(question) {
                    Saving::Now
                } else {
                    return Err(EditError::NotAllSubmitted);
                }
            }
            PanelEdit::Discussion(text) => {
                if panel.discussion == *text {
                    Saving::Unchanged
                } else {
                    text.clone_into(&mut panel.discussion);
                    Saving::Soon
                }
            }
            PanelEdit::Decision(decision) => {
                if panel.decision == *decision {
                    Saving::Unchanged
                } else {
                    panel.decision = *decision;
                    Saving::Now
                }
            }
            PanelEdit::DecisionReason(text) => {
                if panel.decision_reason == *text {
                    Saving::Unchanged
                } else {
                    text.clone_into(&mut panel.decision_reason);
                    Saving::Soon
                }
            }
        })
    }
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;

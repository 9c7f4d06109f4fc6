//! Mock panels across machines through a folder the users already sync (issue #19).
//!
//! The layout (`docs/panel-sharing.md` is the public contract):
//!
//! ```text
//! <panel folder>/
//!   panel.ron                         written only by the host
//!   panelists/<panelist-id>/
//!     joined.ron                      written only by that panelist
//!     note-<seq>.ron                  one file per note, never rewritten
//!     card-<question>.ron             one file per submitted scorecard, never rewritten
//! ```
//!
//! Every file carries `format`, is written atomically (a temporary file, then a rename)
//! and has exactly one writer, so a sync tool never has two versions of one file to
//! reconcile. Drafts never leave the panelist's machine: a card is written once, when
//! submitted. No egui here; the reader, the merge and the watcher are plain model code.

mod drafts;
mod follow;
mod merge;
mod names;
mod read;
mod watch;

pub use drafts::{DRAFTS_DIR, DRAFTS_FORMAT, DraftCard, DraftsFile, card_is_blank, load_drafts, save_drafts};
pub use follow::{Follower, host_file_for, live_state};
pub use merge::{MergeReport, can_see_card, merge_into, session_from_host, visible_cards};
pub use names::{FileKind, classify};
pub use read::{FolderProblem, FolderReader, FolderView, GRACE, JoinedPanelist};
pub use watch::{FolderWatch, POLL_EVERY};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::bank::Question;
use crate::session::{PanelRole, Recommendation, Score};
use crate::store::{VersionedFileError, load_versioned, save_versioned};

/// The panel-folder format this build writes (every file in the folder).
pub const SHARE_FORMAT: u32 = 1;

/// The host's file.
pub const HOST_FILE: &str = "panel.ron";
/// The folder holding one folder per panelist.
pub const PANELISTS_DIR: &str = "panelists";
/// A panelist's announcement that they joined.
pub const JOINED_FILE: &str = "joined.ron";

/// The most of the host-to-panelist delay the panelist's wall clock is trusted for.
pub const MAX_TRUSTED_LAG: Duration = Duration::from_secs(10);

/// One panelist as the host declares them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPanelist {
    /// Safe as a folder name: lower-case letters, digits and `-`.
    pub id: String,
    pub name: String,
    pub role: PanelRole,
}

/// One question of the round, as it was when the host created the panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedQuestion {
    /// `bank/question`.
    pub global_id: String,
    pub question: Question,
}

/// Where the panel stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LiveStage {
    /// The current question has not started.
    #[default]
    Ready,
    Prep,
    Answer,
    /// The answer is over; panelists fill their cards.
    Scoring,
    /// Every question is done; the host runs the debrief.
    Debrief,
    Finished,
}

/// The answer clock as host-side facts. At host sequence `seq` the clock read
/// `elapsed_ms` and was running or not; `host_wall` is the host's wall time when it
/// wrote this, used only to estimate how long the file took to arrive (at most
/// [`MAX_TRUSTED_LAG`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveClock {
    pub elapsed_ms: u64,
    pub running: bool,
    pub host_wall: Option<DateTime<FixedOffset>>,
}

impl LiveClock {
    /// The clock a panelist shows: what the host wrote, plus (while running) the time
    /// since this machine first saw the file on its monotonic clock, plus the file's
    /// transit time as the two wall clocks estimate it, clamped to `0..=MAX_TRUSTED_LAG`
    /// so a machine whose clock is wrong by hours is off by seconds at worst.
    pub fn elapsed_ms(
        &self,
        seen_at: Duration,
        now: Duration,
        own_wall_when_seen: DateTime<FixedOffset>,
    ) -> u64 {
        if !self.running {
            return self.elapsed_ms;
        }
        let since_seen = now.saturating_sub(seen_at).as_millis() as u64;
        let lag = self
            .host_wall
            .map(|host| (own_wall_when_seen - host).num_milliseconds().max(0) as u64)
            .unwrap_or(0)
            .min(MAX_TRUSTED_LAG.as_millis() as u64);
        self.elapsed_ms + since_seen + lag
    }
}

/// A question whose cards the host revealed, with whose cards it saw then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reveal {
    pub question: usize,
    /// The panelists (ids) whose submitted cards the host had when it revealed.
    pub cards: Vec<String>,
}

/// The host's live state; `seq` grows by one with every write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveState {
    pub seq: u64,
    /// Index into `questions`.
    pub current: usize,
    pub stage: LiveStage,
    pub clock: LiveClock,
    #[serde(default)]
    pub reveals: Vec<Reveal>,
}

impl LiveState {
    pub fn reveal_of(&self, question: usize) -> Option<&Reveal> {
        self.reveals.iter().find(|r| r.question == question)
    }
}

/// `panel.ron`: written only by the host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostFile {
    pub format: u32,
    /// The host's session id; the merged session keeps it.
    pub panel_id: String,
    pub created: DateTime<FixedOffset>,
    pub title: String,
    pub candidate: String,
    #[serde(default = "one")]
    pub time_scale: f32,
    pub panelists: Vec<SharedPanelist>,
    pub questions: Vec<SharedQuestion>,
    #[serde(default)]
    pub live: LiveState,
}

fn one() -> f32 {
    1.0
}

impl HostFile {
    /// The panel id becomes a session file name: letters, digits, `-` and `_` only.
    pub fn has_safe_id(&self) -> bool {
        !self.panel_id.is_empty()
            && self.panel_id.len() <= 100
            && self
                .panel_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }

    pub fn panelist_index(&self, id: &str) -> Option<usize> {
        self.panelists.iter().position(|p| p.id == id)
    }
}

/// `panelists/<id>/joined.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinedFile {
    pub format: u32,
    pub panelist: String,
    pub joined_at: DateTime<FixedOffset>,
}

/// `panelists/<id>/note-<seq>.ron`: one note, never rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteFile {
    pub format: u32,
    pub panelist: String,
    /// Numbers this panelist's notes 1, 2, 3, … (also in the file name).
    pub seq: u64,
    /// The question's global id (`bank/question`).
    pub question: String,
    /// Milliseconds into the answer, on the clock the panelist saw.
    pub at_ms: u64,
    pub text: String,
    #[serde(default)]
    pub evidence: bool,
    pub written_at: DateTime<FixedOffset>,
}

/// `panelists/<id>/card-<question>.ron`: a submitted scorecard, final.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardFile {
    pub format: u32,
    pub panelist: String,
    /// The question's global id (`bank/question`); its index is in the file name.
    pub question: String,
    #[serde(default)]
    pub scores: BTreeMap<String, Score>,
    #[serde(default)]
    pub evidence: BTreeMap<String, String>,
    #[serde(default)]
    pub recommendation: Recommendation,
    #[serde(default)]
    pub notes: String,
    pub submitted_at: DateTime<FixedOffset>,
}

/// A panel folder could not be written; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error(transparent)]
    File(#[from] VersionedFileError),
    #[error("{0} already holds panel \"{1}\"; choose an empty folder")]
    OtherPanel(PathBuf, String),
    #[error("{0} holds no panel.ron; the host creates the panel first")]
    NoPanel(PathBuf),
    #[error("the panel has no panelist \"{0}\"")]
    NoPanelist(String),
    #[error("the panel has no question number {0}")]
    NoQuestion(usize),
    #[error("{0} already exists: a submitted scorecard is final")]
    AlreadySubmitted(PathBuf),
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// A panelist's folder inside the panel folder.
pub fn panelist_dir(folder: &Path, panelist: &str) -> PathBuf {
    folder.join(PANELISTS_DIR).join(panelist)
}

pub fn note_file_name(seq: u64) -> String {
    format!("note-{seq:06}.ron")
}

pub fn card_file_name(question: usize) -> String {
    format!("card-{question}.ron")
}

/// A panelist id from a name: lower-case ASCII letters and digits, other runs as `-`,
/// made unique against `taken` with `-2`, `-3`, ….
pub fn panelist_id(name: &str, taken: &[String]) -> String {
    let mut id = String::new();
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    let base = if id.is_empty() { "panelist" } else { id };
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

/// The host's side: creates the folder and rewrites `panel.ron` as the panel moves.
pub struct HostWriter {
    folder: PathBuf,
    file: HostFile,
}

impl HostWriter {
    /// Writes a new panel into `folder`. Refused when the folder already holds another
    /// panel (or a `panel.ron` this build cannot read); the same panel is taken over.
    pub fn create(folder: &Path, mut file: HostFile) -> Result<Self, ShareError> {
        let path = folder.join(HOST_FILE);
        if let Some(existing) = load_versioned::<HostFile>(&path, SHARE_FORMAT)? {
            if existing.panel_id != file.panel_id {
                return Err(ShareError::OtherPanel(folder.to_path_buf(), existing.panel_id));
            }
            file.live.seq = file.live.seq.max(existing.live.seq);
        }
        file.format = SHARE_FORMAT;
        let mut writer = Self {
            folder: folder.to_path_buf(),
            file,
        };
        writer.write()?;
        Ok(writer)
    }

    pub fn file(&self) -> &HostFile {
        &self.file
    }

    /// Changes the live state and writes `panel.ron` with the next sequence number.
    pub fn update(&mut self, change: impl FnOnce(&mut LiveState)) -> Result<(), ShareError> {
        change(&mut self.file.live);
        self.write()
    }

    fn write(&mut self) -> Result<(), ShareError> {
        self.file.live.seq += 1;
        save_versioned(&self.folder.join(HOST_FILE), &self.file)?;
        Ok(())
    }
}

/// Reads `panel.ron`; `None` while it has not arrived.
pub fn load_host(folder: &Path) -> Result<Option<HostFile>, ShareError> {
    Ok(load_versioned::<HostFile>(&folder.join(HOST_FILE), SHARE_FORMAT)?)
}

/// A panelist's side: announces the join, writes notes and submitted cards.
pub struct PanelistWriter {
    folder: PathBuf,
    id: String,
    next_seq: u64,
}

impl PanelistWriter {
    /// Joins the panel in `folder` as `id` (which `panel.ron` must name) and writes
    /// `joined.ron` unless it is there. Notes continue after the highest one on disk.
    pub fn join(folder: &Path, id: &str, now: DateTime<FixedOffset>) -> Result<Self, ShareError> {
        let host = load_host(folder)?.ok_or_else(|| ShareError::NoPanel(folder.to_path_buf()))?;
        if host.panelist_index(id).is_none() {
            return Err(ShareError::NoPanelist(id.to_owned()));
        }
        let dir = panelist_dir(folder, id);
        let joined = dir.join(JOINED_FILE);
        if !joined.exists() {
            save_versioned(
                &joined,
                &JoinedFile {
                    format: SHARE_FORMAT,
                    panelist: id.to_owned(),
                    joined_at: now,
                },
            )?;
        }
        let entries = std::fs::read_dir(&dir).map_err(|source| ShareError::Io {
            path: dir.clone(),
            source,
        })?;
        let last = entries
            .filter_map(Result::ok)
            .filter_map(|e| match classify(&e.file_name().to_string_lossy()) {
                FileKind::Note(seq) => Some(seq),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        Ok(Self {
            folder: folder.to_path_buf(),
            id: id.to_owned(),
            next_seq: last + 1,
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Writes one note; returns its sequence number.
    pub fn add_note(
        &mut self,
        question: &str,
        at_ms: u64,
        text: &str,
        evidence: bool,
        now: DateTime<FixedOffset>,
    ) -> Result<u64, ShareError> {
        let seq = self.next_seq;
        let note = NoteFile {
            format: SHARE_FORMAT,
            panelist: self.id.clone(),
            seq,
            question: question.to_owned(),
            at_ms,
            text: text.trim().to_owned(),
            evidence,
            written_at: now,
        };
        save_versioned(
            &panelist_dir(&self.folder, &self.id).join(note_file_name(seq)),
            &note,
        )?;
        self.next_seq += 1;
        Ok(seq)
    }

    /// Writes a submitted card for the question at `index`; a second submission for the
    /// same question is refused (a submitted card is final).
    pub fn submit(&self, index: usize, mut card: CardFile) -> Result<PathBuf, ShareError> {
        let path = panelist_dir(&self.folder, &self.id).join(card_file_name(index));
        if path.exists() {
            return Err(ShareError::AlreadySubmitted(path));
        }
        card.format = SHARE_FORMAT;
        card.panelist = self.id.clone();
        save_versioned(&path, &card)?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests;

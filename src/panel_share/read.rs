//! Reading a panel folder while a sync tool fills it: the merged view plus problems.
//!
//! A file that does not parse is taken as still arriving (a half-copied file) and
//! ignored until it parses; only when it has stayed the same and unreadable for
//! [`GRACE`] is it reported. Files already read are kept when they disappear (and the
//! deletion reported), so a card once seen is never lost. Unchanged files (same length
//! and modification time) are not read again.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};
use serde::de::DeserializeOwned;

use super::names::{FileKind, classify};
use super::{CardFile, HostFile, JoinedFile, NoteFile, PANELISTS_DIR, SHARE_FORMAT};
use crate::store::format_of;

/// How long a file may stay unreadable and unchanged before it is reported.
pub const GRACE: Duration = Duration::from_secs(30);

/// The largest file read from a panel folder.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Something in the folder the user should know about. Nothing here is merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderProblem {
    /// A sync tool's conflict copy: two versions of one file met. Left for the user.
    Conflict { path: PathBuf },
    /// Still unreadable after the grace period.
    Unreadable { path: PathBuf, reason: String },
    /// Written by a newer Panelist: kept as it is, not read, never rewritten.
    Newer { path: PathBuf, format: u32 },
    /// Read earlier, gone now; the copy read earlier is still used.
    Deleted { path: PathBuf },
    /// Readable but not where it belongs (wrong panelist, unknown question).
    Misplaced { path: PathBuf, reason: String },
    /// A file Panelist did not write.
    Unexpected { path: PathBuf },
}

impl FolderProblem {
    pub fn path(&self) -> &Path {
        match self {
            FolderProblem::Conflict { path }
            | FolderProblem::Unreadable { path, .. }
            | FolderProblem::Newer { path, .. }
            | FolderProblem::Deleted { path }
            | FolderProblem::Misplaced { path, .. }
            | FolderProblem::Unexpected { path } => path,
        }
    }

    /// A short name for the kind of problem (used by `panelist panel status --json`).
    pub fn kind(&self) -> &'static str {
        match self {
            FolderProblem::Conflict { .. } => "conflict",
            FolderProblem::Unreadable { .. } => "unreadable",
            FolderProblem::Newer { .. } => "newer",
            FolderProblem::Deleted { .. } => "deleted",
            FolderProblem::Misplaced { .. } => "misplaced",
            FolderProblem::Unexpected { .. } => "unexpected",
        }
    }
}

impl fmt::Display for FolderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FolderProblem::Conflict { path } => write!(
                f,
                "{} is a conflict copy made by the sync tool; it is not merged (compare it with the original and delete one)",
                path.display()
            ),
            FolderProblem::Unreadable { path, reason } => {
                write!(f, "{} cannot be read: {reason}", path.display())
            }
            FolderProblem::Newer { path, format } => write!(
                f,
                "{} was written by a newer Panelist (format {format}; this version reads up to {SHARE_FORMAT}); it is kept but not read",
                path.display()
            ),
            FolderProblem::Deleted { path } => write!(
                f,
                "{} was deleted; the copy read before is still used",
                path.display()
            ),
            FolderProblem::Misplaced { path, reason } => {
                write!(f, "{} is not merged: {reason}", path.display())
            }
            FolderProblem::Unexpected { path } => {
                write!(f, "{} is not a Panelist file; it is ignored", path.display())
            }
        }
    }
}

/// A panelist who has joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinedPanelist {
    pub id: String,
    pub joined_at: DateTime<FixedOffset>,
}

/// Everything readable in the folder now, plus what is wrong.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FolderView {
    pub host: Option<HostFile>,
    /// By panelist id.
    pub joined: BTreeMap<String, JoinedPanelist>,
    /// By (panelist id, note number).
    pub notes: BTreeMap<(String, u64), NoteFile>,
    /// By (panelist id, question index).
    pub cards: BTreeMap<(String, usize), CardFile>,
    /// Sorted by path.
    pub problems: Vec<FolderProblem>,
    /// Files ignored for now because they do not parse yet (a sync tool is probably
    /// still copying them); reported as problems only after [`GRACE`].
    pub arriving: Vec<PathBuf>,
}

impl FolderView {
    /// Per question of the host file, which panelists (ids) have submitted.
    pub fn submitted(&self, question: usize) -> BTreeSet<&str> {
        self.cards
            .keys()
            .filter(|(_, q)| *q == question)
            .map(|(p, _)| p.as_str())
            .collect()
    }

    pub fn has_submitted(&self, panelist: &str, question: usize) -> bool {
        self.cards.contains_key(&(panelist.to_owned(), question))
    }
}

#[derive(Debug, Clone)]
enum Item {
    Host(Box<HostFile>),
    Joined(JoinedFile),
    Note(NoteFile),
    Card(Box<CardFile>),
}

#[derive(Debug, Clone)]
enum State {
    Read(Item),
    /// Unreadable since `since` with this content (reported after the grace period).
    Bad {
        since: Duration,
        reason: String,
    },
    Newer(u32),
}

#[derive(Debug, Clone)]
struct Entry {
    len: u64,
    modified: Option<SystemTime>,
    state: State,
    /// The last good reading, kept if the file turns bad or disappears.
    last_good: Option<Item>,
    present: bool,
}

/// Reads a panel folder again and again, remembering what it read.
#[derive(Debug, Default)]
pub struct FolderReader {
    folder: PathBuf,
    entries: HashMap<PathBuf, Entry>,
}

impl FolderReader {
    pub fn new(folder: &Path) -> Self {
        Self {
            folder: folder.to_path_buf(),
            entries: HashMap::new(),
        }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Scans the folder; `now` is a monotonic time (for the grace period).
    pub fn scan(&mut self, now: Duration) -> FolderView {
        let mut view = FolderView::default();
        let mut seen: Vec<(PathBuf, FileKind, Option<String>)> = Vec::new();
        collect(&self.folder, None, &mut seen, &mut view.problems);
        let panelists = self.folder.join(PANELISTS_DIR);
        if let Ok(dirs) = std::fs::read_dir(&panelists) {
            for dir in dirs.filter_map(Result::ok) {
                let name = dir.file_name().to_string_lossy().into_owned();
                if dir.path().is_dir() {
                    collect(&dir.path(), Some(name), &mut seen, &mut view.problems);
                } else if classify(&name) == FileKind::Conflict {
                    view.problems.push(FolderProblem::Conflict { path: dir.path() });
                } else if classify(&name) != FileKind::InProgress {
                    view.problems.push(FolderProblem::Unexpected { path: dir.path() });
                }
            }
        }
        for entry in self.entries.values_mut() {
            entry.present = false;
        }
        let mut items: Vec<(PathBuf, Option<String>, Item)> = Vec::new();
        for (path, kind, owner) in seen {
            let entry = self.refresh(&path, &kind, now);
            entry.present = true;
            match &entry.state {
                State::Read(item) => items.push((path, owner, item.clone())),
                State::Bad { since, reason } => {
                    if now.saturating_sub(*since) >= GRACE {
                        view.problems.push(FolderProblem::Unreadable {
                            path: path.clone(),
                            reason: reason.clone(),
                        });
                    } else {
                        view.arriving.push(path.clone());
                    }
                    if let Some(item) = &entry.last_good {
                        items.push((path, owner, item.clone()));
                    }
                }
                State::Newer(format) => view.problems.push(FolderProblem::Newer {
                    path,
                    format: *format,
                }),
            }
        }
        for (path, entry) in &self.entries {
            if !entry.present
                && let Some(item) = &entry.last_good
            {
                view.problems.push(FolderProblem::Deleted { path: path.clone() });
                let owner = path
                    .parent()
                    .filter(|p| p.parent() == Some(panelists.as_path()))
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned());
                items.push((path.clone(), owner, item.clone()));
            }
        }
        items.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, owner, item) in items {
            place(&mut view, path, owner, item);
        }
        check_against_host(&mut view, &panelists);
        view.problems
            .sort_by(|a, b| a.path().cmp(b.path()).then(a.kind().cmp(b.kind())));
        view.problems.dedup();
        view.arriving.sort();
        view
    }

    fn refresh(&mut self, path: &Path, kind: &FileKind, now: Duration) -> &mut Entry {
        let meta = std::fs::metadata(path).ok();
        let len = meta.as_ref().map_or(0, |m| m.len());
        let modified = meta.as_ref().and_then(|m| m.modified().ok());
        let entry = self.entries.entry(path.to_path_buf()).or_insert_with(|| Entry {
            len: u64::MAX,
            modified: None,
            state: State::Bad {
                since: now,
                reason: String::new(),
            },
            last_good: None,
            present: true,
        });
        if entry.len == len && entry.modified == modified && !matches!(entry.state, State::Bad { .. }) {
            return entry;
        }
        let unchanged = entry.len == len && entry.modified == modified;
        let state = read_item(path, kind, len);
        entry.len = len;
        entry.modified = modified;
        entry.state = match state {
            State::Bad { reason, .. } => {
                let since = match &entry.state {
                    State::Bad { since, .. } if unchanged => *since,
                    _ => now,
                };
                State::Bad { since, reason }
            }
            State::Read(item) => {
                entry.last_good = Some(item.clone());
                State::Read(item)
            }
            other => other,
        };
        entry
    }
}

fn collect(
    dir: &Path,
    owner: Option<String>,
    seen: &mut Vec<(PathBuf, FileKind, Option<String>)>,
    problems: &mut Vec<FolderProblem>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if owner.is_some() && !name.starts_with('.') {
                problems.push(FolderProblem::Unexpected { path });
            }
            continue;
        }
        let kind = classify(&name);
        let expected = match (&kind, owner.is_some()) {
            (FileKind::Host, false) => true,
            (FileKind::Joined | FileKind::Note(_) | FileKind::Card(_), true) => true,
            (FileKind::Conflict, _) => {
                problems.push(FolderProblem::Conflict { path });
                continue;
            }
            (FileKind::InProgress, _) => continue,
            _ => false,
        };
        if expected {
            seen.push((path, kind, owner.clone()));
        } else if !is_housekeeping(&name) {
            problems.push(FolderProblem::Unexpected { path });
        }
    }
}

/// Files sync tools and desktops keep in every folder.
fn is_housekeeping(name: &str) -> bool {
    name.starts_with('.') || matches!(name, "desktop.ini" | "Thumbs.db" | "Icon\r")
}

fn read_item(path: &Path, kind: &FileKind, len: u64) -> State {
    let bad = |reason: String| State::Bad {
        since: Duration::ZERO,
        reason,
    };
    if len > MAX_FILE_BYTES {
        return bad(format!(
            "it is {len} bytes; a panel file is at most {MAX_FILE_BYTES} bytes"
        ));
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => return bad(err.to_string()),
    };
    if text.trim().is_empty() {
        return bad("the file is empty (still being copied?)".to_owned());
    }
    let located = |e: ron::error::SpannedError| {
        let at_end = e.span.start.line >= text.lines().count().max(1) || matches!(e.code, ron::Error::Eof);
        let hint = if at_end { " (the file looks cut short)" } else { "" };
        format!("{}:{}: {}{hint}", e.span.start.line, e.span.start.col, e.code)
    };
    match format_of(&text) {
        Err(e) => return bad(located(e)),
        Ok(Some(format)) if format > SHARE_FORMAT => return State::Newer(format),
        Ok(_) => {}
    }
    fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ron::error::SpannedError> {
        ron::from_str(text)
    }
    let item = match kind {
        FileKind::Host => parse::<HostFile>(&text).map(|f| Item::Host(Box::new(f))),
        FileKind::Joined => parse::<JoinedFile>(&text).map(Item::Joined),
        FileKind::Note(_) => parse::<NoteFile>(&text).map(Item::Note),
        FileKind::Card(_) => parse::<CardFile>(&text).map(|c| Item::Card(Box::new(c))),
        _ => return bad("not a Panelist file".to_owned()),
    };
    match item {
        Ok(item) => State::Read(item),
        Err(e) => bad(located(e)),
    }
}

fn place(view: &mut FolderView, path: PathBuf, owner: Option<String>, item: Item) {
    let misplaced = |view: &mut FolderView, reason: String| {
        view.problems.push(FolderProblem::Misplaced {
            path: path.clone(),
            reason,
        });
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match item {
        Item::Host(host) => view.host = Some(*host),
        Item::Joined(joined) => {
            if owner.as_deref() != Some(joined.panelist.as_str()) {
                return misplaced(view, format!("it names panelist \"{}\"", joined.panelist));
            }
            view.joined.insert(
                joined.panelist.clone(),
                JoinedPanelist {
                    id: joined.panelist,
                    joined_at: joined.joined_at,
                },
            );
        }
        Item::Note(note) => {
            if owner.as_deref() != Some(note.panelist.as_str()) {
                return misplaced(view, format!("it names panelist \"{}\"", note.panelist));
            }
            if classify(&name) != FileKind::Note(note.seq) {
                return misplaced(view, format!("it holds note {}", note.seq));
            }
            view.notes.insert((note.panelist.clone(), note.seq), note);
        }
        Item::Card(card) => {
            if owner.as_deref() != Some(card.panelist.as_str()) {
                return misplaced(view, format!("it names panelist \"{}\"", card.panelist));
            }
            let FileKind::Card(index) = classify(&name) else {
                return;
            };
            view.cards.insert((card.panelist.clone(), index), *card);
        }
    }
}

/// Drops what the host's file does not allow: unknown panelists, unknown questions.
fn check_against_host(view: &mut FolderView, panelists: &Path) {
    let Some(host) = &view.host else {
        return;
    };
    let known = |id: &str| host.panelist_index(id).is_some();
    let mut problems = Vec::new();
    let unknown: BTreeSet<String> = view
        .joined
        .keys()
        .chain(view.notes.keys().map(|(p, _)| p))
        .chain(view.cards.keys().map(|(p, _)| p))
        .filter(|p| !known(p))
        .cloned()
        .collect();
    for id in &unknown {
        problems.push(FolderProblem::Misplaced {
            path: panelists.join(id),
            reason: format!("panel.ron has no panelist \"{id}\""),
        });
    }
    view.joined.retain(|p, _| known(p));
    view.notes.retain(|(p, _), note| {
        let ok = known(p) && host.questions.iter().any(|q| q.global_id == note.question);
        if known(p) && !ok {
            problems.push(FolderProblem::Misplaced {
                path: panelists.join(p).join(super::note_file_name(note.seq)),
                reason: format!("the panel has no question \"{}\"", note.question),
            });
        }
        ok
    });
    view.cards.retain(|(p, index), card| {
        let ok = known(p)
            && host
                .questions
                .get(*index)
                .is_some_and(|q| q.global_id == card.question);
        if known(p) && !ok {
            problems.push(FolderProblem::Misplaced {
                path: panelists.join(p).join(super::card_file_name(*index)),
                reason: format!("question {} of the panel is not \"{}\"", index, card.question),
            });
        }
        ok
    });
    view.problems.extend(problems);
}

//! The session store: one RON file per session in `<data-dir>/sessions/`.
//!
//! Unreadable files are moved to `quarantine/` and reported; files from a newer
//! Panelist are left untouched and reported; nothing is ever silently replaced.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::atomic::{ensure_private_dir, is_temp_file};
use super::lock::DataLock;
use super::writer::{AtomicWriter, FileWriter};
use crate::paths::DataDir;
use crate::session::{SESSION_FORMAT, Session, SharedClock, SharedQuestions, SystemClock};

/// The largest session file read; anything bigger is not a session Panelist wrote.
pub const MAX_SESSION_BYTES: u64 = 32 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}:{col}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{path} was written by a newer Panelist (format {format}; this version reads up to {SESSION_FORMAT})"
    )]
    Newer { path: PathBuf, format: u32 },
    #[error("{path} is {size} bytes; a session file is at most {MAX_SESSION_BYTES} bytes")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("no session with id \"{0}\"")]
    NotFound(String),
    #[error(
        "{0} is open read-only in this window (another Panelist is using the data folder); nothing was written"
    )]
    ReadOnly(PathBuf),
    #[error("cannot encode the session: {0}")]
    Encode(String),
}

/// Something wrong with one file met while loading; everything else still loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadIssue {
    /// Could not be read as a session: moved aside.
    Quarantined {
        original: PathBuf,
        moved_to: PathBuf,
        reason: String,
    },
    /// Written by a newer Panelist: left where it is.
    Newer { path: PathBuf, format: u32 },
    /// Could not be read or moved (permissions, I/O): left where it is.
    Unreadable { path: PathBuf, reason: String },
}

impl std::fmt::Display for LoadIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadIssue::Quarantined {
                original,
                moved_to,
                reason,
            } => write!(
                f,
                "{} could not be read ({reason}); it was moved to {}",
                original.display(),
                moved_to.display()
            ),
            LoadIssue::Newer { path, format } => write!(
                f,
                "{} was written by a newer Panelist (format {format}); it is left untouched",
                path.display()
            ),
            LoadIssue::Unreadable { path, reason } => {
                write!(f, "{} could not be read: {reason}", path.display())
            }
        }
    }
}

#[derive(Debug, Default)]
pub struct LoadedSessions {
    /// Newest first.
    pub sessions: Vec<Session>,
    pub issues: Vec<LoadIssue>,
}

#[derive(Clone)]
pub struct SessionStore {
    dir: DataDir,
    writer: Arc<dyn FileWriter>,
    /// Stamps the names of files moved to quarantine.
    clock: SharedClock,
    /// Never writes, moves or deletes anything (another Panelist holds the data folder).
    read_only: bool,
}

/// The text of a session file.
pub fn session_to_ron(session: &Session) -> Result<String, StoreError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ".to_owned());
    ron::ser::to_string_pretty(session, config).map_err(|e| StoreError::Encode(e.to_string()))
}

/// Reads a session file's text; `path` names it in errors.
pub fn session_from_ron(path: &Path, text: &str) -> Result<Session, StoreError> {
    let parse_error = |e: ron::error::SpannedError| {
        let (line, col, message) = super::format::describe_parse_error(text, &e);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            col,
            message,
        }
    };
    if let Some(format) = super::format_of(text).map_err(parse_error)?
        && format > SESSION_FORMAT
    {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            format,
        });
    }
    let mut session: Session = ron::from_str(text).map_err(parse_error)?;
    // Found by fuzzing: RON reads `NaN` and `inf`. The scale is informational once the
    // targets are stored, so a nonsense value is read as 1.0 instead of losing the session.
    if !(session.time_scale.is_finite() && session.time_scale > 0.0) {
        session.time_scale = 1.0;
    }
    Ok(session)
}

impl std::fmt::Debug for SessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionStore")
            .field("dir", &self.dir)
            .field("writer", &self.writer)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

impl SessionStore {
    pub fn new(dir: DataDir) -> Self {
        Self {
            dir,
            writer: Arc::new(AtomicWriter),
            clock: SystemClock::shared(),
            read_only: false,
        }
    }

    /// The same store reading the time from `clock` (tests inject a fake one).
    pub fn with_clock(mut self, clock: SharedClock) -> Self {
        self.clock = clock;
        self
    }

    /// The same store writing through `writer` (tests inject failing writers here).
    pub fn with_writer(mut self, writer: Arc<dyn FileWriter>) -> Self {
        self.writer = writer;
        self
    }

    /// A store for a short-lived reader such as the command line. It takes the data
    /// folder's lock when it can, and may then quarantine unreadable files as the window
    /// does; while another Panelist holds the lock (or the lock cannot be taken at all)
    /// the store is read-only: it reports problems and moves nothing. Keep the returned
    /// lock for as long as the store is used.
    pub fn for_reader(dir: DataDir) -> (Self, Option<DataLock>) {
        if !dir.root().is_dir() {
            // nothing to read, and no reason to make the folder
            return (Self::new(dir).into_read_only(), None);
        }
        match DataLock::acquire(dir.root()) {
            Ok(lock) => (Self::new(dir), Some(lock)),
            Err(_) => (Self::new(dir).into_read_only(), None),
        }
    }

    /// The same store, refusing every change to the disk.
    pub fn into_read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn check_writable(&self, path: &Path) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly(path.to_path_buf()));
        }
        Ok(())
    }

    pub fn data_dir(&self) -> &DataDir {
        &self.dir
    }

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.dir.sessions().join(format!("{id}.ron"))
    }

    /// Saves atomically; the previous version stays intact if this fails.
    pub fn save(&self, session: &Session) -> Result<(), StoreError> {
        let path = self.path_of(&session.id);
        self.check_writable(&path)?;
        let text = session_to_ron(session)?;
        self.writer
            .write(&path, text.as_bytes())
            .map_err(|source| StoreError::Write { path, source })
    }

    /// Reads one session by id, without moving anything.
    pub fn load(&self, id: &str) -> Result<Session, StoreError> {
        let path = self.path_of(id);
        if !path.exists() {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        read_session(&path)
    }

    /// Every session, newest first. Unreadable files are quarantined and reported
    /// (a read-only store reports them and leaves them where they are).
    pub fn load_all(&self) -> LoadedSessions {
        let mut loaded = LoadedSessions::default();
        let mut shared = SharedQuestions::default();
        for path in session_files(&self.dir.sessions()) {
            match read_session(&path) {
                Ok(mut session) => {
                    shared.share(&mut session);
                    loaded.sessions.push(session);
                }
                Err(StoreError::Newer { path, format }) => {
                    loaded.issues.push(LoadIssue::Newer { path, format })
                }
                Err(StoreError::Read { path, source }) => loaded.issues.push(LoadIssue::Unreadable {
                    path,
                    reason: source.to_string(),
                }),
                Err(err) if self.read_only => loaded.issues.push(LoadIssue::Unreadable {
                    path,
                    reason: format!("{err}; left in place (this window is read-only)"),
                }),
                Err(err) => loaded.issues.push(self.quarantine(&path, &err.to_string())),
            }
        }
        loaded
            .sessions
            .sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
        loaded
    }

    /// Moves an unreadable file aside, never over another file.
    fn quarantine(&self, path: &Path, reason: &str) -> LoadIssue {
        let folder = self.dir.quarantine();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("session.ron");
        let stamp = self.clock.wall().format("%Y%m%d-%H%M%S");
        let mut target = folder.join(format!("{name}.{stamp}"));
        let mut n = 1;
        while target.exists() {
            target = folder.join(format!("{name}.{stamp}.{n}"));
            n += 1;
        }
        match ensure_private_dir(&folder).and_then(|()| fs::rename(path, &target)) {
            Ok(()) => LoadIssue::Quarantined {
                original: path.to_path_buf(),
                moved_to: target,
                reason: reason.to_owned(),
            },
            Err(err) => LoadIssue::Unreadable {
                path: path.to_path_buf(),
                reason: format!("{reason}; moving it to {} failed: {err}", folder.display()),
            },
        }
    }

    /// Moves a session to the trash. Nothing is erased until the trash is emptied.
    pub fn trash(&self, id: &str) -> Result<(), StoreError> {
        let from = self.path_of(id);
        self.check_writable(&from)?;
        if !from.exists() {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        let to = self.dir.trash().join(format!("{id}.ron"));
        ensure_private_dir(&self.dir.trash())
            .and_then(|()| fs::rename(&from, &to))
            .map_err(|source| StoreError::Write {
                path: to.clone(),
                source,
            })?;
        // its recordings go with it; if they cannot, the session comes back out
        if let Err(err) = self.move_recordings(id, &self.dir.recordings(), &self.trashed_recordings()) {
            let _ = fs::rename(&to, &from);
            return Err(err);
        }
        Ok(())
    }

    /// Where the recordings of trashed sessions wait: `trash/recordings/<id>/`.
    fn trashed_recordings(&self) -> PathBuf {
        self.dir.trash().join("recordings")
    }

    /// Moves a session's recordings folder (when it has one) from `from` to `to`.
    fn move_recordings(&self, id: &str, from: &Path, to: &Path) -> Result<(), StoreError> {
        let source = from.join(id);
        if !source.is_dir() {
            return Ok(());
        }
        let target = to.join(id);
        ensure_private_dir(to)
            .and_then(|()| fs::rename(&source, &target))
            .map_err(|source| StoreError::Write { path: target, source })
    }

    /// Brings a trashed session back.
    pub fn restore(&self, id: &str) -> Result<Session, StoreError> {
        let from = self.dir.trash().join(format!("{id}.ron"));
        self.check_writable(&from)?;
        if !from.exists() {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        let to = self.path_of(id);
        ensure_private_dir(&self.dir.sessions())
            .and_then(|()| fs::rename(&from, &to))
            .map_err(|source| StoreError::Write {
                path: to.clone(),
                source,
            })?;
        self.move_recordings(id, &self.trashed_recordings(), &self.dir.recordings())?;
        read_session(&to)
    }

    /// Ids of the sessions in the trash.
    pub fn trashed(&self) -> Vec<String> {
        session_files(&self.dir.trash())
            .iter()
            .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_owned))
            .collect()
    }

    /// Erases the trash for good.
    pub fn empty_trash(&self) -> Result<usize, StoreError> {
        self.check_writable(&self.dir.trash())?;
        let files = session_files(&self.dir.trash());
        for file in &files {
            fs::remove_file(file).map_err(|source| StoreError::Write {
                path: file.clone(),
                source,
            })?;
        }
        let recordings = self.trashed_recordings();
        if recordings.exists() {
            fs::remove_dir_all(&recordings).map_err(|source| StoreError::Write {
                path: recordings.clone(),
                source,
            })?;
        }
        Ok(files.len())
    }
}

fn read_session(path: &Path) -> Result<Session, StoreError> {
    let read_err = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_SESSION_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    let bytes = fs::read(path).map_err(read_err)?;
    let text = String::from_utf8(bytes).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: 1,
        col: 1,
        message: format!("not UTF-8 text: {e}"),
    })?;
    session_from_ron(path, &text)
}

/// The `*.ron` files of a folder, temporary files excluded, sorted.
fn session_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    p.extension().is_some_and(|e| e == "ron") && !is_temp_file(name) && !name.starts_with('.')
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

//! What the app knows, apart from how it is drawn: banks, history, the running
//! round, save status and notices. No egui here.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use crate::bank::Catalog;
use crate::config::{configured_sources, user_sources};
use crate::paths::DataDir;
use crate::prep::{RoleBook, StoryBank, load_prep_file};
use crate::session::{Runner, Session, SharedClock, Stage, Status};
use crate::store::{DataLock, LoadIssue, LockError, SessionStore, remove_stale_temp_files};

/// How the app is started.
#[derive(Clone)]
pub struct AppConfig {
    pub data: DataDir,
    pub extra_banks: Vec<PathBuf>,
    pub clock: SharedClock,
    /// Load banks and history on a worker thread (the real app); tests load at once.
    pub background_load: bool,
    /// Load the banks compiled into the binary (tests may leave them out for fixed picks).
    pub shipped_banks: bool,
    pub frame_stats: bool,
    /// The window's clear colour is the background, so panels are left unfilled and
    /// the renderer does not shade every pixel twice a frame. Off where nothing clears
    /// to the background (test harnesses render on transparent black).
    pub window_clears_background: bool,
}

impl AppConfig {
    /// The real app's configuration for a data folder.
    pub fn new(data: DataDir, extra_banks: Vec<PathBuf>, clock: SharedClock) -> Self {
        Self {
            data,
            extra_banks,
            clock,
            background_load: true,
            shipped_banks: true,
            frame_stats: false,
            window_clears_background: false,
        }
    }
}

/// Banks and history, as loaded from disk.
pub struct Loaded {
    pub catalog: Catalog,
    pub sessions: Vec<Session>,
    pub issues: Vec<LoadIssue>,
    pub prep: PrepKit,
}

/// The prep kit's two files. A file that failed to load is kept read-only (`*_error`)
/// so that saving never replaces what could not be read.
#[derive(Debug, Default)]
pub struct PrepKit {
    pub stories: StoryBank,
    pub roles: RoleBook,
    pub stories_error: Option<String>,
    pub roles_error: Option<String>,
}

impl PrepKit {
    pub fn read(data: &DataDir) -> Self {
        let mut kit = PrepKit::default();
        match load_prep_file::<StoryBank>(&data.stories_file()) {
            Ok(found) => kit.stories = found.unwrap_or_default(),
            Err(err) => kit.stories_error = Some(err.to_string()),
        }
        match load_prep_file::<RoleBook>(&data.roles_file()) {
            Ok(found) => kit.roles = found.unwrap_or_default(),
            Err(err) => kit.roles_error = Some(err.to_string()),
        }
        kit
    }
}

impl Loaded {
    /// Reads banks and the store's sessions (a read-only store moves no bad file aside).
    pub fn read(store: &SessionStore, extra: &[PathBuf], shipped: bool) -> Self {
        let data = store.data_dir();
        let sources = if shipped {
            configured_sources(data, extra)
        } else {
            user_sources(data, extra)
        };
        let catalog = Catalog::load(&sources);
        let loaded = store.load_all();
        Self {
            catalog,
            sessions: loaded.sessions,
            issues: loaded.issues,
            prep: PrepKit::read(data),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeLevel {
    Info,
    Warning,
    Error,
}

/// A message for the user. Sticky notices stay until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub level: NoticeLevel,
    pub text: String,
    pub sticky: bool,
}

/// Whether the running session is safely on disk.
#[derive(Debug, Default)]
pub struct SaveStatus {
    /// Unsaved edits exist since this monotonic time.
    pub dirty_since: Option<Duration>,
    pub last_save: Option<Duration>,
    /// The last failed save's message (path and OS error), until a save succeeds.
    pub failing: Option<String>,
}

/// Edits are saved at most this often; steps (start, finish, score) save at once.
pub const EDIT_SAVE_INTERVAL: Duration = Duration::from_secs(2);
/// While a clock runs, its time is saved this often, so a crash loses little.
pub const RUNNING_SAVE_INTERVAL: Duration = Duration::from_secs(5);
/// A failing save is retried this often.
pub const RETRY_INTERVAL: Duration = Duration::from_secs(5);

pub struct AppState {
    pub config: AppConfig,
    pub store: SessionStore,
    pub catalog: Catalog,
    /// Every readable session, newest first (the running one included, as last saved).
    pub history: Vec<Session>,
    pub runner: Option<Runner>,
    pub notices: Vec<Notice>,
    pub save: SaveStatus,
    /// `None` when another Panelist holds the data folder: nothing is written.
    pub lock: Option<DataLock>,
    pub loading: Option<mpsc::Receiver<Loaded>>,
    /// A session left in progress by a crash or a kill, to offer for resuming.
    pub resume_offer: Option<String>,
    pub prep: PrepKit,
    /// Bumped whenever `catalog` is replaced, so views can cache what they derive from it.
    pub catalog_generation: u64,
    /// Bumped whenever `history` changes, so derived figures are recomputed only then.
    pub history_revision: u64,
    /// Progress and the review schedule, cached for `history_revision`.
    pub insights: crate::history::Insights,
}

impl AppState {
    pub fn new(config: AppConfig) -> Self {
        let mut store = SessionStore::new(config.data.clone());
        let mut notices = Vec::new();
        let lock = match DataLock::acquire(config.data.root()) {
            Ok(lock) => Some(lock),
            Err(err @ LockError::Held(_)) => {
                notices.push(Notice {
                    level: NoticeLevel::Warning,
                    text: err.to_string(),
                    sticky: true,
                });
                None
            }
            Err(err) => {
                notices.push(Notice {
                    level: NoticeLevel::Error,
                    text: format!("{err}; changes cannot be saved"),
                    sticky: true,
                });
                None
            }
        };
        match &lock {
            Some(held) => {
                if let Err(text) = remove_stale_temp_files_in(&config.data, held) {
                    notices.push(Notice {
                        level: NoticeLevel::Warning,
                        text,
                        sticky: true,
                    });
                }
            }
            None => store = store.into_read_only(),
        }
        let mut state = Self {
            store,
            catalog: Catalog::default(),
            history: Vec::new(),
            runner: None,
            notices,
            save: SaveStatus::default(),
            lock,
            loading: None,
            resume_offer: None,
            prep: PrepKit::default(),
            catalog_generation: 0,
            history_revision: 0,
            insights: crate::history::Insights::default(),
            config,
        };
        if state.config.background_load {
            let (tx, rx) = mpsc::channel();
            let (store, extra) = (state.store.clone(), state.config.extra_banks.clone());
            let shipped = state.config.shipped_banks;
            std::thread::spawn(move || {
                let _ = tx.send(Loaded::read(&store, &extra, shipped));
            });
            state.loading = Some(rx);
        } else {
            let loaded = Loaded::read(
                &state.store,
                &state.config.extra_banks,
                state.config.shipped_banks,
            );
            state.finish_loading(loaded);
        }
        state
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Takes the worker's result when it is ready. Returns true when loading just finished.
    pub fn poll_loading(&mut self) -> bool {
        let Some(rx) = &self.loading else { return false };
        match rx.try_recv() {
            Ok(loaded) => {
                self.loading = None;
                self.finish_loading(loaded);
                true
            }
            Err(mpsc::TryRecvError::Empty) => false,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.loading = None;
                self.notify(
                    NoticeLevel::Error,
                    "loading banks and history failed unexpectedly".to_owned(),
                    true,
                );
                true
            }
        }
    }

    fn finish_loading(&mut self, loaded: Loaded) {
        self.catalog = loaded.catalog;
        self.catalog_generation += 1;
        self.history = loaded.sessions;
        self.history_revision += 1;
        for issue in loaded.issues {
            self.notify(NoticeLevel::Warning, issue.to_string(), true);
        }
        for error in [&loaded.prep.stories_error, &loaded.prep.roles_error]
            .into_iter()
            .flatten()
        {
            self.notify(
                NoticeLevel::Error,
                format!("{error}. It is left as it is and not overwritten."),
                true,
            );
        }
        self.prep = loaded.prep;
        // a read-only window never offers to resume: the other window may be running it
        self.resume_offer = self
            .history
            .iter()
            .filter(|_| !self.read_only())
            .find(|s| s.status == Status::InProgress)
            .map(|s| s.id.clone());
    }

    pub fn notify(&mut self, level: NoticeLevel, text: String, sticky: bool) {
        if !self.notices.iter().any(|n| n.text == text) {
            self.notices.push(Notice { level, text, sticky });
        }
    }

    pub fn now(&self) -> Duration {
        self.config.clock.now()
    }

    pub fn wall(&self) -> DateTime<FixedOffset> {
        self.config.clock.wall()
    }

    /// When each question was last practised, for picking fresh ones.
    pub fn last_practised(&self) -> HashMap<String, DateTime<FixedOffset>> {
        let mut last: HashMap<String, DateTime<FixedOffset>> = HashMap::new();
        for session in &self.history {
            for record in session.questions.iter().filter(|q| q.was_answered()) {
                let at = record.started_at.unwrap_or(session.created);
                let entry = last.entry(record.global_id.clone()).or_insert(at);
                if at > *entry {
                    *entry = at;
                }
            }
        }
        last
    }

    /// Starts running a session (new or resumed) and saves it.
    pub fn start_runner(&mut self, session: Session) {
        self.runner = Some(Runner::new(session, self.config.clock.clone()));
        self.save_now();
    }

    /// Records an edit; it is saved within [`EDIT_SAVE_INTERVAL`].
    pub fn mark_dirty(&mut self) {
        if self.save.dirty_since.is_none() {
            self.save.dirty_since = Some(self.now());
        }
    }

    /// Saves the running session now; on failure keeps it in memory and reports the path and error.
    pub fn save_now(&mut self) {
        let now = self.now();
        let Some(runner) = self.runner.as_mut() else {
            return;
        };
        runner.checkpoint();
        let session = runner.session().clone();
        self.save.last_save = Some(now);
        if self.lock.is_none() {
            return;
        }
        match self.store.save(&session) {
            Ok(()) => {
                self.save.dirty_since = None;
                if self.save.failing.take().is_some() {
                    self.notify(
                        NoticeLevel::Info,
                        "Saving works again; nothing was lost.".to_owned(),
                        false,
                    );
                }
            }
            Err(err) => {
                self.save.dirty_since.get_or_insert(now);
                self.save.failing = Some(format!(
                    "{err}. Your round continues in memory; saving is retried."
                ));
            }
        }
        self.remember(session);
    }

    /// Puts a session into the history list (replacing its older copy).
    pub fn remember(&mut self, session: Session) {
        self.history_revision += 1;
        match self.history.iter_mut().find(|s| s.id == session.id) {
            Some(existing) => *existing = session,
            None => self.history.insert(0, session),
        }
    }

    /// Saves whatever is due: pending edits, the running clock, a failed save's retry.
    /// Called once per frame; cheap when nothing is due.
    pub fn autosave(&mut self) {
        let Some(runner) = self.runner.as_mut() else {
            return;
        };
        if runner.tick() {
            self.save_now();
            return;
        }
        let now = self.now();
        let since_save = self
            .save
            .last_save
            .map_or(Duration::MAX, |t| now.saturating_sub(t));
        let due = if self.save.failing.is_some() {
            since_save >= RETRY_INTERVAL
        } else if let Some(dirty) = self.save.dirty_since {
            now.saturating_sub(dirty) >= EDIT_SAVE_INTERVAL || since_save >= EDIT_SAVE_INTERVAL
        } else {
            self.runner.as_ref().is_some_and(Runner::is_running) && since_save >= RUNNING_SAVE_INTERVAL
        };
        if due {
            self.save_now();
        }
    }

    /// When the app must wake up by itself next: the clock's next second, or a pending save.
    pub fn wake_after(&self) -> Option<Duration> {
        let clock = self.runner.as_ref().and_then(Runner::repaint_after);
        let now = self.now();
        let save = if self.save.failing.is_some() {
            Some(RETRY_INTERVAL)
        } else {
            self.save
                .dirty_since
                .map(|t| EDIT_SAVE_INTERVAL.saturating_sub(now.saturating_sub(t)))
        };
        match (clock, save) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Recomputes progress and the review schedule if the history changed since last time.
    pub fn refresh_insights(&mut self) {
        if self
            .insights
            .refresh(self.history_revision, &self.history, &self.catalog)
            && let Some(error) = self.insights.error.clone()
        {
            self.notify(NoticeLevel::Error, error, true);
        }
    }

    /// The stage of the running round, if any.
    pub fn stage(&self) -> Option<Stage> {
        self.runner.as_ref().map(Runner::stage)
    }
}

/// Removes what killed writers left behind in the data folder and its sessions folder.
fn remove_stale_temp_files_in(data: &DataDir, held: &DataLock) -> Result<(), String> {
    for dir in [data.root().to_path_buf(), data.sessions()] {
        remove_stale_temp_files(&dir, held)
            .map_err(|err| format!("cannot clean temporary files in {}: {err}", dir.display()))?;
    }
    Ok(())
}

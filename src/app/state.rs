//! What the app knows, apart from how it is drawn: banks, history, the running
//! round, save status and notices. No egui here.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use crate::bank::Catalog;
use crate::config::{configured_sources, user_sources};
use crate::history::Insights;
use crate::paths::DataDir;
use crate::prep::{RoleBook, StoryBank, load_prep_file};
use crate::session::{EditError, Flow, Runner, Saving, Session, SessionEdit, SharedClock, Stage, Status};
use crate::store::{
    DataLock, LoadIssue, LockError, SaveReport, Saver, SessionStore, remove_stale_temp_files,
};

use super::command::RoundStart;

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
    /// Where the interviewer's voice comes from (the system's, or a test's fake).
    pub voice: super::VoiceBackend,
    /// Where recordings come from and replay goes (tests give a file, no speakers).
    pub audio: super::sound::AudioHooks,
    /// The file the window opens with (`panelist FILE`).
    pub open: Option<crate::open::OpenFile>,
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
            voice: super::VoiceBackend::System,
            audio: super::sound::AudioHooks::system(),
            open: None,
        }
    }
}

/// History and the prep kit, as loaded from disk (banks load on their own, so a slow or
/// broken bank never delays history or the offer to resume).
pub struct Loaded {
    pub sessions: Vec<Session>,
    /// How many deleted sessions wait in the trash.
    pub trashed: usize,
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
    /// Reads the store's sessions (a read-only store moves no bad file aside) and the prep kit.
    pub fn read(store: &SessionStore) -> Self {
        let loaded = store.load_all();
        Self {
            sessions: loaded.sessions,
            trashed: store.trashed().len(),
            issues: loaded.issues,
            prep: PrepKit::read(store.data_dir()),
        }
    }
}

/// Reads every configured bank.
pub fn load_catalog(config: &AppConfig) -> Catalog {
    let sources = if config.shipped_banks {
        configured_sources(&config.data, &config.extra_banks)
    } else {
        user_sources(&config.data, &config.extra_banks)
    };
    Catalog::load(&sources)
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

/// Whether the running session (and edited saved ones) are safely on disk.
#[derive(Debug, Default)]
pub struct SaveStatus {
    /// Unsaved edits exist since this monotonic time.
    pub dirty_since: Option<Duration>,
    /// When a copy was last handed to the background writer.
    pub last_save: Option<Duration>,
    /// The last failed save's message (path and OS error), until a save succeeds.
    pub failing: Option<String>,
    /// Saved sessions edited in their review and not yet queued for writing.
    pub edited: Vec<String>,
}

/// Edits are saved at most this often; steps (start, finish, score) save at once.
pub const EDIT_SAVE_INTERVAL: Duration = Duration::from_secs(2);
/// While a clock runs, its time is saved this often, so a crash loses little.
pub const RUNNING_SAVE_INTERVAL: Duration = Duration::from_secs(5);
/// A failing save is retried this often.
pub const RETRY_INTERVAL: Duration = Duration::from_secs(5);
/// A read-only window tries to take the data folder over this often.
pub const LOCK_RETRY_INTERVAL: Duration = Duration::from_secs(2);
/// How many times a second level meters and the player's position are redrawn while they
/// move, on the running clock's thirds of a second so that the clock's own frame is one of
/// them. Each frame of the window costs about 0.7 % of a core under software OpenGL (more
/// on a busy machine): at five a second, unaligned, recording cost 3.2–4.8 % more than
/// the clock alone (docs/performance.md).
pub const SOUND_FRAMES_PER_SECOND: u64 = 3;
/// The longest wait between two frames of a moving meter or player.
pub const SOUND_REPAINT_INTERVAL: Duration = Duration::from_millis(1000 / SOUND_FRAMES_PER_SECOND + 1);

/// When a level meter or a player is next redrawn, given when the running clock next ticks
/// (`clock`, at most a second): on the clock's thirds of a second, so that its tick is one
/// of the meter's frames; without a clock, after [`SOUND_REPAINT_INTERVAL`].
pub fn sound_wake(clock: Option<Duration>) -> Duration {
    let Some(clock) = clock else {
        return SOUND_REPAINT_INTERVAL;
    };
    let into_second = 1000u64.saturating_sub(clock.as_millis() as u64);
    let next = (1..=SOUND_FRAMES_PER_SECOND)
        .map(|k| k * 1000 / SOUND_FRAMES_PER_SECOND)
        .find(|&at| at > into_second)
        .unwrap_or(1000);
    Duration::from_millis(next - into_second)
}

/// How long closing the window waits for the last saves.
pub const EXIT_FLUSH_TIMEOUT: Duration = Duration::from_secs(10);

/// The notice shown when saving works again after failing.
pub const SAVING_RECOVERED: &str = "Saving works again; nothing was lost.";

/// What a read-only window says about itself.
pub const READ_ONLY_EXPLANATION: &str = "This data folder is in use by another Panelist window, so this one is read-only: \
     you can browse questions, history and progress, but rounds and edits are off. \
     This window takes over by itself as soon as the other one closes; \
     or start Panelist with --data-dir to use another folder.";

/// Progress and the review schedule being computed on a worker thread.
struct InsightsJob {
    key: (u64, u64),
    result: mpsc::Receiver<Insights>,
}

pub struct AppState {
    pub config: AppConfig,
    pub store: SessionStore,
    pub catalog: Arc<Catalog>,
    /// Every readable session, newest first (the running one included, as last saved).
    pub history: Arc<Vec<Session>>,
    pub runner: Option<Runner>,
    pub notices: Vec<Notice>,
    pub save: SaveStatus,
    /// `None` when another Panelist holds the data folder: nothing is written.
    pub lock: Option<DataLock>,
    /// Writes sessions on its own thread; `None` while the window is read-only.
    saver: Option<Saver>,
    pub loading: Option<mpsc::Receiver<Loaded>>,
    pub loading_banks: Option<mpsc::Receiver<Catalog>>,
    /// A session left in progress by a crash or a kill, to offer for resuming.
    pub resume_offer: Option<String>,
    pub prep: PrepKit,
    /// How many deleted sessions wait in the trash.
    pub trashed: usize,
    /// Bumped whenever `catalog` is replaced, so views can cache what they derive from it.
    pub catalog_generation: u64,
    /// Bumped whenever `history` changes, so derived lists are recomputed only then.
    pub history_revision: u64,
    /// Bumped when history changes other than the running round's own saves: what
    /// progress and the review schedule are computed from.
    pub insights_revision: u64,
    /// Progress and the review schedule, as last computed.
    pub insights: Insights,
    insights_key: Option<(u64, u64)>,
    insights_job: Option<InsightsJob>,
    last_lock_try: Option<Duration>,
    /// The microphone, the recorder following the answer clock, and replay.
    pub sound: super::sound::Sound,
    /// Called when background work finishes, to wake the window (a no-op in tests).
    wake: Arc<dyn Fn() + Send + Sync>,
    /// Speech models, transcription jobs and downloads, as screens show them.
    pub speech: crate::app::speech::SpeechStatus,
}

impl AppState {
    pub fn new(config: AppConfig) -> Self {
        let store = SessionStore::new(config.data.clone());
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
        let mut state = Self {
            store,
            catalog: Arc::default(),
            history: Arc::default(),
            runner: None,
            notices,
            save: SaveStatus::default(),
            lock: None,
            saver: None,
            loading: None,
            loading_banks: None,
            resume_offer: None,
            prep: PrepKit::default(),
            trashed: 0,
            catalog_generation: 0,
            history_revision: 0,
            insights_revision: 0,
            insights: Insights::default(),
            insights_key: None,
            insights_job: None,
            last_lock_try: None,
            sound: super::sound::Sound::new(config.audio.clone()),
            wake: Arc::new(|| {}),
            speech: Default::default(),
            config,
        };
        match lock {
            Some(lock) => state.take_lock(lock),
            None => state.store = state.store.clone().into_read_only(),
        }
        if state.config.background_load {
            let (tx, rx) = mpsc::channel();
            let store = state.store.clone();
            std::thread::spawn(move || {
                let _ = tx.send(Loaded::read(&store));
            });
            state.loading = Some(rx);
            let (tx, rx) = mpsc::channel();
            let config = state.config.clone();
            std::thread::spawn(move || {
                let _ = tx.send(load_catalog(&config));
            });
            state.loading_banks = Some(rx);
        } else {
            let catalog = load_catalog(&state.config);
            state.replace_catalog(catalog);
            let loaded = Loaded::read(&state.store);
            state.finish_loading(loaded);
        }
        state
    }

    /// Sets what wakes the window when background work finishes.
    pub fn set_wake(&mut self, wake: Arc<dyn Fn() + Send + Sync>) {
        self.wake = wake;
        if self.saver.is_some() {
            self.start_saver();
        }
    }

    /// What wakes the window, for background work the app starts.
    pub fn wake_handle(&self) -> Arc<dyn Fn() + Send + Sync> {
        Arc::clone(&self.wake)
    }

    /// This window holds the data folder from now on: it cleans up and can save.
    fn take_lock(&mut self, held: DataLock) {
        if let Err(text) = remove_stale_temp_files_in(&self.config.data, &held) {
            self.notify(NoticeLevel::Warning, text, true);
        }
        self.store = SessionStore::new(self.config.data.clone());
        self.lock = Some(held);
        self.start_saver();
    }

    fn start_saver(&mut self) {
        let wake = Arc::clone(&self.wake);
        self.saver = Some(Saver::start(self.store.clone(), Box::new(move || wake())));
    }

    /// A read-only window tries, every couple of seconds, to take the data folder over
    /// once the other window has closed. Returns true when it did.
    pub fn retry_lock(&mut self) -> bool {
        if self.lock.is_some() {
            return false;
        }
        let now = self.now();
        if self
            .last_lock_try
            .is_some_and(|t| now.saturating_sub(t) < LOCK_RETRY_INTERVAL)
        {
            return false;
        }
        self.last_lock_try = Some(now);
        let Ok(lock) = DataLock::acquire(self.config.data.root()) else {
            return false;
        };
        self.take_lock(lock);
        self.notices
            .retain(|n| n.text != READ_ONLY_EXPLANATION && !n.text.contains("opens read-only"));
        self.notify(
            NoticeLevel::Info,
            "The other Panelist window closed: this window can now run rounds and save.".to_owned(),
            false,
        );
        // what the other window saved meanwhile
        let loaded = Loaded::read(&self.store);
        self.history = Arc::new(loaded.sessions);
        self.trashed = loaded.trashed;
        self.history_revision += 1;
        self.insights_revision += 1;
        self.prep = loaded.prep;
        true
    }

    /// True while history is still being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// True while the banks are still being read.
    pub fn banks_loading(&self) -> bool {
        self.loading_banks.is_some()
    }

    pub fn read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// Takes the workers' results when they are ready. Returns true when something arrived.
    pub fn poll_loading(&mut self) -> bool {
        let mut changed = false;
        if let Some(rx) = &self.loading_banks {
            match rx.try_recv() {
                Ok(catalog) => {
                    self.loading_banks = None;
                    self.replace_catalog(catalog);
                    changed = true;
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.loading_banks = None;
                    self.notify(
                        NoticeLevel::Error,
                        "loading the question banks failed unexpectedly".to_owned(),
                        true,
                    );
                    changed = true;
                }
            }
        }
        if let Some(rx) = &self.loading {
            match rx.try_recv() {
                Ok(loaded) => {
                    self.loading = None;
                    self.finish_loading(loaded);
                    changed = true;
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.loading = None;
                    self.notify(
                        NoticeLevel::Error,
                        "loading history failed unexpectedly".to_owned(),
                        true,
                    );
                    changed = true;
                }
            }
        }
        changed
    }

    /// Replaces the catalog (first load or a reload).
    pub fn replace_catalog(&mut self, catalog: Catalog) {
        self.catalog = Arc::new(catalog);
        self.catalog_generation += 1;
    }

    fn finish_loading(&mut self, loaded: Loaded) {
        self.history = Arc::new(loaded.sessions);
        self.trashed = loaded.trashed;
        self.history_revision += 1;
        self.insights_revision += 1;
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

    /// A seed for picking questions that differs between rounds.
    pub fn seed(&self) -> u64 {
        let wall = self.wall();
        (wall.timestamp_subsec_nanos() as u64)
            ^ (wall.timestamp() as u64).rotate_left(20)
            ^ self.now().as_nanos() as u64
    }

    /// When each question was last practised, for picking fresh ones.
    pub fn last_practised(&self) -> HashMap<String, DateTime<FixedOffset>> {
        let mut last: HashMap<String, DateTime<FixedOffset>> = HashMap::new();
        for session in self.history.iter() {
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

    /// Explains, once, that a read-only window does not change anything. True when read-only.
    pub fn refuse_if_read_only(&mut self) -> bool {
        if self.read_only() {
            self.notify(NoticeLevel::Warning, READ_ONLY_EXPLANATION.to_owned(), true);
        }
        self.read_only()
    }

    /// Starts a new round. Refused (false) in a read-only window and when none of the
    /// questions is in the catalog any more.
    pub fn start_round(&mut self, start: RoundStart) -> bool {
        if self.refuse_if_read_only() {
            return false;
        }
        let questions: Vec<_> = start
            .questions
            .iter()
            .filter_map(|id| self.catalog.question(id))
            .map(|q| (q.global_id(), q.question.clone()))
            .collect();
        if questions.is_empty() {
            return false;
        }
        if let Some(runner) = self.runner.take() {
            // a round left open is kept, unfinished
            let mut old = runner.into_session();
            if old.status == Status::InProgress {
                old.status = Status::Abandoned;
            }
            self.queue_save(old);
        }
        let now = self.wall();
        let mut session = Session::new(
            crate::session::new_session_id(now, self.seed()),
            now,
            crate::session::Mode::Solo,
            start.title,
            start.time_scale,
            questions,
        );
        if let Some(panel) = start.panel {
            panel.apply_to(&mut session);
        }
        let mut runner = Runner::new(session, self.config.clock.clone());
        runner.start_current();
        self.runner = Some(runner);
        self.save_now();
        true
    }

    /// Runs `session` (new or resumed) from where it stands, and saves it.
    pub fn start_runner(&mut self, session: Session) {
        self.runner = Some(Runner::new(session, self.config.clock.clone()));
        self.save_now();
    }

    /// The store writes through `writer` from now on (tests inject failing writers here).
    pub fn use_writer(&mut self, writer: Arc<dyn crate::store::FileWriter>) {
        self.store = self.store.clone().with_writer(writer);
        if self.saver.is_some() {
            self.start_saver();
        }
    }

    /// Resumes a saved round from its file.
    pub fn resume(&mut self, id: &str) -> Result<(), String> {
        self.resume_offer = None;
        if self.refuse_if_read_only() {
            return Err("this window is read-only".to_owned());
        }
        let session = self
            .store
            .load(id)
            .map_err(|err| format!("Cannot resume: {err}"))?;
        self.start_runner(session);
        Ok(())
    }

    /// Marks an interrupted round as abandoned (it stays in history and can be resumed).
    pub fn decline_resume(&mut self, id: &str) {
        self.resume_offer = None;
        if self.read_only() {
            return;
        }
        if let Some(mut session) = self.history.iter().find(|s| s.id == id).cloned() {
            session.status = Status::Abandoned;
            session.updated = self.wall();
            self.queue_save(session);
        }
    }

    /// Carries out an action on the running round's clock and flow, and saves.
    pub fn flow(&mut self, flow: Flow) {
        let Some(runner) = self.runner.as_mut() else {
            return;
        };
        runner.flow(flow);
        self.save_now();
        // the recorder follows the clock at once: a finished answer stops it now
        self.sync_recording();
    }

    /// Starts, pauses, marks or stops the recording of the running answer to follow its
    /// clock (`app/sound/recording.rs`), and keeps what it recorded in the session.
    pub fn sync_recording(&mut self) {
        let sound = &mut self.sound;
        let outcome = sound
            .recording
            .sync(self.runner.as_ref(), &sound.hooks, &self.config.data);
        self.take_recording(outcome);
    }

    /// Stops any recording now (before the window closes).
    pub fn stop_recording(&mut self) {
        let outcome = self.sound.recording.stop(&self.config.data);
        self.take_recording(outcome);
    }

    fn take_recording(&mut self, outcome: super::sound::recording::Outcome) {
        for (session, edit) in outcome.edits {
            let running = self.runner.as_ref().is_some_and(|r| r.session().id == session);
            let result = if running {
                self.edit_running(&edit)
            } else {
                self.edit_saved(&session, &edit)
            };
            if let Err(err) = result {
                self.notify(
                    NoticeLevel::Error,
                    format!("The recording was not noted in the session: {err}"),
                    true,
                );
            }
        }
        for problem in outcome.problems {
            self.notify(NoticeLevel::Error, problem, true);
        }
    }

    /// Applies an edit to the running round; saves at once or soon, as the edit asks.
    pub fn edit_running(&mut self, edit: &SessionEdit) -> Result<Saving, EditError> {
        let Some(runner) = self.runner.as_mut() else {
            return Ok(Saving::Unchanged);
        };
        let saving = runner.edit(edit)?;
        self.after_edit(saving);
        Ok(saving)
    }

    /// A panel note taken now by `panelist`.
    pub fn panel_note(&mut self, panelist: usize, text: String, evidence: bool) -> Result<Saving, EditError> {
        let Some(runner) = self.runner.as_mut() else {
            return Ok(Saving::Unchanged);
        };
        let saving = runner.note_now(panelist, text, evidence)?;
        self.after_edit(saving);
        Ok(saving)
    }

    fn after_edit(&mut self, saving: Saving) {
        match saving {
            Saving::Now => self.save_now(),
            Saving::Soon => self.mark_dirty(),
            Saving::Unchanged => {}
        }
    }

    /// Applies an edit to a saved session (from its review); written within seconds.
    pub fn edit_saved(&mut self, id: &str, edit: &SessionEdit) -> Result<Saving, EditError> {
        if self.refuse_if_read_only() {
            return Ok(Saving::Unchanged);
        }
        let now = self.wall();
        let history = Arc::make_mut(&mut self.history);
        let Some(session) = history.iter_mut().find(|s| s.id == id) else {
            return Ok(Saving::Unchanged);
        };
        let saving = session.apply(edit, now)?;
        if saving != Saving::Unchanged {
            self.history_revision += 1;
            self.insights_revision += 1;
            if !self.save.edited.iter().any(|e| e == id) {
                self.save.edited.push(id.to_owned());
            }
            self.mark_dirty();
        }
        Ok(saving)
    }

    /// True when a saved session has edits not yet handed to the writer.
    pub fn has_unsaved_edits(&self, id: &str) -> bool {
        self.save.edited.iter().any(|e| e == id)
    }

    /// Records an edit; it is saved within [`EDIT_SAVE_INTERVAL`].
    pub fn mark_dirty(&mut self) {
        if self.save.dirty_since.is_none() {
            self.save.dirty_since = Some(self.now());
        }
    }

    /// Queues the running session and every edited saved one for writing now. The UI
    /// thread only copies them; the background writer puts them on disk.
    pub fn save_now(&mut self) {
        let now = self.now();
        self.save.last_save = Some(now);
        self.save.dirty_since = None;
        for id in std::mem::take(&mut self.save.edited) {
            if let Some(session) = self.history.iter().find(|s| s.id == id).cloned() {
                self.send_to_writer(session);
            }
        }
        let Some(runner) = self.runner.as_mut() else {
            return;
        };
        runner.checkpoint();
        let session = runner.session().clone();
        self.queue_save(session);
    }

    /// Keeps a session that did not run here (a remote panel, merged on a panelist's
    /// machine) in history and on disk. Nothing is written from a read-only window.
    pub fn keep_session(&mut self, session: Session) {
        if !self.refuse_if_read_only() {
            self.queue_save(session);
        }
    }

    /// Puts a session into history and hands a copy to the writer.
    fn queue_save(&mut self, session: Session) {
        self.send_to_writer(session.clone());
        self.remember(session);
    }

    fn send_to_writer(&mut self, session: Session) {
        match &self.saver {
            Some(saver) => saver.queue(session),
            None => {
                // read-only: nothing is written; the round is never started in the first place
            }
        }
    }

    /// Puts a session into the history list (replacing its older copy).
    pub fn remember(&mut self, session: Session) {
        self.history_revision += 1;
        let running = self
            .runner
            .as_ref()
            .is_some_and(|r| r.session().id == session.id && session.status == Status::InProgress);
        let history = Arc::make_mut(&mut self.history);
        let previous = match history.iter_mut().find(|s| s.id == session.id) {
            Some(existing) => Some(std::mem::replace(existing, session)),
            None => {
                history.insert(0, session);
                None
            }
        };
        // the running round's own saves (every few seconds) leave progress alone
        let was_running = previous.is_some_and(|p| p.status == Status::InProgress);
        if !(running && was_running) {
            self.insights_revision += 1;
        }
    }

    /// Removes a session from history (it went to the trash).
    pub fn forget(&mut self, id: &str) {
        Arc::make_mut(&mut self.history).retain(|s| s.id != id);
        self.history_revision += 1;
        self.insights_revision += 1;
    }

    /// Takes the writer's reports: a failing folder shows one banner; its recovery one
    /// notice. Returns true when what the window shows changed.
    pub fn poll_saves(&mut self) -> bool {
        let Some(saver) = &self.saver else {
            return false;
        };
        let reports: Vec<SaveReport> = saver.reports();
        let was_failing = self.save.failing.clone();
        for report in reports {
            match report.result {
                Ok(()) => {
                    if self.save.failing.take().is_some() {
                        self.notify(NoticeLevel::Info, SAVING_RECOVERED.to_owned(), false);
                    }
                }
                Err(err) => {
                    // never "works again" beside "not saved"
                    self.notices.retain(|n| n.text != SAVING_RECOVERED);
                    self.save.dirty_since.get_or_insert(self.config.clock.now());
                    self.save.failing = Some(format!(
                        "{err}. Your round continues in memory; saving is retried."
                    ));
                }
            }
        }
        self.save.failing != was_failing
    }

    /// Saves whatever is due: pending edits, the running clock, a failed save's retry.
    /// Called once per frame; cheap when nothing is due (it only queues copies).
    pub fn autosave(&mut self) {
        if let Some(runner) = self.runner.as_mut()
            && runner.tick()
        {
            self.save_now();
            return;
        }
        if self.runner.is_none() && self.save.dirty_since.is_none() && self.save.failing.is_none() {
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

    /// When the app must wake up by itself next: the clock's next second, a pending save,
    /// or a read-only window's next try at the lock.
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
        let lock = self.read_only().then_some(LOCK_RETRY_INTERVAL);
        // the recording indicator's level meter, a few times a second
        let sound = (self.sound.recording.is_active()
            || self.sound.mic.is_testing()
            || self.sound.replay.is_playing())
        .then(|| sound_wake(clock));
        [clock, save, lock, sound].into_iter().flatten().min()
    }

    /// Starts recomputing progress and the review schedule on a worker thread when the
    /// history (other than the running round's own saves) or the banks changed.
    pub fn refresh_insights(&mut self) {
        let key = (self.insights_revision, self.catalog_generation);
        if self.insights_key == Some(key) || self.insights_job.as_ref().is_some_and(|j| j.key == key) {
            return;
        }
        if self.is_loading() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let (history, catalog) = (Arc::clone(&self.history), Arc::clone(&self.catalog));
        let wake = Arc::clone(&self.wake);
        std::thread::spawn(move || {
            let mut insights = Insights::default();
            insights.refresh(0, &history, &catalog);
            let _ = tx.send(insights);
            wake();
        });
        self.insights_job = Some(InsightsJob { key, result: rx });
    }

    /// Takes the worker's insights when ready. Returns true when they arrived.
    pub fn poll_insights(&mut self) -> bool {
        let Some(job) = &self.insights_job else {
            return false;
        };
        let Ok(insights) = job.result.try_recv() else {
            return false;
        };
        self.insights_key = Some(job.key);
        self.insights_job = None;
        self.insights = insights;
        if let Some(error) = self.insights.error.clone() {
            self.notify(NoticeLevel::Error, error, true);
        }
        true
    }

    /// Waits for background work: queued saves written, insights computed. For tests,
    /// benchmarks and the command line; the window never calls it while drawing.
    pub fn settle(&mut self) {
        if let Some(saver) = &self.saver {
            saver.flush(EXIT_FLUSH_TIMEOUT);
        }
        self.poll_saves();
        self.refresh_insights();
        if let Some(job) = self.insights_job.take()
            && let Ok(insights) = job.result.recv_timeout(EXIT_FLUSH_TIMEOUT)
        {
            self.insights_key = Some(job.key);
            self.insights = insights;
        }
    }

    /// Waits until queued saves are written (before moving a session's file, say).
    pub fn settle_saves(&mut self) {
        if let Some(saver) = &self.saver {
            saver.flush(EXIT_FLUSH_TIMEOUT);
        }
        self.poll_saves();
    }

    /// Before the process ends: the running round's time recorded, every save written.
    pub fn flush_on_exit(&mut self) {
        self.stop_recording();
        if self.runner.is_some() || !self.save.edited.is_empty() {
            self.save_now();
        }
        if let Some(saver) = &self.saver {
            saver.flush(EXIT_FLUSH_TIMEOUT);
        }
    }

    /// True while saves are queued or being written.
    pub fn saves_pending(&self) -> bool {
        self.saver.as_ref().is_some_and(Saver::is_busy)
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

#[cfg(test)]
mod sound_wake_tests {
    use super::{SOUND_REPAINT_INTERVAL, sound_wake};
    use std::time::Duration;

    #[test]
    fn meters_are_redrawn_on_the_clocks_thirds_of_a_second() {
        let ms = Duration::from_millis;
        // the clock ticks in 900 ms (100 ms into its second): the meter draws at 333 ms
        assert_eq!(sound_wake(Some(ms(900))), ms(233));
        // on a third: a whole third; just past one: the rest of the next
        assert_eq!(sound_wake(Some(ms(667))), ms(333));
        assert_eq!(sound_wake(Some(ms(666))), ms(332));
        // the last third is the clock's own tick
        assert_eq!(sound_wake(Some(ms(300))), ms(300));
        assert_eq!(sound_wake(Some(ms(1000))), ms(333));
        // no clock running (paused, Settings' microphone test, the review's player)
        assert_eq!(sound_wake(None), SOUND_REPAINT_INTERVAL);
        assert_eq!(SOUND_REPAINT_INTERVAL, ms(334));
    }
}

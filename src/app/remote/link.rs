//! The edge between the window and a panel folder: a worker that writes the files this
//! machine owns (atomically, in order) and reads the folder when the watcher or the
//! 2-second poll says so, sending back a reading only when it changed.
//!
//! The real app runs the worker on its own thread, so no file is read or written on the
//! UI thread; tests run it inline, where each `poll` reads the folder at once (the
//! "poll now" hook that keeps them free of sleeps).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use crate::panel_share::{
    CardFile, DraftsFile, FolderReader, FolderView, FolderWatch, HostFile, HostWriter, LiveState, POLL_EVERY,
    PanelistWriter, load_drafts, save_drafts,
};
use crate::session::SharedClock;

/// Something for the worker to do.
#[derive(Debug, Clone)]
pub enum Job {
    /// Write the host's `panel.ron` for the first time (or take the same panel over).
    CreateHost(Box<HostFile>),
    /// Rewrite `panel.ron` with this live state (its `seq` is the writer's own).
    Live(LiveState),
    /// Announce this panelist (writes `joined.ron` unless it is there).
    Join {
        id: String,
        now: DateTime<FixedOffset>,
    },
    Note {
        question: String,
        at_ms: u64,
        text: String,
        evidence: bool,
        now: DateTime<FixedOffset>,
    },
    Submit {
        index: usize,
        card: Box<CardFile>,
    },
    /// Read this panelist's unsent drafts (on this machine, not in the folder).
    LoadDrafts(PathBuf),
    /// Keep this panelist's unsent drafts (removes the file when they are empty).
    SaveDrafts {
        path: PathBuf,
        drafts: Box<DraftsFile>,
    },
    /// Read the folder now.
    Scan,
    Stop,
}

/// What the worker tells the window.
#[derive(Debug, Clone)]
pub enum Report {
    /// A new reading of the folder, taken at this machine's monotonic `now` and `wall`.
    View {
        view: Box<FolderView>,
        now: Duration,
        wall: DateTime<FixedOffset>,
    },
    /// A card was written.
    Submitted(usize),
    /// The drafts asked for by [`Job::LoadDrafts`]: none kept, or an error naming the file.
    Drafts(Result<Option<Box<DraftsFile>>, String>),
    /// A write failed; the message names the file.
    Failed(String),
}

/// Owns the writers and the reader of one panel folder.
struct Worker {
    folder: PathBuf,
    clock: SharedClock,
    reader: FolderReader,
    host: Option<HostWriter>,
    panelist: Option<PanelistWriter>,
    last: Option<FolderView>,
}

impl Worker {
    fn new(folder: &Path, clock: SharedClock) -> Self {
        Self {
            folder: folder.to_path_buf(),
            clock,
            reader: FolderReader::new(folder),
            host: None,
            panelist: None,
            last: None,
        }
    }

    fn run(&mut self, job: Job, reports: &mut Vec<Report>) {
        let job = match job {
            Job::LoadDrafts(path) => {
                let drafts = load_drafts(&path, self.clock.wall()).map(|d| d.map(Box::new));
                reports.push(Report::Drafts(drafts));
                return;
            }
            Job::SaveDrafts { path, drafts } => {
                if let Err(message) = save_drafts(&path, &drafts) {
                    reports.push(Report::Failed(message));
                }
                return;
            }
            job => job,
        };
        let result = match job {
            Job::CreateHost(file) => HostWriter::create(&self.folder, *file).map(|w| self.host = Some(w)),
            Job::Live(live) => match &mut self.host {
                Some(host) => host.update(|held| {
                    let seq = held.seq;
                    *held = live;
                    held.seq = seq;
                }),
                None => Ok(()),
            },
            Job::Join { id, now } => {
                PanelistWriter::join(&self.folder, &id, now).map(|w| self.panelist = Some(w))
            }
            Job::Note {
                question,
                at_ms,
                text,
                evidence,
                now,
            } => match &mut self.panelist {
                Some(writer) => writer
                    .add_note(&question, at_ms, &text, evidence, now)
                    .map(|_| ()),
                None => Ok(()),
            },
            Job::Submit { index, card } => match &self.panelist {
                Some(writer) => writer
                    .submit(index, *card)
                    .map(|_| reports.push(Report::Submitted(index))),
                None => Ok(()),
            },
            Job::Scan | Job::Stop | Job::LoadDrafts(_) | Job::SaveDrafts { .. } => Ok(()),
        };
        if let Err(err) = result {
            reports.push(Report::Failed(err.to_string()));
        }
    }

    /// Reads the folder; a report only when the reading changed.
    fn scan(&mut self, reports: &mut Vec<Report>) {
        let now = self.clock.now();
        let view = self.reader.scan(now);
        if self.last.as_ref() == Some(&view) {
            return;
        }
        self.last = Some(view.clone());
        reports.push(Report::View {
            view: Box::new(view),
            now,
            wall: self.clock.wall(),
        });
    }
}

enum Mode {
    Thread {
        jobs: Sender<Job>,
        reports: Receiver<Report>,
    },
    Inline {
        worker: Box<Worker>,
        reports: Vec<Report>,
    },
}

/// The window's handle on a panel folder.
pub struct FolderLink {
    folder: PathBuf,
    mode: Mode,
}

impl FolderLink {
    /// A worker thread for `folder`; `wake` asks the window to draw when a report waits.
    pub fn threaded(folder: &Path, clock: SharedClock, wake: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, reports) = mpsc::channel::<Report>();
        let notify = jobs.clone();
        let watched = folder.to_path_buf();
        let mut worker = Worker::new(folder, clock);
        std::thread::spawn(move || {
            let mut watch = FolderWatch::new(&watched, move || {
                let _ = notify.send(Job::Scan);
            });
            loop {
                let first = match inbox.recv_timeout(POLL_EVERY) {
                    Ok(job) => Some(job),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => break,
                };
                let batch: Vec<Job> = first.into_iter().chain(inbox.try_iter()).collect();
                let last_live = batch.iter().rposition(|j| matches!(j, Job::Live(_)));
                let mut out = Vec::new();
                let mut wrote = false;
                let mut stop = false;
                for (i, job) in batch.into_iter().enumerate() {
                    match job {
                        Job::Stop => stop = true,
                        Job::Scan => {}
                        // only the newest live state of a batch is written
                        Job::Live(_) if Some(i) != last_live => {}
                        job => {
                            worker.run(job, &mut out);
                            wrote = true;
                        }
                    }
                }
                if watch.due(worker.clock.now()) || wrote {
                    worker.scan(&mut out);
                }
                if !out.is_empty() {
                    for report in out {
                        if outbox.send(report).is_err() {
                            return;
                        }
                    }
                    wake();
                }
                if stop {
                    break;
                }
            }
        });
        Self {
            folder: folder.to_path_buf(),
            mode: Mode::Thread { jobs, reports },
        }
    }

    /// Writes and reads on the caller's thread: every `send` is done when it returns and
    /// every `poll` reads the folder (tests).
    pub fn inline(folder: &Path, clock: SharedClock) -> Self {
        Self {
            folder: folder.to_path_buf(),
            mode: Mode::Inline {
                worker: Box::new(Worker::new(folder, clock)),
                reports: Vec::new(),
            },
        }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    pub fn send(&mut self, job: Job) {
        match &mut self.mode {
            Mode::Thread { jobs, .. } => {
                let _ = jobs.send(job);
            }
            Mode::Inline { worker, reports } => worker.run(job, reports),
        }
    }

    /// What the worker reported since the last call.
    pub fn poll(&mut self) -> Vec<Report> {
        match &mut self.mode {
            Mode::Thread { reports, .. } => reports.try_iter().collect(),
            Mode::Inline { worker, reports } => {
                worker.scan(reports);
                std::mem::take(reports)
            }
        }
    }
}

impl Drop for FolderLink {
    fn drop(&mut self) {
        if let Mode::Thread { jobs, .. } = &self.mode {
            // queued writes are done first: the worker takes jobs in order
            let _ = jobs.send(Job::Stop);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel_share::{LiveStage, SHARE_FORMAT};
    use crate::session::SystemClock;

    fn host_file() -> HostFile {
        HostFile {
            format: SHARE_FORMAT,
            panel_id: "20261128-101500-3f2a".to_owned(),
            created: chrono::DateTime::parse_from_rfc3339("2026-11-28T10:15:00+00:00").expect("date"),
            title: "Mock panel".to_owned(),
            candidate: "Sam".to_owned(),
            time_scale: 1.0,
            panelists: Vec::new(),
            questions: Vec::new(),
            live: LiveState::default(),
        }
    }

    /// Waits (bounded) for the worker thread's reports until `done` holds.
    fn wait_for(link: &mut FolderLink, mut done: impl FnMut(&Report) -> bool) -> bool {
        for _ in 0..500 {
            if link.poll().iter().any(&mut done) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    #[test]
    fn the_worker_thread_writes_in_order_keeps_only_the_newest_live_state_and_reports_changes() {
        let folder = tempfile::tempdir().expect("temp");
        let woken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counter = Arc::clone(&woken);
        let mut link = FolderLink::threaded(
            folder.path(),
            SystemClock::shared(),
            Arc::new(move || {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }),
        );
        link.send(Job::CreateHost(Box::new(host_file())));
        for current in 0..5 {
            link.send(Job::Live(LiveState {
                current,
                stage: LiveStage::Answer,
                ..LiveState::default()
            }));
        }
        let seen = wait_for(
            &mut link,
            |r| matches!(r, Report::View { view, .. } if view.host.as_ref().is_some_and(|h| h.live.current == 4)),
        );
        assert!(
            seen,
            "the newest live state reached the folder and came back as a reading"
        );
        assert!(
            woken.load(std::sync::atomic::Ordering::SeqCst) > 0,
            "the window was woken"
        );
        let written = crate::panel_share::load_host(folder.path())
            .expect("read")
            .expect("panel.ron");
        assert_eq!(written.live.current, 4);
        // created (seq 1) plus at most one write per batch of live states
        assert!(written.live.seq <= 6);
        drop(link);
    }

    #[test]
    fn a_failed_write_is_reported_with_the_file() {
        let folder = tempfile::tempdir().expect("temp");
        let other = HostFile {
            panel_id: "another-panel".to_owned(),
            ..host_file()
        };
        crate::panel_share::HostWriter::create(folder.path(), other).expect("create");
        let mut link = FolderLink::inline(folder.path(), SystemClock::shared());
        link.send(Job::CreateHost(Box::new(host_file())));
        let reports = link.poll();
        assert!(
            reports.iter().any(
                |r| matches!(r, Report::Failed(m) if m.contains("already holds panel \"another-panel\""))
            ),
            "{reports:?}"
        );
    }
}

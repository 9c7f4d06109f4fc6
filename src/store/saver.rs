//! The store's background writer: sessions are saved on a thread of their own, in order,
//! and a burst of saves of one session is written once, as its latest copy.
//!
//! The window never waits on the disk: it queues a copy of the session and goes on. Each
//! save's outcome comes back as a [`SaveReport`], which the window polls to show a failing
//! folder (and its recovery). [`Saver::flush`] waits until everything queued is on disk:
//! the window calls it when it closes, tests call it before they look at the files.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::SessionStore;
use crate::session::Session;

/// What became of one queued save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveReport {
    pub id: String,
    /// `Err` holds the path and the operating system's error, for the user.
    pub result: Result<(), String>,
}

#[derive(Default)]
struct Queue {
    /// Sessions waiting to be written, oldest first; one entry per session id.
    waiting: VecDeque<Session>,
    /// A save is being written right now.
    writing: bool,
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    /// Signalled when work arrives and when the queue drains.
    changed: Condvar,
}

/// Saves sessions on a background thread. Dropping it writes what is queued, then stops.
pub struct Saver {
    shared: Arc<Shared>,
    reports: Receiver<SaveReport>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    /// Starts the writer for `store`; `wake` is called after each report (to repaint the window).
    pub fn start(store: SessionStore, wake: Box<dyn Fn() + Send>) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            changed: Condvar::new(),
        });
        let (tx, reports) = mpsc::channel();
        let worker = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("panelist-saver".to_owned())
            .spawn(move || write_loop(&store, &worker, &tx, wake.as_ref()))
            .ok();
        Self {
            shared,
            reports,
            thread,
        }
    }

    /// Queues a copy of `session`. A copy of the same session still waiting is replaced,
    /// keeping its place in the queue, so saves stay in order and only the latest is written.
    pub fn queue(&self, session: Session) {
        let mut queue = lock(&self.shared.queue);
        match queue.waiting.iter_mut().find(|s| s.id == session.id) {
            Some(waiting) => *waiting = session,
            None => queue.waiting.push_back(session),
        }
        self.shared.changed.notify_all();
    }

    /// The reports that arrived since the last call, oldest first.
    pub fn reports(&self) -> Vec<SaveReport> {
        self.reports.try_iter().collect()
    }

    /// True while a save is queued or being written.
    pub fn is_busy(&self) -> bool {
        let queue = lock(&self.shared.queue);
        queue.writing || !queue.waiting.is_empty()
    }

    /// Waits until every queued save is written (or `timeout` passes); true when it was.
    pub fn flush(&self, timeout: Duration) -> bool {
        if self.thread.is_none() {
            return false;
        }
        let queue = lock(&self.shared.queue);
        let (queue, _) = self
            .shared
            .changed
            .wait_timeout_while(queue, timeout, |q| q.writing || !q.waiting.is_empty())
            .unwrap_or_else(|p| p.into_inner());
        !queue.writing && queue.waiting.is_empty()
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        lock(&self.shared.queue).closed = true;
        self.shared.changed.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn lock(queue: &Mutex<Queue>) -> std::sync::MutexGuard<'_, Queue> {
    queue.lock().unwrap_or_else(|p| p.into_inner())
}

fn write_loop(store: &SessionStore, shared: &Shared, reports: &Sender<SaveReport>, wake: &dyn Fn()) {
    loop {
        let session = {
            let mut queue = lock(&shared.queue);
            loop {
                if let Some(session) = queue.waiting.pop_front() {
                    queue.writing = true;
                    break session;
                }
                if queue.closed {
                    return;
                }
                queue = shared.changed.wait(queue).unwrap_or_else(|p| p.into_inner());
            }
        };
        let result = store.save(&session).map_err(|err| err.to_string());
        let _ = reports.send(SaveReport {
            id: session.id.clone(),
            result,
        });
        lock(&shared.queue).writing = false;
        shared.changed.notify_all();
        wake();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::paths::DataDir;
    use crate::session::{Mode, Session};
    use crate::store::{FaultyWriter, FileWriter};

    fn session(id: &str, notes: &str) -> Session {
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00+00:00").expect("date");
        let mut s = Session::new(id.to_owned(), at, Mode::Solo, "Round".to_owned(), 1.0, vec![]);
        s.notes = notes.to_owned();
        s
    }

    /// Records which thread wrote, and can be held shut to pile saves up.
    #[derive(Debug, Default)]
    struct Recording {
        threads: Mutex<Vec<std::thread::ThreadId>>,
        gate: Mutex<()>,
        writes: Mutex<Vec<String>>,
    }

    impl FileWriter for Recording {
        fn write(&self, path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
            let _open = self.gate.lock().unwrap_or_else(|p| p.into_inner());
            self.threads
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(std::thread::current().id());
            self.writes
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(String::from_utf8_lossy(bytes).into_owned());
            crate::store::write_atomic(path, bytes)
        }
    }

    #[test]
    fn saves_are_written_off_the_calling_thread_and_flush_waits_for_them() {
        let data = tempfile::tempdir().expect("temp");
        let writer = Arc::new(Recording::default());
        let store = SessionStore::new(DataDir::new(data.path())).with_writer(writer.clone());
        let saver = Saver::start(store.clone(), Box::new(|| {}));
        saver.queue(session("a", "one"));
        assert!(saver.flush(Duration::from_secs(10)));
        assert_eq!(store.load("a").expect("saved").notes, "one");
        let threads = writer.threads.lock().expect("threads").clone();
        assert_eq!(threads.len(), 1);
        assert_ne!(threads[0], std::thread::current().id());
        assert_eq!(
            saver.reports(),
            vec![SaveReport {
                id: "a".to_owned(),
                result: Ok(())
            }]
        );
    }

    #[test]
    fn a_burst_of_saves_of_one_session_writes_the_latest_in_order() {
        let data = tempfile::tempdir().expect("temp");
        let writer = Arc::new(Recording::default());
        let store = SessionStore::new(DataDir::new(data.path())).with_writer(writer.clone());
        let saver = Saver::start(store.clone(), Box::new(|| {}));
        {
            // hold the disk shut while the window queues a burst
            let _shut = writer.gate.lock().expect("gate");
            saver.queue(session("first", "x"));
            std::thread::sleep(Duration::from_millis(50));
            for n in 0..50 {
                saver.queue(session("a", &format!("edit {n}")));
            }
            saver.queue(session("b", "b1"));
            saver.queue(session("a", "edit final"));
        }
        assert!(saver.flush(Duration::from_secs(10)));
        let writes = writer.writes.lock().expect("writes").clone();
        // "first" was already being written; then a once (its latest), then b
        assert_eq!(writes.len(), 3, "{writes:?}");
        assert!(writes[1].contains("edit final"));
        assert!(writes[2].contains("b1"));
        assert_eq!(store.load("a").expect("a").notes, "edit final");
    }

    #[test]
    fn a_failing_folder_is_reported_and_the_next_save_recovers() {
        let data = tempfile::tempdir().expect("temp");
        let writer = Arc::new(FaultyWriter::default());
        let store = SessionStore::new(DataDir::new(data.path())).with_writer(writer.clone());
        let saver = Saver::start(store.clone(), Box::new(|| {}));
        writer.fail_with(28);
        saver.queue(session("a", "one"));
        assert!(saver.flush(Duration::from_secs(10)));
        let reports = saver.reports();
        assert_eq!(reports.len(), 1);
        assert!(reports[0].result.is_err());
        writer.heal();
        saver.queue(session("a", "two"));
        assert!(saver.flush(Duration::from_secs(10)));
        assert_eq!(saver.reports()[0].result, Ok(()));
        assert_eq!(store.load("a").expect("a").notes, "two");
    }

    #[test]
    fn dropping_the_saver_writes_what_is_queued() {
        let data = tempfile::tempdir().expect("temp");
        let store = SessionStore::new(DataDir::new(data.path()));
        let saver = Saver::start(store.clone(), Box::new(|| {}));
        saver.queue(session("a", "kept"));
        drop(saver);
        assert_eq!(store.load("a").expect("a").notes, "kept");
    }
}

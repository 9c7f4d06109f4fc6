//! The app's state without a window: saving off the UI thread, insights only when finished
//! history changes, the wall clock injected.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use panelist::app::{AppConfig, AppState, RoundStart};
use panelist::paths::DataDir;
use panelist::session::{FakeClock, Flow, SessionEdit};
use panelist::store::{FileWriter, write_atomic};

fn fixture_banks() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

fn state_on(dir: &Path, clock: &Arc<FakeClock>) -> AppState {
    let mut config = AppConfig::new(DataDir::new(dir), vec![fixture_banks()], clock.clone());
    config.background_load = false;
    config.shipped_banks = false;
    AppState::new(config)
}

fn quick(id: &str) -> RoundStart {
    RoundStart {
        title: "Quick question".to_owned(),
        questions: vec![format!("sample/{id}")],
        time_scale: 1.0,
        panel: None,
    }
}

/// Records the thread of every write.
#[derive(Debug, Default)]
struct ThreadRecorder(Mutex<Vec<std::thread::ThreadId>>);

impl FileWriter for ThreadRecorder {
    fn write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(std::thread::current().id());
        write_atomic(path, bytes)
    }
}

#[test]
fn a_running_round_is_saved_off_the_calling_thread() {
    let dir = tempfile::tempdir().expect("temp");
    let clock = FakeClock::fixed();
    let mut state = state_on(dir.path(), &clock);
    let writer = Arc::new(ThreadRecorder::default());
    state.use_writer(writer.clone());
    assert!(state.start_round(quick("ledger")));
    let question = state.runner.as_ref().expect("runner").session().questions[0]
        .global_id
        .clone();
    state
        .edit_running(&SessionEdit::Scratchpad {
            question,
            text: "1. clarify".to_owned(),
        })
        .expect("edited");
    clock.advance_secs(3);
    state.autosave();
    state.settle();
    let threads = writer.0.lock().expect("threads").clone();
    assert!(!threads.is_empty(), "nothing was written");
    assert!(
        threads.iter().all(|t| *t != std::thread::current().id()),
        "a save ran on the calling (UI) thread"
    );
    let id = state.runner.as_ref().expect("runner").session().id.clone();
    let saved = state.store.load(&id).expect("on disk");
    assert_eq!(saved.questions[0].scratchpad, "1. clarify");
    assert_eq!(saved.updated, clock.wall() - chrono::Duration::seconds(3));
}

#[test]
fn progress_is_recomputed_when_a_round_ends_not_at_every_save_of_the_running_clock() {
    let dir = tempfile::tempdir().expect("temp");
    let clock = FakeClock::fixed();
    let mut state = state_on(dir.path(), &clock);
    state.settle();
    assert!(state.start_round(quick("ledger")));
    let started = state.insights_revision;
    for _ in 0..6 {
        clock.advance_secs(5);
        state.autosave(); // the running clock is saved every 5 s
    }
    state.settle();
    assert_eq!(
        state.insights_revision, started,
        "the running clock's saves recomputed progress"
    );
    state.flow(Flow::FinishAnswer);
    state.flow(Flow::NextQuestion);
    assert!(state.insights_revision > started, "finishing the round did not");
    state.settle();
    let answered: usize = state.insights.progress.timing.iter().map(|t| t.answered).sum();
    assert_eq!(answered, 1, "progress counts the finished answer");
}

#[test]
fn session_ids_and_times_come_from_the_injected_clock() {
    let dir = tempfile::tempdir().expect("temp");
    let clock = FakeClock::fixed();
    let mut state = state_on(dir.path(), &clock);
    assert!(state.start_round(quick("ledger")));
    let session = state.runner.as_ref().expect("runner").session();
    let stamp = clock.wall().format("%Y%m%d-%H%M%S").to_string();
    assert!(session.id.starts_with(&stamp), "{} vs {stamp}", session.id);
    assert_eq!(session.created, clock.wall());
}

//! Faults while a round runs: a disk that fails writes (injected), a data folder that
//! vanishes or is replaced, and a second Panelist on the same folder. The round goes on in
//! memory, the failure is reported with path and OS error, saving retries, nothing is lost.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use panelist::app::RoundStart;
use panelist::app::{AppConfig, AppState, NoticeLevel};
use panelist::paths::DataDir;
use panelist::session::{FakeClock, Session, SessionEdit};
use panelist::store::{FaultyWriter, SessionStore, StoreError};

fn fixture_banks() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

fn state_on(dir: &Path, clock: &Arc<FakeClock>) -> AppState {
    let mut config = AppConfig::new(DataDir::new(dir), vec![fixture_banks()], clock.clone());
    config.background_load = false;
    config.shipped_banks = false;
    AppState::new(config)
}

/// An app with a running round whose store writes through `writer`.
fn running_round(dir: &Path, clock: &Arc<FakeClock>, writer: &Arc<FaultyWriter>) -> AppState {
    let mut state = state_on(dir, clock);
    state.use_writer(writer.clone());
    state.start_runner(common::sample_session("round", &["ledger", "slipping-em"]));
    state.runner.as_mut().expect("runner").start_current();
    state.save_now();
    state.settle_saves();
    assert!(state.save.failing.is_none());
    state
}

fn edit_notes(state: &mut AppState, text: &str) {
    let runner = state.runner.as_ref().expect("runner");
    let record = &runner.session().questions[0];
    let edit = SessionEdit::Notes {
        question: record.global_id.clone(),
        text: format!("{}{text}", record.notes),
    };
    state.edit_running(&edit).expect("edited");
}

fn on_disk(dir: &Path) -> Session {
    SessionStore::new(DataDir::new(dir))
        .load("round")
        .expect("saved round")
}

fn in_memory(state: &AppState) -> Session {
    state.runner.as_ref().expect("runner").session().clone()
}

#[test]
fn a_failing_disk_keeps_the_round_in_memory_reports_and_retries_until_nothing_is_missing() {
    // ENOSPC, EROFS, EIO: a full disk, a read-only file system, a failing device
    for (code, words) in [
        (28, "No space left on device"),
        (30, "Read-only file system"),
        (5, "Input/output error"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = FakeClock::fixed();
        let writer = Arc::new(FaultyWriter::default());
        let mut state = running_round(dir.path(), &clock, &writer);
        let before_fault = on_disk(dir.path());

        writer.fail_with(code);
        edit_notes(&mut state, "first thought; ");
        clock.advance_secs(2);
        state.autosave();
        state.settle_saves();
        let failing = state.save.failing.clone().expect("the failure is reported");
        let path = dir.path().join("sessions/round.ron");
        assert!(failing.contains(&path.display().to_string()), "{failing}");
        assert!(failing.contains(words), "{failing}");
        assert!(failing.contains("continues in memory"), "{failing}");
        assert!(state.runner.is_some(), "the round goes on");
        assert_eq!(on_disk(dir.path()), before_fault, "the old file is intact");

        // retried every 5 seconds, not every frame
        let attempts = writer.attempts();
        clock.advance_secs(1);
        state.autosave();
        state.settle_saves();
        assert_eq!(writer.attempts(), attempts);
        edit_notes(&mut state, "second thought");
        clock.advance_secs(4);
        state.autosave();
        state.settle_saves();
        assert_eq!(writer.attempts(), attempts + 1);
        assert!(state.save.failing.is_some());

        writer.heal();
        clock.advance_secs(5);
        state.autosave();
        state.settle_saves();
        assert!(state.save.failing.is_none());
        assert!(
            state
                .notices
                .iter()
                .any(|n| n.level == NoticeLevel::Info && n.text.contains("nothing was lost"))
        );
        let saved = on_disk(dir.path());
        assert_eq!(saved, in_memory(&state), "nothing is missing");
        assert_eq!(saved.questions[0].notes, "first thought; second thought");
    }
}

#[test]
fn a_sessions_folder_that_vanishes_is_made_again_on_the_next_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = FakeClock::fixed();
    let writer = Arc::new(FaultyWriter::default());
    let mut state = running_round(dir.path(), &clock, &writer);
    std::fs::remove_dir_all(dir.path().join("sessions")).expect("vanish");
    edit_notes(&mut state, "after the folder vanished");
    clock.advance_secs(2);
    state.autosave();
    state.settle_saves();
    assert!(state.save.failing.is_none(), "{:?}", state.save.failing);
    assert_eq!(on_disk(dir.path()), in_memory(&state));
}

#[test]
fn a_file_in_place_of_the_sessions_folder_fails_saves_until_it_is_gone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = FakeClock::fixed();
    let writer = Arc::new(FaultyWriter::default());
    let mut state = running_round(dir.path(), &clock, &writer);
    let sessions = dir.path().join("sessions");
    std::fs::remove_dir_all(&sessions).expect("vanish");
    std::fs::write(&sessions, "not a folder").expect("a file in its place");

    edit_notes(&mut state, "kept in memory");
    clock.advance_secs(2);
    state.autosave();
    state.settle_saves();
    let failing = state.save.failing.clone().expect("reported");
    assert!(failing.contains(&sessions.display().to_string()), "{failing}");
    assert!(failing.contains("os error"), "{failing}");

    std::fs::remove_file(&sessions).expect("the user fixes it");
    clock.advance_secs(5);
    state.autosave();
    state.settle_saves();
    assert!(state.save.failing.is_none(), "{:?}", state.save.failing);
    assert_eq!(on_disk(dir.path()).questions[0].notes, "kept in memory");
}

#[test]
fn a_second_app_on_the_same_folder_is_read_only_and_never_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = FakeClock::fixed();
    let first = state_on(dir.path(), &clock);
    assert!(!first.read_only());
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).expect("mkdir");
    std::fs::write(sessions.join("broken.ron"), "Session(format: 1,").expect("write");

    let mut second = state_on(dir.path(), &clock);
    assert!(second.read_only());
    assert!(second.store.is_read_only());
    let notice = &second.notices[0];
    assert_eq!(notice.level, NoticeLevel::Warning);
    assert!(notice.text.contains("another Panelist"), "{}", notice.text);
    assert!(notice.text.contains("read-only"), "{}", notice.text);
    // the broken file is reported but left for the writing window to deal with
    assert!(sessions.join("broken.ron").exists());
    assert!(!dir.path().join("quarantine").exists());

    // the read-only window does not pretend: no round starts, and it says why
    let started = second.start_round(RoundStart {
        title: "Quick question".to_owned(),
        questions: vec!["sample/ledger".to_owned()],
        time_scale: 1.0,
        panel: None,
    });
    assert!(!started, "a read-only window started a round");
    assert!(second.runner.is_none());
    assert!(
        second
            .notices
            .iter()
            .any(|n| n.text.contains("rounds and edits are off")),
        "{:?}",
        second.notices
    );
    let session = common::sample_session("second", &["ledger"]);
    second.save_now();
    second.settle_saves();
    let store_error = second.store.save(&session).expect_err("the store refuses");
    assert!(matches!(store_error, StoreError::ReadOnly(_)), "{store_error:?}");
    assert!(second.store.trash("broken").is_err());
    let names: Vec<String> = std::fs::read_dir(&sessions)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["broken.ron".to_owned()], "the read-only window wrote");

    // once the first closes, a new window writes again
    drop(first);
    drop(second);
    let third = state_on(dir.path(), &clock);
    assert!(!third.read_only());
    assert!(dir.path().join("quarantine").exists(), "the writer quarantines");
}

#[test]
fn stale_temporary_files_are_removed_at_startup_only_by_the_lock_holder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = FakeClock::fixed();
    let sessions = dir.path().join("sessions");
    std::fs::create_dir_all(&sessions).expect("mkdir");
    let stale = [
        sessions.join(".round.ron.4242-7.tmp"),
        dir.path().join(".panels.ron.99-0.tmp"),
    ];
    // names write_atomic never makes are the user's business
    let kept = [
        sessions.join(".notes.tmp"),
        sessions.join("draft.tmp"),
        sessions.join(".round.ron.abc-1.tmp"),
    ];
    let create_all = || {
        for path in stale.iter().chain(&kept) {
            std::fs::write(path, "partial").expect("write");
        }
    };

    let holder = state_on(dir.path(), &clock);
    create_all();
    let reader = state_on(dir.path(), &clock);
    assert!(reader.read_only());
    assert!(
        stale.iter().all(|p| p.exists()),
        "a read-only window removed files"
    );
    drop(reader);
    drop(holder);

    let writer = state_on(dir.path(), &clock);
    assert!(!writer.read_only());
    assert!(stale.iter().all(|p| !p.exists()), "stale temporary files remain");
    assert!(
        kept.iter().all(|p| p.exists()),
        "a file that is not ours was removed"
    );
    assert!(
        writer.history.is_empty(),
        "a temporary file was read as a session"
    );
}

#[test]
fn a_folder_that_fails_heals_and_fails_again_never_shows_both_banners() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = FakeClock::fixed();
    let writer = Arc::new(FaultyWriter::default());
    let mut state = running_round(dir.path(), &clock, &writer);
    let recovered = |state: &AppState| {
        state
            .notices
            .iter()
            .any(|n| n.text.contains("Saving works again"))
    };

    writer.fail_with(28);
    edit_notes(&mut state, "one; ");
    clock.advance_secs(2);
    state.autosave();
    state.settle_saves();
    assert!(state.save.failing.is_some());

    writer.heal();
    clock.advance_secs(5);
    state.autosave();
    state.settle_saves();
    assert!(state.save.failing.is_none());
    assert!(recovered(&state));

    writer.fail_with(28);
    edit_notes(&mut state, "two; ");
    clock.advance_secs(2);
    state.autosave();
    state.settle_saves();
    assert!(state.save.failing.is_some(), "the second failure is shown");
    assert!(
        !recovered(&state),
        "\"Saving works again\" beside \"Not saved\": {:?}",
        state.notices
    );
}

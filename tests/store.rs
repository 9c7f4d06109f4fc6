//! The session store: atomic saves, quarantine of bad files, newer formats, the trash.

mod common;

use panelist::paths::DataDir;
use panelist::session::Score;
use panelist::store::{LoadIssue, SessionStore, StoreError};

fn store() -> (tempfile::TempDir, SessionStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SessionStore::new(DataDir::new(dir.path()));
    (dir, store)
}

#[test]
fn a_session_saves_and_loads_back_equal() {
    let (_dir, store) = store();
    let mut session = common::sample_session("20260105-090000-abcd", &["ledger", "slipping-em"]);
    session.questions[0]
        .self_scores
        .insert("technical-depth".to_owned(), Score::new(3).expect("score"));
    session.questions[0].strong_shown.insert(1);
    session.questions[0].notes = "Name the idempotency key earlier.\n\"Quoted\" and ünïcode.".to_owned();
    store.save(&session).expect("save");
    assert_eq!(store.load(&session.id).expect("load"), session);
    let all = store.load_all();
    assert_eq!(all.sessions, vec![session]);
    assert!(all.issues.is_empty());
}

#[test]
fn sessions_that_asked_the_same_question_share_one_copy_in_memory() {
    let (_dir, store) = store();
    let first = common::sample_session("20260105-090000-aaaa", &["ledger", "slipping-em"]);
    let second = common::sample_session("20260106-090000-bbbb", &["ledger"]);
    let mut edited = common::sample_session("20260107-090000-cccc", &["ledger"]);
    std::sync::Arc::make_mut(&mut edited.questions[0].question)
        .prompt
        .push_str(" Now at ten times the volume.");
    for session in [&first, &second, &edited] {
        store.save(session).expect("save");
    }
    let all = store.load_all().sessions; // newest first
    let ledger = |i: usize| &all[i].questions[0].question;
    assert!(
        std::sync::Arc::ptr_eq(ledger(1), ledger(2)),
        "the same text is held once"
    );
    assert!(
        !std::sync::Arc::ptr_eq(ledger(0), ledger(1)),
        "an edited snapshot keeps its own text"
    );
    assert_eq!(all[0], edited);
    assert_eq!(all[2], first);
}

#[test]
fn saving_replaces_the_file_atomically_and_leaves_no_temporary_files() {
    let (dir, store) = store();
    let mut session = common::sample_session("s1", &["ledger"]);
    for n in 0..20 {
        session.notes = format!("edit {n}");
        store.save(&session).expect("save");
    }
    let names: Vec<String> = std::fs::read_dir(dir.path().join("sessions"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["s1.ron".to_owned()]);
    assert_eq!(store.load("s1").expect("load").notes, "edit 19");
}

#[cfg(unix)]
#[test]
fn data_files_and_folders_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, store) = store();
    store
        .save(&common::sample_session("s1", &["ledger"]))
        .expect("save");
    let mode = |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&dir.path().join("sessions/s1.ron")), 0o600);
    assert_eq!(mode(&dir.path().join("sessions")), 0o700);
}

#[test]
fn corrupt_truncated_empty_and_binary_files_are_quarantined_and_the_rest_loads() {
    let (dir, store) = store();
    let good = common::sample_session("good", &["ledger"]);
    store.save(&good).expect("save");
    let sessions = dir.path().join("sessions");
    let text = std::fs::read_to_string(sessions.join("good.ron")).expect("read");
    std::fs::write(sessions.join("truncated.ron"), &text[..text.len() / 2]).expect("write");
    std::fs::write(sessions.join("empty.ron"), "").expect("write");
    std::fs::write(sessions.join("binary.ron"), [0u8, 159, 146, 150, 255]).expect("write");
    std::fs::write(sessions.join("garbage.ron"), "Session(format: 1, id: 42)").expect("write");

    let loaded = store.load_all();
    assert_eq!(loaded.sessions, vec![good]);
    assert_eq!(loaded.issues.len(), 4, "{:#?}", loaded.issues);
    for issue in &loaded.issues {
        let LoadIssue::Quarantined {
            original, moved_to, ..
        } = issue
        else {
            panic!("{issue:?}")
        };
        assert!(!original.exists());
        assert!(moved_to.starts_with(dir.path().join("quarantine")));
        assert!(moved_to.exists());
        assert!(issue.to_string().contains(&original.display().to_string()));
    }
    // nothing is left to report the next time
    assert!(store.load_all().issues.is_empty());
}

#[test]
fn a_newer_format_is_left_untouched_and_reported() {
    let (dir, store) = store();
    let path = dir.path().join("sessions/future.ron");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let text = "Session(format: 9, id: \"future\", something_new: true)";
    std::fs::write(&path, text).expect("write");
    let loaded = store.load_all();
    assert_eq!(
        loaded.issues,
        vec![LoadIssue::Newer {
            path: path.clone(),
            format: 9
        }]
    );
    assert_eq!(std::fs::read_to_string(&path).expect("still there"), text);
    assert!(loaded.issues[0].to_string().contains("newer Panelist"));
}

#[test]
fn a_parse_error_names_the_file_line_and_column() {
    let (dir, store) = store();
    let path = dir.path().join("sessions/bad.ron");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, "Session(\n  format: 1,\n  id: ,\n)").expect("write");
    let err = store.load("bad").expect_err("bad file");
    assert!(matches!(err, StoreError::Parse { line: 3, .. }), "{err:?}");
    assert!(err.to_string().starts_with(&format!("{}:3:", path.display())));
}

#[test]
fn trash_restore_and_empty() {
    let (_dir, store) = store();
    let session = common::sample_session("s1", &["ledger"]);
    store.save(&session).expect("save");
    store.trash("s1").expect("trash");
    assert!(store.load_all().sessions.is_empty());
    assert_eq!(store.trashed(), vec!["s1".to_owned()]);
    assert_eq!(store.restore("s1").expect("restore"), session);
    assert_eq!(store.load_all().sessions.len(), 1);
    store.trash("s1").expect("trash");
    assert_eq!(store.empty_trash().expect("empty"), 1);
    assert!(store.trashed().is_empty());
    assert!(matches!(store.restore("s1"), Err(StoreError::NotFound(_))));
}

#[test]
fn a_sessions_recordings_go_to_the_trash_and_back_with_it() {
    let (dir, store) = store();
    let data = DataDir::new(dir.path());
    store
        .save(&common::sample_session("s1", &["ledger"]))
        .expect("save");
    store
        .save(&common::sample_session("s2", &["ledger"]))
        .expect("save");
    let recordings = data.recordings().join("s1");
    std::fs::create_dir_all(&recordings).expect("mkdir");
    std::fs::write(recordings.join("0.flac"), b"fLaC answer").expect("write");
    let other = data.recordings().join("s2");
    std::fs::create_dir_all(&other).expect("mkdir");
    std::fs::write(other.join("0.flac"), b"fLaC other").expect("write");

    store.trash("s1").expect("trash");
    assert!(!recordings.exists());
    let trashed = data.trash().join("recordings/s1/0.flac");
    assert_eq!(std::fs::read(&trashed).expect("in the trash"), b"fLaC answer");

    store.restore("s1").expect("restore");
    assert_eq!(
        std::fs::read(recordings.join("0.flac")).expect("back"),
        b"fLaC answer"
    );
    assert!(!trashed.exists());

    // a session without recordings is trashed as before; emptying erases the recordings too
    store.trash("s1").expect("trash");
    assert_eq!(store.empty_trash().expect("empty"), 1);
    assert!(!data.trash().join("recordings").exists());
    assert!(!recordings.exists());
    // another session's recordings are left alone
    assert!(other.join("0.flac").exists());
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_a_clear_error_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, store) = store();
    let mut session = common::sample_session("s1", &["ledger"]);
    store.save(&session).expect("save");
    let sessions = dir.path().join("sessions");
    std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o500)).expect("chmod");
    session.notes = "new".to_owned();
    let result = store.save(&session);
    std::fs::set_permissions(&sessions, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    if nix_is_root() {
        return; // root writes anyway; the lock and banner tests cover the UI side
    }
    let err = result.expect_err("read-only");
    assert!(err.to_string().contains(&sessions.display().to_string()));
    assert_eq!(store.load("s1").expect("old file").notes, "");
}

fn nix_is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| {
            use std::os::unix::fs::MetadataExt;
            m.uid() == 0
        })
        .unwrap_or(false)
}

#[test]
fn a_nonsense_time_scale_loads_as_one_and_round_trips() {
    // found by the session fuzzer: `time_scale: NaN` loaded, and NaN never equals itself
    let session = common::sample_session("s1", &["ledger"]);
    let text = panelist::store::session_to_ron(&session).expect("encode");
    for bad in ["NaN", "inf", "-inf", "-2.0", "0.0"] {
        let edited = text.replace("time_scale: 1.0", &format!("time_scale: {bad}"));
        assert_ne!(edited, text);
        let path = std::path::Path::new("s1.ron");
        let loaded = panelist::store::session_from_ron(path, &edited).expect("loads");
        assert_eq!(loaded.time_scale, 1.0, "{bad}");
        assert_eq!(loaded, session);
    }
}

#[test]
fn panel_setups_round_trip_and_a_corrupt_file_reports_its_location() {
    use panelist::session::Panelist;
    use panelist::store::{PanelSetup, PanelsError, load_panel_setups, save_panel_setups};
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("panels.ron");
    assert_eq!(load_panel_setups(&path).expect("missing is empty"), vec![]);
    let setups = vec![PanelSetup {
        name: "Acme loop".to_owned(),
        panelists: Panelist::default_panel(),
    }];
    save_panel_setups(&path, &setups).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("format: 1"), "{text}");
    assert_eq!(load_panel_setups(&path).expect("load"), setups);

    std::fs::write(&path, "(format: 1, setups: [(name: \"x\",\n  panelists: oops)])").expect("write");
    match load_panel_setups(&path) {
        Err(err @ PanelsError::Parse { line: 2, .. }) => {
            assert!(err.to_string().contains("panels.ron:2:"), "{err}");
        }
        other => panic!("expected a located parse error, got {other:?}"),
    }
}

//! The data folder's lock (issue 15): the lock file is private, and the command line
//! changes nothing in a data folder while another Panelist holds it.

use std::path::Path;
use std::process::{Command, Output};

use panelist::store::DataLock;

fn panelist(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelist"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("PANELIST_DATA_DIR")
        .output()
        .expect("runs")
}

#[cfg(unix)]
#[test]
fn the_lock_file_is_private_even_when_an_older_version_left_it_readable() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().expect("temp dir");
    let mode = |p: &Path| std::fs::metadata(p).expect("lock file").permissions().mode() & 0o777;

    let lock = DataLock::acquire(data.path()).expect("lock");
    assert_eq!(mode(&lock.path), 0o600);
    drop(lock);

    let path = data.path().join(".panelist.lock");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let lock = DataLock::acquire(data.path()).expect("lock again");
    assert_eq!(mode(&lock.path), 0o600);
}

/// A data folder with one unreadable session file; returns its path.
fn folder_with_a_broken_session(data: &Path) -> std::path::PathBuf {
    let sessions = data.join("sessions");
    std::fs::create_dir_all(&sessions).expect("sessions folder");
    let broken = sessions.join("20260101-120000-0001.ron");
    std::fs::write(&broken, "Session(format: 1, id: \"2026").expect("write");
    broken
}

#[test]
fn the_command_line_moves_nothing_while_another_panelist_holds_the_folder() {
    let data = tempfile::tempdir().expect("temp dir");
    let broken = folder_with_a_broken_session(data.path());
    let before = std::fs::read(&broken).expect("read");
    let held = DataLock::acquire(data.path()).expect("the window's lock");

    for args in [
        &["sessions"][..],
        &["sessions", "--json"],
        &["export", "--all", "--format", "json"],
    ] {
        let out = panelist(data.path(), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("left in place") && err.contains("20260101-120000-0001.ron"),
            "{args:?}: {err}"
        );
        assert_eq!(std::fs::read(&broken).expect("still there"), before, "{args:?}");
        assert!(
            !data.path().join("quarantine").exists(),
            "{args:?} quarantined a file"
        );
    }

    // once the window closes, the command line may tidy the folder as the window would
    drop(held);
    let out = panelist(data.path(), &["sessions"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("it was moved to"), "{err}");
    assert!(!broken.exists());
    let quarantined: Vec<_> = std::fs::read_dir(data.path().join("quarantine"))
        .expect("quarantine folder")
        .collect();
    assert_eq!(quarantined.len(), 1);
}

#[test]
fn the_command_line_makes_no_data_folder_to_list_sessions() {
    let parent = tempfile::tempdir().expect("temp dir");
    let data = parent.path().join("never-made");
    let out = panelist(&data, &["sessions"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!data.exists());
}

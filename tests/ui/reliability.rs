//! What the user sees when the disk fails, a second window opens the same folder, or
//! session files are unreadable.

use std::path::Path;
use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use panelist::app::{AppConfig, PanelistApp, Settings};
use panelist::paths::DataDir;
use panelist::session::FakeClock;
use panelist::store::FaultyWriter;

use crate::harness::{TestApp, fixture_banks, new_app, open_app};

fn welcomed() -> Settings {
    Settings {
        welcomed: true,
        ..Settings::default()
    }
}

/// A second window on a folder another app already uses.
fn second_window(dir: &Path) -> Harness<'static, PanelistApp> {
    let mut config = AppConfig::new(DataDir::new(dir), vec![fixture_banks()], FakeClock::fixed());
    config.background_load = false;
    config.shipped_banks = false;
    let mut harness = Harness::builder()
        .with_size([1200.0, 860.0])
        .build_eframe(move |_cc| PanelistApp::new(config, welcomed()));
    harness.run();
    harness
}

fn start_quick_round(app: &mut TestApp) {
    app.click("Quick question");
    app.click("Start round");
    assert!(app.harness.state().state.runner.is_some());
}

#[test]
fn a_failing_save_shows_a_banner_with_the_path_and_os_error_until_saving_works() {
    let mut app = new_app();
    start_quick_round(&mut app);
    let writer = Arc::new(FaultyWriter::default());
    {
        let state = &mut app.harness.state_mut().state;
        state.use_writer(writer.clone());
    }
    writer.fail_with(30); // EROFS
    app.wait_secs(6); // the running clock is saved every 5 s
    let id = app.session().id.clone();
    let path = app.data.path().join(format!("sessions/{id}.ron"));
    assert!(app.sees_containing("Not saved: cannot write"));
    assert!(app.sees_containing(&path.display().to_string()));
    assert!(app.sees_containing("Read-only file system (os error 30)"));
    assert!(app.sees_containing("continues in memory"));
    assert!(app.sees("Pause"), "the round goes on");

    writer.heal();
    app.wait_secs(6);
    assert!(!app.sees_containing("Not saved"));
    assert!(app.sees_containing("Saving works again; nothing was lost."));
    assert!(path.exists());
}

#[test]
fn a_second_window_on_the_same_folder_says_it_is_read_only() {
    let first = new_app();
    assert!(!first.sees("Read-only"));
    let second = second_window(first.data.path());
    assert!(second.state().state.read_only());
    assert!(second.query_by_label("Read-only").is_some());
    let notice = format!(
        "another Panelist is using {}; this window opens read-only",
        first.data.path().display()
    );
    assert!(second.query_by_label(&notice).is_some());
}

#[test]
fn unreadable_session_files_are_named_in_a_notice_and_moved_aside() {
    let data = tempfile::tempdir().expect("temp dir");
    let sessions = data.path().join("sessions");
    std::fs::create_dir_all(&sessions).expect("mkdir");
    std::fs::write(sessions.join("truncated.ron"), "Session(format: 1, id: \"trunc").expect("write");
    std::fs::write(sessions.join("empty.ron"), "").expect("write");
    std::fs::write(sessions.join("binary.ron"), [0u8, 159, 146, 150, 255]).expect("write");
    let app = open_app(data, welcomed());
    for name in ["truncated.ron", "empty.ron", "binary.ron"] {
        let original = sessions.join(name);
        assert!(
            app.sees_containing(&format!("{} could not be read", original.display())),
            "{name}"
        );
        assert!(!original.exists());
    }
    let quarantine = app.data.path().join("quarantine").display().to_string();
    let moved = app.harness.query_all_by_label_contains(&quarantine).count();
    assert_eq!(moved, 3, "each notice names where its file went");
}

#[test]
fn a_session_from_a_newer_panelist_is_reported_and_left_untouched() {
    let data = tempfile::tempdir().expect("temp dir");
    let path = data.path().join("sessions/future.ron");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let text = "Session(format: 2, id: \"future\", hologram: true)";
    std::fs::write(&path, text).expect("write");
    let app = open_app(data, welcomed());
    assert!(app.sees_containing("was written by a newer Panelist (format 2)"));
    assert_eq!(std::fs::read_to_string(&path).expect("still there"), text);
}

#[test]
fn a_read_only_window_offers_no_round_and_takes_over_when_the_other_closes() {
    let first = new_app();
    let clock = FakeClock::fixed();
    let mut config = AppConfig::new(
        DataDir::new(first.data.path()),
        vec![fixture_banks()],
        clock.clone(),
    );
    config.background_load = false;
    config.shipped_banks = false;
    let mut second = Harness::builder()
        .with_size([1200.0, 860.0])
        .build_eframe(move |_cc| PanelistApp::new(config, welcomed()));
    second.run();
    assert!(
        second
            .query_by_label_contains("rounds and edits are off")
            .is_some()
    );
    // the round buttons are there but do nothing
    second.get_by_label("Quick question").click();
    second.run();
    assert!(second.state().state.runner.is_none());
    assert!(matches!(second.state().view.screen, panelist::app::Screen::Home));

    drop(first);
    clock.advance_secs(3);
    second.step();
    second.run();
    assert!(!second.state().state.read_only(), "the lock was taken over");
    assert!(
        second
            .query_by_label_contains("this window can now run rounds and save")
            .is_some()
    );
    second.get_by_label("Quick question").click();
    second.run();
    assert!(matches!(
        second.state().view.screen,
        panelist::app::Screen::Setup(_)
    ));
}

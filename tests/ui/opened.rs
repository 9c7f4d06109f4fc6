//! `panelist FILE`: the window opens on the file it was given, a bank to import, a panel
//! to join or exported sessions to read.

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use panelist::app::{AppConfig, PanelistApp, Screen, ScreenId, Settings, theme};
use panelist::bank::{BankSource, Catalog};
use panelist::export::{Format, render};
use panelist::open::{OpenFile, classify};
use panelist::panel_share::{HostFile, HostWriter, LiveState, SHARE_FORMAT, SharedPanelist, SharedQuestion};
use panelist::paths::DataDir;
use panelist::session::{FakeClock, PanelRole};

use crate::demo_history;
use crate::harness::{TestApp, fixture_banks};

/// The app on a fresh data folder (with the fixture bank), opened with `file`.
fn open_with(file: &Path) -> TestApp {
    let open = classify(file).expect("a file Panelist opens");
    let data = tempfile::tempdir().expect("temp dir");
    let clock = FakeClock::fixed();
    let mut config = AppConfig::new(DataDir::new(data.path()), vec![fixture_banks()], clock.clone());
    config.background_load = false;
    config.shipped_banks = false;
    config.open = Some(open);
    let settings = Settings {
        welcomed: true,
        ..Settings::default()
    };
    let harness = Harness::builder()
        .with_size([1200.0, 860.0])
        .build_eframe(move |cc| {
            theme::apply_style(&cc.egui_ctx, false);
            PanelistApp::new(config, settings)
        });
    let mut app = TestApp { harness, clock, data };
    app.run();
    app
}

/// The fixture bank under another id (so it does not clash with the loaded one).
fn bank_file(dir: &Path, id: &str) -> PathBuf {
    let path = dir.join(format!("{id}.ron"));
    let text =
        include_str!("../fixtures/good/sample.ron").replacen("id: \"sample\"", &format!("id: \"{id}\""), 1);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_bank_opens_the_import_flow_and_imports_into_the_data_folder() {
    let dir = tempfile::tempdir().expect("temp");
    let bank = bank_file(dir.path(), "mine");
    let mut app = open_with(&bank);
    assert!(matches!(&app.harness.state().view.screen, Screen::Opened(_)));
    assert!(app.sees("Import a question bank"));
    assert!(app.sees_containing("The bank has no errors"));
    app.click("Import into my banks");
    let copied = app.data.path().join("questions/mine.ron");
    assert_eq!(
        std::fs::read_to_string(&copied).expect("imported"),
        std::fs::read_to_string(&bank).expect("source")
    );
    assert_eq!(app.harness.state().view.screen.id(), ScreenId::Browser);
    assert!(
        app.harness
            .state()
            .state
            .catalog
            .banks
            .iter()
            .any(|b| b.bank.id == "mine"),
        "the imported bank is loaded"
    );
}

#[test]
fn a_bank_with_problems_is_not_offered_for_import() {
    let dir = tempfile::tempdir().expect("temp");
    let bank = bank_file(dir.path(), "broken");
    let text = std::fs::read_to_string(&bank)
        .expect("read")
        .replacen("minutes: 8,", "minuets: 8,", 1);
    std::fs::write(&bank, text).expect("write");
    let mut app = open_with(&bank);
    app.run();
    assert!(app.sees_containing("Not imported: the file has problems"));
    assert!(!app.sees("Import into my banks"));
    // the problem names the file and its place
    assert!(app.sees_containing(&format!("{}:", bank.display())));
    assert!(app.sees_containing("minuets"));
    assert!(!app.data.path().join("questions/broken.ron").exists());
}

#[test]
fn a_panel_file_opens_the_join_flow_with_its_panelists() {
    let dir = tempfile::tempdir().expect("temp");
    let folder = dir.path().join("panel");
    let catalog = Catalog::load(&BankSource::expand(&fixture_banks()));
    let question = catalog.questions().next().expect("a fixture question");
    let host = HostFile {
        format: SHARE_FORMAT,
        panel_id: "20261128-100000-abcd".to_owned(),
        created: chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+00:00").expect("date"),
        title: "Leadership loop".to_owned(),
        candidate: "Sam".to_owned(),
        time_scale: 1.0,
        panelists: vec![SharedPanelist {
            id: "ana-ruiz".to_owned(),
            name: "Ana Ruiz".to_owned(),
            role: PanelRole::VpEngineering,
        }],
        questions: vec![SharedQuestion {
            global_id: question.global_id(),
            question: question.question.clone(),
        }],
        live: LiveState::default(),
    };
    std::fs::create_dir(&folder).expect("mkdir");
    HostWriter::create(&folder, host).expect("panel written");
    let app = open_with(&folder.join("panel.ron"));
    assert!(app.sees("Join a panel"));
    assert!(app.sees("Leadership loop"));
    assert!(app.sees("Ana Ruiz"));
    assert!(app.sees("not joined yet"));
    assert!(app.sees_containing(&question.question.title));
    assert_eq!(app.harness.state().view.screen.id(), ScreenId::Home);
}

#[test]
fn exported_sessions_open_read_only() {
    let dir = tempfile::tempdir().expect("temp");
    let catalog = demo_history::sample_catalog();
    let session = demo_history::golden_solo(&catalog);
    let path = dir.path().join("export.json");
    std::fs::write(&path, render(Format::Json, &[&session], None).expect("json")).expect("write");
    let mut app = open_with(&path);
    assert!(matches!(classify(&path), Ok(OpenFile::ViewSessions(_))));
    assert!(app.sees("Exported sessions"));
    assert!(app.sees_containing("1 session, read-only"));
    assert!(app.sees_containing(&session.questions[0].question.title));
    // nothing was added to the history
    assert!(app.harness.state().state.history.is_empty());
    app.click("Close");
    assert_eq!(app.harness.state().view.screen.id(), ScreenId::History);
}

#[test]
fn help_about_shows_the_version_and_commit_of_the_build() {
    let mut app = crate::harness::new_app();
    app.click("Help");
    app.click("About Panelist");
    assert!(app.sees(&format!("Panelist {}", panelist::VERSION)));
    // the same text as `panelist --version` (tests/open_file.rs checks the commit in it)
    assert!(panelist::VERSION.starts_with(env!("CARGO_PKG_VERSION")));
}

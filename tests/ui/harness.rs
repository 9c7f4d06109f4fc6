//! Builds the real app on a temporary data folder.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use panelist::app::{AppConfig, PanelistApp, Settings, theme};
use panelist::paths::DataDir;
use panelist::session::{FakeClock, Session};
use panelist::store::SessionStore;

pub struct TestApp {
    pub harness: Harness<'static, PanelistApp>,
    pub clock: Arc<FakeClock>,
    pub data: tempfile::TempDir,
}

pub fn fixture_banks() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good")
}

/// A data folder holding `questions/broken.ron`: the fixture bank with `minutes` misspelt.
/// Returns the folder, the file and its text.
pub fn data_with_a_broken_bank() -> (tempfile::TempDir, PathBuf, String) {
    let data = tempfile::tempdir().expect("temp");
    let questions = data.path().join("questions");
    std::fs::create_dir(&questions).expect("mkdir");
    let broken = include_str!("../fixtures/good/sample.ron")
        .replacen("id: \"sample\"", "id: \"broken\"", 1)
        .replacen("minutes: 8,", "minuets: 8,", 1);
    let file = questions.join("broken.ron");
    std::fs::write(&file, &broken).expect("write");
    (data, file, broken)
}

/// The app on a fresh data folder with only the fixture bank, so picks are known.
pub fn new_app() -> TestApp {
    let data = tempfile::tempdir().expect("temp dir");
    open_app(
        data,
        Settings {
            welcomed: true,
            ..Settings::default()
        },
    )
}

/// The app on a data folder already holding `sessions`.
pub fn app_with(sessions: &[Session]) -> TestApp {
    let data = tempfile::tempdir().expect("temp dir");
    let store = SessionStore::new(DataDir::new(data.path()));
    for session in sessions {
        store.save(session).expect("save");
    }
    open_app(
        data,
        Settings {
            welcomed: true,
            ..Settings::default()
        },
    )
}

/// The app on an existing data folder (a restart).
pub fn open_app(data: tempfile::TempDir, settings: Settings) -> TestApp {
    open_app_sized(data, settings, [1200.0, 860.0])
}

/// The app on an existing data folder, in a window of `size` points, styled as eframe starts it.
pub fn open_app_sized(data: tempfile::TempDir, settings: Settings, size: [f32; 2]) -> TestApp {
    let clock = FakeClock::fixed();
    let mut config = AppConfig::new(DataDir::new(data.path()), vec![fixture_banks()], clock.clone());
    config.background_load = false;
    config.shipped_banks = false;
    let harness = Harness::builder().with_size(size).build_eframe(move |cc| {
        theme::apply_style(&cc.egui_ctx, false);
        PanelistApp::new(config, settings)
    });
    let mut app = TestApp { harness, clock, data };
    app.run();
    app
}

impl TestApp {
    /// The session of the round that is running (panics when none is).
    pub fn session(&self) -> &panelist::session::Session {
        self.harness
            .state()
            .state
            .runner
            .as_ref()
            .expect("a round is running")
            .session()
    }

    /// Runs frames until the app is idle and its background work (saves on the store's
    /// writer, progress computed on a worker) has finished, then draws what came of it.
    pub fn run(&mut self) {
        self.run_until_idle();
        self.harness.state_mut().state.settle();
        self.run_until_idle();
    }

    /// Runs frames until the app stops asking for more. Work that shows a spinner while
    /// a thread finishes it (a recording being opened) can outlast the harness's few
    /// steps on a loaded machine, so it is waited for, up to 30 s.
    fn run_until_idle(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.harness.try_run().is_err() {
            assert!(Instant::now() < deadline, "the app kept repainting for 30 s");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn click(&mut self, label: &str) {
        self.harness.get_by_label(label).click();
        self.run();
    }

    /// Focuses the field named `label` and types `text` into it.
    pub fn type_into(&mut self, label: &str, text: &str) {
        self.harness.get_by_label(label).focus();
        self.harness.run();
        self.harness.get_by_label(label).type_text(text);
        self.run();
    }

    pub fn sees(&self, label: &str) -> bool {
        self.harness.query_by_label(label).is_some()
    }

    pub fn sees_containing(&self, text: &str) -> bool {
        // a prompt's text is on screen once, and in the tree twice: as drawn (left out of
        // what a screen reader reads) and a paragraph at a time
        self.harness.query_all_by_label_contains(text).next().is_some()
    }

    /// Moves the fake clock and lets the app draw.
    pub fn wait_secs(&mut self, secs: u64) {
        self.clock.advance_secs(secs);
        self.harness.step();
        self.run();
    }
}

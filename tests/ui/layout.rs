//! The layout holds at 800x600: nothing a user must read or click lies outside the window.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use panelist::app::{AppConfig, PanelistApp, Settings};
use panelist::paths::DataDir;
use panelist::session::FakeClock;

fn small_app(data: &tempfile::TempDir) -> Harness<'static, PanelistApp> {
    let mut config = AppConfig::new(
        DataDir::new(data.path()),
        vec![crate::harness::fixture_banks()],
        FakeClock::fixed(),
    );
    config.background_load = false;
    config.shipped_banks = false;
    let settings = Settings {
        welcomed: true,
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size([800.0, 600.0])
        .build_eframe(move |_| PanelistApp::new(config, settings));
    harness.run();
    harness
}

fn assert_inside(harness: &Harness<'static, PanelistApp>, label: &str) {
    let rect = harness.get_by_label(label).rect();
    assert!(
        rect.right() <= 800.5 && rect.left() >= 0.0,
        "{label} lies at {rect:?}, outside 800 px"
    );
}

#[test]
fn set_up_a_full_loop_at_800_by_600() {
    let data = tempfile::tempdir().expect("temp");
    let mut harness = small_app(&data);
    harness.get_by_label("Full Director loop").click();
    harness.run();
    assert_inside(&harness, "Reroll question 1");
    assert_inside(&harness, "Design a double-entry ledger");
    assert_inside(&harness, "Start round");
}

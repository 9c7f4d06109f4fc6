//! The CPU cost of one frame of each main screen, with 10,000 generated questions and
//! 1,000 sessions loaded: the time of one `Harness::step()` of the real app (layout,
//! tessellation and the accessibility tree), with nothing changing between frames.

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use panelist::app::{AppConfig, PanelistApp, Screen, Settings};
use panelist::paths::DataDir;
use panelist::session::{FakeClock, Mode, Session};

mod support;

const QUESTIONS: usize = 10_000;
const SESSIONS: usize = 1_000;

struct Fixture {
    harness: Harness<'static, PanelistApp>,
    _data: tempfile::TempDir,
}

fn fixture() -> Fixture {
    let data = tempfile::tempdir().expect("temp dir");
    support::write_data_folder(data.path(), SESSIONS, QUESTIONS).expect("write data folder");
    let mut config = AppConfig::new(DataDir::new(data.path()), Vec::new(), FakeClock::fixed());
    config.background_load = false;
    let settings = Settings {
        welcomed: true,
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size([1200.0, 860.0])
        .build_eframe(move |_cc| PanelistApp::new(config, settings));
    harness.run();
    let app = harness.state();
    assert!(app.state.catalog.question_count() >= QUESTIONS);
    assert!(app.state.history.len() >= SESSIONS);
    Fixture { harness, _data: data }
}

/// Starts a round on a generated question that has phases, and shows it.
fn start_round_with_phases(app: &mut PanelistApp) {
    let (id, question) = app
        .state
        .catalog
        .questions()
        .find(|q| q.question.phases.len() > 1)
        .map(|q| (q.global_id(), q.question.clone()))
        .expect("a question with phases");
    let session = Session::new(
        "bench-round".to_owned(),
        app.state.wall(),
        Mode::Solo,
        "Bench".to_owned(),
        1.0,
        vec![(id, question)],
    );
    app.state.start_runner(session);
    if let Some(runner) = app.state.runner.as_mut() {
        runner.start_current();
        runner.start_answer();
    }
    app.screen = Screen::Round;
}

fn frames(c: &mut Criterion) {
    let mut fixture = fixture();
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    let mut bench = |name: &str, setup: &dyn Fn(&mut PanelistApp), fixture: &mut Fixture| {
        setup(fixture.harness.state_mut());
        fixture.harness.run();
        group.bench_function(name, |b| b.iter(|| fixture.harness.step()));
    };
    bench("home", &|app| app.screen = Screen::Home, &mut fixture);
    bench("question_with_phases", &start_round_with_phases, &mut fixture);
    bench(
        "self_assessment",
        &|app| {
            if let Some(runner) = app.state.runner.as_mut() {
                runner.finish_answer();
            }
        },
        &mut fixture,
    );
    bench(
        "prep_kit",
        &|app| app.screen = Screen::Prep(Box::default()),
        &mut fixture,
    );
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);

//! The CPU cost of one frame of each main screen, with 10,000 generated questions and
//! 1,000 sessions loaded: the time of one `Harness::step()` of the real app (layout,
//! tessellation and the accessibility tree), with nothing changing between frames.

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
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
    app.view.screen = Screen::Round;
}

/// Opens a finished three-person mock panel on its debrief.
fn show_panel_debrief(app: &mut PanelistApp) {
    app.state.start_runner(support::generated_panel_session());
    app.view.screen = Screen::Round;
}

fn frames(c: &mut Criterion) {
    let mut fixture = fixture();
    let mut group = c.benchmark_group("frame");
    group.sample_size(30);
    // `shows`: a text the screen must show, so each bench measures the screen it names
    let mut bench = |name: &str, shows: &str, setup: &dyn Fn(&mut PanelistApp), fixture: &mut Fixture| {
        setup(fixture.harness.state_mut());
        // progress and the review schedule are computed on a worker: wait for them
        fixture.harness.state_mut().state.settle();
        fixture.harness.run();
        assert!(
            fixture.harness.query_by_label_contains(shows).is_some(),
            "{name}: the screen does not show {shows:?}"
        );
        group.bench_function(name, |b| b.iter(|| fixture.harness.step()));
    };
    bench(
        "home",
        "Start a round",
        &|app| app.view.screen = Screen::Home,
        &mut fixture,
    );
    bench(
        "question_with_phases",
        "question 1 of 1",
        &start_round_with_phases,
        &mut fixture,
    );
    bench(
        "self_assessment",
        "Score yourself per competency",
        &|app| {
            if let Some(runner) = app.state.runner.as_mut() {
                runner.finish_answer();
            }
        },
        &mut fixture,
    );
    bench(
        "prep_kit",
        "Stories",
        &|app| app.view.screen = Screen::Prep(Box::default()),
        &mut fixture,
    );
    bench(
        "history",
        "shown of",
        &|app| app.view.screen = Screen::History(Box::default()),
        &mut fixture,
    );
    bench(
        "progress",
        "Scores over time",
        &|app| app.view.screen = Screen::Progress,
        &mut fixture,
    );
    // a search that matches some of the 10,000 questions, not all
    bench(
        "browser_search",
        &format!("of {}", QUESTIONS + shipped_questions()),
        &|app| {
            app.view.browser.filter.query = "team".to_owned();
            app.view.screen = Screen::Browser;
        },
        &mut fixture,
    );
    bench(
        "panel_debrief",
        "Debrief · Sam",
        &show_panel_debrief,
        &mut fixture,
    );
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);

/// How many questions ship in `questions/`, so the browser's "N of M" is known.
fn shipped_questions() -> usize {
    panelist::bank::Catalog::load(&panelist::bank::BankSource::shipped()).question_count()
}

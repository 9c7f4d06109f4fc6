//! Interviewer mode with a fake voice and a fake clock: the question is read before its
//! clock starts, follow-ups are asked aloud after a silence and at a phase change, and
//! the keyboard repeats the question and stops the voice.

use std::sync::Arc;
use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use panelist::app::{
    AppConfig, EngineStatus, ModelCommand, PanelistApp, RoundStart, Settings, VoiceBackend, theme,
};
use panelist::paths::DataDir;
use panelist::session::{FakeClock, Stage};
use panelist::voice::FakeEngine;

use crate::harness::{TestApp, fixture_banks};

fn app_with_voice(engine: &FakeEngine, interviewer_mode: bool) -> TestApp {
    let data = tempfile::tempdir().expect("temp dir");
    let clock = FakeClock::fixed();
    let mut config = AppConfig::new(DataDir::new(data.path()), vec![fixture_banks()], clock.clone());
    config.background_load = false;
    config.shipped_banks = false;
    config.voice = VoiceBackend::Given(Arc::new(engine.clone()));
    let mut settings = Settings {
        welcomed: true,
        ..Settings::default()
    };
    settings.voice.interviewer_mode = interviewer_mode;
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

/// Runs frames until the speaker has nothing left to say and its events are handled.
fn settle_voice(app: &mut TestApp) {
    for _ in 0..2000 {
        app.run();
        if !app.harness.state().voice.is_speaking() {
            app.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the voice never finished");
}

fn start_ledger(app: &mut TestApp) {
    app.harness
        .state_mut()
        .apply(ModelCommand::StartRound(RoundStart {
            title: "Interview".to_owned(),
            questions: vec!["sample/ledger".to_owned()],
            time_scale: 1.0,
            panel: None,
        }));
    app.run();
}

fn elapsed_ms(app: &TestApp) -> u64 {
    let runner = app.harness.state().state.runner.as_ref().expect("running");
    runner.clock_view().expect("clock").elapsed_ms
}

fn held(app: &TestApp) -> bool {
    app.harness
        .state()
        .state
        .runner
        .as_ref()
        .is_some_and(|r| r.is_held())
}

const PROMPT_SPOKEN: &str = "Design a double-entry ledger. A payments company needs a ledger. \
     2,000 transfers a second at peak. every entry auditable for seven years.";

#[test]
fn the_interviewer_reads_the_question_before_the_clock_starts_and_asks_follow_ups() {
    let engine = FakeEngine::new();
    engine.hold();
    let mut app = app_with_voice(&engine, true);
    start_ledger(&mut app);

    // the prompt is being read, in its spoken form, and the clock waits
    assert_eq!(engine.wait_for(1), vec![PROMPT_SPOKEN.to_owned()]);
    app.wait_secs(30);
    assert!(held(&app));
    assert_eq!(elapsed_ms(&app), 0, "the clock waits for the reading");
    assert!(app.sees("Reading the question; the clock starts when the reading ends."));
    // nothing to redraw while the reading goes on: no clock ticks, no continuous repaint
    assert_eq!(app.harness.state().state.wake_after(), None);

    // the reading ends: the clock starts (prep first for this question)
    engine.release();
    settle_voice(&mut app);
    assert!(!held(&app));
    app.wait_secs(10);
    assert_eq!(elapsed_ms(&app), 10_000);

    // R reads the question again, without stopping the clock
    app.harness.key_press(egui::Key::R);
    app.run();
    assert_eq!(engine.wait_for(2)[1], PROMPT_SPOKEN);
    settle_voice(&mut app);
    app.wait_secs(5);
    assert_eq!(elapsed_ms(&app), 15_000);

    // the answer: a short silence asks nothing, the configured silence (20 s) asks a follow-up
    app.click("Start answering");
    let shown = |app: &TestApp| {
        app.harness
            .state()
            .state
            .runner
            .as_ref()
            .and_then(|r| r.current())
            .map(|r| r.follow_ups_shown)
    };
    app.harness
        .state_mut()
        .voice
        .set_candidate_silence(Some(Duration::from_secs(5)));
    app.wait_secs(1);
    assert_eq!(shown(&app), Some(0));
    app.harness
        .state_mut()
        .voice
        .set_candidate_silence(Some(Duration::from_secs(21)));
    app.wait_secs(1);
    settle_voice(&mut app);
    assert_eq!(shown(&app), Some(1));
    assert_eq!(engine.said()[2], "How do you reconcile with the bank?");
    assert!(app.sees("1. How do you reconcile with the bank?"));
    // the same silence going on asks no second one
    app.wait_secs(1);
    settle_voice(&mut app);
    assert_eq!(shown(&app), Some(1));

    // the next phase brings the next follow-up, said aloud ("10x" as "10 times")
    app.harness.state_mut().voice.set_candidate_silence(None);
    app.harness.key_press(egui::Key::N);
    app.run();
    settle_voice(&mut app);
    assert_eq!(shown(&app), Some(2));
    assert_eq!(engine.said()[3], "What breaks first at 10 times?");
    assert_eq!(engine.said().len(), 4);
    assert_eq!(
        app.harness.state().state.stage(),
        Some(Stage::Answer),
        "the round goes on"
    );
}

#[test]
fn stopping_the_reading_starts_the_clock_and_without_interviewer_mode_nothing_is_said() {
    let engine = FakeEngine::new();
    engine.hold();
    let mut app = app_with_voice(&engine, true);
    start_ledger(&mut app);
    engine.wait_for(1);
    assert!(held(&app));
    app.harness.key_press(egui::Key::X);
    app.run();
    assert!(!held(&app), "X starts the clock at once");
    app.wait_secs(3);
    assert_eq!(elapsed_ms(&app), 3_000);
    engine.release();
    settle_voice(&mut app);

    let quiet = FakeEngine::new();
    let mut app = app_with_voice(&quiet, false);
    start_ledger(&mut app);
    assert!(!held(&app));
    app.wait_secs(2);
    assert_eq!(elapsed_ms(&app), 2_000);
    app.harness.key_press(egui::Key::F);
    app.run();
    settle_voice(&mut app);
    assert!(quiet.said().is_empty(), "{:?}", quiet.said());
}

#[test]
fn settings_list_the_voices_and_test_voice_speaks() {
    let engine = FakeEngine::new();
    let mut app = app_with_voice(&engine, false);
    app.click("Settings");
    app.click("Interviewer voice");
    for _ in 0..2000 {
        app.run();
        if matches!(app.harness.state().voice.status, EngineStatus::Ready { .. }) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    app.run();
    assert!(app.sees("Voice engine: fake voice, on this machine"));
    assert_eq!(app.harness.state().voice.voices().len(), 2);
    app.click("Test voice");
    settle_voice(&mut app);
    assert_eq!(engine.said().len(), 1);
    assert!(
        engine.said()[0].contains("V P of Engineering"),
        "{:?}",
        engine.said()
    );
    // the round setup's switch is the same setting
    app.click("Interviewer mode for solo rounds");
    assert!(app.harness.state().settings.voice.interviewer_mode);
}

/// A bank may time its follow-ups (`follow_up_timing`): the interviewer then asks each at
/// its moment (minutes into the answer, or the start of a phase) and not at its own.
#[test]
fn follow_ups_a_bank_timed_are_asked_at_their_moment() {
    let banks = tempfile::tempdir().expect("temp dir");
    let sample = std::fs::read_to_string(fixture_banks().join("sample.ron")).expect("fixture");
    let timed = sample.replacen(
        "follow_ups: [\"How do you reconcile with the bank?\", \"What breaks first at 10x?\"],",
        "follow_ups: [\"How do you reconcile with the bank?\", \"What breaks first at 10x?\"],\n            follow_up_timing: [AfterMinutes(3), AtPhase(\"Wrap-up\")],",
        1,
    );
    assert_ne!(
        timed, sample,
        "the fixture's ledger question is where the test expects it"
    );
    std::fs::write(banks.path().join("sample.ron"), timed).expect("bank written");

    let engine = FakeEngine::new();
    let data = tempfile::tempdir().expect("temp dir");
    let clock = FakeClock::fixed();
    let mut config = AppConfig::new(
        DataDir::new(data.path()),
        vec![banks.path().to_path_buf()],
        clock.clone(),
    );
    config.background_load = false;
    config.shipped_banks = false;
    config.voice = VoiceBackend::Given(Arc::new(engine.clone()));
    let mut settings = Settings {
        welcomed: true,
        ..Settings::default()
    };
    settings.voice.interviewer_mode = true;
    let harness = Harness::builder()
        .with_size([1200.0, 860.0])
        .build_eframe(move |cc| {
            theme::apply_style(&cc.egui_ctx, false);
            PanelistApp::new(config, settings)
        });
    let mut app = TestApp { harness, clock, data };
    app.run();
    start_ledger(&mut app);
    settle_voice(&mut app);
    app.click("Start answering");
    let shown = |app: &TestApp| {
        app.harness
            .state()
            .state
            .runner
            .as_ref()
            .and_then(|r| r.current())
            .map(|r| r.follow_ups_shown)
    };

    // a phase change one minute in: an untimed follow-up would come now; this one waits
    app.wait_secs(60);
    app.harness.key_press(egui::Key::N);
    app.run();
    settle_voice(&mut app);
    assert_eq!(shown(&app), Some(0), "the first follow-up waits for minute 3");
    app.wait_secs(119);
    settle_voice(&mut app);
    assert_eq!(shown(&app), Some(0));
    app.wait_secs(1);
    settle_voice(&mut app);
    assert_eq!(shown(&app), Some(1), "asked three minutes in");
    assert_eq!(
        engine.said().last().map(String::as_str),
        Some("How do you reconcile with the bank?")
    );

    // the second is asked when the answer reaches "Wrap-up", not before
    app.wait_secs(60);
    settle_voice(&mut app);
    assert_eq!(shown(&app), Some(1));
    app.harness.key_press(egui::Key::N);
    app.run();
    settle_voice(&mut app);
    assert_eq!(shown(&app), Some(2), "asked at the Wrap-up phase");
    assert_eq!(
        engine.said().last().map(String::as_str),
        Some("What breaks first at 10 times?")
    );
}

//! First run, settings that last, keyboard-only practice, help windows.

use eframe::App as _;
use eframe::egui::Key;
use panelist::app::{PanelistApp, Screen, Settings, ThemeChoice};
use panelist::paths::DataDir;
use panelist::session::{QuestionState, Score};
use panelist::store::SessionStore;

use crate::harness::{new_app, open_app};

#[test]
fn an_empty_data_folder_opens_on_the_welcome_once() {
    let data = tempfile::tempdir().expect("temp");
    let mut app = open_app(data, Settings::default());
    assert!(app.sees("Welcome to Panelist"));
    assert!(app.sees("Run a mock panel"));
    app.click("Practise alone");
    assert!(app.sees("Start a round"));
    assert!(app.harness.state().settings.welcomed);

    // restart with the settings saved in the data folder: no welcome
    app.harness.state_mut().flush_settings();
    let settings = Settings::load(&DataDir::new(app.data.path())).settings;
    let restarted = open_app(app.data, settings);
    assert!(!restarted.sees("Welcome to Panelist"));
    assert!(restarted.sees("Start a round"));
}

#[test]
fn the_welcome_can_be_shown_again_from_help() {
    let mut app = new_app();
    app.click("Help");
    app.click("Show welcome");
    assert!(app.sees("Welcome to Panelist"));
}

#[test]
fn a_settings_change_persists_across_a_restart() {
    let mut app = new_app();
    app.click("Settings");
    app.click("Dark");
    app.click("Warn at 75% of the time");
    assert_eq!(app.harness.state().settings.theme, ThemeChoice::Dark);
    assert!(!app.harness.state().settings.warn_at_75);

    app.harness.state_mut().flush_settings();
    let saved = Settings::load(&DataDir::new(app.data.path())).settings;
    let restarted = open_app(app.data, saved);
    let settings = &restarted.harness.state().settings;
    assert_eq!(settings.theme, ThemeChoice::Dark);
    assert!(!settings.warn_at_75);
    assert!(settings.welcomed);
}

#[test]
fn a_quick_question_by_keyboard_alone() {
    let mut app = new_app();
    app.click("Quick question"); // the one click: the rest is keys
    let question = {
        let Screen::Setup(setup) = &app.harness.state().view.screen else {
            panic!("setup")
        };
        let id = setup.plan.picked()[0].clone();
        app.harness
            .state()
            .state
            .catalog
            .question(&id)
            .expect("question")
            .question
            .clone()
    };
    let press = |app: &mut crate::harness::TestApp, key| {
        app.harness.key_press(key);
        app.run();
    };
    press(&mut app, Key::Enter); // start
    assert!(matches!(app.harness.state().view.screen, Screen::Round));
    app.wait_secs(5);
    press(&mut app, Key::Space); // pause
    assert!(
        !app.harness
            .state()
            .state
            .runner
            .as_ref()
            .expect("runner")
            .is_running()
    );
    app.wait_secs(60);
    press(&mut app, Key::Space); // resume
    assert!(
        app.harness
            .state()
            .state
            .runner
            .as_ref()
            .expect("runner")
            .is_running()
    );
    app.wait_secs(5);
    press(&mut app, Key::Enter); // finish the answer
    press(&mut app, Key::Num3); // score the first competency
    if question.competencies.len() > 1 {
        press(&mut app, Key::ArrowDown);
        press(&mut app, Key::Num4);
    }
    press(&mut app, Key::Enter); // next: the round ends

    let sessions = SessionStore::new(DataDir::new(app.data.path()))
        .load_all()
        .sessions;
    let record = &sessions[0].questions[0];
    assert_eq!(record.state, QuestionState::Answered);
    assert_eq!(
        record.self_scores.get(&question.competencies[0]),
        Score::new(3).as_ref()
    );
    if question.competencies.len() > 1 {
        assert_eq!(
            record.self_scores.get(&question.competencies[1]),
            Score::new(4).as_ref()
        );
    }
    assert!(sessions[0].is_finished());
    assert_eq!(record.prep_ms + record.answer_ms, 10_000);
}

#[test]
fn f1_shows_the_shortcuts_and_about_names_the_data_folder() {
    let mut app = new_app();
    app.harness.key_press(Key::F1);
    app.run();
    assert!(app.sees("Keyboard shortcuts"));
    assert!(app.sees("Pause or resume the clock"));
    app.click("Help");
    app.click("About Panelist");
    let folder = app.data.path().display().to_string();
    assert!(app.sees(&folder));
}

#[test]
fn the_welcome_leads_to_a_mock_panel_set_up() {
    let data = tempfile::tempdir().expect("temp");
    let mut app = open_app(data, Settings::default());
    app.click("Run a mock panel");
    assert!(matches!(app.harness.state().view.screen, Screen::PanelSetup(_)));
}

#[test]
fn the_glyph_atlas_is_kept_narrow_whatever_the_gpu_allows() {
    use eframe::egui;
    let hook = |app: &mut crate::harness::TestApp, gpu: Option<usize>| {
        let ctx = app.harness.ctx.clone();
        let mut input = egui::RawInput {
            max_texture_side: gpu,
            ..Default::default()
        };
        app.harness.state_mut().raw_input_hook(&ctx, &mut input);
        input.max_texture_side
    };
    for (gpu, expected) in [(Some(16_384), 2_048), (Some(1_024), 1_024), (None, 2_048)] {
        let mut app = new_app();
        assert_eq!(hook(&mut app, gpu), Some(expected), "GPU limit {gpu:?}");
    }

    // eframe gives the limit on the first frame only. While the candidate's second window
    // is open, both windows keep the GPU's limit: egui rebuilds its fonts when the limit
    // differs between the windows of one frame, garbling text already laid out.
    let mut app = new_app();
    assert_eq!(hook(&mut app, Some(16_384)), Some(2_048));
    assert_eq!(hook(&mut app, None), Some(2_048), "later frames");
    let app_state = app.harness.state_mut();
    let question = app_state
        .state
        .catalog
        .questions()
        .next()
        .map(|q| (q.global_id(), q.question.clone()))
        .expect("a question");
    let now = app_state.state.wall();
    let mut session = panelist::session::Session::new(
        "panel".to_owned(),
        now,
        panelist::session::Mode::Panel,
        "Mock panel".to_owned(),
        1.0,
        vec![question],
    );
    session.panel = Some(panelist::session::Panel::new(
        panelist::session::Panelist::default_panel(),
    ));
    app_state.state.start_runner(session);
    app_state.view.screen = Screen::Round;
    app_state.view.panel_view.candidate_window = true;
    assert_eq!(hook(&mut app, None), Some(16_384), "the candidate window is open");
    app.harness.state_mut().view.panel_view.candidate_window = false;
    assert_eq!(hook(&mut app, None), Some(2_048), "and closed again");
}

#[test]
fn the_real_window_clears_to_the_background_and_leaves_panels_unfilled() {
    use eframe::egui::{self, Color32, Visuals};
    use panelist::app::{AppConfig, theme};
    use panelist::session::FakeClock;

    let data = tempfile::tempdir().expect("temp");
    let mut config = AppConfig::new(DataDir::new(data.path()), Vec::new(), FakeClock::fixed());
    config.background_load = false;
    config.window_clears_background = true;
    let app = PanelistApp::new(config, Settings::default());
    for visuals in [Visuals::dark(), Visuals::light()] {
        let expected = theme::background(&visuals).to_normalized_gamma_f32();
        assert_eq!(app.clear_color(&visuals), expected);
        assert_eq!(expected[3], 1.0, "an opaque background");
    }
    assert_ne!(
        theme::background(&Visuals::dark()),
        theme::background(&Visuals::light())
    );

    let ctx = egui::Context::default();
    theme::apply_style(&ctx, true);
    ctx.all_styles_mut(|style| assert_eq!(style.visuals.panel_fill, Color32::TRANSPARENT));

    // where nothing clears to the background (a test harness), panels keep their fill
    let ctx = egui::Context::default();
    theme::apply_style(&ctx, false);
    ctx.all_styles_mut(|style| assert_ne!(style.visuals.panel_fill, Color32::TRANSPARENT));
}

#[test]
fn frame_statistics_can_be_shown_and_hidden_from_help() {
    let mut app = new_app();
    assert!(!app.sees_containing("ms CPU"));
    app.click("Help");
    app.click("Show frame statistics");
    assert!(app.sees_containing("ms CPU"), "the statistics bar shows");
    app.click("Help");
    app.click("Hide frame statistics");
    assert!(!app.sees_containing("ms CPU"), "and hides again");
}

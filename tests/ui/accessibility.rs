//! Every screen a user can reach, reached by clicking as a user would, has a name for every
//! widget a user can act on. kittest's own check runs after every `run()`; this walks the
//! AccessKit tree as well, stricter: a hint text is not a name, and the screen is named.

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use panelist::app::Settings;
use panelist::paths::DataDir;
use panelist::session::{Clock, FakeClock, Runner};
use panelist::store::SessionStore;

use crate::demo_history;
use crate::harness::{TestApp, app_with, new_app, open_app};
use crate::tree::{assert_every_widget_named, assert_names_tell_widgets_apart};

/// Checks the screen after making sure it is the one meant: `marker` is on it.
#[track_caller]
fn visit(app: &TestApp, screen: &str, marker: &str) {
    assert!(
        app.harness.query_all_by_label_contains(marker).next().is_some(),
        "{screen}: expected to see {marker:?}"
    );
    assert_every_widget_named(&app.harness, screen);
    assert_names_tell_widgets_apart(&app.harness, screen);
}

fn welcomed() -> Settings {
    Settings {
        welcomed: true,
        ..Settings::default()
    }
}

#[test]
fn welcome_home_help_windows_and_settings() {
    let data = tempfile::tempdir().expect("temp");
    let mut app = open_app(data, Settings::default());
    visit(&app, "Welcome", "Welcome to Panelist");
    app.click("Practise alone");
    visit(&app, "Home", "Start a round");

    app.click("Help");
    visit(&app, "Help menu", "Show welcome");
    app.click("Keyboard shortcuts (F1)");
    visit(&app, "Keyboard shortcuts window", "Pause or resume the clock");
    app.harness.key_press(Key::F1);
    app.run();
    assert!(!app.sees("Pause or resume the clock"), "F1 closes the sheet");
    app.click("Help");
    app.click("About Panelist");
    visit(&app, "About window", "Data folder:");

    app.click("Settings");
    visit(&app, "Settings", "Warn at 75% of the time");
}

#[test]
fn home_offering_to_resume_an_unfinished_round() {
    let data = tempfile::tempdir().expect("temp");
    let clock = FakeClock::fixed();
    let mut runner = Runner::new(
        crate::harness_session::two_question_session(&clock),
        clock.clone(),
    );
    runner.start_current();
    clock.advance_secs(30);
    runner.checkpoint();
    SessionStore::new(DataDir::new(data.path()))
        .save(runner.session())
        .expect("save");
    let app = open_app(data, welcomed());
    visit(&app, "Home with a round to resume", "Resume round");
}

#[test]
fn a_full_loop_from_set_up_through_every_stage_to_the_summary() {
    let mut app = new_app();
    app.click("Full Director loop");
    visit(&app, "Round setup (Full Director loop)", "Reroll question 1");
    app.click("Start round");
    // the ledger question comes first: prep time, then an answer in phases
    visit(&app, "Running question: prep", "Start answering");
    app.click("Start answering");
    app.wait_secs(5);
    visit(&app, "Running question: answer with phases", "Next phase");
    app.click("Next phase");
    app.click("Ask me a follow-up");
    app.click("Pause");
    visit(&app, "Running question: paused, a follow-up shown", "Resume");
    app.click("Finish answer");
    visit(&app, "Self-assessment", "How did that go?");
    app.click("End round");
    visit(&app, "Round summary", ": summary");
}

#[test]
fn a_custom_round_with_hand_picking_open() {
    let mut app = new_app();
    app.click("Custom round");
    visit(&app, "Round setup (custom round)", "Filters");
    app.click("Hand-pick questions");
    visit(&app, "Custom round: hand-pick", "Search:");
    app.type_into("Search:", "ledger");
    visit(
        &app,
        "Custom round: hand-pick searched",
        "Design a double-entry ledger",
    );
}

#[test]
fn history_its_export_form_a_review_and_a_panel_review() {
    let catalog = demo_history::sample_catalog();
    let mut app = app_with(&[
        demo_history::golden_solo(&catalog),
        demo_history::golden_panel(&catalog),
    ]);
    app.click("History");
    visit(&app, "History list", "2 shown of 2");
    app.click("Export 2 sessions…");
    visit(&app, "History: export form", "Save export");
    app.click("Delete session 20260105-090000-0a1b");
    visit(&app, "History: confirm delete", "Move to trash");
    app.click("Cancel");

    app.click("Open session 20260105-090000-0a1b");
    visit(&app, "Session review (solo)", "Notes on the round");
    app.click("Export…");
    app.click("Delete session…");
    app.click("Q1 prompt");
    visit(
        &app,
        "Session review: export, delete and prompt open",
        "Move this session to the trash?",
    );
    app.click("Back to history");
    app.click("Open session 20260107-180000-c3d4");
    visit(&app, "Session review (panel)", "Panel debrief");
}

#[test]
fn progress_and_home_with_a_history_behind_them() {
    let clock = FakeClock::fixed();
    let catalog = demo_history::sample_catalog();
    let mut app = app_with(&demo_history::demo_history(&catalog, clock.wall(), 6));
    visit(&app, "Home with review rounds", "Recent sessions");
    app.click("Progress");
    // the charts have no legends (the caption says which line is which), so no chart
    // repeats "Self" and "Panel" toggles
    visit(&app, "Progress", "Time discipline");
}

#[test]
fn an_empty_history_and_an_empty_progress() {
    let mut app = new_app();
    app.click("History");
    visit(&app, "History (empty)", "No sessions yet");
    app.click("Progress");
    visit(&app, "Progress (empty)", "No scored answers yet");
}

#[test]
fn questions_search_detail_and_the_question_editor() {
    let mut app = new_app();
    app.click("Questions");
    visit(&app, "Questions browser", "5 questions of 5");
    app.type_into("Search:", "ledger");
    visit(&app, "Questions browser with a search", "1 question of 5");
    app.click("Design a double-entry ledger");
    visit(&app, "Question detail", "Practise this now");
    app.click("Copy to my bank");
    visit(&app, "Question editor (copy into a new bank)", "Save question");
    app.click("Cancel");
    app.click("New question");
    visit(&app, "Question editor (new question)", "Prompt (Markdown):");
    app.type_into("Id:", "board-update");
    app.type_into("Title:", "Present a quarterly board update");
    app.type_into("Prompt (Markdown):", "Ten minutes with the board.");
    app.type_into("Competencies:", "communication");
    app.click("Save question");
    // the user's own question: edited in place
    app.click("Present a quarterly board update");
    app.click("Edit");
    visit(&app, "Question editor (editing the user's bank)", "Edit question");
}

#[test]
fn bank_problems_from_home_and_from_the_browser() {
    let (data, _, _) = crate::harness::data_with_a_broken_bank();
    let mut app = open_app(data, welcomed());
    visit(&app, "Home with bank problems", "Show bank problems");
    app.click("Show bank problems");
    visit(&app, "Bank problems", "Not loaded: fix the errors below");
    app.click("Back to questions");
    visit(&app, "Questions browser with bank problems", "Bank problems (1)");
}

#[test]
fn every_prep_kit_tab_empty_and_filled() {
    let mut app = new_app();
    app.click("Prep kit");
    visit(&app, "Prep kit: stories (none yet)", "No stories yet");
    app.type_into("New story:", "Turning round the payments team");
    app.click("Add story");
    visit(&app, "Prep kit: story editor", "Situation");
    app.click("Save story");
    app.click("Coverage");
    visit(&app, "Prep kit: coverage", "No story yet for");
    app.click("Roles");
    visit(&app, "Prep kit: roles (none yet)", "No roles yet");
    app.type_into("Company:", "Acme Payments");
    app.click("Add role");
    visit(&app, "Prep kit: role editor", "What you heard");
    app.click("Save role");
    app.type_into("Company:", "Beta Health");
    app.click("Add role");
    app.click("Save role");
    visit(&app, "Prep kit: roles side by side", "Side by side");

    // a leadership answer offers the stories to link
    app.click("Home");
    app.click("Leadership drill");
    app.click("Start round");
    visit(
        &app,
        "Running question: stories to link",
        "Stories in this answer",
    );
}

#[test]
fn a_mock_panel_from_set_up_to_the_debrief() {
    let mut app = new_app();
    app.click("Run a mock panel");
    visit(&app, "Mock panel setup", "Set up a mock panel");
    app.type_into("Candidate", "Sam");
    app.type_into("Save as", "Acme loop");
    app.click("Save this panel");
    visit(&app, "Mock panel setup with a saved panel", "Use Acme loop");
    app.click("Quick question");
    visit(&app, "Round setup for a mock panel", "Mock panel for Sam");
    app.click("Start round");
    visit(&app, "Mock panel console", "Panel notes");
    app.click("Open candidate window");
    visit(
        &app,
        "Mock panel console with the candidate window",
        "Close candidate window",
    );
    // kittest embeds the second window over the console: close it as a screen reader would
    app.harness
        .get_by_label("Close candidate window")
        .click_accesskit();
    app.run();
    app.type_into("Note", "probed on headcount plan");
    app.click("Add note");
    app.click("Finish answer");
    visit(&app, "Mock panel scorecards", "Reveal all scorecards");
    app.click("Candidate's self-assessment (kept apart from the panel's scores)");
    visit(&app, "Mock panel scorecards with the self-assessment", "Self ·");
    for panelist in ["Priya", "Marcus", "Jun"] {
        app.click("Recommendation: Hire");
        app.click(&format!("Submit scorecard for {panelist}"));
    }
    app.click("Finish round");
    visit(&app, "Mock panel debrief", "Debrief · Sam");
}

//! Every screen a user can reach, reached by clicking as a user would, has a name for every
//! widget a user can act on. kittest's own check runs after every `run()`; this walks the
//! AccessKit tree as well, stricter: a hint text is not a name, and the screen is named.

use eframe::egui::Key;
use egui_kittest::kittest::{NodeT as _, Queryable};
use panelist::app::Settings;
use panelist::paths::DataDir;
use panelist::session::{Clock, FakeClock, Runner};
use panelist::store::SessionStore;

use crate::demo_history;
use crate::harness::{TestApp, app_with, new_app, open_app};
use crate::tree::{
    Seen, announced, assert_every_widget_named, assert_names_tell_widgets_apart, blank_labels, focused,
    headings, timer, window_name,
};

/// Checks the screen after making sure it is the one meant: `marker` is on it.
#[track_caller]
fn visit(app: &TestApp, screen: &str, marker: &str) {
    assert!(
        app.harness.query_all_by_label_contains(marker).next().is_some(),
        "{screen}: expected to see {marker:?}"
    );
    assert_every_widget_named(&app.harness, screen);
    assert_names_tell_widgets_apart(&app.harness, screen);
    assert_eq!(
        blank_labels(&app.harness),
        0,
        "{screen}: labels a screen reader reads as nothing (\"\\n\", \"\")"
    );
    assert_eq!(
        window_name(&app.harness).as_deref(),
        Some(app.harness.state().view.window_title.as_str()),
        "{screen}: the window's accessible name is its title"
    );
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

// ---- a screen reader's round: headings, the focus after each action, the timer, announcements

/// The focused node is a heading named `title`: the page's title took the focus.
#[track_caller]
fn assert_title_focused(app: &TestApp, screen: &str, title: &str) {
    let now = focused(&app.harness);
    assert!(
        now.as_ref()
            .is_some_and(|n| n.role == eframe::egui::Role::Heading && n.name.as_deref() == Some(title)),
        "{screen}: the focus should be on the title {title:?}, not on {:?}",
        now.map(|n| (n.role, n.name))
    );
    assert!(
        headings(&app.harness).first().map(String::as_str) == Some(title),
        "{screen}: the title is the first heading: {:?}",
        headings(&app.harness)
    );
}

#[test]
fn each_screen_puts_the_focus_on_its_title_heading() {
    let data = tempfile::tempdir().expect("temp");
    let mut app = open_app(data, Settings::default());
    assert_title_focused(&app, "Welcome", "Welcome to Panelist");
    app.click("Practise alone");
    assert_title_focused(&app, "Home", "Start a round");
    assert_eq!(
        headings(&app.harness),
        ["Start a round", "Question banks", "Recent sessions"],
        "Home's sections are headings"
    );
    app.click("Full Director loop");
    assert_title_focused(&app, "Round setup", "Full Director loop");
    app.click("Start round");
    assert_title_focused(&app, "Running question (prep)", "Design a double-entry ledger");
    app.click("Start answering");
    assert_title_focused(&app, "Running question (answer)", "Design a double-entry ledger");
    assert!(headings(&app.harness).contains(&"Follow-ups".to_owned()));
    app.click("Finish answer");
    assert_title_focused(&app, "Self-assessment", "Design a double-entry ledger");
    app.click("End round");
    assert_title_focused(&app, "Summary", "Full Director loop: summary");
    app.click("Back to home");
    assert_title_focused(&app, "Home after the round", "Start a round");
    for (tab, title) in [
        ("History", "History"),
        ("Progress", "Progress"),
        ("Settings", "Settings"),
    ] {
        app.click(tab);
        assert_title_focused(&app, tab, title);
    }
    // a screen without a title of its own: the focus goes to its tab
    app.click("Prep kit");
    let now = focused(&app.harness).map(|n| n.name);
    assert_eq!(
        now,
        Some(Some("Prep kit".to_owned())),
        "Prep kit: the focus is on its tab"
    );
}

#[test]
fn the_timer_is_named_in_words_and_the_bar_has_a_range() {
    let mut app = new_app();
    app.click("Full Director loop");
    app.click("Start round");
    app.wait_secs(5);
    let (name, bar) = timer(&app.harness).expect("a timer on the running question");
    assert_eq!(name, "55 seconds of prep left");
    assert_eq!(bar, Some(("Prep time used".to_owned(), 0.0, 5.0, 60.0)));
    app.click("Start answering");
    app.wait_secs(2);
    let (name, bar) = timer(&app.harness).expect("a timer");
    assert_eq!(name, "9 minutes 58 seconds left, Clarify phase");
    assert_eq!(bar, Some(("Answer time used".to_owned(), 0.0, 2.0, 600.0)));
    // the figures under the clock are said once, in words, by the bar and the phase rows
    let read: Vec<Option<String>> = crate::tree::nodes(&app.harness)
        .into_iter()
        .map(|n| n.name)
        .collect();
    assert!(!read.contains(&Some("0:02 used of 10:00".to_owned())), "{read:?}");
    assert!(app.sees("Clarify: 2 seconds of 2 minutes, current phase"));
}

#[test]
fn the_clock_announces_milestones_politely_never_every_second() {
    let mut app = new_app();
    app.click("Full Director loop");
    app.click("Start round");
    app.click("Start answering");
    assert_eq!(
        announced(&app.harness).as_deref(),
        Some("Answer time: 10 minutes left, Clarify phase"),
        "the start of the answer is announced"
    );
    app.wait_secs(30);
    app.wait_secs(1);
    assert_eq!(
        announced(&app.harness).as_deref(),
        Some("Answer time: 10 minutes left, Clarify phase"),
        "seconds passing say nothing"
    );
    app.click("Next phase");
    assert_eq!(
        announced(&app.harness).as_deref(),
        Some("Design phase, 9 minutes 29 seconds left")
    );
    app.wait_secs(450 - 31);
    assert_eq!(
        announced(&app.harness).as_deref(),
        Some("Three quarters of the time used, 2 minutes 30 seconds left")
    );
    app.wait_secs(151);
    assert_eq!(
        announced(&app.harness).as_deref(),
        Some("Time is up, Design phase")
    );
    app.wait_secs(60);
    assert_eq!(announced(&app.harness).as_deref(), Some("1 minute over"));
}

#[test]
fn time_announcements_can_be_turned_off() {
    let data = tempfile::tempdir().expect("temp");
    let mut app = open_app(
        data,
        Settings {
            announce_time: panelist::session::TimeAnnouncements::Off,
            ..welcomed()
        },
    );
    app.click("Full Director loop");
    app.click("Start round");
    app.click("Start answering");
    app.click("Next phase");
    app.wait_secs(700);
    assert_eq!(
        announced(&app.harness),
        None,
        "nothing is said with announcements off"
    );
    assert!(timer(&app.harness).is_some_and(|(name, _)| name.ends_with("over, Design phase")));
}

#[test]
fn a_revealed_follow_up_is_announced_and_the_focus_stays_on_the_button() {
    let mut app = new_app();
    app.click("Full Director loop");
    app.click("Start round");
    app.harness.get_by_label("Ask me a follow-up").focus();
    app.run();
    app.harness.key_press(Key::Enter);
    app.run();
    assert_eq!(
        announced(&app.harness).as_deref(),
        Some("Follow-up 1: How do you reconcile with the bank?")
    );
    let now = focused(&app.harness).map(|n: Seen| (n.role, n.name));
    assert_eq!(
        now,
        Some((eframe::egui::Role::Button, Some("Ask me a follow-up".to_owned()))),
        "the focus stays on the button"
    );
    app.harness.key_press(Key::Enter);
    app.run();
    assert_eq!(
        announced(&app.harness).as_deref(),
        Some("Follow-up 2: What breaks first at 10x?")
    );
}

#[test]
fn keyboard_scoring_announces_the_competency_and_the_score() {
    let mut app = new_app();
    app.click("Full Director loop");
    app.click("Start round");
    app.click("Finish answer");
    let press = |app: &mut TestApp, key| {
        app.harness.key_press(key);
        app.run();
    };
    press(&mut app, Key::Num3);
    assert_eq!(
        announced(&app.harness).as_deref(),
        Some("Calibrated technical depth: scored 3 Hire")
    );
    press(&mut app, Key::ArrowDown);
    let said = announced(&app.harness).unwrap_or_default();
    assert!(said.ends_with(", chosen: not scored"), "{said}");
    press(&mut app, Key::Num2);
    let said = announced(&app.harness).unwrap_or_default();
    assert!(
        said.ends_with(": scored 2 Lean no hire") && !said.starts_with("Calibrated"),
        "{said}"
    );
    // the chosen competency, shown by colour, is described in words
    let described = app
        .harness
        .root()
        .children_recursive()
        .filter_map(|n| n.accesskit_node().description())
        .any(|d| d == "chosen: keys 1 to 4 score it");
    assert!(described);
    // the score buttons are radio groups named after their competency; signals are groups
    let groups: Vec<_> = app
        .harness
        .root()
        .children_recursive()
        .map(|n| (n.accesskit_node().role(), n.accesskit_node().label()))
        .filter(|(role, _)| matches!(role, eframe::egui::Role::RadioGroup | eframe::egui::Role::Group))
        .collect();
    assert!(
        groups.contains(&(
            eframe::egui::Role::RadioGroup,
            Some("Calibrated technical depth: score".to_owned())
        )),
        "{groups:?}"
    );
    assert!(
        groups
            .iter()
            .any(|(role, name)| *role == eframe::egui::Role::Group
                && name
                    .as_deref()
                    .is_some_and(|n| n.starts_with("What a strong answer shows"))),
        "{groups:?}"
    );
}

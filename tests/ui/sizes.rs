//! The layout holds at 800x600 and at 2560x1440: everything a user must read or click lies
//! inside the window, a long prompt wraps into the reading column, and a long question title
//! in a list is cut short with an ellipsis inside its column, the full title on hover.

use eframe::egui::{self, Shape};
use egui_kittest::kittest::{NodeT as _, Queryable};
use panelist::app::Settings;
use panelist::app::theme::READING_WIDTH;
use panelist::paths::DataDir;
use panelist::session::{Clock, FakeClock};
use panelist::store::SessionStore;

use crate::demo_history;
use crate::harness::{TestApp, open_app_sized};
use crate::tree::{is_interactive, name_of, nodes};

const SMALL: [f32; 2] = [800.0, 600.0];
const LARGE: [f32; 2] = [2560.0, 1440.0];

const LONG_TITLE: &str = "Design the ledger, the reconciliation pipeline and the audit trail for a payments company that is about to enter three new markets at once";
const LONG_PROMPT_START: &str = "A payments company that moves money for small businesses";

/// A user's bank with one question whose title and prompt are long.
fn long_bank() -> String {
    let sentence = "The ledger must stay correct when a partner bank sends the same settlement file twice, when a transfer is reversed days later, and when auditors ask who changed what and why. ";
    let prompt = format!(
        "{LONG_PROMPT_START} across Europe needs a ledger it can trust. {}",
        sentence.repeat(6)
    );
    format!(
        r##"Bank(
    format: 1,
    id: "long",
    title: "Long questions",
    description: "Long titles and prompts.",
    questions: [
        Question(
            id: "long-ledger",
            round: SystemsDesign,
            title: "{LONG_TITLE}",
            prompt: r#"{prompt}"#,
            minutes: 10,
            competencies: ["technical-depth", "strategy"],
            strong_signals: ["Makes entries immutable and append-only."],
        ),
    ],
)"##
    )
}

/// The app in a window of `size`, with a saved history and the long question in the user's bank.
fn app_at(size: [f32; 2]) -> TestApp {
    let data = tempfile::tempdir().expect("temp");
    let catalog = demo_history::sample_catalog();
    let store = SessionStore::new(DataDir::new(data.path()));
    let mut sessions = demo_history::demo_history(&catalog, FakeClock::fixed().wall(), 4);
    sessions.push(demo_history::golden_solo(&catalog));
    for session in &sessions {
        store.save(session).expect("save");
    }
    let questions = data.path().join("questions");
    std::fs::create_dir_all(&questions).expect("mkdir");
    std::fs::write(questions.join("long.ron"), long_bank()).expect("write");
    let app = open_app_sized(
        data,
        Settings {
            welcomed: true,
            ..Settings::default()
        },
        size,
    );
    let loaded = app.harness.state().state.catalog.question("long/long-ledger");
    assert!(loaded.is_some(), "the long bank loads");
    app
}

/// Every named node, and every interactive one, that lies outside the window left to right.
fn outside(app: &TestApp, screen: &str, size: [f32; 2]) -> Vec<String> {
    nodes(&app.harness)
        .into_iter()
        .filter(|n| n.name.is_some() || is_interactive(n.role))
        .filter(|n| n.rect.is_positive())
        .filter(|n| n.rect.left() < -0.5 || n.rect.right() > size[0] + 0.5)
        .map(|n| format!("{screen}: {:?} {:?} at {:?}", n.role, n.name, n.rect))
        .collect()
}

#[track_caller]
fn assert_inside(app: &TestApp, screen: &str, size: [f32; 2]) {
    let outside = outside(app, screen, size);
    assert!(
        outside.is_empty(),
        "at {size:?}, {} node(s) lie outside the window:\n{}",
        outside.len(),
        outside.join("\n")
    );
}

fn each_tab(size: [f32; 2]) {
    let mut app = app_at(size);
    let mut found = Vec::new();
    for (tab, marker) in [
        ("Home", "Start a round"),
        ("Questions", "Select a question to see it in full."),
        ("History", "Notes contain:"),
        ("Progress", "Time discipline"),
        ("Prep kit", "New story:"),
        ("Settings", "Warn at 75% of the time"),
    ] {
        // by role: the Questions tab has a "History" filter too
        app.harness.get_by_role_and_label(egui::Role::Button, tab).click();
        app.run();
        assert!(app.sees(marker), "{tab}: {marker}");
        found.extend(outside(&app, tab, size));
    }
    assert!(
        found.is_empty(),
        "at {size:?}, {} node(s) lie outside the window:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_six_tabs_fit_at_800_by_600() {
    each_tab(SMALL);
}

#[test]
fn the_six_tabs_fit_at_2560_by_1440() {
    each_tab(LARGE);
}

fn a_round_setup(size: [f32; 2]) {
    let mut app = app_at(size);
    // by role: a saved session has that title too
    app.harness
        .get_by_role_and_label(egui::Role::Button, "Full Director loop")
        .click();
    app.run();
    assert_inside(&app, "Round setup", size);
    // the actions stay in view under a list longer than the window
    let start = app.harness.get_by_label("Start round").rect();
    assert!(
        start.bottom() <= size[1] + 0.5,
        "at {size:?} Start round lies at {start:?}, below the window"
    );
}

#[test]
fn a_round_setup_fits_at_800_by_600() {
    a_round_setup(SMALL);
}

#[test]
fn a_round_setup_fits_at_2560_by_1440() {
    a_round_setup(LARGE);
}

fn a_round_and_its_review(size: [f32; 2]) {
    let mut app = app_at(size);
    app.click("Questions");
    app.click(LONG_TITLE);
    app.click("Practise this now");
    assert!(app.sees("Finish answer"));
    assert_inside(&app, "Running question", size);
    assert_prompt_in_reading_column(&app, size);
    app.wait_secs(30);
    app.click("Finish answer");
    assert!(app.sees("How did that go?"));
    assert_inside(&app, "Self-assessment", size);
    app.click("Finish round");
    assert!(app.sees_containing(": summary"));
    assert_inside(&app, "Round summary", size);
    app.click("Back to home");
    app.click("History");
    app.click("Open session 20260105-090000-0a1b");
    assert!(app.sees("Notes on the round"));
    assert_inside(&app, "Session review", size);
}

#[test]
fn a_round_and_a_review_fit_at_800_by_600() {
    a_round_and_its_review(SMALL);
}

#[test]
fn a_round_and_a_review_fit_at_2560_by_1440() {
    a_round_and_its_review(LARGE);
}

fn a_panel_debrief(size: [f32; 2]) {
    let mut app = app_at(size);
    app.click("Run a mock panel");
    app.type_into("Candidate", "Sam");
    app.click("Quick question");
    app.click("Start round");
    assert_inside(&app, "Mock panel console", size);
    app.click("Finish answer");
    for panelist in ["Priya", "Marcus", "Jun"] {
        app.click("Recommendation: Hire");
        app.click(&format!("Submit scorecard for {panelist}"));
    }
    app.click("Reveal all scorecards");
    app.click("Finish round");
    assert!(app.sees("Debrief · Sam"));
    assert_inside(&app, "Mock panel debrief", size);
}

#[test]
fn a_panel_debrief_fits_at_800_by_600() {
    a_panel_debrief(SMALL);
}

#[test]
fn a_panel_debrief_fits_at_2560_by_1440() {
    a_panel_debrief(LARGE);
}

/// The long prompt's text wraps: no wider than the reading column, over several lines.
#[track_caller]
fn assert_prompt_in_reading_column(app: &TestApp, size: [f32; 2]) {
    // the prompt as a screen reader reads it, whose bounds are the prompt's as drawn
    let prompt = app
        .harness
        .get_all_by_label_contains(LONG_PROMPT_START)
        .find(|n| crate::tree::is_shown(&n.accesskit_node()))
        .expect("the prompt, read a paragraph at a time")
        .rect();
    let column = READING_WIDTH.min(size[0]);
    assert!(
        prompt.width() <= column + 0.5,
        "at {size:?} the prompt is {} wide, over the reading column's {column}",
        prompt.width()
    );
    let line = app.harness.ctx.global_style().text_styles[&egui::TextStyle::Body].size;
    assert!(
        prompt.height() > 4.0 * line,
        "at {size:?} the prompt is {} high: it does not wrap",
        prompt.height()
    );
}

/// A text shape drawn inside `rect` that was cut short with an ellipsis.
fn elided_text_inside(app: &TestApp, rect: egui::Rect) -> bool {
    fn walk(shape: &Shape, rect: egui::Rect) -> bool {
        match shape {
            Shape::Vec(shapes) => shapes.iter().any(|s| walk(s, rect)),
            Shape::Text(text) => {
                rect.expand(1.0).contains_rect(shape.visual_bounding_rect()) && text.galley.elided
            }
            _ => false,
        }
    }
    app.harness
        .output()
        .shapes
        .iter()
        .any(|clipped| walk(&clipped.shape, rect))
}

/// Text labels that contain the long title (a truncated label holds it all).
fn labels_with_long_title(app: &TestApp) -> usize {
    app.harness
        .query_all_by_label_contains(LONG_TITLE)
        .filter(|n| n.accesskit_node().role() == egui::Role::Label)
        .count()
}

/// The first widget showing the long title cuts it short inside `column` and gives it in
/// full on hover.
#[track_caller]
fn assert_cut_short_with_tooltip(app: &mut TestApp, list: &str, column: egui::Rect, size: [f32; 2]) {
    let labels = labels_with_long_title(app);
    let (rect, spoken) = {
        let node = app
            .harness
            .get_all_by_label(LONG_TITLE)
            .next()
            .expect("the long title");
        // a screen reader has the full title: as the label's text, or in the hover text
        let spoken = [
            name_of(&node.accesskit_node()),
            node.accesskit_node().description(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" | ");
        node.hover();
        (node.rect(), spoken)
    };
    assert!(
        elided_text_inside(app, rect),
        "{list} at {size:?}: the long title is not cut short"
    );
    assert!(
        rect.left() >= column.left() - 0.5 && rect.right() <= column.right() + 0.5,
        "{list} at {size:?}: the title spans {rect:?}, out of its column {column:?}"
    );
    assert!(
        spoken.matches(LONG_TITLE).count() >= 1,
        "{list}: a screen reader hears {spoken:?}"
    );
    app.harness.run_steps(4);
    // one tooltip, with the full title once
    assert_eq!(
        labels_with_long_title(app),
        labels + 1,
        "{list} at {size:?}: hovering shows one tooltip with the full title"
    );
    app.harness.remove_cursor();
    app.run();
}

fn long_titles_in_lists(size: [f32; 2]) {
    let mut app = app_at(size);
    app.click("Questions");
    // the list's column: from the "Search:" label to the end of its field
    let label = app
        .harness
        .get_by(|n| n.role() == egui::Role::Label && n.value().as_deref() == Some("Search:"))
        .rect();
    let field = app.harness.get_by_label("Search:").rect();
    let column = egui::Rect::from_x_y_ranges(label.left()..=field.right(), field.y_range());
    assert_cut_short_with_tooltip(&mut app, "Question list", column, size);

    // picked for a custom round: the pick's card is the column
    app.click(LONG_TITLE);
    app.click("Add to custom round");
    let card = app.harness.get_by_label("Remove question 1").rect();
    let column = egui::Rect::from_x_y_ranges(card.left()..=size[0] - 14.0, card.y_range());
    assert_cut_short_with_tooltip(&mut app, "Round setup picks", column, size);
}

#[test]
fn long_titles_are_cut_short_in_lists_at_800_by_600() {
    long_titles_in_lists(SMALL);
}

#[test]
fn long_titles_are_cut_short_in_lists_at_2560_by_1440() {
    long_titles_in_lists(LARGE);
}

/// Screens showing the long title where a user reads or types it: detail, hand-picking,
/// and a story and a role named with it.
fn long_content(size: [f32; 2]) {
    let mut app = app_at(size);
    app.click("Questions");
    app.click(LONG_TITLE);
    let mut found = outside(&app, "Question detail", size);
    app.click("Add to custom round");
    app.click("Hand-pick questions");
    found.extend(outside(&app, "Custom round: hand-pick", size));
    app.click("Prep kit");
    app.type_into("New story:", LONG_TITLE);
    app.click("Add story");
    app.click("Save story");
    found.extend(outside(&app, "Prep kit: story editor", size));
    app.click("Coverage");
    found.extend(outside(&app, "Prep kit: coverage", size));
    app.click("Roles");
    app.type_into("Company:", LONG_TITLE);
    app.click("Add role");
    found.extend(outside(&app, "Prep kit: role editor", size));
    assert!(
        found.is_empty(),
        "at {size:?}, {} node(s) lie outside the window:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn long_content_fits_at_800_by_600() {
    long_content(SMALL);
}

#[test]
fn long_content_fits_at_2560_by_1440() {
    long_content(LARGE);
}

/// Roles compared side by side share the width: every company and answer is in the window.
fn roles_side_by_side(size: [f32; 2], companies: &[&str]) {
    let mut app = app_at(size);
    app.click("Prep kit");
    app.click("Roles");
    for company in companies {
        app.type_into("Company:", company);
        app.click("Add role");
        app.click("Save role");
    }
    assert!(app.sees("Side by side"));
    assert_inside(&app, "Prep kit: roles side by side", size);
}

#[test]
fn two_roles_side_by_side_fit_at_800_by_600() {
    roles_side_by_side(SMALL, &["Northwind Health", "Acme Payments"]);
}

#[test]
fn four_roles_side_by_side_fit_at_2560_by_1440() {
    roles_side_by_side(
        LARGE,
        &["Northwind Health", "Acme Payments", "Lumen Analytics", "Globex"],
    );
}

//! The Questions tab: search, bank problems, and writing a question through the form.

use egui_kittest::kittest::Queryable;
use panelist::app::Settings;
use panelist::bank::parse_bank;

use crate::harness::{TestApp, new_app, open_app};

fn type_into(app: &mut TestApp, label: &str, text: &str) {
    app.harness.get_by_label(label).focus();
    app.run();
    app.harness.get_by_label(label).type_text(text);
    app.run();
}

#[test]
fn search_narrows_the_list() {
    let mut app = new_app();
    app.click("Questions");
    assert!(app.sees("5 questions of 5"));
    assert!(app.sees("Design a double-entry ledger"));
    assert!(app.sees("Why Director, and why now?"));

    type_into(&mut app, "Search:", "ledger");
    assert!(app.sees("1 question of 5"));
    assert!(app.sees("Design a double-entry ledger"));
    assert!(!app.sees("Why Director, and why now?"));

    // selecting it shows the detail pane with its source and the user's history
    app.click("Design a double-entry ledger");
    assert!(app.sees("Practise this now"));
    assert!(app.sees("Never practised."));
    assert!(app.sees_containing("sample.ron"));
    assert!(app.sees("Systems design · 10 min + 1 min prep · Stretch · from Sample bank"));
}

#[test]
fn a_bank_with_an_error_shows_in_the_problems_panel_with_its_line_and_column() {
    let (data, file, broken) = crate::harness::data_with_a_broken_bank();
    let expected = parse_bank(&file.display().to_string(), broken.as_bytes()).problems[0].to_string();
    assert!(expected.contains(":42:"), "{expected}");

    let mut app = open_app(
        data,
        Settings {
            welcomed: true,
            ..Settings::default()
        },
    );
    assert!(app.sees_containing("broken.ron was not loaded"));
    app.click("Show bank problems");
    assert!(app.sees(&expected), "problems panel shows {expected}");
    assert!(app.sees_containing("Not loaded: fix the errors below"));
}

#[test]
fn creating_a_question_through_the_form_makes_it_appear_in_the_browser() {
    let mut app = new_app();
    app.click("Questions");
    app.click("New question");
    type_into(&mut app, "Id:", "board-update");
    type_into(&mut app, "Title:", "Present a quarterly board update");
    type_into(
        &mut app,
        "Prompt (Markdown):",
        "You have **ten** minutes with the board.",
    );
    // live validation: no competency yet
    assert!(
        app.sees_containing("at least one"),
        "the missing competency is reported"
    );
    type_into(&mut app, "Competencies:", "communication, strategy");
    assert!(app.sees("No problems: ready to save."));
    app.click("Save question");

    assert!(app.sees("6 questions of 6"));
    assert!(
        app.harness
            .query_all_by_label("Present a quarterly board update")
            .next()
            .is_some()
    );
    let saved = app.data.path().join("questions/my-questions.ron");
    let parsed = parse_bank("my-questions.ron", &std::fs::read(saved).expect("saved"));
    let question = &parsed.bank.expect("valid bank").questions[0];
    assert_eq!(question.competencies, ["communication", "strategy"]);
}

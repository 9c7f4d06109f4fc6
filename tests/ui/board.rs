//! The whiteboard in a running systems-design question, by mouse and by keyboard.

use eframe::egui::{self, Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::kittest::{NodeT, Queryable};
use panelist::app::Screen;
use panelist::bank::Round;
use panelist::board::{Board, Shape};
use panelist::session::{Mode, Session};

use crate::harness::{TestApp, new_app};

/// The app answering a systems-design question, its Board tab open.
fn answering_a_design_question() -> TestApp {
    let mut app = new_app();
    let state = &mut app.harness.state_mut().state;
    let (id, question) = state
        .catalog
        .questions()
        .find(|q| q.question.round == Round::SystemsDesign)
        .map(|q| (q.global_id(), q.question.clone()))
        .expect("a systems-design question in the fixture banks");
    let session = Session::new(
        "board-test".to_owned(),
        state.wall(),
        Mode::Solo,
        "Board".to_owned(),
        1.0,
        vec![(id, question)],
    );
    state.start_runner(session);
    if let Some(runner) = state.runner.as_mut() {
        runner.start_current();
        runner.start_answer();
    }
    app.harness.state_mut().view.screen = Screen::Round;
    app.run();
    app
}

fn board(app: &TestApp) -> Board {
    app.session().questions[0].board().cloned().unwrap_or_default()
}

fn canvas(app: &TestApp) -> egui::Rect {
    app.harness.get_by_label_contains("Board: ").rect()
}

fn press(app: &mut TestApp, pos: Pos2, pressed: bool) {
    app.harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::default(),
    });
}

fn click_at(app: &mut TestApp, pos: Pos2) {
    app.harness.event(Event::PointerMoved(pos));
    press(app, pos, true);
    press(app, pos, false);
    app.run();
}

fn drag(app: &mut TestApp, from: Pos2, to: Pos2) {
    app.harness.event(Event::PointerMoved(from));
    press(app, from, true);
    app.run();
    for step in 1..=4 {
        app.harness
            .event(Event::PointerMoved(from + (to - from) * (step as f32 / 4.0)));
        app.run();
    }
    press(app, to, false);
    app.run();
}

/// Types into the label being edited in place: a text field named "Label" that already has
/// the focus, as a screen reader meets it.
fn type_label(app: &mut TestApp, text: &str) {
    let field = app
        .harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Label");
    assert!(field.is_focused(), "the label field takes the focus");
    field.type_text(text);
    app.run();
}

fn key(app: &mut TestApp, key: Key) {
    app.harness.key_press(key);
    app.run();
}

#[test]
fn draw_two_boxes_connect_them_label_the_arrow_undo_and_switch_template_by_mouse() {
    let mut app = answering_a_design_question();
    assert!(
        app.sees("Board: empty"),
        "the board is open for a design question"
    );

    app.click("Box (B)");
    let c = canvas(&app);
    let left = c.left_center() + egui::vec2(120.0, 0.0);
    click_at(&mut app, left);
    type_label(&mut app, "API");
    key(&mut app, Key::Enter);
    assert!(app.sees("Board: 1 box"));
    assert_eq!(board(&app).elements()[0].label, "API");

    let right = c.left_center() + egui::vec2(420.0, 0.0);
    click_at(&mut app, right);
    key(&mut app, Key::Enter);
    assert!(app.sees("Board: 2 boxes"));

    app.click("Arrow (A)");
    drag(&mut app, left, right);
    assert!(app.sees("Board: 2 boxes, 1 arrow"), "{}", board(&app).describe());
    let arrow = board(&app).elements()[2].clone();
    assert_eq!(arrow.shape, Shape::Connector { from: 1, to: 2 });

    // The new arrow is selected: Enter edits its label in place.
    key(&mut app, Key::Enter);
    type_label(&mut app, "HTTPS");
    key(&mut app, Key::Enter);
    assert_eq!(
        board(&app).get(arrow.id).map(|e| e.label.clone()),
        Some("HTTPS".to_owned())
    );

    app.click("Undo");
    assert_eq!(
        board(&app).get(arrow.id).map(|e| e.label.clone()),
        Some(String::new())
    );

    app.click("Template");
    app.click("Org chart");
    assert!(app.sees("Board: 4 people, 3 teams, 6 arrows"));
    // Every edit was stamped on the answer clock and kept for the replay.
    assert!(board(&app).history().len() >= 7);
}

#[test]
fn draw_connect_label_undo_and_switch_template_by_keyboard() {
    let mut app = answering_a_design_question();
    // Focus the canvas (the select tool, an empty spot), then work with keys only.
    let c = canvas(&app);
    click_at(&mut app, c.left_top() + egui::vec2(10.0, 10.0));
    assert!(
        app.harness.get_by_label("Board: empty").is_focused(),
        "the canvas takes the focus"
    );
    key(&mut app, Key::B);
    key(&mut app, Key::Enter);
    type_label(&mut app, "Web");
    key(&mut app, Key::Enter);
    key(&mut app, Key::D);
    key(&mut app, Key::Enter);
    key(&mut app, Key::Enter);
    assert!(app.sees("Board: 1 box, 1 database"), "{}", board(&app).describe());

    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    app.run();
    key(&mut app, Key::C);
    assert!(
        app.sees("Board: 1 box, 1 database, 1 arrow"),
        "{}",
        board(&app).describe()
    );

    // `[` from nothing selects the last element, the arrow; Enter edits its label.
    key(&mut app, Key::Escape);
    key(&mut app, Key::OpenBracket);
    key(&mut app, Key::Enter);
    type_label(&mut app, "reads");
    key(&mut app, Key::Enter);
    let labelled = board(&app);
    assert_eq!(labelled.elements()[2].label, "reads");
    assert_eq!(labelled.elements()[0].label, "Web");

    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    app.run();
    assert_eq!(board(&app).elements()[2].label, "");
    assert_eq!(
        app.session().questions[0].state,
        panelist::session::QuestionState::Answering,
        "Enter never finished the answer"
    );

    app.harness.get_by_label("Template").focus();
    app.run();
    key(&mut app, Key::Enter);
    app.harness.get_by_label("Org chart").focus();
    app.run();
    key(&mut app, Key::Enter);
    assert!(
        app.sees("Board: 4 people, 3 teams, 6 arrows"),
        "{}",
        board(&app).describe()
    );
}

/// The golden solo session with a board drawn during its first question: two nodes in the
/// first phase (by 60 s), a third node and an arrow later.
fn session_with_a_drawn_board() -> Session {
    use panelist::board::{BoardEdit, NodeKind, Rect};
    use panelist::session::SessionEdit;
    let catalog = crate::demo_history::sample_catalog();
    let mut session = crate::demo_history::golden_solo(&catalog);
    let phases = session.questions[0].question.phases.len();
    session.questions[0].phase_ms = vec![60_000; phases];
    let question = session.questions[0].global_id.clone();
    let edits = [
        (
            20_000,
            BoardEdit::Add {
                node: NodeKind::Client,
                rect: Rect::new(0.0, 0.0, 80.0, 80.0),
                label: "Merchants".into(),
            },
        ),
        (
            40_000,
            BoardEdit::Add {
                node: NodeKind::Service,
                rect: Rect::new(200.0, 10.0, 140.0, 60.0),
                label: "Ledger API".into(),
            },
        ),
        (
            90_000,
            BoardEdit::Add {
                node: NodeKind::Database,
                rect: Rect::new(220.0, 160.0, 100.0, 80.0),
                label: "Postings".into(),
            },
        ),
        (
            100_000,
            BoardEdit::Connect {
                from: 2,
                to: 3,
                label: String::new(),
            },
        ),
    ];
    for (at_ms, edit) in edits {
        session
            .apply(
                &SessionEdit::Board {
                    question: question.clone(),
                    at_ms,
                    edit,
                },
                session.updated,
            )
            .expect("board edit");
    }
    session
}

#[test]
fn the_review_replays_the_board_and_jumps_to_the_end_of_each_phase() {
    let session = session_with_a_drawn_board();
    let first_phase = session.questions[0].question.phases[0].name.clone();
    let mut app = crate::harness::app_with(&[session]);
    app.click("History");
    app.click("Open session 20260105-090000-0a1b");
    // The board opens as it ended.
    assert!(app.sees("Board: 1 person, 1 box, 1 database, 1 arrow"));
    assert!(
        app.harness.query_by_label("Q1 replay time").is_some(),
        "the scrubber has a name"
    );

    app.click(&format!("Q1 End of {first_phase} (1:00)"));
    assert!(
        app.sees("Board: 1 person, 1 box"),
        "the board at the end of the first phase"
    );

    app.click("Q1 replay start");
    assert!(app.sees("Board: empty"));

    // Play runs the replay to the end by itself (the harness steps frames).
    app.click("Q1 replay play");
    for _ in 0..400 {
        app.harness.step();
        if app
            .harness
            .query_by_label("Board: 1 person, 1 box, 1 database, 1 arrow")
            .is_some()
        {
            break;
        }
    }
    let time = app
        .harness
        .get_by_label("Q1 replay time")
        .accesskit_node()
        .numeric_value();
    assert!(
        app.sees("Board: 1 person, 1 box, 1 database, 1 arrow"),
        "played to the end, not at {time:?}"
    );

    // The keyboard works the controls: Enter on a focused jump button.
    app.harness.get_by_label("Q1 replay start").focus();
    app.run();
    app.harness.key_press(Key::Enter);
    app.run();
    assert!(app.sees("Board: empty"), "Enter on Start went to the start");
}

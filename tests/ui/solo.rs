//! Solo practice: a Quick question from Home to a saved session, and resuming after a crash.

use egui_kittest::kittest::Queryable;
use panelist::paths::DataDir;
use panelist::session::{QuestionState, Runner, Score, Stage, Status};
use panelist::store::SessionStore;

use crate::harness::{new_app, open_app};

#[test]
fn a_quick_question_from_home_to_a_saved_session() {
    let mut app = new_app();
    assert!(app.sees("Quick question"));
    app.click("Quick question");

    // the pick is shown before starting
    let picked = {
        let panelist::app::Screen::Setup(setup) = &app.harness.state().view.screen else {
            panic!("setup screen")
        };
        setup.plan.picked()[0].clone()
    };
    let question = app
        .harness
        .state()
        .state
        .catalog
        .question(&picked)
        .expect("picked")
        .question
        .clone();
    assert!(app.sees(&question.title));
    app.click("Start round");

    // the prompt and the clock
    assert!(app.sees(&question.title));
    // the prompt's opening words (before any Markdown emphasis, which renders as its own label)
    let opening: String = question
        .prompt
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(app.sees_containing(&opening), "prompt not shown: {opening}");
    let stage_label = if question.prep_minutes > 0 {
        "Prep time"
    } else {
        "Answer"
    };
    assert!(app.sees(stage_label));
    app.wait_secs(20);
    app.click("Pause");
    assert!(app.sees(&format!("{stage_label} · paused")));
    app.wait_secs(300); // paused time does not count
    app.click("Resume");
    app.wait_secs(10);
    app.click("Finish answer");

    // self-assessment: score the first competency 3 and tick the first strong signal
    let competency = question.competencies[0].clone();
    let name = app
        .harness
        .state()
        .state
        .catalog
        .competency_name(&competency)
        .to_owned();
    app.click(&format!("{name}: 3 Hire"));
    app.click(&question.strong_signals[0]);
    app.click("Finish round");
    assert!(app.sees_containing(": summary"));
    assert!(app.sees(&format!("{name}: 3 Hire")));

    // what is on disk holds those values
    let store = SessionStore::new(DataDir::new(app.data.path()));
    let sessions = store.load_all().sessions;
    assert_eq!(sessions.len(), 1);
    let record = &sessions[0].questions[0];
    assert_eq!(sessions[0].status, Status::Finished);
    assert_eq!(record.global_id, picked);
    assert_eq!(record.state, QuestionState::Answered);
    assert_eq!(record.self_scores.get(&competency), Score::new(3).as_ref());
    assert!(record.strong_shown.contains(&0));
    assert_eq!(record.prep_ms + record.answer_ms, 30_000, "pauses excluded");
    assert_eq!(record.pauses, 1);
    app.click("Back to home");
    assert!(app.sees("Recent sessions"));
}

#[test]
fn an_interrupted_round_resumes_where_it_was() {
    // a round killed mid-answer: saved by the store, then the process is gone
    let data = tempfile::tempdir().expect("temp");
    let store = SessionStore::new(DataDir::new(data.path()));
    let clock = panelist::session::FakeClock::fixed();
    let mut session = crate::harness_session::two_question_session(&clock);
    session.questions[0].scratchpad = "clarify scale first".to_owned();
    let mut runner = Runner::new(session, clock.clone());
    runner.start_current();
    clock.advance_secs(95);
    runner.checkpoint();
    store.save(runner.session()).expect("save");
    drop(runner);

    let mut app = open_app(
        data,
        panelist::app::Settings {
            welcomed: true,
            ..Default::default()
        },
    );
    assert!(app.sees("You have an unfinished round"));
    app.click("Resume round");
    let state = &app.harness.state().state;
    let runner = state.runner.as_ref().expect("running");
    assert_eq!(runner.stage(), Stage::Answer);
    assert!(runner.is_paused(), "resumes paused");
    assert_eq!(runner.clock_view().expect("clock").elapsed_ms, 95_000);
    assert!(app.sees("Design a double-entry ledger"));
    assert!(app.sees("Answer · paused"));
    app.click("Resume");
    app.wait_secs(5);
    app.click("Finish answer");
    let saved = SessionStore::new(DataDir::new(app.data.path()))
        .load_all()
        .sessions;
    assert_eq!(saved[0].questions[0].answer_ms, 100_000);
    assert_eq!(saved[0].questions[0].scratchpad, "clarify scale first");
}

#[test]
fn declining_to_resume_keeps_the_session_unfinished() {
    let data = tempfile::tempdir().expect("temp");
    let store = SessionStore::new(DataDir::new(data.path()));
    let clock = panelist::session::FakeClock::fixed();
    let session = crate::harness_session::two_question_session(&clock);
    store.save(&session).expect("save");
    let mut app = open_app(
        data,
        panelist::app::Settings {
            welcomed: true,
            ..Default::default()
        },
    );
    app.click("Keep as unfinished");
    assert!(!app.sees("You have an unfinished round"));
    let saved = SessionStore::new(DataDir::new(app.data.path()))
        .load_all()
        .sessions;
    assert_eq!(saved[0].status, Status::Abandoned);
}

#[test]
fn the_summary_lists_self_scores_in_the_order_they_were_asked() {
    let mut app = new_app();
    app.click("Quick question");
    // the ledger question asks technical depth, then strategy (not alphabetical)
    app.harness.state_mut().apply(panelist::app::ViewCommand::Setup(
        panelist::app::SetupCommand::HandPick("sample/ledger".to_owned()),
    ));
    app.run();
    app.click("Start round");
    if app.sees("Start answering") {
        app.click("Start answering");
    }
    app.click("Finish answer");
    let names: Vec<String> = ["technical-depth", "strategy"]
        .iter()
        .map(|c| app.harness.state().state.catalog.competency_name(c).to_owned())
        .collect();
    app.click(&format!("{}: 3 Hire", names[0]));
    app.click(&format!("{}: 2 Lean no hire", names[1]));
    app.click("Finish round");
    assert!(app.sees_containing(": summary"));
    let first = app.harness.get_by_label(&format!("{}: 3 Hire", names[0])).rect();
    let second = app
        .harness
        .get_by_label(&format!("{}: 2 Lean no hire", names[1]))
        .rect();
    assert!(
        first.top() < second.top(),
        "{} ({first:?}) is listed before {} ({second:?})",
        names[0],
        names[1]
    );
}

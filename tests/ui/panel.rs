//! Mock panel mode: a three-person panel runs a question, scores it blind with one
//! disagreement, and the debrief lists that disagreement first. The candidate window's
//! UI is tested on its own: prompt and clock, nothing of the rubric.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use panelist::app::screens::panel::candidate_ui;
use panelist::app::{Screen, SetupCommand, ViewCommand};
use panelist::bank::competency_name;
use panelist::paths::DataDir;
use panelist::session::{ClockView, Mode, Recommendation, Stage, format_clock};
use panelist::store::SessionStore;

use crate::harness::{TestApp, new_app};

fn label_top(app: &TestApp, label: &str) -> f32 {
    app.harness.get_by_label(label).rect().min.y
}

fn type_into(app: &mut TestApp, label: &str, text: &str) {
    app.harness.get_by_label(label).focus();
    app.run();
    app.harness.get_by_label(label).type_text(text);
    app.run();
}

/// One panelist's scorecard: a score per competency, a recommendation, then submit.
fn score_as(app: &mut TestApp, panelist: &str, scores: &[(&str, &str)], recommendation: &str) {
    for (competency, score) in scores {
        app.click(&format!("{competency}: {score}"));
    }
    app.click(&format!("Recommendation: {recommendation}"));
    app.click(&format!("Submit scorecard for {panelist}"));
}

#[test]
fn a_three_person_panel_scores_blind_and_debriefs_the_disagreement_first() {
    let mut app = new_app();
    app.click("Run a mock panel");
    assert!(app.sees("Set up a mock panel"));
    // the default panel: a VPE, an EM and a senior IC
    for n in 1..=3 {
        assert!(app.sees(&format!("Remove panelist {n}")));
    }
    type_into(&mut app, "Candidate", "Sam");
    app.click("Quick question");
    assert!(app.sees_containing("Mock panel for Sam"));
    // a question with two competencies, so one can disagree and one agree
    app.harness
        .state_mut()
        .apply(ViewCommand::Setup(SetupCommand::HandPick(
            "sample/slipping-em".to_owned(),
        )));
    app.run();
    assert!(
        app.sees_containing("Mock panel for Sam"),
        "the panel survives re-picking"
    );
    let picked = {
        let Screen::Setup(setup) = &app.harness.state().view.screen else {
            panic!("round setup screen")
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
    app.click("Start round");
    {
        let session = app.session();
        assert_eq!(session.mode, Mode::Panel);
        assert_eq!(session.candidate, "Sam");
        assert_eq!(session.panel.as_ref().expect("panel").panelists.len(), 3);
    }

    // the console shows the rubric: follow-ups and both kinds of signals
    assert!(app.sees("Strong signals"));
    assert!(app.sees("Weak signals"));
    assert!(app.sees_containing(&question.strong_signals[0]));
    assert!(app.sees_containing(&question.weak_signals[0]));
    assert!(app.sees_containing(&question.follow_ups[0]));

    // the candidate window opens (embedded in kittest) without any of the rubric
    app.click("Open candidate window");
    assert!(app.sees("Close candidate window"));
    let signal = format!("1. {}", question.strong_signals[0]);
    assert_eq!(
        app.harness.query_all_by_label(&signal).count(),
        1,
        "signals only on the console"
    );
    assert_eq!(
        app.harness.query_all_by_label(&question.title).count(),
        2,
        "both windows show the title"
    );
    app.harness
        .get_by_label("Close candidate window")
        .click_accesskit();
    app.run();
    assert!(app.sees("Open candidate window"));
    assert!(!app.harness.state().view.panel_view.candidate_window);

    // a note by the EM, stamped with the question's elapsed time, and an evidence stamp
    app.wait_secs(40);
    app.click("Marcus (Engineering Manager)");
    type_into(&mut app, "Note", "probed on headcount plan");
    app.click("Add note");
    app.click("Evidence");
    {
        let panel = app.session().panel.clone();
        let notes = panel.expect("panel").notes;
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].panelist, 1);
        assert_eq!(notes[0].text, "probed on headcount plan");
        assert_eq!(notes[0].at_ms, 40_000);
        assert!(!notes[0].evidence && notes[1].evidence);
    }
    assert!(app.sees("probed on headcount plan"));
    assert_eq!(app.harness.query_all_by_label(&format_clock(40)).count(), 2);

    app.click("Finish answer");
    assert_eq!(app.harness.state().state.stage(), Some(Stage::Assess));

    // blind scorecards: the first two competencies; Priya and Marcus disagree on the first
    let first = competency_name(&question.competencies[0])
        .unwrap_or(&question.competencies[0])
        .to_owned();
    let second = competency_name(&question.competencies[1])
        .unwrap_or(&question.competencies[1])
        .to_owned();
    assert!(app.sees("Priya's scorecard (VP of Engineering)"));
    score_as(
        &mut app,
        "Priya",
        &[(&first, "1 Strong no hire"), (&second, "3 Hire")],
        "No hire",
    );
    // the console moves to Marcus, who cannot see Priya's scores
    assert!(app.sees("Marcus's scorecard (Engineering Manager)"));
    assert!(app.sees("Priya: submitted · hidden until Marcus submits"));
    assert!(!app.sees(&format!("Priya · {first}: 1")));
    assert!(
        app.harness
            .get_by_label("Reveal all scorecards")
            .accesskit_node()
            .is_disabled()
    );
    score_as(
        &mut app,
        "Marcus",
        &[(&first, "4 Strong hire"), (&second, "3 Hire")],
        "Hire",
    );
    // Jun has not submitted: both cards stay hidden from Jun
    assert!(app.sees("Jun's scorecard (Senior IC engineer)"));
    assert!(app.sees("Priya: submitted · hidden until Jun submits"));
    assert!(app.sees("Marcus: submitted · hidden until Jun submits"));
    assert!(!app.sees(&format!("Marcus · {first}: 4")));
    score_as(
        &mut app,
        "Jun",
        &[(&first, "3 Hire"), (&second, "3 Hire")],
        "Hire",
    );
    // once Jun submitted, Jun sees the others'
    assert!(app.sees(&format!("Priya · {first}: 1")));
    assert!(app.sees(&format!("Marcus · {first}: 4")));

    // the candidate's self-assessment stays apart from the panel's scores
    app.click("Candidate's self-assessment (kept apart from the panel's scores)");
    app.click(&format!("Self · {first}: 4"));
    app.click("Reveal all scorecards");
    assert!(app.sees("All scorecards revealed."));
    app.click("Finish round");

    // the debrief: the disagreement is listed first, then the agreement
    let disagreement = format!("{first} · disagreement");
    assert!(app.sees(&disagreement));
    assert!(label_top(&app, &disagreement) < label_top(&app, &second));
    assert!(app.sees("Rates self higher"));
    assert!(app.sees("Hire: 2"));
    assert!(app.sees("No hire: 1"));
    app.click("Decision: Hire");
    type_into(&mut app, "Reason for the decision", "Strong delivery evidence");
    app.wait_secs(3); // the edit is saved within two seconds

    // saved in the same session store, panel fields included
    let id = app.session().id.clone();
    let saved = SessionStore::new(DataDir::new(app.data.path()))
        .load(&id)
        .expect("saved session");
    let panel = saved.panel.expect("panel saved");
    assert_eq!(panel.scorecards.iter().filter(|c| c.is_submitted()).count(), 3);
    assert!(panel.is_revealed(0));
    assert_eq!(panel.decision, Recommendation::Hire);
    assert_eq!(panel.decision_reason, "Strong delivery evidence");
    assert!(
        saved.questions[0]
            .self_scores
            .contains_key(&question.competencies[0])
    );
    assert!(panel.scorecards.iter().all(|c| c.scores.len() == 2));
}

#[test]
fn the_candidate_view_shows_the_prompt_and_clock_and_nothing_else() {
    let view = ClockView {
        stage: Stage::Answer,
        running: true,
        elapsed_ms: 60_000,
        target_ms: 480_000,
        phases: Vec::new(),
    };
    let mut harness = Harness::new_ui(|ui| {
        let _ = candidate_ui(
            ui,
            Some((
                "The EM whose team keeps slipping",
                "One of your EMs has missed three deadlines.",
            )),
            Some(&view),
            1.0,
        );
    });
    harness.run();
    assert!(
        harness
            .query_by_label("The EM whose team keeps slipping")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("One of your EMs has missed three deadlines.")
            .is_some()
    );
    assert!(
        harness.query_by_label("7 minutes left").is_some(),
        "time left, in words"
    );
    assert!(harness.query_by_label("Answer").is_some());
    assert!(harness.query_by_label("Close candidate window").is_some());
    for hidden in [
        "Strong signals",
        "Weak signals",
        "Follow-ups to ask",
        "Panel notes",
        "Scorecards",
    ] {
        assert!(
            harness.query_by_label_contains(hidden).is_none(),
            "{hidden} must not show"
        );
    }

    // between questions it waits, with no clock
    let mut harness = Harness::new_ui(|ui| {
        let _ = candidate_ui(ui, None, None, 1.0);
    });
    harness.run();
    assert!(harness.query_by_label("Waiting for the next question…").is_some());
}

#[test]
fn a_panel_setup_is_saved_and_reused_and_a_corrupt_file_is_reported() {
    let mut app = new_app();
    app.click("Run a mock panel");
    app.click("Add panelist");
    assert!(app.sees("Remove panelist 4"));
    app.click("Remove panelist 2");
    assert!(!app.sees("Remove panelist 4"));
    type_into(&mut app, "Save as", "Acme loop");
    app.click("Save this panel");
    let path = app.data.path().join("panels.ron");
    let text = std::fs::read_to_string(&path).expect("panels.ron written");
    assert!(text.contains("format: 1") && text.contains("Acme loop"), "{text}");

    // next time: the saved panel is offered and restores its three panelists
    app.click("Back");
    app.click("Run a mock panel");
    app.click("Add panelist");
    app.click("Use Acme loop");
    assert!(app.sees("Remove panelist 3") && !app.sees("Remove panelist 4"));
    let Screen::PanelSetup(setup) = &app.harness.state().view.screen else {
        panic!("panel setup")
    };
    assert_eq!(setup.panelists[1].name, "Jun");

    // a corrupt file is reported with its path and left as it is
    std::fs::write(&path, "(format: 1, setups: [oops").expect("write");
    app.click("Back");
    app.click("Run a mock panel");
    let path_text = path.display().to_string();
    assert!(app.sees_containing(&path_text), "the notice names the file");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "(format: 1, setups: [oops"
    );
    assert!(app.sees("Set up a mock panel"));
}

#[test]
fn an_interrupted_panel_round_resumes_with_its_notes_and_scorecards() {
    use panelist::session::{PanelNote, PanelStart, Panelist, Runner, Score};
    let data = tempfile::tempdir().expect("temp");
    let store = SessionStore::new(DataDir::new(data.path()));
    let clock = panelist::session::FakeClock::fixed();
    let mut session = crate::harness_session::two_question_session(&clock);
    PanelStart {
        candidate: "Sam".to_owned(),
        panelists: Panelist::default_panel(),
    }
    .apply_to(&mut session);
    let mut runner = Runner::new(session, clock.clone());
    runner.start_current();
    clock.advance_secs(70);
    runner.finish_answer();
    let mut session = runner.into_session();
    let panel = session.panel.as_mut().expect("panel");
    panel.notes.push(PanelNote {
        panelist: 2,
        question: 0,
        at_ms: 65_000,
        text: "named idempotency keys".to_owned(),
        evidence: true,
    });
    let draft = panel.draft_mut(0, 0).expect("draft");
    draft
        .scores
        .insert("technical-depth".to_owned(), Score::new(3).expect("score"));
    store.save(&session).expect("save");

    let mut app = crate::harness::open_app(
        data,
        panelist::app::Settings {
            welcomed: true,
            ..Default::default()
        },
    );
    app.click("Resume round");
    // back on the scorecards, Priya's draft kept, nobody submitted yet
    assert!(app.sees("Priya's scorecard (VP of Engineering)"));
    assert!(app.sees("Marcus: not submitted yet"));
    let session = app.session();
    let panel = session.panel.as_ref().expect("panel");
    assert_eq!(session.mode, Mode::Panel);
    assert_eq!(panel.notes.len(), 1);
    assert_eq!(panel.scorecard(0, 0).expect("draft").scores.len(), 1);
}

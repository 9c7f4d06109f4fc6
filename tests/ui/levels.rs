//! What each score looks like: the level's text under the chosen score and as each score
//! button's accessible description, in the self-assessment and on a panel scorecard.

use egui_kittest::kittest::{NodeT, Queryable};
use panelist::app::{SetupCommand, ViewCommand};
use panelist::bank::{built_in_levels, competency_name};

use crate::harness::{TestApp, new_app};

/// Picks the fixture question scored on manager coaching and delivery cadence, and answers it.
fn answer_slipping_em(app: &mut TestApp) {
    app.click("Quick question");
    app.harness
        .state_mut()
        .apply(ViewCommand::Setup(SetupCommand::HandPick(
            "sample/slipping-em".to_owned(),
        )));
    app.run();
    app.click("Start round");
    app.click("Finish answer");
}

fn coaching() -> (String, &'static panelist::bank::Levels) {
    let name = competency_name("manager-coaching").expect("built in").to_owned();
    (
        name,
        built_in_levels("manager-coaching").expect("built-in levels"),
    )
}

#[test]
fn the_self_assessment_shows_the_chosen_level_and_describes_every_score() {
    let mut app = new_app();
    let (name, levels) = coaching();
    answer_slipping_em(&mut app);
    assert!(app.sees("How did that go?"));
    assert!(!app.sees(&levels.hire), "no level text before a score is chosen");
    let label = format!("{name}: 1 Strong no hire");
    assert_eq!(
        app.harness.get_by_label(&label).accesskit_node().description(),
        Some(levels.strong_no_hire.clone())
    );
    app.click(&format!("{name}: 3 Hire"));
    assert!(
        app.sees(&levels.hire),
        "the chosen level's text shows under the scores"
    );
    assert!(!app.sees(&levels.strong_hire));
    app.click(&format!("{name}: 3 Hire"));
    assert!(!app.sees(&levels.hire), "clearing the score hides the text");
}

#[test]
fn a_panel_scorecard_shows_the_chosen_level() {
    let mut app = new_app();
    let (name, levels) = coaching();
    app.click("Run a mock panel");
    answer_slipping_em(&mut app);
    assert!(app.sees("Priya's scorecard (VP of Engineering)"));
    let label = format!("{name}: 4 Strong hire");
    assert_eq!(
        app.harness.get_by_label(&label).accesskit_node().description(),
        Some(levels.strong_hire.clone())
    );
    app.click(&format!("{name}: 2 Lean no hire"));
    assert!(app.sees(&levels.lean_no_hire));
}

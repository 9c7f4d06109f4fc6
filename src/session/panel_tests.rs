//! Blind visibility, aggregation, disagreement ordering, self-vs-panel gaps and tallies.

use chrono::{DateTime, FixedOffset};

use super::*;
use crate::bank::{Difficulty, Question, Round};
use crate::session::{Mode, Session};

fn at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T10:00:00+00:00").expect("date")
}

fn question(id: &str) -> Question {
    Question {
        id: id.to_owned(),
        round: Round::Leadership,
        title: format!("Question {id}"),
        prompt: "Tell me.".to_owned(),
        minutes: 10,
        prep_minutes: 0,
        difficulty: Difficulty::Core,
        style: Default::default(),
        competencies: vec!["execution".to_owned(), "people".to_owned()],
        phases: vec![],
        follow_ups: vec![],
        follow_up_timing: Vec::new(),
        strong_signals: vec![],
        weak_signals: vec![],
        tags: vec![],
        levels: Default::default(),
    }
}

fn session(questions: usize) -> Session {
    let mut session = Session::new(
        "p1".to_owned(),
        at(),
        Mode::Panel,
        "Panel".to_owned(),
        1.0,
        (0..questions)
            .map(|i| (format!("b/q{i}"), question(&format!("q{i}"))))
            .collect(),
    );
    session.panel = Some(Panel::new(Panelist::default_panel()));
    session
}

fn score(v: u8) -> Score {
    Score::new(v).expect("score")
}

/// Fills and submits a card: `scores` by competency, with a recommendation.
fn submit(panel: &mut Panel, question: usize, panelist: usize, scores: &[(&str, u8)], rec: Recommendation) {
    let card = panel.draft_mut(question, panelist).expect("draft");
    for (competency, value) in scores {
        card.scores.insert((*competency).to_owned(), score(*value));
    }
    card.recommendation = rec;
    assert!(panel.submit(question, panelist, at()));
}

#[test]
fn others_cards_stay_hidden_until_the_viewer_submits() {
    let mut panel = Panel::new(Panelist::default_panel());
    submit(&mut panel, 0, 0, &[("execution", 3)], Recommendation::Hire);
    panel
        .draft_mut(0, 1)
        .expect("draft")
        .scores
        .insert("execution".into(), score(1));
    let vpe_card = panel.scorecard(0, 0).expect("card").clone();
    let em_draft = panel.scorecard(0, 1).expect("card").clone();

    // the EM has not submitted: the VPE's card is hidden from them, their own draft is not
    assert!(!panel.can_see(1, &vpe_card));
    assert!(panel.can_see(1, &em_draft));
    // the VPE has submitted, but a draft is never shown to others
    assert!(!panel.can_see(0, &em_draft));
    // the senior IC has no card at all
    assert!(!panel.can_see(2, &vpe_card));

    assert!(panel.submit(0, 1, at()));
    let em_card = panel.scorecard(0, 1).expect("card").clone();
    assert!(panel.can_see(1, &vpe_card));
    assert!(panel.can_see(0, &em_card));
    assert!(!panel.can_see(2, &em_card));
}

#[test]
fn submitted_cards_are_final_and_only_panelists_submit() {
    let mut panel = Panel::new(Panelist::default_panel());
    submit(&mut panel, 0, 0, &[("execution", 3)], Recommendation::Hire);
    assert!(panel.draft_mut(0, 0).is_none());
    assert!(!panel.submit(0, 0, at()));
    assert!(panel.draft_mut(0, 7).is_none());
    assert!(!panel.submit(0, 7, at()));
    assert_eq!(panel.scorecards.len(), 1);
}

#[test]
fn reveal_waits_for_everyone_and_stays_per_question() {
    let mut panel = Panel::new(Panelist::default_panel());
    submit(&mut panel, 0, 0, &[("execution", 3)], Recommendation::Hire);
    submit(&mut panel, 0, 1, &[("execution", 2)], Recommendation::NoHire);
    assert!(!panel.reveal(0), "the senior IC has not submitted");
    submit(&mut panel, 0, 2, &[("execution", 4)], Recommendation::StrongHire);
    assert!(panel.reveal(0));

    // the next question is scored blind again
    submit(&mut panel, 1, 0, &[("execution", 3)], Recommendation::Hire);
    let next = panel.scorecard(1, 0).expect("card").clone();
    assert!(!panel.is_revealed(1));
    assert!(!panel.can_see(2, &next));
    // a revealed question's cards are visible to all
    let first = panel.scorecard(0, 1).expect("card").clone();
    assert!(panel.can_see(2, &first));
}

#[test]
fn debrief_aggregates_means_and_spread_with_disagreements_first() {
    let mut session = session(2);
    let panel = session.panel.as_mut().expect("panel");
    // execution: 3, 3, 4 (agreement); people: 1, 3, 4 (spread 3, disagreement)
    submit(
        panel,
        0,
        0,
        &[("execution", 3), ("people", 1)],
        Recommendation::NoHire,
    );
    submit(
        panel,
        0,
        1,
        &[("execution", 3), ("people", 3)],
        Recommendation::Hire,
    );
    submit(
        panel,
        0,
        2,
        &[("execution", 4), ("people", 4)],
        Recommendation::Hire,
    );
    // a second question: the VPE scores execution 1, so their execution mean is 2
    submit(panel, 1, 0, &[("execution", 1)], Recommendation::NoHire);
    // a draft never counts
    panel
        .draft_mut(1, 1)
        .expect("draft")
        .scores
        .insert("people".into(), score(1));

    let rows = debrief(&session);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].competency, "people");
    assert!(rows[0].is_disagreement());
    assert_eq!(rows[0].by_panelist, vec![Some(1.0), Some(3.0), Some(4.0)]);
    assert_eq!(rows[0].spread, 3.0);
    assert!((rows[0].mean.expect("mean") - 8.0 / 3.0).abs() < 1e-5);

    assert_eq!(rows[1].competency, "execution");
    assert_eq!(rows[1].by_panelist, vec![Some(2.0), Some(3.0), Some(4.0)]);
    assert_eq!(rows[1].spread, 2.0);
    assert!(
        rows[1].is_disagreement(),
        "a spread of exactly 2 is a disagreement"
    );
}

#[test]
fn agreement_sorts_after_disagreement_then_by_name() {
    let mut session = session(1);
    let panel = session.panel.as_mut().expect("panel");
    submit(
        panel,
        0,
        0,
        &[("alpha", 3), ("beta", 3), ("zeta", 1)],
        Recommendation::Hire,
    );
    submit(
        panel,
        0,
        1,
        &[("alpha", 2), ("beta", 3), ("zeta", 3)],
        Recommendation::Hire,
    );
    let order: Vec<String> = debrief(&session).into_iter().map(|r| r.competency).collect();
    assert_eq!(order, vec!["zeta", "alpha", "beta"]);
}

#[test]
fn self_assessment_is_compared_with_the_panel_mean() {
    let mut session = session(1);
    session.questions[0]
        .self_scores
        .insert("execution".into(), score(4));
    session.questions[0].self_scores.insert("people".into(), score(1));
    session.questions[0]
        .self_scores
        .insert("strategy".into(), score(3));
    let panel = session.panel.as_mut().expect("panel");
    submit(
        panel,
        0,
        0,
        &[("execution", 2), ("people", 3), ("strategy", 3)],
        Recommendation::Hire,
    );
    submit(
        panel,
        0,
        1,
        &[("execution", 2), ("people", 3), ("strategy", 2)],
        Recommendation::Hire,
    );

    let rows = debrief(&session);
    let gap = |c: &str| {
        rows.iter()
            .find(|r| r.competency == c)
            .and_then(CompetencyDebrief::self_gap)
    };
    assert_eq!(gap("execution"), Some(SelfGap::Overrated));
    assert_eq!(gap("people"), Some(SelfGap::Underrated));
    assert_eq!(gap("strategy"), Some(SelfGap::Aligned));
    // the self-assessment never lands in the panel's scores
    let execution = rows.iter().find(|r| r.competency == "execution").expect("row");
    assert_eq!(execution.mean, Some(2.0));
    assert_eq!(execution.self_mean, Some(4.0));
}

#[test]
fn tally_counts_each_panelist_once_with_their_latest_recommendation() {
    let mut panel = Panel::new(Panelist::default_panel());
    submit(&mut panel, 0, 0, &[], Recommendation::Hire);
    submit(&mut panel, 1, 0, &[], Recommendation::StrongHire);
    submit(&mut panel, 0, 1, &[], Recommendation::NoHire);
    panel.draft_mut(0, 2).expect("draft").recommendation = Recommendation::StrongNoHire;

    assert_eq!(
        final_recommendations(&panel),
        vec![
            Some(Recommendation::StrongHire),
            Some(Recommendation::NoHire),
            None
        ]
    );
    let tally = recommendation_tally(&panel);
    let count = |r| tally.iter().find(|(x, _)| *x == r).map(|(_, n)| *n);
    assert_eq!(count(Recommendation::StrongHire), Some(1));
    assert_eq!(count(Recommendation::NoHire), Some(1));
    assert_eq!(
        count(Recommendation::Hire),
        Some(0),
        "superseded by the later card"
    );
    assert_eq!(count(Recommendation::StrongNoHire), Some(0), "drafts do not vote");
    assert_eq!(tally.iter().map(|(_, n)| n).sum::<usize>(), 2);
}

#[test]
fn a_panel_session_round_trips_through_ron() {
    let mut session = session(1);
    let panel = session.panel.as_mut().expect("panel");
    submit(panel, 0, 0, &[("execution", 3)], Recommendation::Hire);
    panel.notes.push(PanelNote {
        panelist: 1,
        question: 0,
        at_ms: 760_000,
        text: "probed on headcount plan".into(),
        evidence: true,
    });
    panel.revealed.insert(0);
    panel.decision = Recommendation::Hire;
    panel.decision_reason = "Consistent evidence".into();
    let text = crate::store::session_to_ron(&session).expect("ron");
    let back = crate::store::session_from_ron(std::path::Path::new("p1.ron"), &text).expect("parse");
    assert_eq!(back, session);
}

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use super::*;
use crate::bank::{Catalog, Difficulty, Question, Round};
use crate::session::{Panel, Panelist, QuestionState, Score, Scorecard, Session};

fn question(id: &str, round: Round, competencies: &[&str]) -> Question {
    Question {
        id: id.to_owned(),
        round,
        title: format!("Question {id}"),
        prompt: "Tell me about it.".to_owned(),
        minutes: 10,
        prep_minutes: 0,
        difficulty: Difficulty::Core,
        style: Default::default(),
        competencies: competencies.iter().map(|c| (*c).to_owned()).collect(),
        phases: Vec::new(),
        follow_ups: Vec::new(),
        follow_up_timing: Vec::new(),
        strong_signals: Vec::new(),
        weak_signals: Vec::new(),
        tags: Vec::new(),
        levels: Default::default(),
    }
}

fn day(n: i64) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-01-05T09:00:00+01:00").expect("date") + Duration::days(n)
}

/// A finished solo session answering `ids` with one self-score each, `answer_secs` long.
fn solo(id: &str, at: DateTime<FixedOffset>, answers: &[(&str, &str, u8, u64)]) -> Session {
    let questions = answers
        .iter()
        .map(|(qid, competency, _, _)| {
            (
                format!("b/{qid}"),
                question(qid, Round::Leadership, &[competency]),
            )
        })
        .collect();
    let mut session = Session::new(id.to_owned(), at, Mode::Solo, "Drill".to_owned(), 1.0, questions);
    for (record, (_, competency, score, secs)) in session.questions.iter_mut().zip(answers) {
        record.state = QuestionState::Answered;
        record.answer_ms = secs * 1000;
        record.started_at = Some(at);
        record
            .self_scores
            .insert((*competency).to_owned(), Score::new(*score).expect("score"));
    }
    session.status = crate::session::Status::Finished;
    session
}

#[test]
fn filters_by_mode_round_dates_and_note_text() {
    let mut a = solo("a", day(0), &[("q1", "strategy", 3, 600)]);
    a.notes = "Rambled about the Kafka migration".to_owned();
    let mut b = solo("b", day(3), &[("q2", "hiring", 2, 600)]);
    b.mode = Mode::Panel;
    std::sync::Arc::make_mut(&mut b.questions[0].question).round = Round::OrgDesign;
    let sessions = vec![a, b];
    let ids = |f: &SessionFilter| -> Vec<String> {
        list(&sessions, f, SortKey::NewestFirst)
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(ids(&SessionFilter::default()), ["b", "a"]);
    let by_mode = SessionFilter {
        mode: Some(Mode::Panel),
        ..Default::default()
    };
    assert_eq!(ids(&by_mode), ["b"]);
    let by_round = SessionFilter {
        round: Some(Round::Leadership),
        ..Default::default()
    };
    assert_eq!(ids(&by_round), ["a"]);
    let by_text = SessionFilter {
        text: "kafka".to_owned(),
        ..Default::default()
    };
    assert_eq!(ids(&by_text), ["a"]);
    let by_date = SessionFilter {
        since: NaiveDate::from_ymd_opt(2026, 1, 6),
        ..Default::default()
    };
    assert_eq!(ids(&by_date), ["b"]);
}

#[test]
fn sorts_by_mean_and_overrun_and_sums_totals() {
    let sessions = vec![
        solo("low", day(0), &[("q1", "strategy", 1, 900)]),
        solo("high", day(1), &[("q1", "strategy", 4, 500)]),
    ];
    let order = |sort| -> Vec<String> {
        list(&sessions, &SessionFilter::default(), sort)
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(order(SortKey::LowestMean), ["low", "high"]);
    assert_eq!(order(SortKey::HighestMean), ["high", "low"]);
    assert_eq!(order(SortKey::MostOverTime), ["low", "high"]);
    assert_eq!(order(SortKey::OldestFirst), ["low", "high"]);
    let rows = list(&sessions, &SessionFilter::default(), SortKey::NewestFirst);
    assert_eq!(totals(&rows), (1400, 1200, Some(2.5)));
    assert_eq!(rows[1].over_secs(), 300);
}

#[test]
fn a_low_score_brings_a_question_back_sooner_than_a_high_one() {
    let sessions = vec![solo(
        "s",
        day(0),
        &[("weak", "strategy", 1, 600), ("strong", "strategy", 4, 600)],
    )];
    let schedule = Schedule::compute(&sessions).expect("schedule");
    let weak = schedule.get("b/weak").expect("weak scheduled");
    let strong = schedule.get("b/strong").expect("strong scheduled");
    assert!(weak.due < strong.due, "{} vs {}", weak.due, strong.due);
    assert_eq!(weak.interval_days, 1);
    assert_eq!(schedule.due(day(1).date_naive()).len(), 1);
    assert!(schedule.due(day(0).date_naive()).is_empty());
}

#[test]
fn repeated_good_answers_push_the_review_further_out() {
    let once = vec![solo("a", day(0), &[("q", "strategy", 3, 600)])];
    let twice = vec![once[0].clone(), solo("b", day(3), &[("q", "strategy", 3, 600)])];
    let first = Schedule::compute(&once).expect("schedule").items["b/q"].interval_days;
    let second = Schedule::compute(&twice).expect("schedule").items["b/q"].interval_days;
    assert_eq!(first, 2);
    assert!(second > first, "{second} <= {first}");
}

#[test]
fn deleting_or_editing_a_session_changes_the_schedule() {
    let mut sessions = vec![
        solo("a", day(0), &[("q", "strategy", 3, 600)]),
        solo("b", day(3), &[("q", "strategy", 4, 600)]),
    ];
    let both = Schedule::compute(&sessions).expect("schedule");
    sessions[1].questions[0]
        .self_scores
        .insert("strategy".to_owned(), Score::new(1).expect("score"));
    let edited = Schedule::compute(&sessions).expect("schedule");
    assert!(edited.items["b/q"].due < both.items["b/q"].due);
    sessions.remove(1);
    let deleted = Schedule::compute(&sessions).expect("schedule");
    assert_ne!(deleted.items["b/q"].due, both.items["b/q"].due);
    assert_eq!(deleted.items["b/q"].reviews.len(), 1);
    sessions.remove(0);
    assert!(Schedule::compute(&sessions).expect("schedule").items.is_empty());
}

#[test]
fn rating_follows_the_mean_self_score() {
    assert_eq!(
        [1.0, 1.49, 1.5, 2.5, 3.4, 3.5, 4.0].map(rating_for_mean),
        [1, 1, 2, 3, 3, 4, 4]
    );
}

#[test]
fn progress_names_the_weakest_competency_and_keeps_panel_scores_apart() {
    let mut panel_session = solo("p", day(2), &[("q2", "hiring", 3, 700)]);
    panel_session.mode = Mode::Panel;
    let mut panel = Panel::new(Panelist::default_panel());
    let mut card = Scorecard {
        question: 0,
        panelist: 0,
        ..Scorecard::default()
    };
    card.scores
        .insert("hiring".to_owned(), Score::new(1).expect("score"));
    card.submitted_at = Some(day(2));
    panel.scorecards.push(card.clone());
    // a draft (not submitted) never counts
    card.panelist = 1;
    card.submitted_at = None;
    card.scores
        .insert("hiring".to_owned(), Score::new(4).expect("score"));
    panel.scorecards.push(card);
    panel_session.panel = Some(panel);
    let sessions = vec![
        solo(
            "a",
            day(0),
            &[("q1", "strategy", 3, 500), ("q2", "hiring", 2, 660)],
        ),
        panel_session,
    ];
    let progress = Progress::compute(&sessions, &Catalog::default());
    assert_eq!(progress.weakest_competency(), Some("hiring"));
    let hiring = &progress.series["hiring"];
    assert_eq!(hiring.self_points.len(), 2);
    assert_eq!(hiring.panel_points.len(), 1);
    assert!((hiring.panel_points[0].score - 1.0).abs() < f32::EPSILON);
    let timing = &progress.timing[0];
    assert_eq!(
        (timing.round, timing.answered, timing.overran),
        (Round::Leadership, 3, 2)
    );
    assert_eq!(timing.median_overrun_secs, 80);
    assert!((timing.overrun_rate() - 2.0 / 3.0).abs() < 1e-6);
}

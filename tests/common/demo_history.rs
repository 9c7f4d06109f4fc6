//! Fixed sessions for golden tests and a realistic multi-week history for screenshots,
//! built from the fixture bank tests/fixtures/good/sample.ron. Included with `#[path]`.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::{DateTime, Duration, FixedOffset};
use panelist::bank::{BankSource, Catalog};
use panelist::session::{
    Mode, Panel, PanelNote, Panelist, QuestionState, Recommendation, Score, Scorecard, Session, Status,
};

pub fn sample_catalog() -> Catalog {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/sample.ron");
    Catalog::load(&[BankSource::File(path)])
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("date")
}

/// A finished session answering `ids`; `scores(question index, competency index)` gives each self-score
/// and `secs(question index)` the answer time.
#[allow(clippy::too_many_arguments)] // a test fixture builder, clearer with named parts
fn answered(
    catalog: &Catalog,
    id: &str,
    start: DateTime<FixedOffset>,
    mode: Mode,
    title: &str,
    ids: &[&str],
    scores: &dyn Fn(usize, usize) -> u8,
    secs: &dyn Fn(usize) -> u64,
) -> Session {
    let questions = ids
        .iter()
        .map(|gid| {
            let q = catalog.question(gid).expect("fixture question");
            (q.global_id(), q.question.clone())
        })
        .collect();
    let mut session = Session::new(id.to_owned(), start, mode, title.to_owned(), 1.0, questions);
    let mut clock = start;
    for (i, record) in session.questions.iter_mut().enumerate() {
        let answer_ms = secs(i) * 1000;
        record.state = QuestionState::Answered;
        record.started_at = Some(clock);
        record.prep_ms = u64::from(record.prep_target_secs) * 900;
        record.answer_ms = answer_ms;
        let phases = record.phase_target_secs.len().max(1) as u64;
        let targets: u64 = record
            .phase_target_secs
            .iter()
            .map(|t| u64::from(*t))
            .sum::<u64>()
            .max(1);
        record.phase_ms = record
            .phase_target_secs
            .iter()
            .enumerate()
            .map(|(p, t)| {
                // the middle phase soaks up most of any overrun
                let share = answer_ms * u64::from(*t) / targets;
                if p == 1 {
                    share + answer_ms / (phases * 10)
                } else {
                    share.saturating_sub(answer_ms / (phases * 20))
                }
            })
            .collect();
        clock += Duration::milliseconds((answer_ms + record.prep_ms) as i64);
        record.finished_at = Some(clock);
        for (c, competency) in record.question.competencies.iter().enumerate() {
            record
                .self_scores
                .insert(competency.clone(), Score::new(scores(i, c)).expect("score"));
        }
        if !record.question.strong_signals.is_empty() {
            record.strong_shown.insert(0);
        }
        if record.question.weak_signals.len() > 1 {
            record.weak_shown.insert(1);
        }
    }
    session.current = session.questions.len().saturating_sub(1);
    session.status = Status::Finished;
    session.updated = clock;
    session
}

/// The solo session of the golden tests.
pub fn golden_solo(catalog: &Catalog) -> Session {
    let mut s = answered(
        catalog,
        "20260105-090000-0a1b",
        at("2026-01-05T09:00:00+01:00"),
        Mode::Solo,
        "Full Director loop",
        &["sample/ledger", "sample/slipping-em", "sample/split-team"],
        &|q, c| [[3, 2], [2, 3], [4, 1]][q][c],
        &|q| [660, 420, 730][q],
    );
    s.notes = "Good energy; too long on the ledger's <edge cases> & \"retries\".".to_owned();
    s.questions[0].scratchpad = "write path: API -> queue -> ledger\n| idempotency key |".to_owned();
    s.questions[0].notes = "Clarify read/write ratio first.\n\nThen draw the *write* path.".to_owned();
    s.questions[0].pauses = 1;
    s.questions[1].notes = "Name the outcome before the plan.".to_owned();
    s
}

/// The panel session of the golden tests: two panelists, submitted cards, a decision.
pub fn golden_panel(catalog: &Catalog) -> Session {
    let mut s = answered(
        catalog,
        "20260107-180000-c3d4",
        at("2026-01-07T18:00:00+01:00"),
        Mode::Panel,
        "Leadership drill",
        &["sample/slipping-em", "sample/why-director"],
        &|q, c| [[3, 3, 3], [4, 3, 2]][q][c],
        &|q| [500, 280][q],
    );
    s.candidate = "Sam O'Neil".to_owned();
    let mut panel = Panel::new(vec![
        Panelist {
            name: "Priya (VPE)".to_owned(),
            role: panelist::session::PanelRole::VpEngineering,
        },
        Panelist {
            name: "Jon | EM".to_owned(),
            role: panelist::session::PanelRole::EngineeringManager,
        },
    ]);
    let submitted = Some(at("2026-01-07T18:20:00+01:00"));
    for (question, panelist, scores, rec) in [
        (
            0,
            0,
            vec![("manager-coaching", 2), ("delivery-cadence", 3)],
            Recommendation::NoHire,
        ),
        (
            0,
            1,
            vec![("manager-coaching", 4), ("delivery-cadence", 3)],
            Recommendation::Hire,
        ),
        (
            1,
            0,
            vec![("strategy", 3), ("communication", 3)],
            Recommendation::Hire,
        ),
        (
            1,
            1,
            vec![("strategy", 3), ("communication", 4)],
            Recommendation::StrongHire,
        ),
    ] {
        let mut card = Scorecard {
            question,
            panelist,
            recommendation: rec,
            submitted_at: submitted,
            ..Scorecard::default()
        };
        for (competency, score) in scores {
            card.scores
                .insert(competency.to_owned(), Score::new(score).expect("score"));
        }
        card.evidence.insert(
            s.questions[question].question.competencies[0].clone(),
            "Named the <missed> dates & the fix".to_owned(),
        );
        panel.scorecards.push(card);
    }
    panel.notes.push(PanelNote {
        panelist: 1,
        question: 0,
        at_ms: 95_000,
        text: "Asked what the EM thinks first".to_owned(),
        evidence: true,
    });
    panel.revealed = panel.scorecards.iter().map(|c| c.question).collect();
    panel.discussion = "Coaching scores split: Priya wanted a concrete plan.".to_owned();
    panel.decision = Recommendation::Hire;
    panel.decision_reason = "Strong narrative; coach on structure.".to_owned();
    s.panel = Some(panel);
    s
}

/// Several weeks of varied sessions ending at `end`: scores drift upward except on hiring,
/// a panel every fourth session, systems design tending to overrun.
pub fn demo_history(catalog: &Catalog, end: DateTime<FixedOffset>, weeks: i64) -> Vec<Session> {
    demo_history_with_bad_day(catalog, end, weeks, ["sample/span", "sample/split-team"])
}

/// [`demo_history`] for any catalog: `bad_day` names the two questions of the badly
/// scored session five days before `end`.
pub fn demo_history_with_bad_day(
    catalog: &Catalog,
    end: DateTime<FixedOffset>,
    weeks: i64,
    bad_day: [&str; 2],
) -> Vec<Session> {
    let ids: Vec<String> = catalog.questions().map(|q| q.global_id()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let days = weeks * 7;
    let mut sessions = Vec::new();
    let mut day = 0;
    let mut n = 0;
    while day < days {
        let start = end - Duration::days(days - day) + Duration::hours(next(10) as i64);
        let progress = day as f32 / days as f32;
        let count = 1 + next(3) as usize;
        let picks: Vec<&str> = (0..count)
            .map(|_| ids[next(ids.len() as u64) as usize].as_str())
            .collect();
        let mut unique: Vec<&str> = Vec::new();
        for p in picks {
            if !unique.contains(&p) {
                unique.push(p);
            }
        }
        let mode = if n % 4 == 3 { Mode::Panel } else { Mode::Solo };
        let jitter: Vec<u64> = (0..12).map(|_| next(3)).collect();
        let over: Vec<u64> = (0..4).map(|_| next(240)).collect();
        let competencies: Vec<Vec<String>> = unique
            .iter()
            .map(|id| {
                catalog
                    .question(id)
                    .expect("question")
                    .question
                    .competencies
                    .clone()
            })
            .collect();
        let targets: Vec<u64> = unique
            .iter()
            .map(|id| u64::from(catalog.question(id).expect("question").question.minutes) * 60)
            .collect();
        let score = |q: usize, c: usize| -> u8 {
            let base = if competencies[q][c] == "hiring" {
                1.4
            } else {
                1.8 + 1.6 * progress
            };
            (base + jitter[(q * 3 + c) % 12] as f32 * 0.5)
                .round()
                .clamp(1.0, 4.0) as u8
        };
        let secs = |q: usize| targets[q] - targets[q] / 8 + over[q % 4];
        let title = if unique.len() == 1 {
            "Quick question"
        } else {
            "Custom round"
        };
        let id = format!("{}-{:04x}", start.format("%Y%m%d-%H%M%S"), n);
        let mut session = answered(catalog, &id, start, mode, title, &unique, &score, &secs);
        if n % 3 == 0 {
            session.notes = [
                "Lost the thread halfway; structure first next time.",
                "Felt calm, kept to time.",
                "Too much detail on tooling.",
            ][(n / 3) % 3]
                .to_owned();
        }
        if mode == Mode::Panel {
            session.candidate = ["Alex", "Sam", "Maria"][n % 3].to_owned();
            let mut panel = Panel::new(Panelist::default_panel());
            for q in 0..session.questions.len() {
                for p in 0..3 {
                    let mut card = Scorecard {
                        question: q,
                        panelist: p,
                        recommendation: Recommendation::Hire,
                        submitted_at: Some(start + Duration::minutes(30)),
                        ..Scorecard::default()
                    };
                    for (c, competency) in session.questions[q].question.competencies.iter().enumerate() {
                        let s = score(q, c).saturating_sub((p % 2) as u8).max(1);
                        card.scores
                            .insert(competency.clone(), Score::new(s).expect("score"));
                    }
                    panel.scorecards.push(card);
                }
            }
            panel.revealed = panel.scorecards.iter().map(|c| c.question).collect();
            panel.decision = Recommendation::Hire;
            session.panel = Some(panel);
        }
        sessions.push(session);
        day += 1 + next(3) as i64;
        n += 1;
    }
    // a bad day five days ago brings questions back for review
    let start = end - Duration::days(5);
    let id = format!("{}-bad0", start.format("%Y%m%d-%H%M%S"));
    let mut bad = answered(
        catalog,
        &id,
        start,
        Mode::Solo,
        "Custom round",
        &bad_day,
        &|_, _| 1,
        &|q| [260, 900][q],
    );
    bad.notes = "Blanked on the org questions; revisit span of control.".to_owned();
    sessions.push(bad);
    sessions
}

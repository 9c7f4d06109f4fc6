//! Generated data for the benchmarks and `examples/perf_data.rs`: sessions spread over
//! past weeks, written to a data folder, and a generated bank of any size.

#![allow(dead_code)] // each bench uses part of it

use std::path::Path;

use panelist::bank::{BankSource, Catalog, generate};
use panelist::paths::DataDir;
use panelist::session::{Clock, FakeClock, Mode, QuestionState, Score, Session, Status};
use panelist::store::{SessionStore, ensure_private_dir, write_atomic};

/// `n` finished sessions of three scored questions each, spread over the weeks before the clock's start.
pub fn generated_sessions(n: usize) -> Vec<Session> {
    let catalog = bench_catalog();
    let questions: Vec<_> = catalog
        .questions()
        .map(|q| (q.global_id(), q.question.clone()))
        .collect();
    let clock = FakeClock::fixed();
    (0..n)
        .map(|i| {
            let picks = (0..3)
                .map(|k| questions[(i * 7 + k * 13) % questions.len()].clone())
                .collect();
            let when = clock.wall() - chrono::Duration::hours(6 * i as i64);
            let id = format!("{}-{i:04x}", when.format("%Y%m%d-%H%M%S"));
            let mut session = Session::new(id, when, Mode::Solo, "Generated".to_owned(), 1.0, picks);
            for (k, record) in session.questions.iter_mut().enumerate() {
                record.state = QuestionState::Answered;
                record.answer_ms =
                    u64::from(record.answer_target_secs) * 1000 + (i as u64 * 9_000 + k as u64) % 200_000;
                for c in record.question.competencies.clone() {
                    record
                        .self_scores
                        .insert(c, Score::new(((i + k) % 4 + 1) as u8).unwrap_or(Score::ALL[2]));
                }
                record.notes = "Lead with the decision, then the evidence.".to_owned();
            }
            session.status = Status::Finished;
            session
        })
        .collect()
}

/// The banks the generated sessions draw their questions from: the shipped ones, or the
/// `*.ron` files in the folder `PANELIST_BENCH_BANKS` names (to measure on another set of
/// banks, such as an earlier edition's; see docs/performance.md).
pub fn bench_catalog() -> Catalog {
    match std::env::var_os("PANELIST_BENCH_BANKS") {
        Some(folder) => {
            let catalog = Catalog::load(&BankSource::expand(Path::new(&folder)));
            assert!(
                catalog.question_count() > 0 && catalog.error_count() == 0,
                "PANELIST_BENCH_BANKS: no valid questions in {}",
                Path::new(&folder).display()
            );
            catalog
        }
        None => Catalog::load(&BankSource::shipped()),
    }
}

/// Writes `sessions` generated sessions into the data folder `root`, and a generated bank of
/// `questions` questions into its questions/ folder when `questions` is not zero.
pub fn write_data_folder(root: &Path, sessions: usize, questions: usize) -> anyhow::Result<()> {
    let data = DataDir::new(root);
    let store = SessionStore::new(data.clone());
    for session in generated_sessions(sessions) {
        store.save(&session)?;
    }
    if questions > 0 {
        ensure_private_dir(&data.questions())?;
        let text = generate::generated_bank("generated", questions, 7);
        write_atomic(&data.questions().join("generated.ron"), text.as_bytes())?;
    }
    Ok(())
}

/// A finished mock panel of the default three panelists over three questions, every
/// scorecard submitted with evidence and revealed, one competency in disagreement.
pub fn generated_panel_session() -> Session {
    use panelist::session::{Panel, Panelist, Recommendation};
    let mut session = generated_sessions(1).remove(0);
    session.id = format!("{}-panel", session.id);
    session.mode = Mode::Panel;
    session.candidate = "Sam".to_owned();
    let mut panel = Panel::new(Panelist::default_panel());
    let at = session.created;
    for (q, record) in session.questions.iter().enumerate() {
        for p in 0..panel.panelists.len() {
            if let Some(card) = panel.draft_mut(q, p) {
                for (k, c) in record.question.competencies.iter().enumerate() {
                    let score = if k == 0 { [1, 4, 2][p] } else { 3 };
                    card.scores.insert(c.clone(), Score::ALL[score - 1]);
                    card.evidence
                        .insert(c.clone(), "Named the trade-off and who pays for it.".to_owned());
                }
                card.recommendation = Recommendation::ALL[(p + q) % 5];
                card.notes = "Clear on the first step; vague on how to measure it.".to_owned();
            }
            panel.submit(q, p, at);
        }
        panel.reveal(q);
    }
    session.panel = Some(panel);
    session
}

/// A board of `n` elements: rows of boxes and databases, each joined to the one before it
/// by a labelled arrow (about half the elements are arrows).
pub fn large_board(n: usize) -> panelist::board::Board {
    use panelist::board::{Board, BoardEdit, NodeKind, Rect};
    let mut board = Board::new();
    let mut at_ms = 0;
    let mut previous: Option<u32> = None;
    let mut i = 0usize;
    while board.elements().len() < n {
        let node = if i % 3 == 2 {
            NodeKind::Database
        } else {
            NodeKind::Service
        };
        let (x, y) = ((i % 25) as f32 * 180.0, (i / 25) as f32 * 120.0);
        at_ms += 250;
        let id = board.next_id();
        board
            .apply(
                at_ms,
                &BoardEdit::Add {
                    node,
                    rect: Rect::new(x, y, 140.0, 60.0),
                    label: format!("service {i}"),
                },
            )
            .expect("adds a node");
        if let Some(from) = previous
            && board.elements().len() < n
        {
            at_ms += 250;
            board
                .apply(
                    at_ms,
                    &BoardEdit::Connect {
                        from,
                        to: id,
                        label: "calls".to_owned(),
                    },
                )
                .expect("connects");
        }
        previous = Some(id);
        i += 1;
    }
    board
}

/// `n` generated sessions, each first question with a board of `elements` elements.
pub fn generated_sessions_with_boards(n: usize, elements: usize) -> Vec<Session> {
    let board = large_board(elements);
    let mut sessions = generated_sessions(n);
    for session in &mut sessions {
        let question = session.questions[0].global_id.clone();
        for stamped in board.history() {
            session
                .apply(
                    &panelist::session::SessionEdit::Board {
                        question: question.clone(),
                        at_ms: stamped.at_ms,
                        edit: stamped.edit.clone(),
                    },
                    session.updated,
                )
                .expect("a board edit applies");
        }
    }
    sessions
}

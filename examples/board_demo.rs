//! Writes a data folder with whiteboards, for screenshots and for trying the board:
//! `cargo run --example board_demo -- FOLDER [org]`.
//!
//! A finished round (a systems design drawn phase by phase, then an org chart from its
//! template) to open in History and replay, and a round still answering the same design
//! question (with `org`: the org-design question), its board drawn, which the app offers
//! to resume.

use chrono::DateTime;
use panelist::bank::{BankSource, Catalog};
use panelist::board::{BoardEdit, NodeKind, Rect, Template};
use panelist::paths::DataDir;
use panelist::session::{Mode, QuestionRecord, QuestionState, Score, Session, SessionEdit, Status};
use panelist::store::SessionStore;

const DESIGN: &str = "systems-design/feature-flag-service";
const ORG: &str = "evidence/reorg-you-led";

/// A feature flag service, drawn as a candidate would: clients and the service first,
/// then storage and delivery, then the arrows and their labels.
fn design_edits() -> Vec<(u64, BoardEdit)> {
    let node = |at: u64, node: NodeKind, x: f32, y: f32, label: &str| {
        let (w, h) = node.default_size();
        (
            at,
            BoardEdit::Add {
                node,
                rect: Rect::new(x, y, w, h),
                label: label.to_owned(),
            },
        )
    };
    let link = |at: u64, from: u32, to: u32, label: &str| {
        (
            at,
            BoardEdit::Connect {
                from,
                to,
                label: label.to_owned(),
            },
        )
    };
    vec![
        node(40_000, NodeKind::Client, 0.0, 0.0, "Mobile apps"),
        node(55_000, NodeKind::Client, 0.0, 200.0, "Backend services"),
        node(90_000, NodeKind::Service, 240.0, 100.0, "Flag API"),
        node(130_000, NodeKind::External, 240.0, -100.0, "CDN"),
        node(210_000, NodeKind::Database, 540.0, 90.0, "Flag store"),
        node(260_000, NodeKind::Queue, 240.0, 280.0, "Change stream"),
        node(300_000, NodeKind::Service, 520.0, 280.0, "Audit log"),
        node(330_000, NodeKind::Service, 520.0, -100.0, "Admin console"),
        link(360_000, 1, 4, "cached rules"),
        link(380_000, 2, 3, "evaluate"),
        link(400_000, 4, 3, ""),
        link(420_000, 3, 5, "reads"),
        link(440_000, 3, 6, "changes"),
        link(460_000, 6, 7, ""),
        link(480_000, 8, 5, "writes"),
        link(520_000, 6, 2, "push"),
    ]
}

fn org_edits() -> Vec<(u64, BoardEdit)> {
    let team = |id: u32, em: &str, headcount: u32| BoardEdit::SetTeam {
        id,
        em: em.to_owned(),
        headcount,
    };
    let label = |id: u32, label: &str| BoardEdit::SetLabel {
        id,
        label: label.to_owned(),
    };
    vec![
        (
            20_000,
            BoardEdit::ApplyTemplate {
                template: Template::OrgChart,
            },
        ),
        (60_000, label(2, "Priya (EM)")),
        (70_000, label(3, "Payments")),
        (80_000, team(3, "Priya", 7)),
        (100_000, label(4, "Tomás (EM)")),
        (110_000, label(5, "Checkout")),
        (120_000, team(5, "Tomás", 5)),
        (140_000, label(6, "Hiring (EM)")),
        (150_000, label(7, "Risk platform")),
        (160_000, team(7, "open role", 4)),
    ]
}

/// Spends `answer_ms` on the question's phases in proportion to their targets.
fn answered_in(q: &mut QuestionRecord, answer_ms: u64) {
    let total: u64 = q.phase_target_secs.iter().map(|s| u64::from(*s)).sum();
    q.phase_ms = q
        .phase_target_secs
        .iter()
        .map(|s| answer_ms * u64::from(*s) / total.max(1))
        .collect();
    q.phase = q.phase_ms.len().saturating_sub(1);
    q.answer_ms = answer_ms;
}

fn draw(session: &mut Session, question: &str, edits: Vec<(u64, BoardEdit)>) -> anyhow::Result<()> {
    for (at_ms, edit) in edits {
        session.apply(
            &SessionEdit::Board {
                question: question.to_owned(),
                at_ms,
                edit,
            },
            session.updated,
        )?;
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let Some(folder) = std::env::args().nth(1) else {
        anyhow::bail!("usage: board_demo FOLDER [org]");
    };
    let org = std::env::args().nth(2).is_some_and(|a| a == "org");
    let store = SessionStore::new(DataDir::new(std::path::Path::new(&folder)));
    let catalog = Catalog::load(&BankSource::shipped());
    let question = |id: &str| {
        catalog
            .question(id)
            .map(|q| (id.to_owned(), q.question.clone()))
            .ok_or_else(|| anyhow::anyhow!("{id} is not in the shipped banks"))
    };

    let at = DateTime::parse_from_rfc3339("2026-11-20T18:30:00+00:00")?;
    let mut done = Session::new(
        "20261120-183000-b0a4".to_owned(),
        at,
        Mode::Solo,
        "Design and org".to_owned(),
        1.0,
        vec![question(DESIGN)?, question(ORG)?],
    );
    draw(&mut done, DESIGN, design_edits())?;
    draw(&mut done, ORG, org_edits())?;
    for q in &mut done.questions {
        q.state = QuestionState::Answered;
        answered_in(q, 600_000);
        for c in q.question.competencies.clone() {
            q.self_scores.insert(c, Score::new(3).expect("1-4"));
        }
    }
    done.status = Status::Finished;
    done.current = 1;
    store.save(&done)?;

    let at = DateTime::parse_from_rfc3339("2026-11-27T19:00:00+00:00")?;
    let mut open = Session::new(
        "20261127-190000-c1d2".to_owned(),
        at,
        Mode::Solo,
        "Quick question".to_owned(),
        1.0,
        vec![question(if org { ORG } else { DESIGN })?],
    );
    if org {
        draw(&mut open, ORG, org_edits())?;
    } else {
        draw(&mut open, DESIGN, design_edits())?;
    }
    let q = &mut open.questions[0];
    q.state = QuestionState::Answering;
    answered_in(q, 540_000);
    q.paused = true;
    store.save(&open)?;
    println!("{}: {} and {}", folder, done.id, open.id);
    Ok(())
}

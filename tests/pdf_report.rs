//! The PDF report (issue 18): written by krilla from the export document, its text checked
//! by extracting it with `pdftotext` and its paper size with `pdfinfo` (Debian's
//! poppler-utils). Without them the checks that need them print "skipped: …", unless
//! `PANELIST_REQUIRE_TOOLS=1`, when they fail.

#[path = "common/demo_history.rs"]
mod demo_history;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::DateTime;
use clap::Parser;
use panelist::board::{BoardEdit, NodeKind, Rect};
use panelist::cli::{Cli, run};
use panelist::export::document::Options;
use panelist::export::{Paper, pdf};
use panelist::paths::DataDir;
use panelist::session::{Session, SessionEdit};
use panelist::store::SessionStore;

fn find_tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The tool, or `None` after saying the test is skipped (a failure when tools are required).
fn tool(name: &str) -> Option<PathBuf> {
    let found = find_tool(name);
    if found.is_none() {
        assert!(
            std::env::var("PANELIST_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "{name} is not installed (Debian: poppler-utils) and PANELIST_REQUIRE_TOOLS=1"
        );
        eprintln!("skipped: {name} is not installed (Debian: poppler-utils)");
    }
    found
}

fn text_of(pdf: &Path) -> Option<String> {
    let pdftotext = tool("pdftotext")?;
    let out = Command::new(pdftotext)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).expect("utf-8 text"))
}

fn info_of(pdf: &Path) -> Option<String> {
    let pdfinfo = tool("pdfinfo")?;
    let out = Command::new(pdfinfo).arg(pdf).output().expect("pdfinfo runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A design on the first question's board: a client, an API, a database, two arrows.
fn with_board(mut session: Session) -> Session {
    let edits = [
        BoardEdit::Add {
            node: NodeKind::Client,
            rect: Rect::new(0.0, 0.0, 80.0, 80.0),
            label: "Merchants".into(),
        },
        BoardEdit::Add {
            node: NodeKind::Service,
            rect: Rect::new(200.0, 10.0, 140.0, 60.0),
            label: "Ledger API".into(),
        },
        BoardEdit::Add {
            node: NodeKind::Database,
            rect: Rect::new(220.0, 160.0, 100.0, 80.0),
            label: "Postings".into(),
        },
        BoardEdit::Connect {
            from: 1,
            to: 2,
            label: "idempotent POST".into(),
        },
        BoardEdit::Connect {
            from: 2,
            to: 3,
            label: String::new(),
        },
    ];
    let question = session.questions[0].global_id.clone();
    for (i, edit) in edits.into_iter().enumerate() {
        session
            .apply(
                &SessionEdit::Board {
                    question: question.clone(),
                    at_ms: 30_000 * (i as u64 + 1),
                    edit,
                },
                session.updated,
            )
            .expect("board edit");
    }
    session
}

fn sessions() -> Vec<Session> {
    let catalog = demo_history::sample_catalog();
    vec![
        with_board(demo_history::golden_solo(&catalog)),
        demo_history::golden_panel(&catalog),
    ]
}

#[test]
fn the_report_holds_the_sessions_as_real_text() {
    let catalog = demo_history::sample_catalog();
    let sessions = sessions();
    let chosen: Vec<&Session> = sessions.iter().collect();
    let bytes = pdf(&chosen, Some(&catalog), Paper::A4, Options::default()).expect("a report");
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, &bytes).expect("written");
    let Some(text) = text_of(&file) else { return };
    let solo = &sessions[0];
    let question = &solo.questions[0].question;
    for expected in [
        // the session, its questions and timings with phases
        solo.title.as_str(),
        question.title.as_str(),
        "Answer: ",
        question.phases[0].name.as_str(),
        // scores with their rubric levels
        "Self-scores",
        "At this level:",
        // notes and the scratchpad
        "Clarify read/write ratio first.",
        "write path: API -> queue -> ledger",
        // the board's labels are text too
        "Board",
        "Ledger API",
        "idempotent POST",
        "Postings",
        // the panel's debrief and the progress chart
        "Panel debrief",
        "Progress by competency",
        "Self-assessment",
        "page 1 of",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} is not in the report:\n{text}"
        );
    }
    let info = info_of(&file).expect("pdfinfo is there when pdftotext is");
    assert!(
        info.contains("595.276 x 841.89") || info.contains("(A4)"),
        "{info}"
    );
    assert!(info.contains("Creator:") && info.contains("Panelist"), "{info}");
}

#[test]
fn letter_paper_and_phase_boards() {
    let catalog = demo_history::sample_catalog();
    let mut solo = sessions().remove(0);
    // The first phase ends after the first two edits: its board has two nodes.
    let phases = solo.questions[0].question.phases.len();
    solo.questions[0].phase_ms = vec![70_000, 400_000, 0, 0];
    solo.questions[0].phase_ms.truncate(phases);
    let options = Options { board_phases: true };
    let bytes = pdf(&[&solo], Some(&catalog), Paper::Letter, options).expect("a report");
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("letter.pdf");
    std::fs::write(&file, &bytes).expect("written");
    let Some(text) = text_of(&file) else { return };
    let first_phase = &solo.questions[0].question.phases[0].name;
    assert!(
        text.contains(&format!("Board at the end of {first_phase}")),
        "no phase board:\n{text}"
    );
    let info = info_of(&file).expect("pdfinfo");
    assert!(info.contains("612 x 792"), "{info}");
}

#[test]
fn a_twenty_session_report_has_a_chart_per_competency() {
    let catalog = demo_history::sample_catalog();
    let end = DateTime::parse_from_rfc3339("2026-03-01T18:00:00+01:00").expect("date");
    let history = demo_history::demo_history(&catalog, end, 6);
    let chosen: Vec<&Session> = history.iter().rev().take(20).collect();
    let bytes = pdf(&chosen, Some(&catalog), Paper::A4, Options::default()).expect("a report");
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("twenty.pdf");
    std::fs::write(&file, &bytes).expect("written");
    let Some(text) = text_of(&file) else { return };
    assert!(text.contains("Progress by competency"));
    for line in panelist::export::document::ProgressChart::of_sessions(&chosen, Some(&catalog)).lines {
        assert!(
            text.contains(&line.competency),
            "{} has no chart",
            line.competency
        );
    }
}

fn cli(data: &Path, args: &[&str]) -> (u8, String) {
    let mut argv = vec!["panelist", "--data-dir", data.to_str().expect("utf-8 path")];
    argv.extend_from_slice(args);
    let parsed = Cli::parse_from(argv);
    let command = parsed.command.as_ref().expect("a command");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&parsed, command, &mut out, &mut err);
    (code, String::from_utf8_lossy(&err).into_owned())
}

#[test]
fn export_format_pdf_on_the_command_line() {
    let data = tempfile::tempdir().expect("temp");
    let store = SessionStore::new(DataDir::new(data.path()));
    let sessions = sessions();
    for s in &sessions {
        store.save(s).expect("save");
    }
    let out = tempfile::tempdir().expect("temp");
    let file = out.path().join("report.pdf");
    let path = file.to_str().expect("utf-8");
    let id = sessions[0].id.as_str();

    let (code, err) = cli(data.path(), &["export", "--format", "pdf", id]);
    assert_eq!(code, 2, "a PDF needs -o");
    assert!(err.contains("-o FILE"), "{err}");
    let (code, err) = cli(
        data.path(),
        &["export", "--format", "pdf", id, "-o", path, "--paper", "legal"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("a4 and letter"), "{err}");

    let (code, err) = cli(
        data.path(),
        &[
            "export", "--format", "pdf", "--all", "-o", path, "--paper", "letter",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("PDF report"), "{err}");
    assert!(std::fs::read(&file).expect("written").starts_with(b"%PDF-"));
    let (code, err) = cli(data.path(), &["export", "--format", "pdf", id, "-o", path]);
    assert_eq!(code, 1, "never replaced without --force");
    assert!(err.contains("--force"), "{err}");

    if let Some(info) = info_of(&file) {
        assert!(info.contains("612 x 792"), "{info}");
    }
}

#[test]
fn a_markdown_export_writes_its_boards_beside_it_and_links_them() {
    let data = tempfile::tempdir().expect("temp");
    let store = SessionStore::new(DataDir::new(data.path()));
    let session = sessions().remove(0);
    store.save(&session).expect("save");
    let out = tempfile::tempdir().expect("temp");
    let file = out.path().join("notes.md");
    let path = file.to_str().expect("utf-8");
    let (code, err) = cli(
        data.path(),
        &["export", "--format", "md", &session.id, "-o", path],
    );
    assert_eq!(code, 0, "{err}");
    let board = out
        .path()
        .join(panelist::export::document::board_file_name(&session, 0));
    let svg = std::fs::read_to_string(&board).expect("the board is beside the export");
    roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let markdown = std::fs::read_to_string(&file).expect("markdown");
    let name = board.file_name().and_then(|n| n.to_str()).expect("name");
    assert!(markdown.contains(&format!("](<{name}>)")), "{markdown}");

    // HTML holds the board inline.
    let (code, err) = cli(
        data.path(),
        &[
            "export",
            "--format",
            "html",
            &session.id,
            "-o",
            out.path().join("page.html").to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(out.path().join("page.html")).expect("html");
    assert!(
        html.contains("<figure class=\"board\"") && html.contains("Ledger API"),
        "{html}"
    );
}

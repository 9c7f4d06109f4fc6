//! Exports of fixed solo and panel sessions compared with golden files
//! (tests/fixtures/golden/; `UPDATE_GOLDEN=1` rewrites them), CSV parsed back, JSON round-tripped.

#[path = "common/demo_history.rs"]
mod demo_history;

use std::path::PathBuf;

use demo_history::{golden_panel, golden_solo, sample_catalog};
use panelist::export::{CSV_HEADER, Format, Selection, from_json, render, write_export};
use panelist::session::Session;

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1 to create it)", path.display()));
    assert!(
        expected == actual,
        "{} differs from the export:\n{actual}",
        path.display()
    );
}

fn fixtures() -> Vec<Session> {
    let catalog = sample_catalog();
    vec![golden_solo(&catalog), golden_panel(&catalog)]
}

#[test]
fn every_format_matches_its_golden_file_for_solo_and_panel() {
    let catalog = sample_catalog();
    let sessions = fixtures();
    for (session, name) in sessions.iter().zip(["solo", "panel"]) {
        for format in Format::ALL {
            let text = render(format, &[session], Some(&catalog)).expect("render");
            golden(&format!("{name}.{}", format.extension()), &text);
        }
    }
}

#[test]
fn markdown_holds_prompts_timings_labels_signals_notes_and_the_debrief() {
    let catalog = sample_catalog();
    let sessions = fixtures();
    let solo = render(Format::Markdown, &[&sessions[0]], Some(&catalog)).expect("md");
    assert!(solo.contains("- Answer: 11:00 of 10:00 (over by 1:00)"), "{solo}");
    assert!(solo.contains("  - Design:"));
    assert!(solo.contains("Calibrated technical depth: 3 — Hire"));
    assert!(solo.contains("- Strong: "));
    assert!(solo.contains("Clarify read/write ratio first."));
    let panel = render(Format::Markdown, &[&sessions[1]], Some(&catalog)).expect("md");
    assert!(panel.contains("## Panel debrief"));
    assert!(panel.contains("Jon \\| EM"), "table cells escape pipes");
    assert!(panel.contains("### Decision: Hire"));
}

#[test]
fn html_is_self_contained_and_escapes_user_text() {
    let sessions = fixtures();
    let html = render(Format::Html, &[&sessions[0], &sessions[1]], None).expect("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
    assert!(html.contains("&lt;edge cases&gt; &amp; &quot;retries&quot;"));
    assert!(html.contains("Sam O&#39;Neil"));
    assert!(!html.contains("<missed>"));
    assert!(html.contains("@media print"));
}

#[test]
fn csv_parses_back_with_one_row_per_question_and_competency_score() {
    let sessions = fixtures();
    let text = render(Format::Csv, &[&sessions[0], &sessions[1]], None).expect("csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, CSV_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("rows");
    let self_rows = |s: &Session| s.questions.iter().map(|q| q.self_scores.len()).sum::<usize>();
    let panel_rows: usize = sessions[1]
        .panel
        .as_ref()
        .expect("panel")
        .scorecards
        .iter()
        .map(|c| c.scores.len())
        .sum();
    assert_eq!(
        rows.len(),
        self_rows(&sessions[0]) + self_rows(&sessions[1]) + panel_rows
    );
    let first = &rows[0];
    assert_eq!(&first[0], "20260105-090000-0a1b");
    assert_eq!(&first[1], "2026-01-05");
    assert_eq!(&first[2], "Solo");
    assert_eq!(&first[3], "sample/ledger");
    assert_eq!(&first[4], "SystemsDesign");
    assert_eq!(&first[6], "self");
    assert_eq!(&first[8], "11.0");
    assert_eq!(&first[9], "10.0");
    assert!(
        rows.iter()
            .any(|r| &r[6] == "Jon | EM" && &r[5] == "manager-coaching" && &r[7] == "4")
    );
}

#[test]
fn json_deserialises_back_to_the_same_sessions() {
    let sessions = fixtures();
    let text = render(Format::Json, &[&sessions[0], &sessions[1]], None).expect("json");
    let back = from_json(&text).expect("parse");
    assert_eq!(back.format, 1);
    assert_eq!(back.kind, "panelist-sessions");
    assert_eq!(back.sessions, sessions);
}

#[test]
fn selection_by_ids_dates_and_unknown_ids() {
    let sessions = fixtures();
    let all = Selection {
        all: true,
        ..Selection::default()
    };
    assert_eq!(all.apply(&sessions).expect("all").len(), 2);
    let since = Selection {
        all: true,
        since: chrono::NaiveDate::from_ymd_opt(2026, 1, 6),
        ..Selection::default()
    };
    let chosen = since.apply(&sessions).expect("since");
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0].id, "20260107-180000-c3d4");
    let unknown = Selection {
        ids: vec!["nope".to_owned()],
        ..Selection::default()
    };
    let err = unknown.apply(&sessions).expect_err("unknown id");
    assert_eq!(err.to_string(), "no session with id \"nope\"");
}

#[test]
fn writing_refuses_to_overwrite_without_permission_and_names_the_path() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("out.md");
    write_export(&path, "one", false).expect("first write");
    let err = write_export(&path, "two", false).expect_err("refused");
    assert!(err.to_string().contains(&path.display().to_string()));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "one");
    write_export(&path, "two", true).expect("overwrite");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "two");
    std::fs::write(dir.path().join("a-file"), "").expect("file");
    let unwritable = dir.path().join("a-file/out.md");
    let err = write_export(&unwritable, "x", false).expect_err("unwritable");
    assert!(
        err.to_string().contains(&unwritable.display().to_string()),
        "{err}"
    );
}

/// Writes the demo history used for screenshots: `PANELIST_DEMO_DIR=/tmp/demo cargo test --test export -- --ignored`.
#[test]
#[ignore = "writes a demo data folder for screenshots"]
fn write_demo_history() {
    let Some(dir) = std::env::var_os("PANELIST_DEMO_DIR") else {
        return;
    };
    let store = panelist::store::SessionStore::new(panelist::paths::DataDir::new(PathBuf::from(dir)));
    let end = chrono::Local::now().fixed_offset();
    for session in demo_history::demo_history(&sample_catalog(), end, 6) {
        store.save(&session).expect("save");
    }
}

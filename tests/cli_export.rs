//! `panelist sessions` and `panelist export`, run as a user would run them.

#[path = "common/demo_history.rs"]
mod demo_history;

use std::path::Path;
use std::process::{Command, Output};

use panelist::paths::DataDir;
use panelist::store::SessionStore;

const SOLO: &str = "20260105-090000-0a1b";
const PANEL: &str = "20260107-180000-c3d4";

fn panelist(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelist"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("PANELIST_DATA_DIR")
        .output()
        .expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A data folder holding the golden solo and panel sessions.
fn data_with_sessions() -> tempfile::TempDir {
    let data = tempfile::tempdir().expect("temp");
    let store = SessionStore::new(DataDir::new(data.path()));
    let catalog = demo_history::sample_catalog();
    store.save(&demo_history::golden_solo(&catalog)).expect("save");
    store.save(&demo_history::golden_panel(&catalog)).expect("save");
    data
}

#[test]
fn sessions_lists_newest_first_as_text_and_json() {
    let data = data_with_sessions();
    let out = panelist(data.path(), &["sessions"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with(&format!(
        "{PANEL}\t2026-01-07\tPanel · Sam O'Neil\tLeadership drill"
    )));
    assert!(lines[1].starts_with(&format!(
        "{SOLO}\t2026-01-05\tSolo\tFull Director loop\t3 questions"
    )));
    let json = panelist(data.path(), &["sessions", "--json"]);
    let parsed: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("json");
    assert_eq!(parsed[0]["id"], PANEL);
    assert_eq!(parsed[1]["mode"], "Solo");
    assert_eq!(parsed[1]["questions"], 3);
}

#[test]
fn sessions_on_an_empty_folder_prints_nothing() {
    let data = tempfile::tempdir().expect("temp");
    let out = panelist(data.path(), &["sessions"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
}

#[test]
fn export_one_session_to_stdout_in_each_format() {
    let data = data_with_sessions();
    let md = panelist(data.path(), &["export", SOLO, "--format", "md"]);
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    assert!(stdout(&md).starts_with("# Full Director loop — 2026-01-05 09:00"));
    let html = panelist(data.path(), &["export", SOLO, "--format", "html"]);
    assert!(stdout(&html).starts_with("<!DOCTYPE html>"));
    let csv = panelist(data.path(), &["export", "--all", "--format", "csv"]);
    let rows = csv::Reader::from_reader(stdout(&csv).as_bytes())
        .records()
        .count();
    assert_eq!(rows, 6 + 5 + 8, "self scores of both sessions and the panel's");
    let json = panelist(
        data.path(),
        &["export", "--all", "--since", "2026-01-06", "--format", "json"],
    );
    let back = panelist::export::from_json(&stdout(&json)).expect("json");
    assert_eq!(back.sessions.len(), 1);
    assert_eq!(back.sessions[0].id, PANEL);
}

#[test]
fn export_to_a_file_refuses_to_overwrite_without_force() {
    let data = data_with_sessions();
    let file = data.path().join("notes.md");
    let path = file.to_str().expect("utf-8");
    let first = panelist(data.path(), &["export", SOLO, "--format", "md", "-o", path]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(stdout(&first), "");
    let written = std::fs::read_to_string(&file).expect("read");
    let again = panelist(data.path(), &["export", PANEL, "--format", "md", "-o", path]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert!(stderr(&again).contains("--force"));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), written);
    let forced = panelist(
        data.path(),
        &["export", PANEL, "--format", "md", "-o", path, "--force"],
    );
    assert_eq!(forced.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&file)
            .expect("read")
            .contains("Leadership drill")
    );
}

#[test]
fn export_reports_unknown_ids_bad_dates_and_usage_errors() {
    let data = data_with_sessions();
    let unknown = panelist(data.path(), &["export", SOLO, "nope", "--format", "md"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("no session with id \"nope\""),
        "{}",
        stderr(&unknown)
    );
    assert_eq!(stdout(&unknown), "");
    let bad_date = panelist(
        data.path(),
        &["export", "--all", "--since", "2026-13-01", "--format", "md"],
    );
    assert_eq!(bad_date.status.code(), Some(1));
    assert!(stderr(&bad_date).contains("--since \"2026-13-01\" is not a date; write it as YYYY-MM-DD"));
    let neither = panelist(data.path(), &["export", "--format", "md"]);
    assert_eq!(neither.status.code(), Some(2));
    let both = panelist(data.path(), &["export", SOLO, "--all", "--format", "md"]);
    assert_eq!(both.status.code(), Some(2));
    let format = panelist(data.path(), &["export", SOLO, "--format", "pdf"]);
    assert_eq!(format.status.code(), Some(2));
    assert!(stderr(&format).contains("unknown format \"pdf\""));
    let missing_format = panelist(data.path(), &["export", SOLO]);
    assert_eq!(missing_format.status.code(), Some(2));
}

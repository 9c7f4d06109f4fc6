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
    let format = panelist(data.path(), &["export", SOLO, "--format", "docx"]);
    assert_eq!(format.status.code(), Some(2));
    assert!(stderr(&format).contains("unknown format \"docx\""));
    let missing_format = panelist(data.path(), &["export", SOLO]);
    assert_eq!(missing_format.status.code(), Some(2));
}

/// A finished one-question round and an interrupted round where nothing was answered.
fn data_with_odd_sessions() -> tempfile::TempDir {
    let data = data_with_sessions();
    let store = SessionStore::new(DataDir::new(data.path()));
    let catalog = demo_history::sample_catalog();
    let mut one = demo_history::golden_solo(&catalog);
    one.id = "20260108-090000-aaaa".to_owned();
    one.created += chrono::Duration::days(3);
    one.questions.truncate(1);
    one.current = 0;
    store.save(&one).expect("save");
    let mut interrupted = demo_history::golden_solo(&catalog);
    interrupted.id = "20260109-090000-bbbb".to_owned();
    interrupted.created += chrono::Duration::days(4);
    interrupted.status = panelist::session::Status::InProgress;
    for q in &mut interrupted.questions {
        q.state = panelist::session::QuestionState::Pending;
        q.answer_ms = 0;
        q.prep_ms = 0;
        q.self_scores.clear();
    }
    store.save(&interrupted).expect("save");
    data
}

#[test]
fn sessions_shows_status_labelled_means_and_no_nonsense_for_interrupted_rounds() {
    let data = data_with_odd_sessions();
    let out = panelist(data.path(), &["sessions"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(
        lines[0],
        [
            "20260109-090000-bbbb",
            "2026-01-09",
            "Solo",
            "Full Director loop",
            "3 questions",
            "nothing answered",
            "no scores",
            "Interrupted"
        ]
    );
    assert_eq!(lines[1][4], "1 question", "{text}");
    assert_eq!(lines[1][7], "Finished");
    assert!(lines[2][6].starts_with("panel mean "), "{text}");
    assert!(lines[3][6].starts_with("self mean 2.50"), "{text}");
    assert!(!text.contains("0:00 of 0:00"), "{text}");
    let json = panelist(data.path(), &["sessions", "--json"]);
    let parsed: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("json");
    assert_eq!(parsed[0]["status"], "InProgress");
    assert_eq!(parsed[0]["interrupted"], true);
    assert_eq!(parsed[1]["status"], "Finished");
    assert_eq!(parsed[1]["interrupted"], false);
}

#[test]
fn output_into_a_missing_folder_fails_and_creates_nothing() {
    let data = data_with_sessions();
    let missing = data.path().join("no-such-folder/deeper/x.md");
    let out = panelist(
        data.path(),
        &[
            "export",
            SOLO,
            "--format",
            "md",
            "-o",
            missing.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("there is no folder"), "{}", stderr(&out));
    assert!(!data.path().join("no-such-folder").exists());
}

#[test]
fn output_onto_a_folder_says_so_even_with_force() {
    let data = data_with_sessions();
    let folder = data.path().join("a-folder");
    std::fs::create_dir(&folder).expect("mkdir");
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec![
            "export",
            SOLO,
            "--format",
            "md",
            "-o",
            folder.to_str().expect("utf-8"),
        ];
        args.extend_from_slice(extra);
        let out = panelist(data.path(), &args);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("--force"), "{}", stderr(&out));
        assert!(folder.is_dir());
    }
}

#[test]
fn a_written_export_is_reported_plainly() {
    let data = data_with_sessions();
    let file = data.path().join("scores.csv");
    let out = panelist(
        data.path(),
        &[
            "export",
            "--all",
            "--format",
            "csv",
            "-o",
            file.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!("Wrote 2 sessions to {} (CSV)\n", file.display())
    );
}

#[test]
fn newer_and_unreadable_session_files_say_why_they_cannot_be_exported() {
    let data = data_with_sessions();
    let sessions = data.path().join("sessions");
    let newer = "20260201-090000-eeee";
    std::fs::write(
        sessions.join(format!("{newer}.ron")),
        "Session(format: 99, id: \"x\")",
    )
    .expect("write");
    let out = panelist(data.path(), &["export", newer, "--format", "md"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("session \"{newer}\" cannot be exported")),
        "{err}"
    );
    assert!(err.contains("newer Panelist"), "{err}");
    assert!(!err.contains("no session with id"), "{err}");
    let broken = "20260202-090000-ffff";
    std::fs::write(sessions.join(format!("{broken}.ron")), "Session(format: 1, id: ").expect("write");
    for run in ["the run that moves it aside", "a later run"] {
        let out = panelist(data.path(), &["export", broken, "--format", "md"]);
        assert_eq!(out.status.code(), Some(1), "{run}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("session \"{broken}\" cannot be exported")),
            "{run}: {err}"
        );
        assert!(err.contains("quarantine"), "{run}: {err}");
        assert!(!err.contains("no session with id"), "{run}: {err}");
    }
}

#[test]
fn the_same_id_twice_is_exported_once() {
    let data = data_with_sessions();
    let out = panelist(data.path(), &["export", SOLO, PANEL, SOLO, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let back = panelist::export::from_json(&stdout(&out)).expect("json");
    let ids: Vec<&str> = back.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, [SOLO, PANEL]);
}

#[test]
fn an_empty_selection_writes_an_empty_export_and_says_so() {
    let empty = tempfile::tempdir().expect("temp");
    let data = data_with_sessions();
    for (folder, extra) in [
        (empty.path(), &[][..]),
        (data.path(), &["--since", "2030-01-01"][..]),
    ] {
        for format in ["md", "html", "json", "csv"] {
            let mut args = vec!["export", "--all", "--format", format];
            args.extend_from_slice(extra);
            let out = panelist(folder, &args);
            assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("no sessions match"),
                "{format}: {}",
                stderr(&out)
            );
            let text = stdout(&out);
            match format {
                "csv" => assert_eq!(text.lines().count(), 1, "{text}"),
                "json" => {
                    let back = panelist::export::from_json(&text).expect("json");
                    assert!(back.sessions.is_empty());
                }
                _ => assert!(text.contains("No sessions matched"), "{text}"),
            }
        }
    }
    let file = empty.path().join("none.csv");
    let out = panelist(
        empty.path(),
        &[
            "export",
            "--all",
            "--format",
            "csv",
            "-o",
            file.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains(&format!("Wrote 0 sessions to {}", file.display())));
    assert_eq!(std::fs::read_to_string(&file).expect("read").lines().count(), 1);
    let unknown = panelist(empty.path(), &["export", "nope", "--format", "csv"]);
    assert_eq!(unknown.status.code(), Some(1), "unknown ids stay errors");
}

//! `panelist panel …` run as a user would: create, join, status, merge.

use std::path::Path;
use std::process::{Command, Output};

use chrono::DateTime;
use panelist::panel_share::{CardFile, PanelistWriter, SHARE_FORMAT, card_file_name, panelist_dir};
use panelist::session::{Recommendation, Score};

fn panelist(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelist"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("PANELIST_DATA_DIR")
        .output()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn card(question: &str, score: u8) -> CardFile {
    CardFile {
        format: SHARE_FORMAT,
        panelist: String::new(),
        question: question.to_owned(),
        scores: [("execution".to_owned(), Score::new(score).expect("score"))]
            .into_iter()
            .collect(),
        evidence: Default::default(),
        recommendation: Recommendation::Hire,
        notes: String::new(),
        submitted_at: DateTime::parse_from_rfc3339("2026-11-28T10:00:00+00:00").expect("date"),
    }
}

/// A panel of two on two shipped questions; returns the two question ids.
fn create(data: &Path, folder: &Path) -> Vec<String> {
    let listed = panelist(data, &["questions"]);
    let ids: Vec<String> = text(&listed.stdout)
        .lines()
        .take(2)
        .map(|l| l.split('\t').next().expect("id").to_owned())
        .collect();
    let folder = folder.to_str().expect("utf-8");
    let out = panelist(
        data,
        &[
            "panel",
            "create",
            folder,
            "--candidate",
            "Sam",
            "--panelist",
            "Ana Ruiz:vpe",
            "--panelist",
            "Ben:ic",
            "--question",
            &ids[0],
            "--question",
            &ids[1],
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("--as ana-ruiz"));
    ids
}

#[test]
fn create_join_status_and_merge() {
    let temp = tempfile::tempdir().expect("temp");
    let (data, folder) = (temp.path().join("data"), temp.path().join("panel"));
    let ids = create(&data, &folder);
    let dir = folder.to_str().expect("utf-8");

    let out = panelist(&data, &["panel", "join", dir, "--as", "ben"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = panelist(&data, &["panel", "join", dir, "--as", "zed"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no panelist \"zed\""));

    let at = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+00:00").expect("date");
    let mut ben = PanelistWriter::join(&folder, "ben", at).expect("join");
    ben.add_note(&ids[0], 1000, "clear plan", false, at)
        .expect("note");
    ben.submit(0, card(&ids[0], 3)).expect("submit");

    let out = panelist(&data, &["panel", "status", dir, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["panelists"][0]["joined"], false);
    assert_eq!(json["panelists"][1]["joined"], true);
    assert_eq!(json["questions"][0]["submitted"], serde_json::json!(["ben"]));
    assert_eq!(json["questions"][0]["missing"], serde_json::json!(["ana-ruiz"]));
    assert_eq!(json["notes"], 1);

    let out = panelist(&data, &["panel", "merge", dir]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Merged 1 cards and 1 notes"),
        "{}",
        text(&out.stdout)
    );
    let again = panelist(&data, &["panel", "merge", dir]);
    assert!(
        text(&again.stdout).starts_with("Nothing new to merge"),
        "{}",
        text(&again.stdout)
    );

    let sessions = panelist(&data, &["sessions", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&sessions.stdout).expect("json");
    assert_eq!(list.as_array().expect("array").len(), 1);
    assert_eq!(list[0]["mode"], "Panel");
    assert_eq!(list[0]["candidate"], "Sam");
}

#[test]
fn status_reports_conflict_copies_and_unreadable_files_by_name() {
    let temp = tempfile::tempdir().expect("temp");
    let (data, folder) = (temp.path().join("data"), temp.path().join("panel"));
    let ids = create(&data, &folder);
    let at = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+00:00").expect("date");
    let ana = PanelistWriter::join(&folder, "ana-ruiz", at).expect("join");
    let path = ana.submit(0, card(&ids[0], 4)).expect("submit");
    let conflict = panelist_dir(&folder, "ana-ruiz").join("card-0.sync-conflict-20261128-101010-ABCDEFG.ron");
    std::fs::copy(&path, &conflict).expect("copy");
    let half = panelist_dir(&folder, "ana-ruiz").join(card_file_name(1));
    std::fs::write(&half, "CardFile(format: 1, panelist: \"ana-").expect("half");

    let dir = folder.to_str().expect("utf-8");
    let out = panelist(&data, &["panel", "status", dir]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("card-0.sync-conflict-20261128-101010-ABCDEFG.ron is a conflict copy"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("still arriving or damaged: {}", half.display())),
        "{stdout}"
    );
    assert!(stdout.contains("submitted: ana-ruiz"), "{stdout}");
}

#[test]
fn merge_never_overwrites_a_different_session_and_refuses_a_missing_panel() {
    let temp = tempfile::tempdir().expect("temp");
    let (data, folder) = (temp.path().join("data"), temp.path().join("panel"));
    create(&data, &folder);
    let dir = folder.to_str().expect("utf-8");
    let host = std::fs::read_to_string(folder.join("panel.ron")).expect("read");
    let id = host
        .split("panel_id: \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("panel id")
        .to_owned();
    let sessions = data.join("sessions");
    // the merged session, then changed into a different one: other questions
    let out = panelist(&data, &["panel", "merge", dir]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let path = sessions.join(format!("{id}.ron"));
    let changed =
        std::fs::read_to_string(&path)
            .expect("read")
            .replacen("global_id: \"", "global_id: \"other-", 1);
    std::fs::write(&path, &changed).expect("write");
    let out = panelist(&data, &["panel", "merge", dir]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("holds a different session"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), changed);

    let empty = temp.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let out = panelist(&data, &["panel", "status", empty.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("holds no panel.ron"));
}

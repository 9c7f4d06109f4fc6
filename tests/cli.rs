//! The `panelist` binary's commands, run as a user would run them.

use std::path::Path;
use std::process::{Command, Output};

const SAMPLE: &str = include_str!("fixtures/good/sample.ron");

/// Runs the binary with a temporary data folder.
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

#[test]
fn validate_a_good_file() {
    let data = tempfile::tempdir().expect("temp");
    let out = panelist(data.path(), &["validate", "tests/fixtures/good/sample.ron"]);
    assert_eq!(out.status.code(), Some(0), "warnings do not fail validation");
    // guidance for authors: the sample declares a competency without levels and asks
    // leadership questions without an evidence question
    assert_eq!(
        stdout(&out),
        "tests/fixtures/good/sample.ron:9:17: warning: competency \"incident-command\" has no levels: add `levels: Levels(strong_no_hire: …, lean_no_hire: …, hire: …, strong_hire: …)` so scorers know what each score looks like\n\
         tests/fixtures/good/sample.ron:14:5: warning: the bank has Leadership questions but no evidence questions (`style: Evidence`, \"Tell me about a time…\"); real loops ask mostly those\n\
         1 bank, 5 questions, 0 errors, 2 warnings\n"
    );
    let out = panelist(data.path(), &["validate", "tests/fixtures/levels/levels.ron"]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "levels.ron:40:17: warning: question \"outage-call\" has 0 follow-ups (at least 2), 0 strong signals (at least 2), 0 weak signals (at least 2)\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("1 bank, 2 questions, 0 errors, 1 warning\n"),
        "{text}"
    );
}

#[test]
fn validate_reports_every_error_with_its_place_and_exits_1() {
    let data = tempfile::tempdir().expect("temp");
    let bad = data.path().join("bad.ron");
    let text = SAMPLE
        .replacen(
            "\"manager-coaching\", \"delivery-cadence\"",
            "\"manager-coachin\", \"delivery-cadence\"",
            1,
        )
        .replacen("minutes: 3,", "minutes: 0,", 1);
    std::fs::write(&bad, text).expect("write");
    let out = panelist(data.path(), &["validate", bad.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with(&format!(
        "{}:43:28: error: unknown competency \"manager-coachin\"",
        bad.display()
    )));
    assert!(lines[1].starts_with(&format!("{}:67:13: error: minutes must be", bad.display())));
    assert_eq!(lines[2], "1 bank, 0 questions, 2 errors, 0 warnings");
}

#[test]
fn validate_empty_binary_and_truncated_files_without_panicking() {
    let data = tempfile::tempdir().expect("temp");
    let dir = data.path().join("banks");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("empty.ron"), "").expect("write");
    std::fs::write(dir.join("binary.ron"), [0u8, 1, 2, 0xff, 0xfe, 0x80]).expect("write");
    std::fs::write(dir.join("truncated.ron"), &SAMPLE[..SAMPLE.len() / 3]).expect("write");
    std::fs::write(dir.join("good.ron"), SAMPLE).expect("write");
    let out = panelist(data.path(), &["validate", dir.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("empty.ron:1:1: error: the file is empty"), "{text}");
    assert!(
        text.contains("binary.ron:1:4: error: the file is not UTF-8 text"),
        "{text}"
    );
    assert!(text.contains("truncated.ron:"), "{text}");
    assert!(
        text.ends_with("4 banks, 5 questions, 3 errors, 2 warnings\n"),
        "{text}"
    );
    assert!(
        out.stderr.is_empty(),
        "no panic output: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn validate_a_missing_path() {
    let data = tempfile::tempdir().expect("temp");
    let out = panelist(data.path(), &["validate", "no/such/bank.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("no/such/bank.ron: error: cannot read the file:"));
}

#[test]
fn usage_errors_exit_2() {
    let data = tempfile::tempdir().expect("temp");
    assert_eq!(
        panelist(data.path(), &["validate", "--bogus"]).status.code(),
        Some(2)
    );
    assert_eq!(
        panelist(data.path(), &["questions", "--round", "Lunch"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn validate_with_no_path_checks_every_configured_bank() {
    let data = tempfile::tempdir().expect("temp");
    std::fs::create_dir(data.path().join("questions")).expect("mkdir");
    std::fs::write(data.path().join("questions/mine.ron"), SAMPLE).expect("write");
    let out = panelist(data.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let summary = stdout(&out);
    // the shipped banks meet the guidance; the user's copy of the sample does not
    assert!(summary.trim_end().ends_with("0 errors, 1 warning"), "{summary}");
    assert!(
        summary.contains("mine.ron:9:17: warning: competency \"incident-command\" has no levels"),
        "{summary}"
    );
    let banks: usize = summary
        .lines()
        .last()
        .unwrap_or_default()
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("count");
    assert!(banks >= 2, "shipped banks plus the user's: {summary}");
}

#[test]
fn banks_lists_file_id_title_and_counts_per_round() {
    let data = tempfile::tempdir().expect("temp");
    let out = panelist(data.path(), &["--questions", "tests/fixtures/good", "banks"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.contains("sample.ron"))
        .expect("sample listed");
    assert_eq!(
        line,
        "tests/fixtures/good/sample.ron\tsample\tSample bank\t5 questions\tSystemsDesign 1, Leadership 1, OrgDesign 1, ReverseInterview 1, Career 1"
    );
}

#[test]
fn questions_filters_and_json() {
    let data = tempfile::tempdir().expect("temp");
    let args = [
        "--questions",
        "tests/fixtures/good",
        "questions",
        "--competency",
        "incident-command",
    ];
    let out = panelist(data.path(), &args);
    assert_eq!(
        stdout(&out),
        "sample/why-director\tCareer\t5 min\tWhy Director, and why now?\n"
    );
    let out = panelist(
        data.path(),
        &[
            "--questions",
            "tests/fixtures/good",
            "questions",
            "--tag",
            "fixture-ledger",
            "--json",
        ],
    );
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(parsed[0]["id"], "sample/ledger");
    assert_eq!(parsed[0]["round"], "SystemsDesign");
    assert_eq!(parsed.as_array().expect("array").len(), 1);
    let out = panelist(
        data.path(),
        &[
            "--questions",
            "tests/fixtures/good",
            "questions",
            "--round",
            "org-design",
        ],
    );
    assert!(
        stdout(&out)
            .lines()
            .any(|l| l.starts_with("sample/split-team\tOrgDesign"))
    );
    assert!(stdout(&out).lines().all(|l| l.contains("\tOrgDesign\t")));
}

#[test]
fn a_broken_user_bank_is_reported_and_the_rest_still_lists() {
    let data = tempfile::tempdir().expect("temp");
    std::fs::create_dir(data.path().join("questions")).expect("mkdir");
    std::fs::write(data.path().join("questions/broken.ron"), "Bank(format: 1").expect("write");
    let out = panelist(data.path(), &["--questions", "tests/fixtures/good", "questions"]);
    assert!(stdout(&out).contains("sample/ledger"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.ron:1:"));
}

#[test]
fn new_bank_writes_a_starter_that_validates_and_never_overwrites() {
    let data = tempfile::tempdir().expect("temp");
    let file = data.path().join("Team Questions.ron");
    let file_arg = file.to_str().expect("utf-8 path");
    let out = panelist(data.path(), &["new-bank", file_arg]);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(&file).expect("written");
    assert!(text.contains("id: \"team-questions\""));
    assert!(text.starts_with("//"));
    let check = panelist(data.path(), &["validate", file_arg]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));

    std::fs::write(&file, "mine").expect("write");
    let again = panelist(data.path(), &["new-bank", file_arg]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "mine");
}

#[test]
fn questions_json_carries_style_and_levels() {
    let data = tempfile::tempdir().expect("temp");
    let args = ["--questions", "tests/fixtures/levels", "questions", "--json"];
    let out = panelist(data.path(), &args);
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let by_id = |id: &str| {
        parsed
            .as_array()
            .expect("array")
            .iter()
            .find(|q| q["id"] == id)
            .unwrap_or_else(|| panic!("{id} listed"))
            .clone()
    };
    let own = by_id("levels-sample/time-you-reorganised");
    assert_eq!(own["style"], "Evidence");
    // the question's own levels override the built-in ones
    assert_eq!(
        own["levels"]["org-design"]["hire"],
        "States the problem, the options and why this shape won."
    );
    // a built-in competency without levels of its own gets the built-in levels
    let built_in = panelist::bank::built_in_levels("communication").expect("built in");
    assert_eq!(
        own["levels"]["communication"]["strong_hire"],
        built_in.strong_hire.as_str()
    );
    let scenario = by_id("levels-sample/outage-call");
    assert_eq!(scenario["style"], "Scenario");
    // a declared competency's levels
    assert!(
        scenario["levels"]["incident-command"]["strong_hire"]
            .as_str()
            .expect("text")
            .starts_with("Has a rota")
    );
}

#[test]
fn import_writes_a_bank_reports_bad_rows_and_never_overwrites_without_force() {
    let data = tempfile::tempdir().expect("temp");
    let to = data.path().join("mine.ron");
    let to_arg = to.to_str().expect("utf-8");
    let args = ["import", "tests/fixtures/import/messy.csv", "--to", to_arg];
    let out = panelist(data.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "messy.csv:4:1: warning: row skipped: unknown round \"Leadershp\" (did you mean Leadership?)"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("with 2 questions; 2 rows skipped (bank id \"mine\").\n"),
        "{text}"
    );
    let written = std::fs::read_to_string(&to).expect("written");
    let validated = panelist(data.path(), &["validate", to_arg]);
    assert_eq!(validated.status.code(), Some(0), "{}", stdout(&validated));

    // an existing bank is kept unless --force
    let out = panelist(
        data.path(),
        &["import", "tests/fixtures/import/list.md", "--to", to_arg],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --force"));
    assert_eq!(std::fs::read_to_string(&to).expect("kept"), written);
    let out = panelist(
        data.path(),
        &[
            "import",
            "tests/fixtures/import/list.md",
            "--to",
            to_arg,
            "--force",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        std::fs::read_to_string(&to)
            .expect("replaced")
            .contains("notification service")
    );

    // an unknown --round is a usage error
    let out = panelist(
        data.path(),
        &[
            "import",
            "tests/fixtures/import/headings.md",
            "--to",
            to_arg,
            "--force",
            "--round",
            "lunch",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn questions_csv_imports_back_to_the_same_questions() {
    let data = tempfile::tempdir().expect("temp");
    let args = ["--questions", "tests/fixtures/good", "questions", "--csv"];
    let out = panelist(data.path(), &args);
    assert_eq!(out.status.code(), Some(0));
    let sheet = data.path().join("sheet.csv");
    std::fs::write(&sheet, &out.stdout).expect("write");
    let back = data.path().join("back.ron");
    let out = panelist(
        data.path(),
        &[
            "import",
            sheet.to_str().expect("utf-8"),
            "--to",
            back.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let original = panelist::bank::parse_bank("s.ron", SAMPLE.as_bytes())
        .bank
        .expect("sample");
    let text = std::fs::read_to_string(&back).expect("written");
    let imported = panelist::bank::parse_bank("b.ron", text.as_bytes())
        .bank
        .expect("valid");
    let shipped_count = imported.questions.len() - original.questions.len();
    assert_eq!(&imported.questions[shipped_count..], &original.questions[..]);
}

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
        for format in Format::TEXT {
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

/// The keys docs/export.md promises in every object of a JSON export.
const SESSION_KEYS: [&str; 14] = [
    "format",
    "id",
    "created",
    "updated",
    "mode",
    "title",
    "candidate",
    "status",
    "current",
    "ended_early",
    "time_scale",
    "notes",
    "questions",
    "panel",
];
const RECORD_KEYS: [&str; 21] = [
    "global_id",
    "question",
    "state",
    "prep_target_secs",
    "answer_target_secs",
    "phase_target_secs",
    "started_at",
    "finished_at",
    "prep_ms",
    "answer_ms",
    "phase_ms",
    "phase",
    "pauses",
    "paused",
    "scratchpad",
    "follow_ups_shown",
    "self_scores",
    "strong_shown",
    "weak_shown",
    "notes",
    "stories",
];
const QUESTION_KEYS: [&str; 15] = [
    "style",
    "levels",
    "id",
    "round",
    "title",
    "prompt",
    "minutes",
    "prep_minutes",
    "difficulty",
    "competencies",
    "phases",
    "follow_ups",
    "strong_signals",
    "weak_signals",
    "tags",
];
const PANEL_KEYS: [&str; 7] = [
    "panelists",
    "scorecards",
    "notes",
    "revealed",
    "discussion",
    "decision",
    "decision_reason",
];

fn has_keys(value: &serde_json::Value, keys: &[&str], what: &str) {
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object"));
    for key in keys {
        assert!(object.contains_key(*key), "{what} lacks \"{key}\": {value}");
    }
}

#[test]
fn json_always_holds_every_documented_key_even_when_empty() {
    let docs = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/export.md"))
        .expect("docs/export.md");
    for key in SESSION_KEYS
        .iter()
        .chain(&RECORD_KEYS)
        .chain(&QUESTION_KEYS)
        .chain(&PANEL_KEYS)
    {
        assert!(
            docs.contains(&format!("`{key}`")),
            "docs/export.md does not document `{key}`"
        );
    }
    let mut sessions = fixtures();
    // a question with nothing optional: no prep, phases, follow-ups, signals or tags
    let bare = std::sync::Arc::make_mut(&mut sessions[0].questions[0].question);
    bare.prep_minutes = 0;
    bare.phases.clear();
    bare.follow_ups.clear();
    bare.strong_signals.clear();
    bare.weak_signals.clear();
    bare.tags.clear();
    sessions[0].questions[0].strong_shown.clear();
    sessions[0].questions[0].weak_shown.clear();
    let text = render(Format::Json, &[&sessions[0], &sessions[1]], None).expect("json");
    let value: serde_json::Value = serde_json::from_str(&text).expect("parse");
    has_keys(&value, &["format", "kind", "sessions"], "the export");
    let exported = value["sessions"].as_array().expect("sessions");
    assert_eq!(exported.len(), 2);
    for session in exported {
        has_keys(session, &SESSION_KEYS, "a session");
        for record in session["questions"].as_array().expect("questions") {
            has_keys(record, &RECORD_KEYS, "a question record");
            has_keys(&record["question"], &QUESTION_KEYS, "a question");
        }
    }
    assert!(exported[0]["panel"].is_null());
    has_keys(&exported[1]["panel"], &PANEL_KEYS, "a panel");
    let bare = &exported[0]["questions"][0]["question"];
    assert_eq!(bare["prep_minutes"], 0);
    for key in ["phases", "follow_ups", "strong_signals", "weak_signals", "tags"] {
        assert_eq!(bare[key], serde_json::json!([]), "{key}");
    }
    assert_eq!(from_json(&text).expect("back").sessions, sessions);
}

#[test]
fn markdown_keeps_a_scratchpad_with_backticks_byte_identical() {
    let mut sessions = fixtures();
    let scratchpad = "  indented first line\n```\nnot a fence end\n````rust\n`x`";
    sessions[0].questions[0].scratchpad = scratchpad.to_owned();
    let md = render(Format::Markdown, &[&sessions[0]], None).expect("md");
    let fenced = format!("\n`````text\n{scratchpad}\n`````\n");
    assert!(md.contains(&fenced), "{md}");
}

#[test]
fn csv_neutralises_spreadsheet_formulas_in_user_text() {
    let mut sessions = fixtures();
    let panel = sessions[1].panel.as_mut().expect("panel");
    panel.panelists[0].name = "=HYPERLINK(\"http://evil.example\",\"x\")".to_owned();
    panel.panelists[1].name = "@SUM(A1:A9)".to_owned();
    let text = render(Format::Csv, &[&sessions[1]], None).expect("csv");
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("rows");
    let scorers: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.get(6).expect("scorer")).collect();
    assert!(
        scorers.contains("'=HYPERLINK(\"http://evil.example\",\"x\")"),
        "{scorers:?}"
    );
    assert!(scorers.contains("'@SUM(A1:A9)"), "{scorers:?}");
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell}");
        }
    }
}

#[test]
fn html_renders_prompts_and_notes_as_markdown() {
    let sessions = fixtures();
    let html = render(Format::Html, &[&sessions[0]], None).expect("html");
    assert!(
        html.contains("<p>A payments company needs a <strong>ledger</strong>.</p>"),
        "{html}"
    );
    assert!(
        html.contains("<li>2,000 transfers a second at peak</li>"),
        "{html}"
    );
    assert!(!html.contains("- 2,000"), "the prompt's list is a list, not text");
    assert!(
        html.contains("<p>Then draw the <em>write</em> path.</p>"),
        "{html}"
    );
}

#[test]
fn html_shows_hostile_user_markdown_as_text() {
    let mut sessions = fixtures();
    sessions[0].notes = "<script>alert('notes')</script>\n\n[click](javascript:alert(1)) \
        [also](JAVASCRIPT&colon;alert(2)) <img src=x onerror=alert(3)> <a href=\"javascript:x\">a</a>"
        .to_owned();
    std::sync::Arc::make_mut(&mut sessions[0].questions[0].question).prompt =
        "<iframe src=\"https://evil.example\"></iframe>\n\n![x](https://evil.example/t.png)".to_owned();
    sessions[0].questions[0].notes = "</div></section><style>body{display:none}</style>".to_owned();
    let html = render(Format::Html, &[&sessions[0]], None).expect("html");
    let lower = html.to_ascii_lowercase();
    // markup would need a real tag or a quoted attribute; escaped text shows `&quot;`
    for injected in [
        "<script",
        "<img",
        "<iframe",
        "<a ",
        "href=\"",
        "src=\"",
        "<style>body",
    ] {
        assert!(!lower.contains(injected), "{injected} got through:\n{html}");
    }
    assert!(
        html.contains("&lt;script&gt;alert(&#39;notes&#39;)&lt;/script&gt;")
            || html.contains("&lt;script&gt;alert('notes')&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("&lt;iframe"), "{html}");
    assert_eq!(
        html.matches("<section").count(),
        html.matches("</section>").count()
    );
}

#[test]
fn the_same_id_twice_is_exported_once() {
    let sessions = fixtures();
    let twice = Selection {
        ids: vec![
            "20260107-180000-c3d4".to_owned(),
            "20260105-090000-0a1b".to_owned(),
            "20260107-180000-c3d4".to_owned(),
        ],
        ..Selection::default()
    };
    let chosen = twice.apply(&sessions).expect("chosen");
    let ids: Vec<&str> = chosen.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["20260107-180000-c3d4", "20260105-090000-0a1b"]);
}

#[test]
fn an_empty_selection_renders_an_empty_export_in_every_format() {
    let csv = render(Format::Csv, &[], None).expect("csv");
    assert_eq!(csv, format!("{}\n", CSV_HEADER.join(",")));
    let json = from_json(&render(Format::Json, &[], None).expect("json")).expect("parse");
    assert!(json.sessions.is_empty());
    let md = render(Format::Markdown, &[], None).expect("md");
    assert!(
        md.starts_with("# Panelist sessions\n\nNo sessions matched"),
        "{md}"
    );
    let html = render(Format::Html, &[], None).expect("html");
    assert!(html.contains("<title>Panelist sessions (0)</title>"));
    assert!(html.contains("No sessions matched"));
    assert!(html.ends_with("</html>\n"));
}

#[test]
fn writing_never_creates_folders_nor_replaces_a_folder() {
    let dir = tempfile::tempdir().expect("temp");
    let missing = dir.path().join("missing/deeper/out.md");
    let err = write_export(&missing, "x", true).expect_err("no folder");
    assert!(err.to_string().contains("there is no folder"), "{err}");
    assert!(
        err.to_string()
            .contains(&dir.path().join("missing/deeper").display().to_string())
    );
    assert!(!dir.path().join("missing").exists(), "the folder was created");
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).expect("mkdir");
    for overwrite in [false, true] {
        let err = write_export(&folder, "x", overwrite).expect_err("a folder");
        assert!(err.to_string().contains("is a folder"), "{err}");
        assert!(folder.is_dir());
    }
}

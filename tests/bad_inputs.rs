//! Bad input (issue 15): banks with many problems, files that are not banks at all, and
//! session files cut short. The list is capped per file, and each message says what is
//! wrong and where.

mod common;

use panelist::bank::generate::generated;
use panelist::bank::{BankSource, Catalog, MAX_BANK_BYTES, parse_bank, to_ron};

/// A generated bank of `n` questions, each with `minutes: 0` (one problem each).
fn bank_with_zero_minutes(n: usize) -> String {
    let mut bank = generated("broken", n, 3);
    for question in &mut bank.questions {
        question.minutes = 0;
        question.phases.clear();
    }
    to_ron(&bank)
}

#[test]
fn a_bank_with_a_thousand_problems_lists_the_first_200_and_counts_the_rest() {
    let text = bank_with_zero_minutes(1_000);
    let parsed = parse_bank("t.ron", text.as_bytes());
    assert!(parsed.bank.is_none());
    assert_eq!(
        parsed.problems.len(),
        201,
        "200 listed and one that counts the rest"
    );
    for problem in &parsed.problems[..200] {
        assert!(
            problem.message.starts_with("minutes must be 1..=180, not 0"),
            "{problem}"
        );
        assert!(problem.line.is_some() && problem.col.is_some(), "{problem}");
    }
    // listed in file order: the first 200 questions
    assert!(
        parsed.problems[0].message.ends_with("\"q00000\""),
        "{}",
        parsed.problems[0]
    );
    assert!(
        parsed.problems[199].message.ends_with("\"q00199\""),
        "{}",
        parsed.problems[199]
    );
    assert_eq!(
        parsed.problems[200].to_string(),
        "t.ron: error: and 800 more problems (only the first 200 of a file are listed)"
    );
}

#[test]
fn repeated_ids_are_capped_and_each_names_the_first_definition() {
    let mut bank = generated("dups", 500, 5);
    for question in &mut bank.questions {
        question.id = "same".to_owned();
    }
    let text = to_ron(&bank);
    let parsed = parse_bank("t.ron", text.as_bytes());
    assert_eq!(parsed.problems.len(), 201);
    let first = &parsed.problems[0];
    assert!(
        first
            .message
            .starts_with("duplicate question id \"same\" (first defined at t.ron:"),
        "{first}"
    );
    let first_place = first.message.clone();
    assert!(parsed.problems[..200].iter().all(|p| p.message == first_place));
    assert_eq!(
        parsed.problems[200].message,
        "and 299 more problems (only the first 200 of a file are listed)"
    );
}

#[test]
fn repeated_problems_in_one_question_are_counted_once_past_the_cap() {
    // 250 questions with two empty phase names each: one problem per question, listed or not
    let mut bank = generated("phases", 250, 9);
    for question in &mut bank.questions {
        question.minutes = 4;
        question.phases = vec![
            panelist::bank::Phase {
                name: " ".to_owned(),
                minutes: 2,
            },
            panelist::bank::Phase {
                name: String::new(),
                minutes: 2,
            },
        ];
    }
    let parsed = parse_bank("t.ron", to_ron(&bank).as_bytes());
    assert_eq!(
        parsed.problems[200].message,
        "and 50 more problems (only the first 200 of a file are listed)"
    );
}

#[test]
fn a_bank_whose_questions_do_not_parse_is_capped_too() {
    let text = bank_with_zero_minutes(300).replace("minutes: 0,", "minutes: \"zero\",");
    let parsed = parse_bank("t.ron", text.as_bytes());
    assert_eq!(parsed.problems.len(), 201);
    assert!(parsed.problems[..200].iter().all(|p| p.line.is_some()));
    assert!(parsed.problems[200].message.starts_with("and 100 more problems"));
}

#[test]
fn the_size_refusal_names_line_1_column_1() {
    let bytes = vec![b' '; MAX_BANK_BYTES + 1];
    let parsed = parse_bank("huge.ron", &bytes);
    assert_eq!(
        parsed.problems[0].to_string(),
        "huge.ron:1:1: error: the file is 16.0 MB; a bank may be at most 16 MB"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("huge.ron");
    std::fs::File::create(&file)
        .expect("create")
        .set_len(MAX_BANK_BYTES as u64 + 1)
        .expect("grow");
    let catalog = Catalog::load(&[BankSource::File(file.clone())]);
    assert_eq!(
        catalog.problems[0].to_string(),
        format!(
            "{}:1:1: error: the file is 16.0 MB; a bank may be at most 16 MB",
            file.display()
        )
    );
}

#[test]
fn one_bad_byte_is_invalid_utf8_at_its_place_not_a_binary_file() {
    let mut bytes = common::SAMPLE.as_bytes().to_vec();
    let at = common::SAMPLE.find("Bank(").expect("sample starts a bank");
    let line = 1 + common::SAMPLE[..at].matches('\n').count();
    // replace the `a` of `Bank(` with a Latin-1 byte
    bytes[at + 1] = 0xE9;
    let parsed = parse_bank("t.ron", &bytes);
    assert_eq!(
        parsed.problems[0].to_string(),
        format!("t.ron:{line}:2: error: invalid UTF-8 (byte 0xE9); save the file as UTF-8 text")
    );
    // a file with NUL bytes is still called binary
    let binary = [0x7f, b'E', b'L', b'F', 0xff, 0xfe, 0];
    assert_eq!(
        parse_bank("t.ron", &binary).problems[0].to_string(),
        "t.ron:1:5: error: the file is not UTF-8 text (is it a binary file?)"
    );
}

#[test]
fn no_warning_of_an_empty_bank_when_its_only_question_has_an_error() {
    let text = r#"Bank(format: 1, id: "one", title: "One", questions: [
    Question(id: "q", round: Leadership, title: "T", prompt: "P", minutes: "ten", competencies: ["hiring"]),
])"#;
    let problems: Vec<String> = parse_bank("t.ron", text.as_bytes())
        .problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].starts_with("t.ron:2:"), "{problems:#?}");
    assert!(!problems[0].contains("no questions"), "{problems:#?}");
}

#[test]
fn a_session_file_cut_short_is_reported_as_cut_short_at_its_end() {
    use panelist::paths::DataDir;
    use panelist::store::{LoadIssue, SessionStore};
    let data = tempfile::tempdir().expect("temp dir");
    let store = SessionStore::new(DataDir::new(data.path()));
    let session = common::sample_session("20260101-090000-cut", &["ledger"]);
    store.save(&session).expect("save");
    let path = store.path_of(&session.id);
    let text = std::fs::read_to_string(&path).expect("read");
    // cut after `id: "…",` and the start of the next field name
    let cut = text.find("created").expect("a created field") + 3;
    std::fs::write(&path, &text[..cut]).expect("cut");
    let line = text[..cut].lines().count();

    let loaded = store.load_all();
    let [LoadIssue::Quarantined { reason, .. }] = loaded.issues.as_slice() else {
        panic!("{:#?}", loaded.issues)
    };
    assert!(!reason.contains("Expected"), "{reason}");
    assert!(
        reason.ends_with(&format!(
            ":{line}:6: the file looks cut short: it ends part-way through (was it copied or saved only in part?)"
        )),
        "{reason}"
    );
}

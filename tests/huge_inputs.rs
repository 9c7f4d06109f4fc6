//! Huge inputs are refused with a clear size error, without reading them whole.

mod common;

use panelist::bank::{BankSource, Catalog, parse_bank};
use panelist::paths::DataDir;
use panelist::store::{LoadIssue, SessionStore};

const FIFTY_MB: u64 = 50 * 1024 * 1024;

#[test]
fn a_50_mb_bank_file_is_refused_with_a_size_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("huge.ron");
    // sparse: 50 MB long, nothing written, so the test is instant
    std::fs::File::create(&file)
        .expect("create")
        .set_len(FIFTY_MB)
        .expect("grow");
    let catalog = Catalog::load(&[BankSource::File(file.clone())]);
    assert!(catalog.banks.is_empty());
    assert_eq!(catalog.error_count(), 1);
    let problem = catalog.problems[0].to_string();
    assert!(problem.contains(&file.display().to_string()), "{problem}");
    assert!(
        problem.contains("the file is 50.0 MB; a bank may be at most 16 MB"),
        "{problem}"
    );
}

#[test]
fn a_50_mb_bank_given_as_bytes_is_refused_before_parsing() {
    let bytes = vec![b' '; FIFTY_MB as usize];
    let parsed = parse_bank("huge.ron", &bytes);
    assert!(parsed.bank.is_none());
    assert_eq!(parsed.problems.len(), 1);
    assert!(parsed.problems[0].message.contains("a bank may be at most 16 MB"));
}

#[test]
fn a_1_mb_prompt_is_refused_with_its_size() {
    let prompt = "word ".repeat(1024 * 1024 / 5 + 1);
    let from = "prompt: \"Ask the VP how many engineers and EMs would report to you.\"";
    assert!(common::SAMPLE.contains(from));
    let text = common::SAMPLE.replace(from, &format!("prompt: \"{prompt}\""));
    let parsed = parse_bank("big-prompt.ron", text.as_bytes());
    assert!(parsed.bank.is_none());
    assert_eq!(parsed.problems.len(), 1, "{:#?}", parsed.problems);
    let message = &parsed.problems[0].message;
    assert!(
        message.contains("is 1024 KB; a prompt may be at most 64 KB"),
        "{message}"
    );
    assert!(parsed.problems[0].line.is_some(), "the prompt is located");
}

#[test]
fn a_50_mb_session_file_is_quarantined_unread_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SessionStore::new(DataDir::new(dir.path()));
    let good = common::sample_session("good", &["ledger"]);
    store.save(&good).expect("save");
    let huge = dir.path().join("sessions/huge.ron");
    std::fs::File::create(&huge)
        .expect("create")
        .set_len(FIFTY_MB)
        .expect("grow");
    let loaded = store.load_all();
    assert_eq!(loaded.sessions, vec![good]);
    let [
        LoadIssue::Quarantined {
            original,
            reason,
            moved_to,
        },
    ] = loaded.issues.as_slice()
    else {
        panic!("{:#?}", loaded.issues)
    };
    assert_eq!(original, &huge);
    assert!(
        reason.contains("52428800 bytes; a session file is at most"),
        "{reason}"
    );
    assert_eq!(std::fs::metadata(moved_to).expect("moved").len(), FIFTY_MB);
}

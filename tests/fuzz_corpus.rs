//! The fuzzers' regression corpus, run as a test: every file under tests/fuzz_corpus/ goes
//! to both the bank parser and the session loader, and neither may panic.
//! (The fuzzers themselves live in fuzz/ and are run by hand: docs/reliability.md.)

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use panelist::bank::parse_bank;
use panelist::store::{session_from_ron, session_to_ron};

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus");
    let mut files = Vec::new();
    for folder in ["bank", "session"] {
        for entry in std::fs::read_dir(root.join(folder)).expect("corpus folder") {
            files.push(entry.expect("entry").path());
        }
    }
    files.sort();
    files
}

/// The same checks the fuzz targets make.
fn check(bytes: &[u8]) {
    let parsed = parse_bank("corpus.ron", bytes);
    if parsed.bank.is_some() {
        assert!(!parsed.problems.iter().any(|p| p.is_error()));
    }
    for problem in &parsed.problems {
        let _ = problem.to_string();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let path = Path::new("corpus.ron");
        if let Ok(session) = session_from_ron(path, text) {
            let again = session_to_ron(&session).expect("encode a loaded session");
            let back = session_from_ron(path, &again).expect("reload a saved session");
            assert_eq!(back, session);
        }
    }
}

#[test]
fn every_corpus_file_goes_through_both_loaders_without_a_panic() {
    let files = corpus_files();
    assert!(files.len() >= 20, "the corpus has only {} files", files.len());
    let panicked: Vec<String> = files
        .iter()
        .filter(|file| {
            let bytes = std::fs::read(file).expect("read");
            catch_unwind(AssertUnwindSafe(|| check(&bytes))).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(panicked.is_empty(), "panicked on: {panicked:#?}");
}

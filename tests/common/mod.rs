//! Shared test helpers: fixture sessions in temporary data folders.
#![allow(dead_code)]

use panelist::bank::{BankSource, Catalog};
use panelist::session::{FakeClock, Mode, Session};

pub const SAMPLE: &str = include_str!("../fixtures/good/sample.ron");

/// The sample bank loaded alone.
pub fn sample_catalog() -> Catalog {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("sample.ron");
    std::fs::write(&file, SAMPLE).expect("write");
    Catalog::load(&[BankSource::File(file)])
}

/// A session over the given sample questions, not started.
pub fn sample_session(id: &str, question_ids: &[&str]) -> Session {
    let catalog = sample_catalog();
    let clock = FakeClock::fixed();
    use panelist::session::Clock;
    let questions = question_ids
        .iter()
        .map(|q| {
            let found = catalog.question(&format!("sample/{q}")).expect("question");
            (found.global_id(), found.question.clone())
        })
        .collect();
    Session::new(
        id.to_owned(),
        clock.wall(),
        Mode::Solo,
        "Test round".to_owned(),
        1.0,
        questions,
    )
}

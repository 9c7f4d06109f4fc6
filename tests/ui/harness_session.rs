//! Sessions built directly, for tests that start from a saved state.

use panelist::bank::{BankSource, Catalog};
use panelist::session::{Clock, FakeClock, Mode, Session};

pub fn two_question_session(clock: &FakeClock) -> Session {
    let catalog = Catalog::load(&[BankSource::File(
        crate::harness::fixture_banks().join("sample.ron"),
    )]);
    let questions = ["sample/ledger", "sample/slipping-em"]
        .iter()
        .map(|id| {
            let q = catalog.question(id).expect("question");
            (q.global_id(), q.question.clone())
        })
        .collect();
    let mut session = Session::new(
        "20260105-090000-0001".to_owned(),
        clock.wall(),
        Mode::Solo,
        "Leadership drill".to_owned(),
        1.0,
        questions,
    );
    // the ledger question has prep time: start straight in the answer for this test
    session.questions[0].prep_target_secs = 0;
    session
}

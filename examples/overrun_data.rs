//! Writes a data folder holding one interrupted systems design answer that has run over
//! its time, so the resume offer and the overrun clock can be seen (and screenshotted):
//! `cargo run --release --example overrun_data -- FOLDER`

use panelist::bank::{BankSource, Catalog, Round};
use panelist::paths::DataDir;
use panelist::session::{Clock, FakeClock, Mode, Runner, Session, SessionEdit, SystemClock, new_session_id};
use panelist::store::SessionStore;

fn main() -> anyhow::Result<()> {
    let Some(folder) = std::env::args().nth(1) else {
        anyhow::bail!("usage: overrun_data FOLDER");
    };
    let catalog = Catalog::load(&BankSource::shipped());
    let question = catalog
        .questions()
        .find(|q| q.question.round == Round::SystemsDesign && q.question.phases.len() >= 4)
        .ok_or_else(|| anyhow::anyhow!("no systems design question with phases is shipped"))?;
    let now = SystemClock::default().wall();
    let clock = FakeClock::new(now);
    let session = Session::new(
        new_session_id(now, u64::from(std::process::id())),
        now,
        Mode::Solo,
        "Custom round".to_owned(),
        1.0,
        vec![(question.global_id(), question.question.clone())],
    );
    let mut runner = Runner::new(session, clock.clone());
    runner.start_current();
    runner.start_answer();
    // walk through the phases, each a little over its budget, the last one well over
    let budgets = runner
        .current()
        .map(|r| r.phase_target_secs.clone())
        .unwrap_or_default();
    for (i, budget) in budgets.iter().enumerate() {
        let over = if i + 1 == budgets.len() { 83 } else { 20 };
        clock.advance_secs(u64::from(*budget) + over);
        runner.next_phase();
    }
    runner.edit(&SessionEdit::Scratchpad {
        question: question.global_id(),
        text:
            "Clarify: tenants, retention, budget\nEstimate: 40k events/s peak\nDesign: sampling at the edge"
                .to_owned(),
    })?;
    runner.pause();
    let session = runner.into_session();
    SessionStore::new(DataDir::new(&folder)).save(&session)?;
    println!("{folder}: one interrupted answer to {}", question.global_id());
    Ok(())
}

//! Writes a data folder for performance measurements:
//! `cargo run --release --example perf_data -- FOLDER [SESSIONS] [QUESTIONS]`
//! (default 1,000 generated sessions and no generated bank).

#[path = "../benches/support/mod.rs"]
mod support;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(folder) = args.next() else {
        anyhow::bail!("usage: perf_data FOLDER [SESSIONS] [QUESTIONS]");
    };
    let sessions: usize = args.next().map_or(Ok(1_000), |a| a.parse())?;
    let questions: usize = args.next().map_or(Ok(0), |a| a.parse())?;
    support::write_data_folder(std::path::Path::new(&folder), sessions, questions)?;
    println!("{folder}: {sessions} sessions, {questions} generated questions");
    Ok(())
}

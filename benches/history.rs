//! Loading the history (100 and 1,000 generated sessions), and computing progress and the
//! review schedule over 1,000 sessions.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use panelist::paths::DataDir;
use panelist::store::SessionStore;

mod support;
use support::generated_sessions;

fn load_history(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_history");
    group.sample_size(10);
    for n in [100, 1_000] {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SessionStore::new(DataDir::new(dir.path()));
        for session in generated_sessions(n) {
            store.save(&session).expect("save");
        }
        group.bench_with_input(BenchmarkId::from_parameter(n), &store, |b, store| {
            b.iter(|| {
                let loaded = store.load_all();
                assert_eq!(loaded.sessions.len(), n);
                loaded
            })
        });
    }
    group.finish();
}

fn progress_and_schedule(c: &mut Criterion) {
    let catalog = panelist::bank::Catalog::load(&panelist::bank::BankSource::shipped());
    let mut group = c.benchmark_group("insights");
    group.sample_size(10);
    for n in [100, 1_000] {
        let sessions = generated_sessions(n);
        group.bench_with_input(BenchmarkId::new("progress", n), &sessions, |b, sessions| {
            b.iter(|| panelist::history::Progress::compute(sessions, &catalog))
        });
        group.bench_with_input(
            BenchmarkId::new("review_schedule", n),
            &sessions,
            |b, sessions| b.iter(|| panelist::history::Schedule::compute(sessions).expect("schedule")),
        );
    }
    group.finish();
}

criterion_group!(benches, load_history, progress_and_schedule);
criterion_main!(benches);

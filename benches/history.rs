//! Loading the history: 100 and 1,000 generated sessions from a data folder.

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

criterion_group!(benches, load_history);
criterion_main!(benches);

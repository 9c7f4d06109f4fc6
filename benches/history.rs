//! Loading the history: 100 and 1,000 generated sessions from a data folder.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use panelist::bank::{BankSource, Catalog};
use panelist::paths::DataDir;
use panelist::session::{Clock, FakeClock, Mode, Score, Session};
use panelist::store::SessionStore;

/// `n` finished sessions of three scored questions each, spread over the weeks before the clock's start.
pub fn generated_sessions(n: usize) -> Vec<Session> {
    let catalog = Catalog::load(&BankSource::shipped());
    let questions: Vec<_> = catalog
        .questions()
        .map(|q| (q.global_id(), q.question.clone()))
        .collect();
    let clock = FakeClock::fixed();
    (0..n)
        .map(|i| {
            let picks = (0..3)
                .map(|k| questions[(i * 7 + k * 13) % questions.len()].clone())
                .collect();
            let when = clock.wall() - chrono::Duration::hours(6 * i as i64);
            let id = format!("{}-{i:04x}", when.format("%Y%m%d-%H%M%S"));
            let mut session = Session::new(id, when, Mode::Solo, "Generated".to_owned(), 1.0, picks);
            for (k, record) in session.questions.iter_mut().enumerate() {
                record.state = panelist::session::QuestionState::Answered;
                record.answer_ms =
                    u64::from(record.answer_target_secs) * 1000 + (i as u64 * 9_000 + k as u64) % 200_000;
                for c in record.question.competencies.clone() {
                    record
                        .self_scores
                        .insert(c, Score::new(((i + k) % 4 + 1) as u8).unwrap_or(Score::ALL[2]));
                }
                record.notes = "Lead with the decision, then the evidence.".to_owned();
            }
            session.status = panelist::session::Status::Finished;
            session
        })
        .collect()
}

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

//! Exporting 1,000 sessions to each format.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use panelist::bank::{BankSource, Catalog};
use panelist::export::{Format, render};

mod support;
use support::generated_sessions;

fn export_formats(c: &mut Criterion) {
    let catalog = Catalog::load(&BankSource::shipped());
    let sessions = generated_sessions(1_000);
    let refs: Vec<_> = sessions.iter().collect();
    let mut group = c.benchmark_group("export_1000_sessions");
    group.sample_size(10);
    for format in Format::ALL {
        group.bench_with_input(
            BenchmarkId::from_parameter(format.extension()),
            &format,
            |b, format| b.iter(|| render(*format, &refs, Some(&catalog)).expect("renders")),
        );
    }
    group.finish();
}

criterion_group!(benches, export_formats);
criterion_main!(benches);

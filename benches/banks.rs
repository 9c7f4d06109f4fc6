//! Loading and validating banks of 100, 1,000 and 10,000 generated questions:
//! `parse_bank` on the text, and `Catalog::load` reading the file from disk; and importing
//! a spreadsheet of as many rows (`import_questions` on CSV text).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use panelist::bank::{
    BankSource, Catalog, generate::generated, generate::generated_bank, import_questions, parse_bank,
    questions_csv,
};

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_bank");
    group.sample_size(10);
    for n in SIZES {
        let text = generated_bank("generated", n, 7);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| {
                let parsed = parse_bank("generated.ron", text.as_bytes());
                assert!(parsed.problems.is_empty());
                parsed
            })
        });
    }
    group.finish();
}

fn catalog_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("catalog_load");
    group.sample_size(10);
    for n in SIZES {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("generated.ron");
        std::fs::write(&file, generated_bank("generated", n, 7)).expect("write bank");
        let sources = vec![BankSource::File(file)];
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &sources, |b, sources| {
            b.iter(|| {
                let catalog = Catalog::load(sources);
                assert_eq!(catalog.question_count(), n);
                catalog
            })
        });
    }
    group.finish();
}

fn import_csv(c: &mut Criterion) {
    let mut group = c.benchmark_group("import_csv");
    group.sample_size(10);
    for n in SIZES {
        let bank = generated("generated", n, 7);
        let csv = questions_csv(bank.questions.iter());
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &csv, |b, csv| {
            b.iter(|| {
                let imported =
                    import_questions("generated.csv", csv.as_bytes(), "generated", "Generated", None)
                        .expect("imports");
                assert_eq!(imported.bank.questions.len(), n);
                imported
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse, catalog_load, import_csv);
criterion_main!(benches);

//! Loading and validating banks of 100, 1,000 and 10,000 generated questions:
//! `parse_bank` on the text, and `Catalog::load` reading the file from disk; importing a
//! spreadsheet of as many rows (`import_questions` on CSV text); and validating banks with
//! 1,000, 10,000 and 60,000 problems (the error path, issue 15).

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

/// A compact bank of `n` questions, each with one problem: `minutes: 0`, or (with
/// `repeat_id`) an id the first question already has. 60,000 of them fit under the 16 MB cap.
fn bank_with_problems(n: usize, repeat_id: bool) -> String {
    let mut text = String::from("Bank(format: 1, id: \"broken\", title: \"Broken\", questions: [\n");
    for i in 0..n {
        let (id, minutes) = if repeat_id {
            ("same".to_owned(), 5)
        } else {
            (format!("q{i}"), 0)
        };
        text.push_str(&format!(
            "  Question(id: \"{id}\", round: Leadership, title: \"Question {i}\", prompt: \"Why?\", minutes: {minutes}, competencies: [\"org-design\"]),\n"
        ));
    }
    if repeat_id {
        // the first is not a repeat: n questions, n - 1 problems, plus one valid question
        text.push_str("  Question(id: \"last\", round: Leadership, title: \"Last\", prompt: \"Why?\", minutes: 5, competencies: [\"org-design\"]),\n");
    }
    text.push_str("])\n");
    text
}

fn problems(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_bank_with_problems");
    group.sample_size(10);
    for (kind, repeat_id) in [("zero_minutes", false), ("repeated_id", true)] {
        for n in [1_000, 10_000, 60_000] {
            let text = bank_with_problems(n + usize::from(repeat_id), repeat_id);
            assert!(text.len() < panelist::bank::MAX_BANK_BYTES);
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new(kind, n), &text, |b, text| {
                b.iter(|| {
                    let parsed = parse_bank("broken.ron", text.as_bytes());
                    assert_eq!(parsed.problems.len(), 201, "200 listed, and the rest counted");
                    parsed
                })
            });
        }
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

criterion_group!(benches, parse, catalog_load, problems, import_csv);
criterion_main!(benches);

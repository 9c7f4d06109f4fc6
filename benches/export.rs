//! Exporting 1,000 sessions to each text format (questions from the shipped banks, or
//! from the folder `PANELIST_BENCH_BANKS` names), a 20-session PDF report, and a board of
//! 2,000 elements as SVG.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use panelist::bank::{BankSource, Catalog};
use panelist::board::svg::board_svg;
use panelist::export::document::Options;
use panelist::export::{Format, Paper, pdf, render};

mod support;
use support::{generated_sessions, generated_sessions_with_boards, large_board};

fn export_formats(c: &mut Criterion) {
    let catalog = support::bench_catalog();
    let sessions = generated_sessions(1_000);
    let refs: Vec<_> = sessions.iter().collect();
    let mut group = c.benchmark_group("export_1000_sessions");
    group.sample_size(10);
    for format in Format::TEXT {
        group.bench_with_input(
            BenchmarkId::from_parameter(format.extension()),
            &format,
            |b, format| b.iter(|| render(*format, &refs, Some(&catalog)).expect("renders")),
        );
    }
    group.finish();
}

/// The report a mentor would get: 20 sessions of three questions, each with a board of 40
/// elements, and the progress charts.
fn pdf_report(c: &mut Criterion) {
    let catalog = Catalog::load(&BankSource::shipped());
    let sessions = generated_sessions_with_boards(20, 40);
    let refs: Vec<_> = sessions.iter().collect();
    let mut group = c.benchmark_group("pdf_report");
    group.sample_size(10);
    group.bench_function("20_sessions", |b| {
        b.iter(|| pdf(&refs, Some(&catalog), Paper::A4, Options::default()).expect("a report"))
    });
    group.finish();
}

fn board_to_svg(c: &mut Criterion) {
    let board = large_board(2_000);
    assert_eq!(board.elements().len(), 2_000);
    c.bench_function("board_svg_2000_elements", |b| {
        b.iter(|| board_svg(&board, "Bench"))
    });
}

criterion_group!(benches, export_formats, pdf_report, board_to_svg);
criterion_main!(benches);

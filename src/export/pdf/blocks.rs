//! The export document's blocks laid out on pages.

use super::draw::{self, CHART_HEIGHT, Place};
use super::fonts::{FontKind, metrics};
use super::layout::{Flow, Op, Rgb, Seg, Span, break_lines, palette, rect};
use super::user_markdown;
use crate::export::document::{Block, ImageSource, Inline, ListItem, SectionKind};

const BODY: f32 = 10.0;
const LEADING: f32 = 14.0;
const SMALL: f32 = 8.5;
const BULLET_INDENT: f32 = 14.0;
const QUOTE_INDENT: f32 = 12.0;
/// The tallest a board is drawn, as a share of the page's content height.
const BOARD_MAX_SHARE: f32 = 0.6;
/// The largest a board is drawn: 1 board unit to this many points.
const BOARD_MAX_SCALE: f32 = 0.75;

/// Lays out `blocks`.
pub fn layout(flow: &mut Flow, blocks: &[Block]) {
    for (i, block) in blocks.iter().enumerate() {
        // A heading over a board goes to the board's page, not alone at the foot of the last.
        if let (
            Block::Heading { level, .. },
            Some(Block::Image {
                source: ImageSource::Board { board, .. },
                ..
            }),
        ) = (block, blocks.get(i + 1))
        {
            let (size, before, after) = heading_sizes(*level);
            flow.ensure(before + size * 1.3 + after + board_size(flow, board).2.1 + 4.0);
        }
        block_ops(flow, block);
    }
}

fn block_ops(flow: &mut Flow, block: &Block) {
    match block {
        Block::Heading { level, text } => heading(flow, *level, text),
        Block::Paragraph(text) => {
            flow.text(&spans(text, palette::INK), BODY, LEADING, None);
            flow.gap(5.0);
        }
        Block::Meta(text) => {
            flow.text(&spans(text, palette::MUTED), SMALL, SMALL * 1.4, None);
            flow.gap(5.0);
        }
        Block::List(items) => {
            list(flow, items, 0);
            flow.gap(5.0);
        }
        Block::Table { header, rows } => {
            table(flow, header, rows);
            flow.gap(8.0);
        }
        Block::Quote(inner) => quote(flow, inner),
        Block::Code { text, .. } => code(flow, text),
        Block::UserMarkdown(source) => layout(flow, &user_markdown::blocks(source)),
        Block::Image { alt, source } => match source {
            ImageSource::Board { board, .. } => board_block(flow, board),
            ImageSource::Svg(_) | ImageSource::File(_) => {
                flow.text(
                    &[Span::new(
                        format!("[Drawing: {alt}]"),
                        FontKind::Regular,
                        palette::MUTED,
                    )],
                    BODY,
                    LEADING,
                    None,
                );
            }
        },
        Block::Chart(chart) => charts(flow, chart),
        Block::Rule => {
            flow.gap(4.0);
            let (x, w, y) = (flow.left(), flow.width(), flow.y);
            flow.push(line(x, y, x + w, y, palette::RULE, 0.6));
            flow.y += 8.0;
        }
        Block::PageBreak => {
            if !flow.at_top() {
                flow.new_page();
            }
        }
        Block::Section { kind, blocks } => {
            let mark = flow.mark();
            let was_at_top = flow.at_top();
            layout(flow, blocks);
            // A question that ran onto the next page starts on a fresh page instead, when
            // it did not already start at the top of one.
            if *kind == SectionKind::Question && flow.spilled_since(mark) && !was_at_top {
                flow.rewind(mark);
                flow.new_page();
                layout(flow, blocks);
            }
        }
    }
}

fn line(x1: f32, y1: f32, x2: f32, y2: f32, colour: Rgb, width: f32) -> Op {
    Op::Path {
        segs: vec![Seg::Move(x1, y1), Seg::Line(x2, y2)],
        fill: None,
        stroke: Some((colour, width)),
    }
}

/// Inline content as styled spans; `colour` is the text's.
pub fn spans(content: &[Inline], colour: Rgb) -> Vec<Span> {
    let mut out = Vec::new();
    push_spans(&mut out, content, FontKind::Regular, colour);
    out
}

fn push_spans(out: &mut Vec<Span>, content: &[Inline], font: FontKind, colour: Rgb) {
    for inline in content {
        match inline {
            Inline::Text(text) => out.push(Span::new(text.clone(), font, colour)),
            Inline::Strong(inner) => push_spans(out, inner, FontKind::Bold, colour),
            // The report has no italic face: emphasis is set in the muted colour.
            Inline::Emphasis(inner) => push_spans(out, inner, font, palette::MUTED),
            Inline::Code(code) => out.push(Span::new(code.clone(), FontKind::Mono, colour)),
            Inline::Link { text, url } => {
                push_spans(out, text, font, palette::LINE);
                let shown: String = text.iter().map(plain).collect();
                if shown.trim() != url.trim() {
                    out.push(Span::new(format!(" ({})", url.trim()), font, palette::MUTED));
                }
            }
            Inline::Warning(inner) => push_spans(out, inner, font, palette::WARNING),
        }
    }
}

fn plain(inline: &Inline) -> String {
    match inline {
        Inline::Text(t) | Inline::Code(t) => t.clone(),
        Inline::Strong(inner) | Inline::Emphasis(inner) | Inline::Warning(inner) => {
            inner.iter().map(plain).collect()
        }
        Inline::Link { text, .. } => text.iter().map(plain).collect(),
    }
}

/// A heading's font size, and the space before and after it.
fn heading_sizes(level: u8) -> (f32, f32, f32) {
    match level {
        1 => (17.0, 6.0, 8.0),
        2 => (13.5, 12.0, 5.0),
        3 => (11.0, 8.0, 3.0),
        _ => (10.0, 6.0, 2.0),
    }
}

fn heading(flow: &mut Flow, level: u8, text: &[Inline]) {
    let (size, before, after) = heading_sizes(level);
    let leading = size * 1.3;
    flow.gap(before);
    // A heading stays with at least three lines of what follows.
    flow.ensure(leading + 3.0 * LEADING);
    let spans: Vec<Span> = spans(text, palette::INK)
        .into_iter()
        .map(|mut s| {
            if s.font == FontKind::Regular {
                s.font = FontKind::Bold;
            }
            s
        })
        .collect();
    flow.text(&spans, size, leading, None);
    if level == 1 {
        let (x, w, y) = (flow.left(), flow.width(), flow.y + 1.0);
        flow.push(line(x, y, x + w, y, palette::INK, 1.2));
        flow.y += 3.0;
    }
    flow.y += after;
}

fn list(flow: &mut Flow, items: &[ListItem], depth: usize) {
    flow.indent += BULLET_INDENT;
    for item in items {
        let marker = if depth == 0 { "•" } else { "–" };
        flow.text(
            &spans(&item.text, palette::INK),
            BODY,
            LEADING,
            Some((marker, 10.0)),
        );
        if !item.children.is_empty() {
            list(flow, &item.children, depth + 1);
        }
    }
    flow.indent -= BULLET_INDENT;
}

fn quote(flow: &mut Flow, inner: &[Block]) {
    let start = (flow.page(), flow.y);
    flow.indent += QUOTE_INDENT;
    layout(flow, inner);
    flow.indent -= QUOTE_INDENT;
    // The bar beside the quote, on each page it runs over.
    let x = flow.left() + 3.0;
    let (top, bottom) = (flow.frame.top(), flow.frame.bottom());
    let end = (flow.page(), flow.y);
    for page in start.0..=end.0 {
        let y1 = if page == start.0 { start.1 } else { top };
        let y2 = if page == end.0 { end.1 - 4.0 } else { bottom };
        if y2 > y1
            && let Some(ops) = flow.pages.get_mut(page)
        {
            ops.push(line(x, y1, x, y2, palette::RULE, 2.5));
        }
    }
    flow.gap(3.0);
}

fn code(flow: &mut Flow, text: &str) {
    let size = 8.5;
    let leading = 11.5;
    for raw in text.lines() {
        let pieces = if raw.trim().is_empty() {
            vec![Vec::new()]
        } else {
            // Keep the line's indentation: leading spaces become a shift to the right.
            let indent = raw.len() - raw.trim_start().len();
            let shift = metrics().width(FontKind::Mono, size, &raw[..indent]);
            let width = (flow.width() - 8.0 - shift).max(40.0);
            break_lines(
                &[Span::new(raw.trim_start(), FontKind::Mono, palette::INK)],
                size,
                width,
            )
            .into_iter()
            .map(|l| l.into_iter().map(|(x, s)| (x + shift, s)).collect())
            .collect()
        };
        for pieces in pieces {
            flow.ensure(leading);
            let (x, w, y) = (flow.left(), flow.width(), flow.y);
            flow.push(Op::Path {
                segs: rect(x, y, w, leading),
                fill: Some(palette::SHADE),
                stroke: None,
            });
            for (dx, span) in pieces {
                flow.push(Op::Text {
                    x: x + 4.0 + dx,
                    y: y + leading * 0.75,
                    font: span.font,
                    size,
                    colour: span.colour,
                    text: span.text,
                });
            }
            flow.y += leading;
        }
    }
    flow.gap(6.0);
}

fn table(flow: &mut Flow, header: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) {
    let columns = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if columns == 0 {
        return;
    }
    let size = 9.0;
    let leading = 12.0;
    let pad = 4.0;
    let available = flow.width();
    // Natural widths, then shared out: no column gets more than it needs while another
    // needs more.
    let natural: Vec<f32> = (0..columns)
        .map(|c| {
            std::iter::once(header.get(c))
                .chain(rows.iter().map(|r| r.get(c)))
                .flatten()
                .map(|cell| {
                    spans(cell, palette::INK)
                        .iter()
                        .map(|s| metrics().width(FontKind::Bold, size, &s.text))
                        .sum::<f32>()
                })
                .fold(0.0, f32::max)
                + 2.0 * pad
                + 1.0
        })
        .collect();
    let widths = share(&natural, available);
    let row_ops = |flow: &mut Flow, cells: &[Vec<Inline>], bold: bool| {
        let wrapped: Vec<Vec<super::layout::Line>> = (0..columns)
            .map(|c| {
                let mut s = cells
                    .get(c)
                    .map(|cell| spans(cell, palette::INK))
                    .unwrap_or_default();
                if bold {
                    s.iter_mut().for_each(|s| s.font = FontKind::Bold);
                }
                break_lines(&s, size, widths[c] - 2.0 * pad)
            })
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * leading + 2.0 * pad;
        flow.ensure(height);
        let (mut x, y) = (flow.left(), flow.y);
        for (c, cell) in wrapped.into_iter().enumerate() {
            flow.push(Op::Path {
                segs: rect(x, y, widths[c], height),
                fill: bold.then_some(palette::SHADE),
                stroke: Some((palette::RULE, 0.5)),
            });
            for (i, line) in cell.into_iter().enumerate() {
                for (dx, span) in line {
                    flow.push(Op::Text {
                        x: x + pad + dx,
                        y: y + pad + (i as f32 + 0.78) * leading,
                        font: span.font,
                        size,
                        colour: span.colour,
                        text: span.text,
                    });
                }
            }
            x += widths[c];
        }
        flow.y += height;
    };
    if !header.is_empty() {
        row_ops(flow, header, true);
    }
    for row in rows {
        row_ops(flow, row, false);
    }
}

/// Column widths within `available`: natural widths when they fit, else each column its
/// fair share or less, and what is left over to the columns that want more.
fn share(natural: &[f32], available: f32) -> Vec<f32> {
    let total: f32 = natural.iter().sum();
    if total <= available {
        return natural.to_vec();
    }
    let fair = available / natural.len() as f32;
    let mut widths: Vec<f32> = natural.iter().map(|n| n.min(fair)).collect();
    let left = available - widths.iter().sum::<f32>();
    let wanting: f32 = natural.iter().zip(&widths).map(|(n, w)| n - w).sum();
    if wanting > 0.0 {
        for (w, n) in widths.iter_mut().zip(natural) {
            *w += (n - *w) / wanting * left;
        }
    }
    widths
}

/// The board's area, its scale on the page, and its size there.
fn board_size(flow: &Flow, board: &crate::board::Board) -> (crate::board::Rect, f32, (f32, f32)) {
    let area = draw::board_area(board);
    let max_height = (flow.frame.bottom() - flow.frame.top()) * BOARD_MAX_SHARE;
    let scale = (flow.width() / area.w)
        .min(max_height / area.h)
        .min(BOARD_MAX_SCALE);
    (area, scale, (area.w * scale, area.h * scale))
}

fn board_block(flow: &mut Flow, board: &crate::board::Board) {
    let (area, scale, size) = board_size(flow, board);
    flow.ensure(size.1 + 4.0);
    let place = Place {
        x: flow.left(),
        y: flow.y,
        scale,
        origin: [area.x, area.y],
    };
    if let Some(ops) = flow.pages.last_mut() {
        draw::board(ops, board, place, size);
    }
    flow.y += size.1 + 2.0;
    let caption = board.describe();
    flow.text(
        &[Span::new(caption, FontKind::Regular, palette::MUTED)],
        SMALL,
        SMALL * 1.4,
        None,
    );
    flow.gap(6.0);
}

fn charts(flow: &mut Flow, chart: &crate::export::document::ProgressChart) {
    let gap = 16.0;
    let width = (flow.width() - gap) / 2.0;
    flow.ensure(14.0);
    let y = flow.y + 9.0;
    let x = flow.left();
    if let Some(ops) = flow.pages.last_mut() {
        draw::chart_legend(ops, x, y);
    }
    flow.y += 16.0;
    for pair in (0..chart.lines.len()).collect::<Vec<_>>().chunks(2) {
        flow.ensure(CHART_HEIGHT);
        let (x, y) = (flow.left(), flow.y);
        if let Some(ops) = flow.pages.last_mut() {
            for (i, line) in pair.iter().enumerate() {
                draw::chart(ops, chart, *line, x + i as f32 * (width + gap), y, width);
            }
        }
        flow.y += CHART_HEIGHT;
    }
    // The figures behind the lines, one row per competency (a column per session would not
    // fit twenty sessions on a page).
    let header: Vec<Vec<Inline>> = ["Competency", "Sessions scored", "First", "Latest", "Panel mean"]
        .iter()
        .map(|h| vec![Inline::Text((*h).to_owned())])
        .collect();
    let rows: Vec<Vec<Vec<Inline>>> = chart
        .lines
        .iter()
        .map(|line| {
            let own: Vec<f32> = line.self_scores.iter().flatten().copied().collect();
            let panel: Vec<f32> = line.panel_scores.iter().flatten().copied().collect();
            let figure = |v: Option<&f32>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
            let panel_mean = (!panel.is_empty()).then(|| panel.iter().sum::<f32>() / panel.len() as f32);
            [
                line.competency.clone(),
                own.len().to_string(),
                figure(own.first()),
                figure(own.last()),
                figure(panel_mean.as_ref()),
            ]
            .into_iter()
            .map(|cell| vec![Inline::Text(cell)])
            .collect()
        })
        .collect();
    flow.gap(4.0);
    table(flow, &header, &rows);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_share_the_width_fairly() {
        assert_eq!(share(&[10.0, 20.0], 100.0), vec![10.0, 20.0]);
        let widths = share(&[10.0, 300.0, 300.0], 200.0);
        assert!((widths.iter().sum::<f32>() - 200.0).abs() < 0.01, "{widths:?}");
        assert_eq!(widths[0], 10.0);
        assert!((widths[1] - widths[2]).abs() < 0.01);
    }
}

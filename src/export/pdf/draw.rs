//! Drawings in the report as vector paths and real text: a whiteboard, drawn from its
//! model like the SVG export, and the progress chart.

use super::fonts::{FontKind, metrics};
use super::layout::{Op, Rgb, Seg, ellipse, palette, rect, rounded};
use crate::board::{Board, Element, NodeKind, Rect, Shape};
use crate::export::document::ProgressChart;

/// Board label size in board units (the SVG export's).
const BOARD_FONT: f32 = 14.0;
/// Room around the board's content, in board units.
const BOARD_MARGIN: f32 = 20.0;

/// Maps board units to page points.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub x: f32,
    pub y: f32,
    pub scale: f32,
    /// The board point drawn at (x, y).
    pub origin: [f32; 2],
}

impl Place {
    fn at(&self, p: [f32; 2]) -> (f32, f32) {
        (
            self.x + (p[0] - self.origin[0]) * self.scale,
            self.y + (p[1] - self.origin[1]) * self.scale,
        )
    }

    fn len(&self, v: f32) -> f32 {
        v * self.scale
    }
}

/// The board's area with its margin, in board units.
pub fn board_area(board: &Board) -> Rect {
    let area = board.bounds().unwrap_or(Rect::new(0.0, 0.0, 200.0, 100.0));
    Rect::new(
        area.x - BOARD_MARGIN,
        area.y - BOARD_MARGIN,
        area.w + 2.0 * BOARD_MARGIN,
        area.h + 2.0 * BOARD_MARGIN,
    )
}

/// The board's drawing ops, placed by `place`, with a frame of `size` points.
pub fn board(ops: &mut Vec<Op>, board: &Board, place: Place, size: (f32, f32)) {
    ops.push(Op::Path {
        segs: rect(place.x, place.y, size.0, size.1),
        fill: Some(palette::PAPER),
        stroke: Some((palette::RULE, 0.5)),
    });
    for element in board.elements() {
        element_ops(ops, board, element, place);
    }
}

fn element_ops(ops: &mut Vec<Op>, board: &Board, element: &Element, place: Place) {
    let line = place.len(1.5).max(0.4);
    match &element.shape {
        Shape::Node { node, rect: r } => node_ops(ops, node, r, &element.label, place),
        Shape::Connector { .. } => {
            let Some((a, b)) = board.connector_line(element) else {
                return;
            };
            let (ax, ay) = place.at(a);
            let (bx, by) = place.at(b);
            ops.push(Op::Path {
                segs: vec![Seg::Move(ax, ay), Seg::Line(bx, by)],
                fill: None,
                stroke: Some((palette::LINE, place.len(2.0).max(0.5))),
            });
            arrow_head(ops, (ax, ay), (bx, by), place.len(10.0).max(3.0));
            if !element.label.is_empty() {
                let (mx, my) = ((ax + bx) / 2.0, (ay + by) / 2.0);
                let size = place.len(BOARD_FONT).max(4.0);
                let width = label_width(&element.label, size) + size * 0.6;
                let height = size * 1.4 * element.label.lines().count().max(1) as f32;
                ops.push(Op::Path {
                    segs: rect(mx - width / 2.0, my - height / 2.0, width, height),
                    fill: Some(palette::PAPER),
                    stroke: None,
                });
                label(ops, (mx, my), &element.label, size, palette::MUTED);
            }
        }
        Shape::Stroke { points } => {
            let mut segs = Vec::with_capacity(points.len());
            for (i, p) in points.iter().enumerate() {
                let (x, y) = place.at(*p);
                segs.push(if i == 0 { Seg::Move(x, y) } else { Seg::Line(x, y) });
            }
            if segs.len() > 1 {
                ops.push(Op::Path {
                    segs,
                    fill: None,
                    stroke: Some((palette::INK, line)),
                });
            }
        }
    }
}

fn arrow_head(ops: &mut Vec<Op>, from: (f32, f32), to: (f32, f32), size: f32) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = (dx * dx + dy * dy).sqrt();
    if length < 0.01 {
        return;
    }
    let (ux, uy) = (dx / length, dy / length);
    let back = (to.0 - ux * size, to.1 - uy * size);
    let (px, py) = (-uy * size * 0.45, ux * size * 0.45);
    ops.push(Op::Path {
        segs: vec![
            Seg::Move(to.0, to.1),
            Seg::Line(back.0 + px, back.1 + py),
            Seg::Line(back.0 - px, back.1 - py),
            Seg::Close,
        ],
        fill: Some(palette::LINE),
        stroke: None,
    });
}

fn node_ops(ops: &mut Vec<Op>, node: &NodeKind, r: &Rect, text: &str, place: Place) {
    let (x, y) = place.at([r.x, r.y]);
    let (w, h) = (place.len(r.w), place.len(r.h));
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    let stroke = Some((palette::LINE, place.len(1.5).max(0.4)));
    let size = place.len(BOARD_FONT).max(4.0);
    let shape = |ops: &mut Vec<Op>, segs: Vec<Seg>, fill: Rgb| {
        ops.push(Op::Path {
            segs,
            fill: Some(fill),
            stroke,
        });
    };
    match node {
        NodeKind::Service => {
            shape(ops, rounded(x, y, w, h, place.len(6.0)), palette::SERVICE);
            label(ops, (cx, cy), text, size, palette::INK);
        }
        NodeKind::Database => {
            let ry = (h * 0.12).min(place.len(14.0));
            let (top, bottom) = (y + ry, y + h - ry);
            let k = 0.552_284_8;
            let rx = w / 2.0;
            shape(
                ops,
                vec![
                    Seg::Move(x, top),
                    Seg::Line(x, bottom),
                    Seg::Cubic(x, bottom + ry * k, cx - rx * k, bottom + ry, cx, bottom + ry),
                    Seg::Cubic(cx + rx * k, bottom + ry, x + w, bottom + ry * k, x + w, bottom),
                    Seg::Line(x + w, top),
                    Seg::Close,
                ],
                palette::DATABASE,
            );
            shape(ops, ellipse(cx, top, rx, ry), palette::DATABASE);
            label(ops, (cx, cy + ry / 2.0), text, size, palette::INK);
        }
        NodeKind::Queue => {
            shape(ops, rounded(x, y, w, h, place.len(2.0)), palette::QUEUE);
            for i in 1..4 {
                let lx = x + w - place.len(10.0) * i as f32;
                ops.push(Op::Path {
                    segs: vec![Seg::Move(lx, y), Seg::Line(lx, y + h)],
                    fill: None,
                    stroke: Some((palette::LINE, place.len(1.0).max(0.3))),
                });
            }
            label(ops, (cx - place.len(15.0), cy), text, size, palette::INK);
        }
        NodeKind::External => {
            shape(ops, rounded(x, y, w, h, w.min(h) / 2.0), palette::EXTERNAL);
            label(ops, (cx, cy), text, size, palette::INK);
        }
        NodeKind::Client => {
            let head = (w.min(h) * 0.18).max(place.len(4.0));
            shape(
                ops,
                ellipse(cx, y + head + place.len(2.0), head, head),
                palette::CLIENT,
            );
            let shoulders = y + 2.0 * head + place.len(6.0);
            shape(
                ops,
                vec![
                    Seg::Move(cx - head * 1.6, shoulders + head * 1.4),
                    Seg::Quad(
                        cx,
                        shoulders - head * 1.2,
                        cx + head * 1.6,
                        shoulders + head * 1.4,
                    ),
                    Seg::Close,
                ],
                palette::CLIENT,
            );
            label(ops, (cx, y + h - size * 0.5), text, size, palette::INK);
        }
        NodeKind::Team { em, headcount } => {
            shape(ops, rounded(x, y, w, h, place.len(6.0)), palette::TEAM);
            label(ops, (cx, y + h * 0.28), text, size, palette::INK);
            if !em.is_empty() {
                label(
                    ops,
                    (cx, y + h * 0.55),
                    &format!("EM: {em}"),
                    size,
                    palette::MUTED,
                );
            }
            let people = if *headcount == 1 {
                "1 person".to_owned()
            } else {
                format!("{headcount} people")
            };
            label(ops, (cx, y + h * 0.8), &people, size, palette::MUTED);
        }
        NodeKind::Text => label(ops, (cx, cy), text, size, palette::INK),
    }
}

fn label_width(text: &str, size: f32) -> f32 {
    text.lines()
        .map(|l| metrics().width(FontKind::Regular, size, l))
        .fold(0.0, f32::max)
}

/// Lines of text centred on `centre`.
fn label(ops: &mut Vec<Op>, centre: (f32, f32), text: &str, size: f32, colour: Rgb) {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let leading = size * 1.2;
    let first = centre.1 - (lines.len() as f32 - 1.0) * leading / 2.0 + size * 0.35;
    for (i, line) in lines.iter().enumerate() {
        let width = metrics().width(FontKind::Regular, size, line);
        ops.push(Op::Text {
            x: centre.0 - width / 2.0,
            y: first + i as f32 * leading,
            font: FontKind::Regular,
            size,
            colour,
            text: (*line).to_owned(),
        });
    }
}

/// The height of one competency's chart, title included.
pub const CHART_HEIGHT: f32 = 130.0;

/// One competency's chart in the box at (x, y) of `width` × [`CHART_HEIGHT`].
pub fn chart(ops: &mut Vec<Op>, chart: &ProgressChart, line: usize, x: f32, y: f32, width: f32) {
    let Some(series) = chart.lines.get(line) else {
        return;
    };
    let text = |ops: &mut Vec<Op>, x: f32, y: f32, font: FontKind, size: f32, colour: Rgb, s: &str| {
        ops.push(Op::Text {
            x,
            y,
            font,
            size,
            colour,
            text: s.to_owned(),
        });
    };
    text(
        ops,
        x,
        y + 9.0,
        FontKind::Bold,
        9.0,
        palette::INK,
        &series.competency,
    );
    let (left, top) = (x + 18.0, y + 18.0);
    let (w, h) = (width - 24.0, CHART_HEIGHT - 44.0);
    let y_of = |score: f32| top + h - (score - 1.0) / 3.0 * h;
    for level in 1..=4 {
        let ly = y_of(level as f32);
        ops.push(Op::Path {
            segs: vec![Seg::Move(left, ly), Seg::Line(left + w, ly)],
            fill: None,
            stroke: Some((palette::RULE, 0.4)),
        });
        text(
            ops,
            x + 6.0,
            ly + 2.5,
            FontKind::Regular,
            7.0,
            palette::MUTED,
            &level.to_string(),
        );
    }
    let slots = chart.sessions.len();
    let x_of = |slot: usize| {
        if slots <= 1 {
            left + w / 2.0
        } else {
            left + 6.0 + slot as f32 / (slots - 1) as f32 * (w - 12.0)
        }
    };
    for (scores, colour, square) in [
        (&series.self_scores, palette::LINE, false),
        (&series.panel_scores, palette::PANEL, true),
    ] {
        let points: Vec<(f32, f32)> = scores
            .iter()
            .enumerate()
            .filter_map(|(slot, s)| s.map(|s| (x_of(slot), y_of(s))))
            .collect();
        if points.len() > 1 {
            let segs = points
                .iter()
                .enumerate()
                .map(|(i, &(px, py))| {
                    if i == 0 {
                        Seg::Move(px, py)
                    } else {
                        Seg::Line(px, py)
                    }
                })
                .collect();
            ops.push(Op::Path {
                segs,
                fill: None,
                stroke: Some((colour, 1.2)),
            });
        }
        for (px, py) in points {
            let segs = if square {
                rect(px - 2.2, py - 2.2, 4.4, 4.4)
            } else {
                ellipse(px, py, 2.4, 2.4)
            };
            ops.push(Op::Path {
                segs,
                fill: Some(colour),
                stroke: None,
            });
        }
    }
    let axis_y = top + h + 11.0;
    if let Some(first) = chart.sessions.first() {
        text(ops, left, axis_y, FontKind::Regular, 7.0, palette::MUTED, first);
    }
    if slots > 1
        && let Some(last) = chart.sessions.last()
    {
        let width = metrics().width(FontKind::Regular, 7.0, last);
        text(
            ops,
            left + w - width,
            axis_y,
            FontKind::Regular,
            7.0,
            palette::MUTED,
            last,
        );
    }
}

/// The legend under the charts: what the dots and squares are.
pub fn chart_legend(ops: &mut Vec<Op>, x: f32, y: f32) {
    ops.push(Op::Path {
        segs: ellipse(x + 3.0, y - 3.0, 2.4, 2.4),
        fill: Some(palette::LINE),
        stroke: None,
    });
    let self_text = "Self-assessment";
    ops.push(Op::Text {
        x: x + 9.0,
        y,
        font: FontKind::Regular,
        size: 8.0,
        colour: palette::INK,
        text: self_text.to_owned(),
    });
    let next = x + 9.0 + metrics().width(FontKind::Regular, 8.0, self_text) + 16.0;
    ops.push(Op::Path {
        segs: rect(next, y - 5.2, 4.4, 4.4),
        fill: Some(palette::PANEL),
        stroke: None,
    });
    ops.push(Op::Text {
        x: next + 9.0,
        y,
        font: FontKind::Regular,
        size: 8.0,
        colour: palette::INK,
        text: "Panel mean".to_owned(),
    });
}

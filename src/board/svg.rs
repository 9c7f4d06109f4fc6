//! A board as a standalone SVG, written from the model (no window, no renderer).
//!
//! Colours come from a fixed light palette so exports print well whatever theme the app
//! uses. Every element is a `<g>` with `id="element-N"` and a `class` naming its kind,
//! so tools (and tests) can find it; all text is escaped.

use std::fmt::Write;

use super::{Board, Element, NodeKind, Rect, Shape};

/// The light palette exports use.
struct Palette;

impl Palette {
    const INK: &'static str = "#1f2328";
    const MUTED: &'static str = "#59636e";
    const LINE: &'static str = "#1c5ec4";
    const PAPER: &'static str = "#ffffff";
    const SERVICE: &'static str = "#eef4fd";
    const DATABASE: &'static str = "#fdf3e1";
    const QUEUE: &'static str = "#f1ecfb";
    const EXTERNAL: &'static str = "#f2f4f6";
    const CLIENT: &'static str = "#e8f5ec";
    const TEAM: &'static str = "#fcefee";
}

const MARGIN: f32 = 20.0;
const FONT: f32 = 14.0;

/// The board as an SVG document.
pub fn board_svg(board: &Board, title: &str) -> String {
    let area = board.bounds().unwrap_or(Rect::new(0.0, 0.0, 200.0, 100.0));
    let (x, y) = (area.x - MARGIN, area.y - MARGIN);
    let (w, h) = (area.w + 2.0 * MARGIN, area.h + 2.0 * MARGIN);
    let mut out = String::with_capacity(256 + board.elements().len() * 320);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} {} {} {}" width="{}" height="{}" font-family="sans-serif" font-size="{FONT}">"#,
        n(x),
        n(y),
        n(w),
        n(h),
        n(w),
        n(h)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(title));
    let _ = writeln!(out, "<desc>{}</desc>", escape(&board.describe()));
    let _ = writeln!(
        out,
        r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{}"/></marker></defs>"#,
        Palette::LINE
    );
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
        n(x),
        n(y),
        n(w),
        n(h),
        Palette::PAPER
    );
    for element in board.elements() {
        element_svg(&mut out, board, element);
    }
    out.push_str("</svg>\n");
    out
}

fn element_svg(out: &mut String, board: &Board, element: &Element) {
    let id = element.id;
    match &element.shape {
        Shape::Node { node, rect } => {
            let class = match node {
                NodeKind::Service => "service",
                NodeKind::Database => "database",
                NodeKind::Queue => "queue",
                NodeKind::External => "external",
                NodeKind::Client => "client",
                NodeKind::Team { .. } => "team",
                NodeKind::Text => "text",
            };
            let _ = writeln!(out, r#"<g id="element-{id}" class="{class}">"#);
            node_svg(out, node, rect, &element.label);
            out.push_str("</g>\n");
        }
        Shape::Connector { .. } => {
            let Some((a, b)) = board.connector_line(element) else {
                return;
            };
            let _ = writeln!(out, r#"<g id="element-{id}" class="arrow">"#);
            let _ = writeln!(
                out,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" marker-end="url(#arrow)"/>"#,
                n(a[0]),
                n(a[1]),
                n(b[0]),
                n(b[1]),
                Palette::LINE
            );
            if !element.label.is_empty() {
                let (mx, my) = ((a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0);
                let width = text_width(&element.label) + 8.0;
                let _ = writeln!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                    n(mx - width / 2.0),
                    n(my - FONT * 0.7),
                    n(width),
                    n(FONT * 1.4),
                    Palette::PAPER
                );
                text(out, mx, my, &element.label, Palette::MUTED);
            }
            out.push_str("</g>\n");
        }
        Shape::Stroke { points } => {
            let mut list = String::new();
            for p in points {
                let _ = write!(list, "{},{} ", n(p[0]), n(p[1]));
            }
            let _ = writeln!(
                out,
                r#"<g id="element-{id}" class="pen"><polyline points="{}" fill="none" stroke="{}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></g>"#,
                list.trim_end(),
                Palette::INK
            );
        }
    }
}

fn node_svg(out: &mut String, node: &NodeKind, r: &Rect, label: &str) {
    let [cx, cy] = r.centre();
    let box_with = |out: &mut String, fill: &str, radius: f32| {
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}" stroke="{}" stroke-width="1.5"/>"#,
            n(r.x),
            n(r.y),
            n(r.w),
            n(r.h),
            n(radius),
            Palette::LINE
        );
    };
    match node {
        NodeKind::Service => {
            box_with(out, Palette::SERVICE, 6.0);
            text(out, cx, cy, label, Palette::INK);
        }
        NodeKind::Database => {
            let ry = (r.h * 0.12).min(14.0);
            let _ = writeln!(
                out,
                r#"<path d="M {x} {top} A {rx} {ry} 0 0 0 {right} {top} L {right} {bottom} A {rx} {ry} 0 0 1 {x} {bottom} Z" fill="{}" stroke="{}" stroke-width="1.5"/>"#,
                Palette::DATABASE,
                Palette::LINE,
                x = n(r.x),
                right = n(r.right()),
                top = n(r.y + ry),
                bottom = n(r.bottom() - ry),
                rx = n(r.w / 2.0),
                ry = n(ry),
            );
            let _ = writeln!(
                out,
                r#"<ellipse cx="{}" cy="{}" rx="{}" ry="{}" fill="{}" stroke="{}" stroke-width="1.5"/>"#,
                n(cx),
                n(r.y + ry),
                n(r.w / 2.0),
                n(ry),
                Palette::DATABASE,
                Palette::LINE
            );
            text(out, cx, cy + ry / 2.0, label, Palette::INK);
        }
        NodeKind::Queue => {
            box_with(out, Palette::QUEUE, 2.0);
            for i in 1..4 {
                let x = r.right() - 10.0 * i as f32;
                let _ = writeln!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>"#,
                    n(x),
                    n(r.y),
                    n(x),
                    n(r.bottom()),
                    Palette::LINE
                );
            }
            text(out, cx - 15.0, cy, label, Palette::INK);
        }
        NodeKind::External => {
            box_with(out, Palette::EXTERNAL, r.h.min(r.w) / 2.0);
            text(out, cx, cy, label, Palette::INK);
        }
        NodeKind::Client => {
            let head = (r.w.min(r.h) * 0.18).max(4.0);
            let _ = writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="1.5"/>"#,
                n(cx),
                n(r.y + head + 2.0),
                n(head),
                Palette::CLIENT,
                Palette::LINE
            );
            let shoulders = r.y + 2.0 * head + 6.0;
            let _ = writeln!(
                out,
                r#"<path d="M {} {} Q {} {} {} {} Z" fill="{}" stroke="{}" stroke-width="1.5"/>"#,
                n(cx - head * 1.6),
                n(shoulders + head * 1.4),
                n(cx),
                n(shoulders - head * 1.2),
                n(cx + head * 1.6),
                n(shoulders + head * 1.4),
                Palette::CLIENT,
                Palette::LINE
            );
            text(out, cx, r.bottom() - FONT * 0.5, label, Palette::INK);
        }
        NodeKind::Team { em, headcount } => {
            box_with(out, Palette::TEAM, 6.0);
            text(out, cx, r.y + r.h * 0.28, label, Palette::INK);
            if !em.is_empty() {
                text(out, cx, r.y + r.h * 0.55, &format!("EM: {em}"), Palette::MUTED);
            }
            let people = if *headcount == 1 {
                "1 person".to_owned()
            } else {
                format!("{headcount} people")
            };
            text(out, cx, r.y + r.h * 0.8, &people, Palette::MUTED);
        }
        NodeKind::Text => text(out, cx, cy, label, Palette::INK),
    }
}

/// Centred text; each line of `label` is a `<tspan>`.
fn text(out: &mut String, x: f32, y: f32, label: &str, fill: &str) {
    if label.is_empty() {
        return;
    }
    let lines: Vec<&str> = label.lines().collect();
    let first = y - (lines.len() as f32 - 1.0) * FONT * 0.6;
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" fill="{fill}" text-anchor="middle" dominant-baseline="central">"#,
        n(x),
        n(first)
    );
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { FONT * 1.2 };
        let _ = write!(
            out,
            r#"<tspan x="{}" dy="{}">{}</tspan>"#,
            n(x),
            n(dy),
            escape(line)
        );
    }
    out.push_str("</text>\n");
}

/// A rough width for a line of text, for the label's background.
fn text_width(label: &str) -> f32 {
    label.lines().map(|l| l.chars().count()).max().unwrap_or(0) as f32 * FONT * 0.55
}

/// A number with at most one decimal, without a trailing `.0`.
fn n(value: f32) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// Text made safe for XML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

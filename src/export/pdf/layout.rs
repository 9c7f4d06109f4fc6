//! Page layout: text flowed into lines and pages as a display list of [`Op`]s, with no
//! PDF in it (the writer in `mod.rs` turns ops into PDF). Coordinates are points from the
//! page's top left corner, y downwards; a text op's y is its baseline.

use super::fonts::{FontKind, metrics};

/// An sRGB colour.
pub type Rgb = (u8, u8, u8);

/// The report's print palette (the SVG export's, so boards look alike in both).
pub mod palette {
    use super::Rgb;
    pub const INK: Rgb = (0x1f, 0x23, 0x28);
    pub const MUTED: Rgb = (0x59, 0x63, 0x6e);
    pub const LINE: Rgb = (0x1c, 0x5e, 0xc4);
    pub const RULE: Rgb = (0xbb, 0xbb, 0xbb);
    pub const SHADE: Rgb = (0xf3, 0xf4, 0xf6);
    pub const WARNING: Rgb = (0xa4, 0x00, 0x1d);
    pub const PANEL: Rgb = (0xc2, 0x5e, 0x00);
    pub const PAPER: Rgb = (0xff, 0xff, 0xff);
    pub const SERVICE: Rgb = (0xee, 0xf4, 0xfd);
    pub const DATABASE: Rgb = (0xfd, 0xf3, 0xe1);
    pub const QUEUE: Rgb = (0xf1, 0xec, 0xfb);
    pub const EXTERNAL: Rgb = (0xf2, 0xf4, 0xf6);
    pub const CLIENT: Rgb = (0xe8, 0xf5, 0xec);
    pub const TEAM: Rgb = (0xfc, 0xef, 0xee);
}

/// One step of a path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Seg {
    Move(f32, f32),
    Line(f32, f32),
    Quad(f32, f32, f32, f32),
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        font: FontKind,
        size: f32,
        colour: Rgb,
        text: String,
    },
    Path {
        segs: Vec<Seg>,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
}

/// A rectangle as a path.
pub fn rect(x: f32, y: f32, w: f32, h: f32) -> Vec<Seg> {
    vec![
        Seg::Move(x, y),
        Seg::Line(x + w, y),
        Seg::Line(x + w, y + h),
        Seg::Line(x, y + h),
        Seg::Close,
    ]
}

/// A rectangle with rounded corners of radius `r`.
pub fn rounded(x: f32, y: f32, w: f32, h: f32, r: f32) -> Vec<Seg> {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    // Control point distance for a quarter circle.
    let k = r * 0.552_284_8;
    let (right, bottom) = (x + w, y + h);
    vec![
        Seg::Move(x + r, y),
        Seg::Line(right - r, y),
        Seg::Cubic(right - r + k, y, right, y + r - k, right, y + r),
        Seg::Line(right, bottom - r),
        Seg::Cubic(right, bottom - r + k, right - r + k, bottom, right - r, bottom),
        Seg::Line(x + r, bottom),
        Seg::Cubic(x + r - k, bottom, x, bottom - r + k, x, bottom - r),
        Seg::Line(x, y + r),
        Seg::Cubic(x, y + r - k, x + r - k, y, x + r, y),
        Seg::Close,
    ]
}

/// An ellipse centred on (cx, cy).
pub fn ellipse(cx: f32, cy: f32, rx: f32, ry: f32) -> Vec<Seg> {
    let (kx, ky) = (rx * 0.552_284_8, ry * 0.552_284_8);
    vec![
        Seg::Move(cx + rx, cy),
        Seg::Cubic(cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry),
        Seg::Cubic(cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy),
        Seg::Cubic(cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry),
        Seg::Cubic(cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy),
        Seg::Close,
    ]
}

/// A styled run of text before line breaking.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub font: FontKind,
    pub colour: Rgb,
}

impl Span {
    pub fn new(text: impl Into<String>, font: FontKind, colour: Rgb) -> Self {
        Self {
            text: text.into(),
            font,
            colour,
        }
    }
}

/// A word (or a piece of one too long for a line) and whether a space precedes it.
#[derive(Debug, Clone)]
struct Word {
    text: String,
    font: FontKind,
    colour: Rgb,
    space_before: bool,
    width: f32,
}

/// A laid-out line: runs with their x offsets from the line's start.
pub type Line = Vec<(f32, Span)>;

/// Breaks `spans` into lines no wider than `width` at `size` points.
pub fn break_lines(spans: &[Span], size: f32, width: f32) -> Vec<Line> {
    let m = metrics();
    let mut words: Vec<Word> = Vec::new();
    let mut pending_space = false;
    for span in spans {
        let mut rest = span.text.as_str();
        while !rest.is_empty() {
            let trimmed = rest.trim_start();
            if trimmed.len() != rest.len() {
                pending_space = true;
            }
            if trimmed.is_empty() {
                break;
            }
            let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
            let word = &trimmed[..end];
            for piece in split_to_width(word, span.font, size, width) {
                words.push(Word {
                    width: m.width(span.font, size, &piece),
                    text: piece,
                    font: span.font,
                    colour: span.colour,
                    space_before: pending_space,
                });
                pending_space = false;
            }
            rest = &trimmed[end..];
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut line: Line = Vec::new();
    let mut x = 0.0;
    for word in words {
        let space = if word.space_before && !line.is_empty() {
            m.width(word.font, size, " ")
        } else {
            0.0
        };
        if !line.is_empty() && x + space + word.width > width + 0.01 {
            lines.push(std::mem::take(&mut line));
            x = 0.0;
        }
        let space = if line.is_empty() { 0.0 } else { space };
        match line.last_mut() {
            Some((_, run)) if run.font == word.font && run.colour == word.colour => {
                if space > 0.0 {
                    run.text.push(' ');
                }
                run.text.push_str(&word.text);
            }
            _ => line.push((x + space, Span::new(word.text, word.font, word.colour))),
        }
        x += space + word.width;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A word as pieces that each fit in `width` (most words are one piece).
fn split_to_width(word: &str, font: FontKind, size: f32, width: f32) -> Vec<String> {
    let m = metrics();
    if m.width(font, size, word) <= width {
        return vec![word.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if m.width(font, size, &piece) > width && piece.chars().count() > 1 {
            piece.pop();
            pieces.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// Where a page's content may go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    /// Room kept at the bottom for the page footer.
    pub footer: f32,
}

impl Frame {
    pub fn top(&self) -> f32 {
        self.margin
    }

    pub fn bottom(&self) -> f32 {
        self.height - self.margin - self.footer
    }

    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }
}

/// A point in the flow, to go back to (see [`Flow::rewind`]).
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    pages: usize,
    ops: usize,
    y: f32,
}

/// Content flowing down pages.
pub struct Flow {
    pub frame: Frame,
    pub pages: Vec<Vec<Op>>,
    /// The top of the next content.
    pub y: f32,
    /// How far content is indented from the left margin (lists, quotes).
    pub indent: f32,
}

impl Flow {
    pub fn new(frame: Frame) -> Self {
        Self {
            frame,
            pages: vec![Vec::new()],
            y: frame.top(),
            indent: 0.0,
        }
    }

    pub fn left(&self) -> f32 {
        self.frame.margin + self.indent
    }

    pub fn width(&self) -> f32 {
        self.frame.content_width() - self.indent
    }

    pub fn page(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn at_top(&self) -> bool {
        self.y <= self.frame.top() + 0.01
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.frame.top();
    }

    /// Starts a new page unless `height` more fits on this one (or this one is empty).
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.frame.bottom() && !self.at_top() {
            self.new_page();
        }
    }

    pub fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Adds space below, unless at the top of a page.
    pub fn gap(&mut self, height: f32) {
        if !self.at_top() {
            self.y += height;
        }
    }

    pub fn mark(&self) -> Mark {
        Mark {
            pages: self.pages.len(),
            ops: self.pages.last().map_or(0, Vec::len),
            y: self.y,
        }
    }

    /// Forgets everything laid out since `mark`.
    pub fn rewind(&mut self, mark: Mark) {
        self.pages.truncate(mark.pages);
        if let Some(page) = self.pages.last_mut() {
            page.truncate(mark.ops);
        }
        self.y = mark.y;
    }

    /// Whether anything since `mark` went onto a later page.
    pub fn spilled_since(&self, mark: Mark) -> bool {
        self.pages.len() > mark.pages
    }

    /// Lays out text in lines at `size` with `leading` between baselines; `bullet` (a
    /// marker and its offset to the left of the text) goes before the first line.
    pub fn text(&mut self, spans: &[Span], size: f32, leading: f32, bullet: Option<(&str, f32)>) {
        let lines = break_lines(spans, size, self.width());
        for (i, line) in lines.iter().enumerate() {
            self.ensure(leading);
            let baseline = self.y + leading * 0.78;
            let left = self.left();
            if i == 0
                && let Some((marker, offset)) = bullet
            {
                self.push(Op::Text {
                    x: left - offset,
                    y: baseline,
                    font: FontKind::Regular,
                    size,
                    colour: palette::MUTED,
                    text: marker.to_owned(),
                });
            }
            for (x, span) in line {
                self.push(Op::Text {
                    x: left + x,
                    y: baseline,
                    font: span.font,
                    size,
                    colour: span.colour,
                    text: span.text.clone(),
                });
            }
            self.y += leading;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<Span> {
        vec![Span::new(text, FontKind::Regular, palette::INK)]
    }

    fn line_text(line: &Line) -> String {
        line.iter()
            .map(|(_, s)| s.text.as_str())
            .collect::<Vec<_>>()
            .join("|")
    }

    #[test]
    fn words_wrap_within_the_width_and_keep_their_order() {
        let text = "Design a ledger service for a payments company with strong consistency";
        let lines = break_lines(&plain(text), 10.0, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        let joined: Vec<String> = lines.iter().map(line_text).collect();
        assert_eq!(joined.join(" "), text);
        for line in &lines {
            let (x, span) = line.last().expect("a line has a run");
            assert!(x + metrics().width(span.font, 10.0, &span.text) <= 120.01);
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        let long = "x".repeat(200);
        let lines = break_lines(&plain(&long), 10.0, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.iter().map(line_text).collect::<String>(), long);
    }

    #[test]
    fn styles_stay_apart_and_spaces_between_them_are_kept() {
        let spans = vec![
            Span::new("Answer: 12:00", FontKind::Regular, palette::INK),
            Span::new(" (over by 2:00)", FontKind::Regular, palette::WARNING),
            Span::new("code", FontKind::Mono, palette::INK),
        ];
        let lines = break_lines(&spans, 10.0, 400.0);
        assert_eq!(lines.len(), 1);
        let runs: Vec<&str> = lines[0].iter().map(|(_, s)| s.text.as_str()).collect();
        assert_eq!(runs, ["Answer: 12:00", "(over by 2:00)", "code"]);
        assert!(lines[0][1].0 > lines[0][0].0 && lines[0][2].0 > lines[0][1].0);
    }

    #[test]
    fn rewinding_forgets_pages_and_ops() {
        let frame = Frame {
            width: 200.0,
            height: 200.0,
            margin: 20.0,
            footer: 10.0,
        };
        let mut flow = Flow::new(frame);
        flow.text(&plain("first"), 10.0, 14.0, None);
        let mark = flow.mark();
        for _ in 0..30 {
            flow.text(&plain("more text"), 10.0, 14.0, None);
        }
        assert!(flow.spilled_since(mark));
        flow.rewind(mark);
        assert_eq!(flow.pages.len(), 1);
        assert_eq!(flow.pages[0].len(), 1);
    }
}

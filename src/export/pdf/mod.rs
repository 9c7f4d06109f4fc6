//! The PDF report: the export [`Document`] laid out on A4 or US Letter pages and written
//! with krilla. Text is real text in embedded (subset) DejaVu fonts, so it can be selected,
//! searched and copied; boards and charts are vector drawings made from their models.
//!
//! Layout (`layout.rs`, `blocks.rs`, `draw.rs`) produces a display list per page; only
//! [`write`] knows about PDF.

mod blocks;
mod draw;
mod fonts;
mod layout;
mod user_markdown;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke};
use krilla::text::{Font, TextDirection};

use self::fonts::FontKind;
use self::layout::{Flow, Frame, Op, Rgb, Seg, palette};
use super::ExportError;
use super::document::{Document, Options};
use crate::bank::Catalog;
use crate::session::Session;

/// A paper size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::Letter];

    /// Reads `a4` or `letter` (any case).
    pub fn parse(text: &str) -> Option<Paper> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" | "us-letter" | "usletter" => Some(Paper::Letter),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }

    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.276, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    /// The paper the locale uses: Letter in the territories that use it, else A4.
    /// `locale` is a POSIX locale name such as `en_US.UTF-8`.
    pub fn for_locale(locale: &str) -> Paper {
        let territory = locale
            .split(['.', '@'])
            .next()
            .and_then(|l| l.split('_').nth(1))
            .unwrap_or("");
        const LETTER: [&str; 13] = [
            "US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "CR", "GT", "PA", "SV", "DO",
        ];
        if LETTER.contains(&territory.to_ascii_uppercase().as_str()) {
            Paper::Letter
        } else {
            Paper::A4
        }
    }

    /// The paper of this process's locale (`LC_ALL`, `LC_PAPER`, `LANG`), else A4.
    pub fn from_environment() -> Paper {
        ["LC_ALL", "LC_PAPER", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .map_or(Paper::A4, |locale| Paper::for_locale(&locale))
    }
}

/// The PDF report of `sessions`.
pub fn pdf(
    sessions: &[&Session],
    catalog: Option<&Catalog>,
    paper: Paper,
    options: Options,
) -> Result<Vec<u8>, ExportError> {
    render(&Document::with_options(sessions, catalog, options), paper)
}

/// A document as a PDF.
pub fn render(doc: &Document, paper: Paper) -> Result<Vec<u8>, ExportError> {
    write(&doc.title, &pages(doc, paper), paper)
}

/// The document's pages as display lists, footers included.
fn pages(doc: &Document, paper: Paper) -> Vec<Vec<Op>> {
    let (width, height) = paper.size();
    let frame = Frame {
        width,
        height,
        margin: 50.0,
        footer: 18.0,
    };
    let mut flow = Flow::new(frame);
    blocks::layout(&mut flow, &doc.blocks);
    let mut pages = flow.pages;
    let count = pages.len();
    for (i, ops) in pages.iter_mut().enumerate() {
        let text = format!("{} · page {} of {count}", doc.title, i + 1);
        let size = 8.0;
        let text_width = fonts::metrics().width(FontKind::Regular, size, &text);
        ops.push(Op::Text {
            x: ((width - text_width) / 2.0).max(frame.margin),
            y: height - frame.margin + 4.0,
            font: FontKind::Regular,
            size,
            colour: palette::MUTED,
            text,
        });
    }
    pages
}

fn colour(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: colour(c).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// Writes display lists as a PDF.
fn write(title: &str, pages: &[Vec<Op>], paper: Paper) -> Result<Vec<u8>, ExportError> {
    let fonts: Vec<(FontKind, Font)> = FontKind::ALL
        .iter()
        .map(|&kind| {
            Font::new(kind.data().into(), 0)
                .map(|font| (kind, font))
                .ok_or_else(|| ExportError::Encode(format!("the bundled {kind:?} font could not be read")))
        })
        .collect::<Result<_, _>>()?;
    let font = |kind: FontKind| fonts.iter().find(|(k, _)| *k == kind).map(|(_, f)| f.clone());
    let (width, height) = paper.size();
    let mut document = krilla::Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .creator("Panelist".to_owned())
            .language("en-GB".to_owned()),
    );
    for ops in pages {
        let settings = PageSettings::from_wh(width, height)
            .ok_or_else(|| ExportError::Encode("the paper size is not valid".to_owned()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    font: kind,
                    size,
                    colour: c,
                    text,
                } => {
                    let Some(font) = font(*kind) else { continue };
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(*c)));
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Path {
                    segs,
                    fill: f,
                    stroke,
                } => {
                    let Some(path) = path(segs) else { continue };
                    surface.set_fill(f.map(fill));
                    surface.set_stroke(stroke.map(|(c, width)| Stroke {
                        paint: colour(c).into(),
                        width,
                        line_cap: LineCap::Round,
                        line_join: LineJoin::Round,
                        ..Stroke::default()
                    }));
                    surface.draw_path(&path);
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ExportError::Encode(format!("the PDF could not be written: {e:?}")))
}

fn path(segs: &[Seg]) -> Option<krilla::geom::Path> {
    let mut builder = PathBuilder::new();
    for seg in segs {
        match *seg {
            Seg::Move(x, y) => builder.move_to(x, y),
            Seg::Line(x, y) => builder.line_to(x, y),
            Seg::Quad(x1, y1, x, y) => builder.quad_to(x1, y1, x, y),
            Seg::Cubic(x1, y1, x2, y2, x, y) => builder.cubic_to(x1, y1, x2, y2, x, y),
            Seg::Close => builder.close(),
        }
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_from_words_and_locales() {
        assert_eq!(Paper::parse("A4"), Some(Paper::A4));
        assert_eq!(Paper::parse("letter"), Some(Paper::Letter));
        assert_eq!(Paper::parse("legal"), None);
        assert_eq!(Paper::for_locale("en_US.UTF-8"), Paper::Letter);
        assert_eq!(Paper::for_locale("fr_CA"), Paper::Letter);
        assert_eq!(Paper::for_locale("en_GB.UTF-8"), Paper::A4);
        assert_eq!(Paper::for_locale("de_DE@euro"), Paper::A4);
        assert_eq!(Paper::for_locale("C"), Paper::A4);
    }

    #[test]
    fn an_empty_selection_is_a_one_page_pdf() {
        let bytes = pdf(&[], None, Paper::A4, Options::default()).expect("an empty report is written");
        assert!(bytes.starts_with(b"%PDF-"));
        let pages = self::pages(&Document::of_sessions(&[], None), Paper::A4);
        assert_eq!(pages.len(), 1);
        let texts: Vec<&str> = pages[0]
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.as_str()),
                Op::Path { .. } => None,
            })
            .collect();
        assert!(texts.contains(&"Panelist sessions"), "{texts:?}");
        assert!(texts.iter().any(|t| t.ends_with("page 1 of 1")), "{texts:?}");
    }
}

//! The report's fonts: DejaVu Sans, Sans Bold and Sans Mono, bundled (the `dejavu` crate)
//! so that a report looks the same on every machine and needs no font installed. DejaVu
//! covers Latin, Greek, Cyrillic and many symbols; other scripts show as missing glyphs
//! (the text stays in the file and can still be copied and searched).
//!
//! Widths for line breaking come from the fonts' own advances (`ttf-parser`); krilla shapes
//! the same text when it draws, so lines measured here fit when drawn.

use std::sync::LazyLock;

use ttf_parser::Face;

/// Which of the three fonts a run of text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontKind {
    Regular,
    Bold,
    Mono,
}

impl FontKind {
    pub const ALL: [FontKind; 3] = [FontKind::Regular, FontKind::Bold, FontKind::Mono];

    pub fn data(self) -> &'static [u8] {
        match self {
            FontKind::Regular => dejavu::sans::regular(),
            FontKind::Bold => dejavu::sans::bold(),
            FontKind::Mono => dejavu::sans_mono::regular(),
        }
    }
}

/// Parsed faces for measuring.
pub struct Metrics {
    faces: [Option<Face<'static>>; 3],
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics {
    faces: FontKind::ALL.map(|kind| Face::parse(kind.data(), 0).ok()),
});

/// The shared metrics (parsed once).
pub fn metrics() -> &'static Metrics {
    &METRICS
}

impl Metrics {
    fn face(&self, kind: FontKind) -> Option<&Face<'static>> {
        let index = match kind {
            FontKind::Regular => 0,
            FontKind::Bold => 1,
            FontKind::Mono => 2,
        };
        self.faces[index].as_ref()
    }

    /// The width of `text` in `kind` at `size` points, without kerning.
    pub fn width(&self, kind: FontKind, size: f32, text: &str) -> f32 {
        let Some(face) = self.face(kind) else {
            // Cannot happen with the bundled fonts; a rough guess keeps layout going.
            return text.chars().count() as f32 * size * 0.55;
        };
        let per_unit = size / f32::from(face.units_per_em().max(1));
        let notdef = face
            .glyph_hor_advance(ttf_parser::GlyphId(0))
            .map_or(size * 0.6, |a| f32::from(a) * per_unit);
        text.chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(notdef, |a| f32::from(a) * per_unit)
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_parse_and_measure() {
        let m = metrics();
        for kind in FontKind::ALL {
            assert!(m.face(kind).is_some(), "{kind:?} did not parse");
        }
        let regular = m.width(FontKind::Regular, 10.0, "Director");
        let bold = m.width(FontKind::Bold, 10.0, "Director");
        assert!(regular > 20.0 && regular < 60.0, "{regular}");
        assert!(bold > regular, "bold {bold} regular {regular}");
        // Monospace: every character as wide as another.
        let mono_i = m.width(FontKind::Mono, 10.0, "iiii");
        let mono_w = m.width(FontKind::Mono, 10.0, "WWWW");
        assert!((mono_i - mono_w).abs() < 0.01);
        assert!(
            (m.width(FontKind::Regular, 20.0, "ab") - 2.0 * m.width(FontKind::Regular, 10.0, "ab")).abs()
                < 0.01
        );
    }
}

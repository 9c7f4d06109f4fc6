//! One export document: what an export says, decided once (`build.rs`) and rendered to
//! Markdown (`markdown.rs`), HTML (`html.rs`) and the PDF report (`pdf/`).
//!
//! The builder emits [`Event`]s borrowed from the sessions; Markdown and HTML write each
//! as it comes, and [`Tree`] gathers them into an owned [`Document`] for the PDF, which
//! lays out whole pages. Building decides the content; rendering decides only the
//! notation. A content change is made in `build.rs`, once.

mod build;
mod events;

pub(crate) use events::span_text;
pub use events::{Event, Externalised, OneLine, Picture, Sink, Span, Tree, chart_as_table};

use std::fmt;
use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, Timelike};

use super::competency_label;
use super::swar::Word;
use crate::bank::Catalog;
use crate::board::Board;
use crate::session::{QuestionRecord, Session};

/// A whole export: a title (the HTML page's) and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 to 6.
    Heading {
        level: u8,
        text: Vec<Inline>,
    },
    Paragraph(Vec<Inline>),
    /// A line of facts about what follows (round, id, state): set apart quietly.
    Meta(Vec<Inline>),
    List(Vec<ListItem>),
    Table {
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Quote(Vec<Block>),
    /// Text shown exactly as written (a scratchpad); `lang` may be empty.
    Code {
        lang: String,
        text: String,
    },
    /// Markdown a user or a bank author wrote (prompts, notes): rendered, never trusted.
    UserMarkdown(String),
    Image {
        alt: String,
        source: ImageSource,
    },
    /// Scores per competency across the sessions, oldest session first.
    Chart(ProgressChart),
    Rule,
    /// Where a printed document should start a new page.
    PageBreak,
    /// Blocks that belong together: a session, or a question kept whole across pages.
    Section {
        kind: SectionKind,
        blocks: Vec<Block>,
    },
}

/// What a [`Block::Section`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Session,
    /// Kept on one page when printed, where it fits.
    Question,
}

/// An image: a whiteboard, an SVG drawing made by Panelist, or a file.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageSource {
    /// A question's board, kept as its model so each format draws it in its own terms
    /// (SVG in HTML, vector paths in a PDF). `title` names it (session and question).
    /// `file` is the name an SVG of it gets when written beside an export.
    Board {
        title: String,
        file: String,
        board: Box<Board>,
    },
    Svg(String),
    File(PathBuf),
}

/// Scores per competency across sessions: what a progress chart draws.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgressChart {
    /// The sessions, oldest first, as shown under the chart (their dates).
    pub sessions: Vec<String>,
    /// One line per scored competency, in the catalog's name order.
    pub lines: Vec<ProgressLine>,
}

/// One competency's scores, one slot per session of the chart (`None`: not scored then).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressLine {
    pub competency: String,
    pub self_scores: Vec<Option<f32>>,
    pub panel_scores: Vec<Option<f32>>,
}

impl ProgressChart {
    /// The chart of `sessions` (any order); empty when nothing was scored.
    pub fn of_sessions(sessions: &[&Session], catalog: Option<&Catalog>) -> Self {
        let mut ordered: Vec<&Session> = sessions.to_vec();
        ordered.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        // Sums and counts of scores per competency and session, summed in place: a
        // session's means are the same as `Session::self_means_by_competency` and
        // `progress::panel_means` give, without building a map per session.
        let slots = ordered.len();
        let mut sums: Vec<Sums<'_>> = Vec::new();
        for (slot, session) in ordered.iter().enumerate() {
            for q in &session.questions {
                for (competency, score) in &q.self_scores {
                    Sums::of(&mut sums, competency, slots).own[slot].add(score.value());
                }
            }
            let cards = session.panel.iter().flat_map(|p| &p.scorecards);
            for card in cards.filter(|c| c.is_submitted()) {
                for (competency, score) in &card.scores {
                    Sums::of(&mut sums, competency, slots).panel[slot].add(score.value());
                }
            }
        }
        let mut lines: Vec<ProgressLine> = sums
            .into_iter()
            .map(|line| ProgressLine {
                competency: competency_label(catalog, line.id),
                self_scores: line.own.iter().map(Sum::mean).collect(),
                panel_scores: line.panel.iter().map(Sum::mean).collect(),
            })
            .collect();
        lines.sort_by(|a, b| a.competency.cmp(&b.competency));
        Self {
            sessions: ordered
                .iter()
                .map(|s| Stamp(&s.created, false).to_string())
                .collect(),
            lines,
        }
    }
}

/// One competency's scores summed per session, while a chart is built.
struct Sums<'a> {
    id: &'a str,
    own: Vec<Sum>,
    panel: Vec<Sum>,
}

impl<'a> Sums<'a> {
    /// The sums of competency `id`, added (empty, `slots` long) when it is new.
    fn of<'s>(all: &'s mut Vec<Sums<'a>>, id: &'a str, slots: usize) -> &'s mut Sums<'a> {
        let index = match all.iter().position(|s| s.id == id) {
            Some(index) => index,
            None => {
                all.push(Sums {
                    id,
                    own: vec![Sum::default(); slots],
                    panel: vec![Sum::default(); slots],
                });
                all.len() - 1
            }
        };
        &mut all[index]
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    total: u32,
    count: u32,
}

impl Sum {
    fn add(&mut self, value: u8) {
        self.total += u32::from(value);
        self.count += 1;
    }

    /// The mean as [`crate::session::mean`] computes it.
    fn mean(&self) -> Option<f32> {
        (self.count > 0).then(|| self.total as f32 / self.count as f32)
    }
}

/// A list item with optional nested items.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub text: Vec<Inline>,
    pub children: Vec<ListItem>,
}

impl ListItem {
    pub fn new(text: Vec<Inline>) -> Self {
        Self {
            text,
            children: Vec::new(),
        }
    }
}

/// Text within a block. Text is one line: the builder folds line breaks into spaces.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Code(String),
    Link {
        text: Vec<Inline>,
        url: String,
    },
    /// Something to notice (time over the target).
    Warning(Vec<Inline>),
}

/// User text on one line: every run of whitespace becomes one space.
pub(crate) fn one_line(text: &str) -> String {
    // Most text is one line already: copied as it is, without splitting it into words.
    if is_one_line(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// Appends `text` to `out` with every run of whitespace as one space, none at the ends.
pub(crate) fn fold_into(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// True when [`one_line`] would leave `text` as it is.
pub(crate) fn is_one_line(text: &str) -> bool {
    use memchr::{memchr_iter, memchr2, memchr3, memchr3_iter, memmem};
    let bytes = text.as_bytes();
    if bytes.first().is_none_or(|b| *b == b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Long text is searched whole (vectorised by memchr): export text is nearly always one
    // line already, so each check is a pass that finds nothing.
    if bytes.len() < 64 {
        // Short text: eight bytes at a time costs less than setting up searches, and
        // ASCII text (nearly all of it) needs no second pass for Unicode's spaces.
        let (words, rest) = Word::split(bytes);
        let (mut after_space, mut ascii) = (false, true);
        for word in words {
            let (double, last) = word.double_space(after_space);
            // Tab, line feed, vertical tab, form feed and carriage return are 9 to 13.
            if double || word.has_between(8, 14) {
                return false;
            }
            after_space = last;
            ascii &= !word.has_non_ascii();
        }
        for byte in rest {
            match byte {
                b' ' if after_space => return false,
                b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
                _ => {}
            }
            after_space = *byte == b' ';
            ascii &= byte.is_ascii();
        }
        if ascii {
            return true;
        }
    } else {
        static DOUBLE_SPACE: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"  "));
        if memchr3(b'\t', b'\n', b'\r', bytes).is_some()
            || memchr2(0x0B, 0x0C, bytes).is_some()
            || DOUBLE_SPACE.find(bytes).is_some()
        {
            return false;
        }
        if bytes.is_ascii() {
            return true;
        }
    }
    // Unicode's other white space: U+0085 and U+00A0 (lead byte C2), U+1680 (E1),
    // U+2000 to U+200A, U+2028, U+2029, U+202F and U+205F (E2), U+3000 (E3).
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let unicode_space = |i: usize| match bytes[i] {
        0xC2 => matches!(at(i + 1), 0x85 | 0xA0),
        0xE1 => at(i + 1) == 0x9A && at(i + 2) == 0x80,
        0xE2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            0x81 => at(i + 2) == 0x9F,
            _ => false,
        },
        _ => at(i + 1) == 0x80 && at(i + 2) == 0x80,
    };
    !(memchr3_iter(0xC2, 0xE1, 0xE2, bytes).any(unicode_space) || memchr_iter(0xE3, bytes).any(unicode_space))
}

/// A session's date, and with `minutes` its time to the minute: what `%Y-%m-%d %H:%M`
/// writes, without parsing a format string for each session.
pub(crate) struct Stamp<'a>(pub &'a DateTime<FixedOffset>, pub bool);

impl fmt::Display for Stamp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Stamp(at, minutes) = *self;
        let year = at.year();
        if !(0..=9999).contains(&year) {
            let pattern = if minutes { "%Y-%m-%d %H:%M" } else { "%Y-%m-%d" };
            return write!(f, "{}", at.format(pattern));
        }
        let year = u64::from(year.unsigned_abs());
        let mut line = crate::text::Ascii::default();
        line.two_digits(year / 100);
        line.two_digits(year);
        line.push("-");
        line.two_digits(at.month().into());
        line.push("-");
        line.two_digits(at.day().into());
        if minutes {
            line.push(" ");
            line.two_digits(at.hour().into());
            line.push(":");
            line.two_digits(at.minute().into());
        }
        f.write_str(line.as_str())
    }
}

/// Text the user typed, without leading blank lines and trailing whitespace; `None` when blank.
fn typed(text: &str) -> Option<&str> {
    if text.trim().is_empty() {
        return None;
    }
    let start = text
        .char_indices()
        .take_while(|(_, c)| c.is_whitespace())
        .filter(|(_, c)| *c == '\n')
        .last()
        .map_or(0, |(i, _)| i + 1);
    Some(text[start..].trim_end())
}

/// Choices about what a document holds beyond the sessions themselves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Each board also as it stood at the end of each phase of the answer.
    pub board_phases: bool,
}

impl Document {
    /// The export of `sessions`; `catalog` names competencies (ids are used without it).
    pub fn of_sessions(sessions: &[&Session], catalog: Option<&Catalog>) -> Self {
        Self::with_options(sessions, catalog, Options::default())
    }

    /// The export of `sessions`, with `options`.
    pub fn with_options(sessions: &[&Session], catalog: Option<&Catalog>, options: Options) -> Self {
        let mut tree = Tree::default();
        Self::write(sessions, catalog, options, &mut tree);
        tree.finish(Self::title_of(sessions))
    }

    /// The title of the export of `sessions` (an HTML page's).
    pub fn title_of(sessions: &[&Session]) -> String {
        match sessions {
            [one] => format!("{} — {}", one_line(&one.title), one.created.format("%Y-%m-%d")),
            _ => format!("Panelist sessions ({})", sessions.len()),
        }
    }

    /// The export of `sessions`, event by event, into `sink`: a format that writes as it
    /// goes (Markdown, HTML) writes each event and keeps nothing of it.
    pub fn write(sessions: &[&Session], catalog: Option<&Catalog>, options: Options, sink: &mut dyn Sink) {
        build::sessions(sessions, catalog, options, sink);
    }
}

/// The file a question's board is written to: `<session>-q<N>-<question>.svg`.
pub fn board_file_name(session: &Session, index: usize) -> String {
    let question = session
        .questions
        .get(index)
        .map(|q| q.global_id.rsplit('/').next().unwrap_or_default())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>();
    let id: String = session
        .id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{id}-q{}-{question}.svg", index + 1)
}

/// Each phase's name and when it ended on the answer clock (phases run in order), for the
/// phases that were timed.
pub fn phase_ends(q: &QuestionRecord) -> Vec<(String, u64)> {
    let mut end = 0;
    let mut ends = Vec::new();
    for (i, phase) in q.question.phases.iter().enumerate() {
        let used = q.phase_ms.get(i).copied().unwrap_or(0);
        if used == 0 {
            continue;
        }
        end += used;
        ends.push((phase.name.clone(), end));
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_folds_every_run_of_whitespace() {
        for (text, folded) in [
            ("already one line", "already one line"),
            ("", ""),
            ("   ", ""),
            (" lead", "lead"),
            ("trail ", "trail"),
            ("two  spaces", "two spaces"),
            ("a\nb\tc\r\nd", "a b c d"),
            ("no\u{a0}break", "no break"),
            ("café — naïve", "café — naïve"),
        ] {
            assert_eq!(one_line(text), folded, "{text:?}");
        }
    }

    #[test]
    fn one_line_text_is_told_apart_from_every_kind_of_white_space() {
        let reference =
            |text: &str| !text.is_empty() && text.split_whitespace().collect::<Vec<_>>().join(" ") == text;
        let spaces: Vec<char> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(spaces.len(), 25, "Unicode's White_Space set");
        let near = [
            'a', '—', '’', '\u{2030}', '\u{205E}', '\u{3001}', 'é', '\u{1681}', '£',
        ];
        for c in spaces.iter().chain(&near) {
            for text in [
                format!("a{c}b"),
                format!("{c}b"),
                format!("a{c}"),
                format!("a {c}b"),
                format!("é{c}"),
                c.to_string(),
            ] {
                assert_eq!(is_one_line(&text), reference(&text), "{text:?}");
            }
        }
        for text in [
            "", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "a\u{b}b", "a\u{c}b",
        ] {
            assert_eq!(is_one_line(text), reference(text), "{text:?}");
        }
        // Each kind of break at every place of the eight-byte words of short and long
        // text, including two spaces that straddle two words.
        for len in [7, 8, 9, 16, 23, 63, 64, 65, 100] {
            for at in 1..len - 1 {
                for c in [' ', '\t', '\n', '\u{b}', '\r', '\u{a0}', '\u{3000}', '\u{1}', 'é'] {
                    let mut text: Vec<char> = "abcdefg ".chars().cycle().take(len).collect();
                    text[at] = c;
                    if at + 1 < len - 1 && c == ' ' {
                        text[at + 1] = ' ';
                    }
                    let text: String = text.into_iter().collect();
                    assert_eq!(is_one_line(&text), reference(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn a_stamp_is_what_chrono_writes() {
        for text in [
            "2026-11-28T09:05:00+01:00",
            "0007-01-02T00:00:59Z",
            "0999-12-31T23:59:00-05:30",
            "9999-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
            "-0001-03-04T05:06:00Z",
        ] {
            let at = DateTime::parse_from_rfc3339(text)
                .or_else(|_| text.parse::<DateTime<FixedOffset>>())
                .expect(text);
            assert_eq!(
                Stamp(&at, true).to_string(),
                at.format("%Y-%m-%d %H:%M").to_string()
            );
            assert_eq!(Stamp(&at, false).to_string(), at.format("%Y-%m-%d").to_string());
        }
    }

    #[test]
    fn typed_text_keeps_indentation_and_drops_blank_edges() {
        assert_eq!(typed("  \n\n"), None);
        assert_eq!(typed("\n\n  a\n  b  \n\n"), Some("  a\n  b"));
        assert_eq!(typed("x"), Some("x"));
    }

    #[test]
    fn an_empty_selection_is_a_short_document() {
        let doc = Document::of_sessions(&[], None);
        assert_eq!(doc.title, "Panelist sessions (0)");
        assert_eq!(doc.blocks.len(), 2);
        assert!(matches!(doc.blocks[1], Block::Paragraph(_)));
    }
}

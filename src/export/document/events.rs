//! The export document as a stream of events: what the builder (`build.rs`) says, in
//! order, borrowed from the sessions it reads. Markdown and HTML write each event as it
//! comes; [`Tree`] gathers them into the owned [`Document`] that the PDF lays out.
//!
//! Events borrow what they show and format numbers in place ([`Span::Fmt`]), so writing
//! a thousand sessions allocates little beyond the output itself.

use std::fmt::{self, Write as _};
use std::path::Path;

use super::{
    Block, Document, ImageSource, Inline, ListItem, ProgressChart, SectionKind, fold_into, is_one_line,
};
use crate::board::Board;
use crate::text::Fixed;

/// One step of a document. Containers open and close (`Start…`/`End…`); the rest are
/// whole blocks.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    StartSection(SectionKind),
    EndSection(SectionKind),
    /// Level 1 to 6.
    Heading(u8, &'a [Span<'a>]),
    Paragraph(&'a [Span<'a>]),
    /// A line of facts about what follows (round, id, state): set apart quietly.
    Meta(&'a [Span<'a>]),
    StartList,
    /// A list item's text; a nested list, if any, comes before its [`Event::EndItem`].
    StartItem(&'a [Span<'a>]),
    EndItem,
    EndList,
    StartTable,
    /// A row of a table, one span per cell; the first row is the header.
    TableRow {
        header: bool,
        cells: &'a [Span<'a>],
    },
    EndTable,
    StartQuote,
    EndQuote,
    /// Text shown exactly as written (a scratchpad); `lang` may be empty.
    Code {
        lang: &'a str,
        text: &'a str,
    },
    /// Markdown a user or a bank author wrote (prompts, notes): rendered, never trusted.
    UserMarkdown(&'a str),
    Image {
        alt: &'a str,
        source: Picture<'a>,
    },
    /// Scores per competency across the sessions, oldest session first.
    Chart(&'a ProgressChart),
    Rule,
    /// Where a printed document should start a new page.
    PageBreak,
}

/// Text within a block, on one line.
#[derive(Debug, Clone, Copy)]
pub enum Span<'a> {
    /// Text Panelist wrote, as it is.
    Text(&'a str),
    /// Text a user or a bank wrote: every run of whitespace is shown as one space.
    User(&'a str),
    /// Text formatted where it is shown (`format_args!`), so nothing is allocated for it.
    Fmt(fmt::Arguments<'a>),
    Strong(&'a [Span<'a>]),
    Emphasis(&'a [Span<'a>]),
    Code(&'a str),
    Link {
        text: &'a [Span<'a>],
        url: &'a str,
    },
    /// Something to notice (time over the target).
    Warning(&'a [Span<'a>]),
}

/// An image: a question's board, an SVG drawing made by Panelist, or a file.
#[derive(Debug, Clone, Copy)]
pub enum Picture<'a> {
    /// `title` names the board (session and question); `file` is the name an SVG of it
    /// gets when written beside an export.
    Board {
        title: &'a str,
        file: &'a str,
        board: &'a Board,
    },
    Svg(&'a str),
    File(&'a Path),
}

/// Where a document's events go: a format's writer, or a [`Tree`].
pub trait Sink {
    fn event(&mut self, event: Event<'_>);
}

/// Writes the text of `span` (without markup) into `out`: user text folded onto one
/// line, formatted text formatted. For a writer's escaping step.
pub(crate) fn span_text<'s>(span: &Span<'s>, scratch: &'s mut String) -> &'s str {
    match *span {
        Span::Text(text) | Span::Code(text) => text,
        Span::User(text) if is_one_line(text) => text,
        Span::User(text) => {
            scratch.clear();
            fold_into(scratch, text);
            scratch
        }
        Span::Fmt(args) => match args.as_str() {
            Some(text) => text,
            None => {
                scratch.clear();
                let _ = fmt::write(scratch, args);
                scratch
            }
        },
        Span::Strong(_) | Span::Emphasis(_) | Span::Link { .. } | Span::Warning(_) => "",
    }
}

/// User text folded onto one line where it is formatted: `format_args!("{}", OneLine(s))`.
pub struct OneLine<'a>(pub &'a str);

impl fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if is_one_line(self.0) {
            return f.write_str(self.0);
        }
        for (i, word) in self.0.split_whitespace().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(word)?;
        }
        Ok(())
    }
}

/// Gathers events into an owned [`Document`] (for the PDF, which lays out whole pages).
#[derive(Debug, Default)]
pub struct Tree {
    open: Vec<Open>,
    blocks: Vec<Block>,
}

#[derive(Debug)]
enum Open {
    Section(SectionKind, Vec<Block>),
    Quote(Vec<Block>),
    List(Vec<ListItem>),
    Item(ListItem),
    Table {
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
}

impl Tree {
    /// The document gathered, with `title`.
    pub fn finish(mut self, title: String) -> Document {
        while let Some(open) = self.open.pop() {
            // Containers left open (a builder's mistake) are closed, never lost.
            self.close(open);
        }
        Document {
            title,
            blocks: self.blocks,
        }
    }

    fn push(&mut self, block: Block) {
        match self.open.last_mut() {
            Some(Open::Section(_, blocks) | Open::Quote(blocks)) => blocks.push(block),
            Some(Open::List(_) | Open::Item(_) | Open::Table { .. }) => {
                debug_assert!(false, "a block inside a list or table: {block:?}");
            }
            None => self.blocks.push(block),
        }
    }

    fn close(&mut self, open: Open) {
        match open {
            Open::Section(kind, blocks) => self.push(Block::Section { kind, blocks }),
            Open::Quote(blocks) => self.push(Block::Quote(blocks)),
            Open::List(items) => match self.open.last_mut() {
                Some(Open::Item(item)) => item.children = items,
                _ => self.push(Block::List(items)),
            },
            Open::Item(item) => match self.open.last_mut() {
                Some(Open::List(items)) => items.push(item),
                _ => debug_assert!(false, "an item outside a list"),
            },
            Open::Table { header, rows } => self.push(Block::Table { header, rows }),
        }
    }

    fn end(&mut self) {
        if let Some(open) = self.open.pop() {
            self.close(open);
        }
    }
}

/// The owned form of `spans`.
pub fn owned(spans: &[Span<'_>]) -> Vec<Inline> {
    spans.iter().map(owned_span).collect()
}

fn owned_span(span: &Span<'_>) -> Inline {
    match *span {
        Span::Text(text) => Inline::Text(text.to_owned()),
        Span::User(text) => Inline::Text(super::one_line(text)),
        Span::Fmt(args) => Inline::Text(fmt::format(args)),
        Span::Strong(inner) => Inline::Strong(owned(inner)),
        Span::Emphasis(inner) => Inline::Emphasis(owned(inner)),
        Span::Code(code) => Inline::Code(code.to_owned()),
        Span::Link { text, url } => Inline::Link {
            text: owned(text),
            url: url.to_owned(),
        },
        Span::Warning(inner) => Inline::Warning(owned(inner)),
    }
}

impl Sink for Tree {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::StartSection(kind) => self.open.push(Open::Section(kind, Vec::new())),
            Event::StartQuote => self.open.push(Open::Quote(Vec::new())),
            Event::StartList => self.open.push(Open::List(Vec::new())),
            Event::StartItem(text) => self.open.push(Open::Item(ListItem::new(owned(text)))),
            Event::StartTable => self.open.push(Open::Table {
                header: Vec::new(),
                rows: Vec::new(),
            }),
            Event::EndSection(_) | Event::EndQuote | Event::EndList | Event::EndItem | Event::EndTable => {
                self.end();
            }
            Event::TableRow { header, cells } => {
                if let Some(Open::Table { header: head, rows }) = self.open.last_mut() {
                    let cells = cells.iter().map(|c| vec![owned_span(c)]).collect();
                    if header {
                        *head = cells;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            Event::Heading(level, text) => self.push(Block::Heading {
                level,
                text: owned(text),
            }),
            Event::Paragraph(text) => self.push(Block::Paragraph(owned(text))),
            Event::Meta(text) => self.push(Block::Meta(owned(text))),
            Event::Code { lang, text } => self.push(Block::Code {
                lang: lang.to_owned(),
                text: text.to_owned(),
            }),
            Event::UserMarkdown(source) => self.push(Block::UserMarkdown(source.to_owned())),
            Event::Image { alt, source } => self.push(Block::Image {
                alt: alt.to_owned(),
                source: match source {
                    Picture::Board { title, file, board } => ImageSource::Board {
                        title: title.to_owned(),
                        file: file.to_owned(),
                        board: Box::new(board.clone()),
                    },
                    Picture::Svg(svg) => ImageSource::Svg(svg.to_owned()),
                    Picture::File(path) => ImageSource::File(path.to_owned()),
                },
            }),
            Event::Chart(chart) => self.push(Block::Chart(chart.clone())),
            Event::Rule => self.push(Block::Rule),
            Event::PageBreak => self.push(Block::PageBreak),
        }
    }
}

/// Passes events on to `inner`, with each board replaced by a link to its SVG file (for
/// a format that cannot hold drawings), and keeps the files to write beside the export:
/// `(file name, SVG)`.
pub struct Externalised<'s> {
    pub inner: &'s mut dyn Sink,
    pub files: Vec<(String, String)>,
}

impl Sink for Externalised<'_> {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Image {
                alt,
                source: Picture::Board { title, file, board },
            } => {
                self.files
                    .push((file.to_owned(), crate::board::svg::board_svg(board, title)));
                self.inner.event(Event::Image {
                    alt,
                    source: Picture::File(Path::new(file)),
                });
            }
            other => self.inner.event(other),
        }
    }
}

/// A progress chart as a table, for formats that show it as text: a row per session,
/// a column per competency, each cell the self score and the panel's after a slash.
pub fn chart_as_table(chart: &ProgressChart, sink: &mut dyn Sink) {
    sink.event(Event::StartTable);
    let mut header = vec![Span::Text("Session")];
    header.extend(chart.lines.iter().map(|l| Span::Text(&l.competency)));
    sink.event(Event::TableRow {
        header: true,
        cells: &header,
    });
    // Each row is written into one line of text and its cells borrowed from it.
    let mut line = String::new();
    let mut ends: Vec<usize> = Vec::with_capacity(chart.lines.len());
    for (slot, date) in chart.sessions.iter().enumerate() {
        line.clear();
        ends.clear();
        for chart_line in &chart.lines {
            let one = |v: Option<&Option<f32>>| v.copied().flatten();
            let _ = match (
                one(chart_line.self_scores.get(slot)),
                one(chart_line.panel_scores.get(slot)),
            ) {
                (Some(s), Some(p)) => write!(line, "{} / panel {}", Fixed(s, 1), Fixed(p, 1)),
                (Some(s), None) => write!(line, "{}", Fixed(s, 1)),
                (None, Some(p)) => write!(line, "panel {}", Fixed(p, 1)),
                (None, None) => write!(line, "–"),
            };
            ends.push(line.len());
        }
        let mut cells = Vec::with_capacity(ends.len() + 1);
        cells.push(Span::Text(date));
        let mut start = 0;
        for end in &ends {
            cells.push(Span::Text(&line[start..*end]));
            start = *end;
        }
        sink.event(Event::TableRow {
            header: false,
            cells: &cells,
        });
    }
    sink.event(Event::EndTable);
}

//! Markdown: readable notes for a mentor or a notes app, rendered from a [`Document`].

use std::fmt;
use std::path::Path;

use super::document::{Document, Event, Options, Picture, Sink, Span, chart_as_table};
use super::swar::Word;
use crate::bank::Catalog;
use crate::session::Session;

/// The sessions as one Markdown document.
pub fn markdown(sessions: &[&Session], catalog: Option<&Catalog>) -> String {
    markdown_with(sessions, catalog, Options::default())
}

/// The sessions as one Markdown document, with `options`; written as the document is
/// built, event by event.
pub fn markdown_with(sessions: &[&Session], catalog: Option<&Catalog>, options: Options) -> String {
    let mut writer = Writer::default();
    Document::write(sessions, catalog, options, &mut writer);
    writer.finish()
}

/// Markdown (CommonMark with pipe tables), written as events come: blocks separated by
/// blank lines, blocks that render to nothing leaving no blank line behind, and a
/// newline at the end.
#[derive(Default)]
pub(super) struct Writer {
    out: String,
    /// A block has been written to `out` (the next one needs a blank line before it).
    written: bool,
    /// While a quote is open: the text around it and its `written`; `out` holds the quote.
    outside_quote: Option<(String, bool)>,
    /// The open list's nesting depth (0 when none) and where its block started.
    depth: usize,
    list_start: Start,
    table_start: Start,
    /// Formatted and folded text, before it is escaped.
    scratch: String,
    /// An empty string whose room is kept for the next quote.
    spare: String,
}

/// Where a block that is written piece by piece began: before its separating blank line,
/// and after it.
#[derive(Debug, Clone, Copy, Default)]
struct Start {
    before: usize,
    body: usize,
}

impl Writer {
    pub(super) fn finish(mut self) -> String {
        self.out.push('\n');
        self.out
    }

    /// Starts a block: the blank line after the one before, if any.
    fn open(&mut self) -> Start {
        let before = self.out.len();
        if self.written {
            self.out.push_str("\n\n");
        }
        Start {
            before,
            body: self.out.len(),
        }
    }

    /// Ends a block begun at `start`: one that wrote nothing takes its blank line back.
    fn close(&mut self, start: Start) {
        if self.out.len() == start.body {
            self.out.truncate(start.before);
        } else {
            self.written = true;
        }
    }

    /// A whole block, written by `write`.
    fn block(&mut self, write: impl FnOnce(&mut String, &mut String)) {
        let start = self.open();
        write(&mut self.out, &mut self.scratch);
        self.close(start);
    }
}

impl Sink for Writer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            // A section is its blocks: nothing marks where it starts or ends.
            Event::StartSection(_) | Event::EndSection(_) => {}
            Event::Heading(level, text) => self.block(|out, scratch| {
                for _ in 0..level.clamp(1, 6) {
                    out.push('#');
                }
                out.push(' ');
                inlines(out, scratch, text);
            }),
            Event::Paragraph(text) => self.block(|out, scratch| inlines(out, scratch, text)),
            Event::Meta(text) => self.block(|out, scratch| {
                out.push('*');
                inlines(out, scratch, text);
                out.push('*');
            }),
            Event::StartList => {
                if self.depth == 0 {
                    self.list_start = self.open();
                }
                self.depth += 1;
            }
            Event::StartItem(text) => {
                for _ in 1..self.depth {
                    self.out.push_str("  ");
                }
                self.out.push_str("- ");
                inlines(&mut self.out, &mut self.scratch, text);
                self.out.push('\n');
            }
            Event::EndItem => {}
            Event::EndList => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    let start = self.list_start;
                    let kept = self.out[start.body..].trim_end().len();
                    self.out.truncate(start.body + kept);
                    self.close(start);
                }
            }
            Event::StartTable => self.table_start = self.open(),
            Event::TableRow { header, cells } => {
                if !header {
                    self.out.push('\n');
                }
                row(&mut self.out, &mut self.scratch, cells);
                if header {
                    self.out.push_str("\n|");
                    for _ in cells {
                        self.out.push_str("---|");
                    }
                }
            }
            Event::EndTable => self.close(self.table_start),
            Event::StartQuote => {
                let outside = std::mem::replace(&mut self.out, std::mem::take(&mut self.spare));
                self.outside_quote = Some((outside, self.written));
                self.written = false;
            }
            Event::EndQuote => {
                let Some((outside, written)) = self.outside_quote.take() else {
                    return;
                };
                let mut quoted = std::mem::replace(&mut self.out, outside);
                self.written = written;
                self.block(|out, _| {
                    for (i, line) in quoted.lines().enumerate() {
                        if i > 0 {
                            out.push('\n');
                        }
                        out.push_str("> ");
                        out.push_str(line);
                    }
                });
                quoted.clear();
                self.spare = quoted;
            }
            Event::Code { lang, text } => self.block(|out, _| {
                let fence = "`".repeat(longest_backtick_run(text).max(2) + 1);
                for part in [&fence, lang, "\n", text, "\n", &fence] {
                    out.push_str(part);
                }
            }),
            Event::UserMarkdown(source) => self.block(|out, _| out.push_str(source.trim())),
            Event::Image { alt, source } => self.block(|out, _| match source {
                Picture::File(path) => image_link(out, alt, path),
                // Markdown cannot hold a drawing inline: its description stands in for it
                // (an export to a file writes boards beside it and links them instead).
                Picture::Svg(_) | Picture::Board { .. } => {
                    out.push_str("*Drawing: ");
                    escape(out, alt);
                    out.push('*');
                }
            }),
            Event::Chart(chart) => chart_as_table(chart, self),
            Event::Rule | Event::PageBreak => self.block(|out, _| out.push_str("---")),
        }
    }
}

fn image_link(out: &mut String, alt: &str, path: &Path) {
    out.push_str("![");
    escape(out, alt);
    out.push_str("](<");
    out.push_str(&path.display().to_string().replace(['<', '>'], ""));
    out.push_str(">)");
}

/// One table row, one span per cell; a `|` inside a cell is escaped.
fn row(out: &mut String, scratch: &mut String, cells: &[Span<'_>]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        let start = out.len();
        inlines(out, scratch, std::slice::from_ref(cell));
        if out[start..].contains('|') {
            let escaped = out[start..].replace('|', "\\|");
            out.truncate(start);
            out.push_str(&escaped);
        }
        out.push_str(" |");
    }
}

fn inlines(out: &mut String, scratch: &mut String, content: &[Span<'_>]) {
    for span in content {
        match *span {
            // Formatted text is written in place and escaped afterwards in the rare case
            // that it holds markup: a copy through `scratch` for every number would cost
            // more than the escaping itself.
            Span::Fmt(args) if args.as_str().is_none() => {
                let start = out.len();
                let _ = fmt::write(out, args);
                if may_need_escaping(&out.as_bytes()[start..]) {
                    scratch.clear();
                    scratch.push_str(&out[start..]);
                    out.truncate(start);
                    escape(out, scratch);
                }
            }
            Span::Text(_) | Span::User(_) | Span::Fmt(_) => {
                escape(out, super::document::span_text(span, scratch));
            }
            Span::Strong(inner) => {
                out.push_str("**");
                inlines(out, scratch, inner);
                out.push_str("**");
            }
            Span::Emphasis(inner) => {
                out.push('*');
                inlines(out, scratch, inner);
                out.push('*');
            }
            Span::Code(code) => code_span(out, code),
            Span::Link { text, url } => {
                out.push('[');
                inlines(out, scratch, text);
                out.push_str("](<");
                out.push_str(&url.replace(['<', '>', '\n'], ""));
                out.push_str(">)");
            }
            Span::Warning(inner) => inlines(out, scratch, inner),
        }
    }
}

/// The bytes [`escape`] may escape (an underscore only at a word's edge).
const MARKUP: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let markup = b"\\`*[]<_";
    while i < markup.len() {
        table[markup[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether eight bytes may hold a byte of [`MARKUP`] (`^`, next to them, is a false alarm).
fn markup_in(word: Word) -> bool {
    word.has_between(b'[' - 1, b'`' + 1) || word.has(b'*') || word.has(b'<')
}

/// Whether `bytes` hold any byte [`escape`] may escape.
fn may_need_escaping(bytes: &[u8]) -> bool {
    let (mut words, rest) = Word::split(bytes);
    words.any(markup_in) || rest.iter().any(|b| MARKUP[usize::from(*b)])
}

/// Escapes what Markdown would otherwise read as markup in plain text: backslashes,
/// backticks, asterisks, brackets, `<` (HTML) and underscores at a word's edge.
fn escape(out: &mut String, text: &str) {
    // Whole words of text without markup are passed over eight bytes at a time.
    let clean_words = Word::split(text.as_bytes())
        .0
        .take_while(|w| !markup_in(*w))
        .count();
    let mut clean = 0;
    for (i, byte) in text.bytes().enumerate().skip(clean_words * 8) {
        if !MARKUP[usize::from(byte)] {
            continue;
        }
        let markup = byte != b'_' || {
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            !(word(text[..i].chars().next_back()) && word(text[i + 1..].chars().next()))
        };
        if markup {
            out.push_str(&text[clean..i]);
            out.push('\\');
            clean = i;
        }
    }
    out.push_str(&text[clean..]);
}

/// Inline code that holds any backticks: a longer delimiter, padded when needed.
fn code_span(out: &mut String, code: &str) {
    let fence = "`".repeat(longest_backtick_run(code) + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    for part in [&fence, pad, code, pad, &fence] {
        out.push_str(part);
    }
}

fn longest_backtick_run(text: &str) -> usize {
    if !text.contains('`') {
        return 0;
    }
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(events: &[Event<'_>]) -> String {
        let mut writer = Writer::default();
        for event in events {
            writer.event(*event);
        }
        writer.finish()
    }

    #[test]
    fn a_fence_is_longer_than_any_run_of_backticks() {
        let text = "before\n```\nfenced\n````\nafter";
        assert_eq!(
            written(&[Event::Code { lang: "text", text }]),
            format!("`````text\n{text}\n`````\n")
        );
        assert_eq!(written(&[Event::Code { lang: "", text: "x" }]), "```\nx\n```\n");
    }

    #[test]
    fn plain_text_is_escaped_but_words_with_underscores_are_not() {
        let escaped = |text: &str| {
            let mut out = String::new();
            escape(&mut out, text);
            out
        };
        let span = |code: &str| {
            let mut out = String::new();
            code_span(&mut out, code);
            out
        };
        assert_eq!(
            escaped("a <b> *c* [d] `e` \\ snake_case _x_"),
            "a \\<b> \\*c\\* \\[d\\] \\`e\\` \\\\ snake_case \\_x\\_"
        );
        assert_eq!(span("a`b"), "``a`b``");
        // Markup found at every place of an eight-byte word, and in the tail after it.
        for markup in ["\\", "`", "*", "[", "]", "<", " _"] {
            for at in 0..20 {
                let text = format!("{}{markup}{}", "x".repeat(at), "y^".repeat(5));
                let reference = text.replace(
                    markup,
                    &format!("{}\\{}", &markup[..markup.len() - 1], &markup[markup.len() - 1..]),
                );
                assert_eq!(escaped(&text), reference, "{text:?}");
                assert!(may_need_escaping(text.as_bytes()), "{text:?}");
            }
        }
        assert!(!may_need_escaping("Plain Text, 12:30 (ok) — done.".as_bytes()));
        assert_eq!(span("`a"), "`` `a ``");
    }

    #[test]
    fn nested_lists_tables_and_quotes() {
        assert_eq!(
            written(&[
                Event::StartList,
                Event::StartItem(&[Span::Text("one")]),
                Event::StartList,
                Event::StartItem(&[Span::Strong(&[Span::Text("two")])]),
                Event::EndItem,
                Event::EndList,
                Event::EndItem,
                Event::EndList,
                Event::StartTable,
                Event::TableRow {
                    header: true,
                    cells: &[Span::Text("A|B")],
                },
                Event::TableRow {
                    header: false,
                    cells: &[Span::Fmt(format_args!("{}", 1))],
                },
                Event::EndTable,
                Event::StartQuote,
                Event::UserMarkdown("x\n\ny"),
                Event::EndQuote,
            ]),
            "- one\n  - **two**\n\n| A\\|B |\n|---|\n| 1 |\n\n> x\n> \n> y\n"
        );
    }

    #[test]
    fn blocks_that_write_nothing_leave_no_blank_line() {
        assert_eq!(
            written(&[
                Event::Paragraph(&[Span::Text("a")]),
                Event::StartList,
                Event::EndList,
                Event::Paragraph(&[]),
                Event::StartQuote,
                Event::UserMarkdown("  "),
                Event::EndQuote,
                Event::UserMarkdown(""),
                Event::Paragraph(&[Span::User("  b \n\t c ")]),
            ]),
            "a\n\nb c\n"
        );
    }
}

//! Markdown: readable notes for a mentor or a notes app, rendered from a [`Document`].

use super::document::{Block, Document, ImageSource, Inline, ListItem, Options};
use crate::bank::Catalog;
use crate::session::Session;

/// The sessions as one Markdown document.
pub fn markdown(sessions: &[&Session], catalog: Option<&Catalog>) -> String {
    markdown_with(sessions, catalog, Options::default())
}

/// The sessions as one Markdown document, with `options`; written as the document is
/// built, block by block.
pub fn markdown_with(sessions: &[&Session], catalog: Option<&Catalog>, options: Options) -> String {
    let mut writer = Writer::default();
    Document::stream(sessions, catalog, options, |block| writer.block(&block));
    writer.finish()
}

/// Markdown (CommonMark with pipe tables) written one top-level block after another,
/// separated by blank lines; a newline at the end.
pub(super) struct Writer {
    out: String,
    first: bool,
}

impl Default for Writer {
    fn default() -> Self {
        Self {
            out: String::new(),
            first: true,
        }
    }
}

impl Writer {
    pub(super) fn block(&mut self, block: &Block) {
        block_after(&mut self.out, &mut self.first, block);
    }

    pub(super) fn finish(mut self) -> String {
        self.out.push('\n');
        self.out
    }
}

/// Blocks separated by blank lines, without a trailing newline; blocks that render to
/// nothing leave no blank line behind.
fn blocks(out: &mut String, blocks: &[Block]) {
    let mut first = true;
    for block in blocks {
        block_after(out, &mut first, block);
    }
}

/// One block after those already in `out` (none yet when `first`).
fn block_after(out: &mut String, first: &mut bool, block: &Block) {
    let before = out.len();
    if !*first {
        out.push_str("\n\n");
    }
    let body = out.len();
    render_block(out, block);
    if out.len() == body {
        out.truncate(before);
    } else {
        *first = false;
    }
}

fn render_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading { level, text } => {
            for _ in 0..(*level).clamp(1, 6) {
                out.push('#');
            }
            out.push(' ');
            inlines(out, text);
        }
        Block::Paragraph(text) => inlines(out, text),
        Block::Meta(text) => {
            out.push('*');
            inlines(out, text);
            out.push('*');
        }
        Block::List(items) => {
            let start = out.len();
            list(out, items, 0);
            let kept = out[start..].trim_end().len();
            out.truncate(start + kept);
        }
        Block::Table { header, rows } => {
            row(out, header);
            out.push_str("\n|");
            for _ in header {
                out.push_str("---|");
            }
            for cells in rows {
                out.push('\n');
                row(out, cells);
            }
        }
        Block::Quote(inner) => {
            let mut quoted = String::new();
            blocks(&mut quoted, inner);
            for (i, line) in quoted.lines().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str("> ");
                out.push_str(line);
            }
        }
        Block::Code { lang, text } => {
            let fence = "`".repeat(longest_backtick_run(text).max(2) + 1);
            for part in [&fence, lang, "\n", text, "\n", &fence] {
                out.push_str(part);
            }
        }
        Block::UserMarkdown(source) => out.push_str(source.trim()),
        Block::Image { alt, source } => match source {
            ImageSource::File(path) => {
                out.push_str("![");
                escape(out, alt);
                out.push_str("](<");
                out.push_str(&path.display().to_string().replace(['<', '>'], ""));
                out.push_str(">)");
            }
            // Markdown cannot hold a drawing inline: its description stands in for it
            // (an export to a file writes boards beside it and links them instead).
            ImageSource::Svg(_) | ImageSource::Board { .. } => {
                out.push_str("*Drawing: ");
                escape(out, alt);
                out.push('*');
            }
        },
        Block::Chart(chart) => {
            let (header, rows) = super::document::chart_table(chart);
            render_block(out, &Block::Table { header, rows });
        }
        Block::Rule | Block::PageBreak => out.push_str("---"),
        Block::Section { blocks: inner, .. } => blocks(out, inner),
    }
}

/// One table row; a `|` inside a cell is escaped.
fn row(out: &mut String, cells: &[Vec<Inline>]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        let start = out.len();
        inlines(out, cell);
        if out[start..].contains('|') {
            let escaped = out[start..].replace('|', "\\|");
            out.truncate(start);
            out.push_str(&escaped);
        }
        out.push_str(" |");
    }
}

fn list(out: &mut String, items: &[ListItem], depth: usize) {
    for item in items {
        for _ in 0..depth {
            out.push_str("  ");
        }
        out.push_str("- ");
        inlines(out, &item.text);
        out.push('\n');
        list(out, &item.children, depth + 1);
    }
}

fn inlines(out: &mut String, content: &[Inline]) {
    for inline in content {
        match inline {
            Inline::Text(text) => escape(out, text),
            Inline::Strong(inner) => {
                out.push_str("**");
                inlines(out, inner);
                out.push_str("**");
            }
            Inline::Emphasis(inner) => {
                out.push('*');
                inlines(out, inner);
                out.push('*');
            }
            Inline::Code(code) => code_span(out, code),
            Inline::Link { text, url } => {
                out.push('[');
                inlines(out, text);
                out.push_str("](<");
                out.push_str(&url.replace(['<', '>', '\n'], ""));
                out.push_str(">)");
            }
            Inline::Warning(inner) => inlines(out, inner),
        }
    }
}

/// Escapes what Markdown would otherwise read as markup in plain text: backslashes,
/// backticks, asterisks, brackets, `<` (HTML) and underscores at a word's edge.
fn escape(out: &mut String, text: &str) {
    let mut clean = 0;
    for (i, byte) in text.bytes().enumerate() {
        let markup = match byte {
            b'\\' | b'`' | b'*' | b'[' | b']' | b'<' => true,
            b'_' => {
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                !(word(text[..i].chars().next_back()) && word(text[i + 1..].chars().next()))
            }
            _ => false,
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
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_is_longer_than_any_run_of_backticks() {
        let text = "before\n```\nfenced\n````\nafter".to_owned();
        let mut out = String::new();
        render_block(
            &mut out,
            &Block::Code {
                lang: "text".to_owned(),
                text: text.clone(),
            },
        );
        assert_eq!(out, format!("`````text\n{text}\n`````"));
        let mut plain = String::new();
        render_block(
            &mut plain,
            &Block::Code {
                lang: String::new(),
                text: "x".to_owned(),
            },
        );
        assert_eq!(plain, "```\nx\n```");
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
        assert_eq!(span("`a"), "`` `a ``");
    }

    #[test]
    fn nested_lists_tables_and_quotes() {
        let blocks = vec![
            Block::List(vec![ListItem {
                text: vec![Inline::Text("one".to_owned())],
                children: vec![ListItem::new(vec![Inline::Strong(vec![Inline::Text(
                    "two".to_owned(),
                )])])],
            }]),
            Block::Table {
                header: vec![vec![Inline::Text("A|B".to_owned())]],
                rows: vec![vec![vec![Inline::Text("1".to_owned())]]],
            },
            Block::Quote(vec![Block::UserMarkdown("x\n\ny".to_owned())]),
        ];
        let mut writer = Writer::default();
        for block in &blocks {
            writer.block(block);
        }
        assert_eq!(
            writer.finish(),
            "- one\n  - **two**\n\n| A\\|B |\n|---|\n| 1 |\n\n> x\n> \n> y\n"
        );
    }
}

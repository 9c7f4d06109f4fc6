//! Markdown: readable notes for a mentor or a notes app, rendered from a [`Document`].

use super::document::{Block, Document, ImageSource, Inline, ListItem};
use crate::bank::Catalog;
use crate::session::Session;

/// The sessions as one Markdown document.
pub fn markdown(sessions: &[&Session], catalog: Option<&Catalog>) -> String {
    render(&Document::of_sessions(sessions, catalog))
}

/// A document as Markdown (CommonMark with pipe tables), newline at the end.
pub fn render(doc: &Document) -> String {
    let text = doc.text_len();
    let mut out = String::with_capacity(text + text / 4);
    blocks(&mut out, &doc.blocks);
    out.push('\n');
    out
}

/// Blocks separated by blank lines, without a trailing newline; blocks that render to
/// nothing leave no blank line behind.
fn blocks(out: &mut String, blocks: &[Block]) {
    let mut first = true;
    for block in blocks {
        let before = out.len();
        if !first {
            out.push_str("\n\n");
        }
        let body = out.len();
        render_block(out, block);
        if out.len() == body {
            out.truncate(before);
        } else {
            first = false;
        }
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
            // Markdown cannot hold a drawing inline: its description stands in for it.
            ImageSource::Svg(_) => {
                out.push_str("*Drawing: ");
                escape(out, alt);
                out.push('*');
            }
        },
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
    if !text.contains(['\\', '`', '*', '[', ']', '<', '_']) {
        out.push_str(text);
        return;
    }
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let markup = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' => true,
            '_' => {
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                !(word(previous) && word(chars.peek().copied()))
            }
            _ => false,
        };
        if markup {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
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
        let doc = Document {
            title: String::new(),
            blocks: vec![
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
            ],
        };
        assert_eq!(
            render(&doc),
            "- one\n  - **two**\n\n| A\\|B |\n|---|\n| 1 |\n\n> x\n> \n> y\n"
        );
    }
}

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
    let mut out = blocks(&doc.blocks);
    out.push('\n');
    out
}

/// Blocks separated by blank lines, without a trailing newline.
fn blocks(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = blocks.iter().map(render_block).collect();
    parts.retain(|p| !p.is_empty());
    parts.join("\n\n")
}

fn render_block(block: &Block) -> String {
    match block {
        Block::Heading { level, text } => {
            format!(
                "{} {}",
                "#".repeat(usize::from((*level).clamp(1, 6))),
                inlines(text)
            )
        }
        Block::Paragraph(text) => inlines(text),
        Block::Meta(text) => format!("*{}*", inlines(text)),
        Block::List(items) => {
            let mut out = String::new();
            list(&mut out, items, 0);
            out.truncate(out.trim_end().len());
            out
        }
        Block::Table { header, rows } => {
            let row = |cells: &[Vec<Inline>]| {
                let cells: Vec<String> = cells.iter().map(|c| inlines(c).replace('|', "\\|")).collect();
                format!("| {} |", cells.join(" | "))
            };
            let mut lines = vec![row(header), format!("|{}", "---|".repeat(header.len()))];
            lines.extend(rows.iter().map(|r| row(r)));
            lines.join("\n")
        }
        Block::Quote(inner) => blocks(inner)
            .lines()
            .map(|line| format!("> {line}"))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Code { lang, text } => {
            let fence = "`".repeat(longest_backtick_run(text).max(2) + 1);
            format!("{fence}{lang}\n{text}\n{fence}")
        }
        Block::UserMarkdown(source) => source.trim().to_owned(),
        Block::Image { alt, source } => match source {
            ImageSource::File(path) => format!(
                "![{}](<{}>)",
                escape(alt),
                path.display().to_string().replace(['<', '>'], "")
            ),
            // Markdown cannot hold a drawing inline: its description stands in for it
            // (an export to a file writes boards beside it and links them instead).
            ImageSource::Svg(_) | ImageSource::Board { .. } => format!("*Drawing: {}*", escape(alt)),
        },
        Block::Chart(chart) => {
            let (header, rows) = super::document::chart_table(chart);
            render_block(&Block::Table { header, rows })
        }
        Block::Rule | Block::PageBreak => "---".to_owned(),
        Block::Section { blocks: inner, .. } => blocks(inner),
    }
}

fn list(out: &mut String, items: &[ListItem], depth: usize) {
    for item in items {
        out.push_str(&"  ".repeat(depth));
        out.push_str("- ");
        out.push_str(&inlines(&item.text));
        out.push('\n');
        list(out, &item.children, depth + 1);
    }
}

fn inlines(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Strong(inner) => {
                out.push_str("**");
                out.push_str(&inlines(inner));
                out.push_str("**");
            }
            Inline::Emphasis(inner) => {
                out.push('*');
                out.push_str(&inlines(inner));
                out.push('*');
            }
            Inline::Code(code) => out.push_str(&code_span(code)),
            Inline::Link { text, url } => {
                out.push('[');
                out.push_str(&inlines(text));
                out.push_str("](<");
                out.push_str(&url.replace(['<', '>', '\n'], ""));
                out.push_str(">)");
            }
            Inline::Warning(inner) => out.push_str(&inlines(inner)),
        }
    }
    out
}

/// Escapes what Markdown would otherwise read as markup in plain text: backslashes,
/// backticks, asterisks, brackets, `<` (HTML) and underscores at a word's edge.
fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let word = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_alphanumeric());
        let markup = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' => true,
            '_' => !(word(i.checked_sub(1)) && word(Some(i + 1))),
            _ => false,
        };
        if markup {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Inline code that holds any backticks: a longer delimiter, padded when needed.
fn code_span(code: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(code) + 1);
    if code.starts_with('`') || code.ends_with('`') {
        format!("{fence} {code} {fence}")
    } else {
        format!("{fence}{code}{fence}")
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
        let out = render_block(&Block::Code {
            lang: "text".to_owned(),
            text: text.clone(),
        });
        assert_eq!(out, format!("`````text\n{text}\n`````"));
        let plain = render_block(&Block::Code {
            lang: String::new(),
            text: "x".to_owned(),
        });
        assert_eq!(plain, "```\nx\n```");
    }

    #[test]
    fn plain_text_is_escaped_but_words_with_underscores_are_not() {
        assert_eq!(
            escape("a <b> *c* [d] `e` \\ snake_case _x_"),
            "a \\<b> \\*c\\* \\[d\\] \\`e\\` \\\\ snake_case \\_x\\_"
        );
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`a"), "`` `a ``");
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

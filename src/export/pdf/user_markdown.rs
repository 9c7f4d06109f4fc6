//! Markdown that a user or a bank author wrote, as document blocks for the PDF: paragraphs,
//! lists, quotes, code, headings and tables. Raw HTML shows as the text it is, images as
//! their description, and links keep their text with the address after it.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::export::document::{Block, Inline, ListItem};

/// The blocks of `source`.
pub fn blocks(source: &str) -> Vec<Block> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let events: Vec<Event<'_>> = Parser::new_ext(source, options).collect();
    let mut at = 0;
    let blocks = block_list(&events, &mut at);
    // Anything the parser left unclosed is kept as text rather than lost.
    let mut blocks = blocks;
    if at < events.len() {
        let rest = inlines(&events, &mut at);
        if !rest.is_empty() {
            blocks.push(Block::Paragraph(rest));
        }
    }
    blocks
}

/// Blocks until the end of the enclosing container (or of the events).
fn block_list(events: &[Event<'_>], at: &mut usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    while let Some(event) = events.get(*at) {
        match event {
            Event::End(_) => return blocks,
            Event::Start(Tag::Paragraph) | Event::Start(Tag::HtmlBlock) => {
                *at += 1;
                let text = inlines(events, at);
                *at += 1;
                if !text.is_empty() {
                    blocks.push(Block::Paragraph(text));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let level = match level {
                    HeadingLevel::H1 => 3,
                    HeadingLevel::H2 => 4,
                    _ => 5,
                };
                *at += 1;
                let text = inlines(events, at);
                *at += 1;
                blocks.push(Block::Heading { level, text });
            }
            Event::Start(Tag::BlockQuote(_)) => {
                *at += 1;
                let inner = block_list(events, at);
                *at += 1;
                blocks.push(Block::Quote(inner));
            }
            Event::Start(Tag::CodeBlock(_)) => {
                *at += 1;
                let mut text = String::new();
                while let Some(Event::Text(t)) = events.get(*at) {
                    text.push_str(t);
                    *at += 1;
                }
                *at += 1;
                blocks.push(Block::Code {
                    lang: String::new(),
                    text: text.trim_end().to_owned(),
                });
            }
            Event::Start(Tag::List(_)) => {
                *at += 1;
                blocks.push(Block::List(list_items(events, at)));
                *at += 1;
            }
            Event::Start(Tag::Table(_)) => {
                *at += 1;
                blocks.push(table(events, at));
                *at += 1;
            }
            Event::Rule => {
                *at += 1;
                blocks.push(Block::Rule);
            }
            Event::Start(tag) if !is_inline(tag) => {
                // Another container (footnote, definition list …): its content is kept.
                *at += 1;
                blocks.extend(block_list(events, at));
                *at += 1;
            }
            _ => {
                let text = inlines(events, at);
                if text.is_empty() {
                    // An event no block starts with: step over it.
                    *at += 1;
                } else {
                    blocks.push(Block::Paragraph(text));
                }
            }
        }
    }
    blocks
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Strong
            | Tag::Emphasis
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

/// List items until the list's end; an item's paragraphs join its text, nested lists
/// become its children (deeper levels are flattened into them).
fn list_items(events: &[Event<'_>], at: &mut usize) -> Vec<ListItem> {
    let mut items = Vec::new();
    while let Some(Event::Start(Tag::Item)) = events.get(*at) {
        *at += 1;
        let inner = block_list(events, at);
        *at += 1;
        let mut item = ListItem::new(Vec::new());
        for block in inner {
            match block {
                Block::List(children) => item.children.extend(flatten(children)),
                other => {
                    let text = block_text(other);
                    if !item.text.is_empty() && !text.is_empty() {
                        item.text.push(Inline::Text(" ".to_owned()));
                    }
                    item.text.extend(text);
                }
            }
        }
        items.push(item);
    }
    items
}

fn flatten(items: Vec<ListItem>) -> Vec<ListItem> {
    let mut out = Vec::new();
    for mut item in items {
        let children = std::mem::take(&mut item.children);
        out.push(item);
        out.extend(flatten(children));
    }
    out
}

/// A block's text on one line (for list items that hold paragraphs, quotes or code).
fn block_text(block: Block) -> Vec<Inline> {
    match block {
        Block::Paragraph(text) | Block::Heading { text, .. } | Block::Meta(text) => text,
        Block::Code { text, .. } => vec![Inline::Code(text)],
        Block::Quote(inner) => inner.into_iter().flat_map(block_text).collect(),
        _ => Vec::new(),
    }
}

fn table(events: &[Event<'_>], at: &mut usize) -> Block {
    let mut header = Vec::new();
    let mut rows = Vec::new();
    while let Some(event) = events.get(*at) {
        match event {
            Event::Start(Tag::TableHead) => {
                *at += 1;
                header = cells(events, at);
                *at += 1;
            }
            Event::Start(Tag::TableRow) => {
                *at += 1;
                rows.push(cells(events, at));
                *at += 1;
            }
            _ => break,
        }
    }
    Block::Table { header, rows }
}

fn cells(events: &[Event<'_>], at: &mut usize) -> Vec<Vec<Inline>> {
    let mut cells = Vec::new();
    while let Some(Event::Start(Tag::TableCell)) = events.get(*at) {
        *at += 1;
        cells.push(inlines(events, at));
        *at += 1;
    }
    cells
}

/// Inline content until an end that is not its own.
fn inlines(events: &[Event<'_>], at: &mut usize) -> Vec<Inline> {
    let mut out = Vec::new();
    while let Some(event) = events.get(*at) {
        match event {
            Event::Text(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => {
                out.push(Inline::Text(t.to_string()));
            }
            Event::Code(code) => out.push(Inline::Code(code.to_string())),
            Event::SoftBreak | Event::HardBreak => out.push(Inline::Text(" ".to_owned())),
            Event::TaskListMarker(done) => out.push(Inline::Text(if *done { "☑ " } else { "☐ " }.to_owned())),
            Event::FootnoteReference(name) => out.push(Inline::Text(format!("[{name}]"))),
            Event::Start(Tag::Strong) => {
                *at += 1;
                out.push(Inline::Strong(inlines(events, at)));
            }
            Event::Start(Tag::Emphasis | Tag::Strikethrough | Tag::Superscript | Tag::Subscript) => {
                *at += 1;
                out.push(Inline::Emphasis(inlines(events, at)));
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = dest_url.to_string();
                *at += 1;
                let text = inlines(events, at);
                out.push(Inline::Link { text, url });
            }
            Event::Start(Tag::Image { .. }) => {
                *at += 1;
                let mut alt = vec![Inline::Text("[image: ".to_owned())];
                alt.extend(inlines(events, at));
                alt.push(Inline::Text("]".to_owned()));
                out.extend(alt);
            }
            Event::End(
                TagEnd::Strong
                | TagEnd::Emphasis
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image,
            ) => {
                return out;
            }
            Event::Start(_) | Event::End(_) | Event::Rule => return out,
        }
        *at += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(inlines: &[Inline]) -> String {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Text(t) | Inline::Code(t) => t.clone(),
                Inline::Strong(inner) | Inline::Emphasis(inner) | Inline::Warning(inner) => plain(inner),
                Inline::Link { text, .. } => plain(text),
            })
            .collect()
    }

    #[test]
    fn paragraphs_lists_quotes_and_code() {
        let blocks = blocks(
            "A **ledger**\nline two.\n\n- one\n  - nested\n- two\n\n> quoted\n\n```\nfn x()\n```\n\n# Title",
        );
        assert_eq!(blocks.len(), 5, "{blocks:?}");
        let Block::Paragraph(text) = &blocks[0] else {
            panic!("{:?}", blocks[0])
        };
        assert_eq!(plain(text), "A ledger line two.");
        assert!(matches!(text[1], Inline::Strong(_)));
        let Block::List(items) = &blocks[1] else {
            panic!("{:?}", blocks[1])
        };
        assert_eq!(items.len(), 2);
        assert_eq!(plain(&items[0].text), "one");
        assert_eq!(plain(&items[0].children[0].text), "nested");
        assert!(matches!(&blocks[2], Block::Quote(inner) if inner.len() == 1));
        assert_eq!(
            blocks[3],
            Block::Code {
                lang: String::new(),
                text: "fn x()".to_owned()
            }
        );
        assert!(matches!(blocks[4], Block::Heading { level: 3, .. }));
    }

    #[test]
    fn raw_html_is_text_and_links_keep_their_address() {
        let blocks = blocks("<b>bold?</b> see [site](https://example.com) ![chart](x.png)");
        let text: String = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(t) => plain(t),
                _ => String::new(),
            })
            .collect();
        assert!(text.contains("<b>bold?</b>"), "{text}");
        assert!(text.contains("[image: chart]"), "{text}");
        let has_link = blocks.iter().any(|b| {
            matches!(b, Block::Paragraph(t) if t.iter().any(|i| matches!(i, Inline::Link { url, .. } if url == "https://example.com")))
        });
        assert!(has_link, "{blocks:?}");
    }

    #[test]
    fn tables_keep_their_cells() {
        let blocks = blocks("| a | b |\n|---|---|\n| 1 | 2 |\n");
        let Block::Table { header, rows } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(header.len(), 2);
        assert_eq!(rows.len(), 1);
        assert_eq!(plain(&rows[0][1]), "2");
    }
}

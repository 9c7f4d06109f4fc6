//! HTML: one self-contained, print-friendly page (no scripts, no external files),
//! rendered from a [`Document`]. Markdown that users and bank authors wrote is rendered
//! with pulldown-cmark, with raw HTML shown as text and only safe links kept.

use std::fmt::Write;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::document::{Block, Document, ImageSource, Inline, ListItem, SectionKind};
use crate::bank::Catalog;
use crate::session::Session;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.6rem;border-bottom:2px solid #444;padding-bottom:.2rem}h2{font-size:1.25rem;margin-top:1.6rem}h3{font-size:1.05rem}
.meta{color:#555}blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:4px solid #bbb;background:#f5f5f5}
blockquote>:first-child{margin-top:0}blockquote>:last-child{margin-bottom:0}
pre{background:#f5f5f5;padding:.5rem;white-space:pre-wrap}table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}figure.board{margin:.5rem 0;overflow-x:auto}figure.board svg{max-width:100%;height:auto}.over{color:#a4001d}
.page-break{break-after:page;page-break-after:always}
.question{break-inside:avoid;page-break-inside:avoid}@media print{body{margin:0;max-width:none}a{color:inherit}}";

/// The sessions as one HTML document.
pub fn html(sessions: &[&Session], catalog: Option<&Catalog>) -> String {
    render(&Document::of_sessions(sessions, catalog))
}

/// A document as one HTML page.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>",
        escape(&doc.title)
    );
    for block in &doc.blocks {
        render_block(&mut out, block);
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn render_block(out: &mut String, block: &Block) {
    match block {
        Block::Heading { level, text } => {
            let level = (*level).clamp(1, 6);
            let _ = writeln!(out, "<h{level}>{}</h{level}>", inlines(text));
        }
        Block::Paragraph(text) => {
            let _ = writeln!(out, "<p>{}</p>", inlines(text));
        }
        Block::Meta(text) => {
            let _ = writeln!(out, "<p class=\"meta\">{}</p>", inlines(text));
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            list_items(out, items);
            out.push_str("</ul>\n");
        }
        Block::Table { header, rows } => {
            out.push_str("<table><tr>");
            for cell in header {
                let _ = write!(out, "<th>{}</th>", inlines(cell));
            }
            out.push_str("</tr>\n");
            for row in rows {
                out.push_str("<tr>");
                for cell in row {
                    let _ = write!(out, "<td>{}</td>", inlines(cell));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
        Block::Quote(inner) => {
            out.push_str("<blockquote>\n");
            for block in inner {
                render_block(out, block);
            }
            out.push_str("</blockquote>\n");
        }
        Block::Code { text, .. } => {
            let _ = writeln!(out, "<pre>{}</pre>", escape(text));
        }
        Block::UserMarkdown(source) => user_markdown(out, source),
        Block::Image { alt, source } => match source {
            ImageSource::Board { title, board, .. } => {
                let _ = writeln!(
                    out,
                    "<figure class=\"board\" role=\"img\" aria-label=\"{}\">{}</figure>",
                    escape(alt),
                    crate::board::svg::board_svg(board, title)
                );
            }
            // The drawing is Panelist's own SVG, so it is placed as it is.
            ImageSource::Svg(svg) => {
                let _ = writeln!(
                    out,
                    "<figure role=\"img\" aria-label=\"{}\">{svg}</figure>",
                    escape(alt)
                );
            }
            ImageSource::File(path) => {
                let _ = writeln!(
                    out,
                    "<img src=\"{}\" alt=\"{}\">",
                    escape(&path.display().to_string()),
                    escape(alt)
                );
            }
        },
        Block::Chart(chart) => {
            let (header, rows) = super::document::chart_table(chart);
            render_block(out, &Block::Table { header, rows });
        }
        Block::Rule => out.push_str("<hr>\n"),
        Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
        Block::Section { kind, blocks } => {
            let (open, close) = match kind {
                SectionKind::Session => ("<section class=\"session\">", "</section>"),
                SectionKind::Question => ("<div class=\"question\">", "</div>"),
            };
            out.push_str(open);
            out.push('\n');
            for block in blocks {
                render_block(out, block);
            }
            out.push_str(close);
            out.push('\n');
        }
    }
}

fn list_items(out: &mut String, items: &[ListItem]) {
    for item in items {
        out.push_str("<li>");
        out.push_str(&inlines(&item.text));
        if !item.children.is_empty() {
            out.push_str("<ul>");
            for child in &item.children {
                let _ = write!(out, "<li>{}</li>", inlines(&child.text));
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
}

fn inlines(content: &[Inline]) -> String {
    let mut out = String::new();
    for inline in content {
        match inline {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Strong(inner) => {
                let _ = write!(out, "<strong>{}</strong>", inlines(inner));
            }
            Inline::Emphasis(inner) => {
                let _ = write!(out, "<em>{}</em>", inlines(inner));
            }
            Inline::Code(code) => {
                let _ = write!(out, "<code>{}</code>", escape(code));
            }
            Inline::Link { text, url } if is_safe_url(url) => {
                let _ = write!(out, "<a href=\"{}\">{}</a>", escape(url.trim()), inlines(text));
            }
            Inline::Link { text, .. } => out.push_str(&inlines(text)),
            Inline::Warning(inner) => {
                let _ = write!(out, "<span class=\"over\">{}</span>", inlines(inner));
            }
        }
    }
    out
}

/// A link a reader may follow: web and mail addresses, or a place within the page.
/// Anything else (`javascript:`, `data:`, `file:`, `vbscript:` …) is dropped.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let url: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match url.find(':') {
        None => true,
        // a colon after a path, query or fragment starts no scheme
        Some(colon) if url[..colon].contains(['/', '?', '#']) => true,
        Some(colon) => matches!(&url[..colon], "http" | "https" | "mailto"),
    }
}

/// Markdown someone wrote, as HTML: raw HTML in it becomes visible text, links keep only
/// safe addresses, images (which would load files) show their description, and line
/// breaks are kept as typed.
fn user_markdown(out: &mut String, source: &str) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut dropped_links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(source, options).filter_map(|event| match event {
        // Text is escaped here, quotes included, like every other text on the page;
        // raw HTML is escaped the same way, so it shows as the text it is.
        Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
            Some(Event::InlineHtml(CowStr::from(escape(&text))))
        }
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::SoftBreak => Some(Event::HardBreak),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = is_safe_url(&dest_url);
            dropped_links.push(!safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => match dropped_links.pop() {
            Some(true) => None,
            _ => Some(Event::End(TagEnd::Link)),
        },
        Event::Start(Tag::Image { .. }) => Some(Event::Text(CowStr::Borrowed("[image: "))),
        Event::End(TagEnd::Image) => Some(Event::Text(CowStr::Borrowed("]"))),
        other => Some(other),
    });
    pulldown_cmark::html::push_html(out, events);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(source: &str) -> String {
        let mut out = String::new();
        user_markdown(&mut out, source);
        out
    }

    #[test]
    fn markdown_is_rendered() {
        let out = user("A **ledger**.\n\n- one\n- two");
        assert_eq!(
            out,
            "<p>A <strong>ledger</strong>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text_never_injected() {
        let out = user("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> <b>b</b>");
        assert!(
            !out.contains("<script") && !out.contains("<img") && !out.contains("<b>"),
            "{out}"
        );
        assert!(out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{out}");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
    }

    #[test]
    fn dangerous_links_lose_their_address_and_safe_ones_keep_it() {
        for hostile in [
            "[x](javascript:alert(1))",
            "[x](JavaScript&colon;alert(1))",
            "[x]( java\tscript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox)",
            "<javascript:alert(1)>",
        ] {
            let out = user(hostile);
            assert!(!out.contains("href"), "{hostile}: {out}");
        }
        assert!(user("[site](https://example.com)").contains("<a href=\"https://example.com\">site</a>"));
        assert!(user("<mailto:a@b.c>").contains("href=\"mailto:a@b.c\""));
    }

    #[test]
    fn images_show_their_description_and_load_nothing() {
        let out = user("![a chart](https://example.com/x.png)");
        assert!(!out.contains("<img") && !out.contains("src="), "{out}");
        assert!(out.contains("[image: a chart]"), "{out}");
    }

    #[test]
    fn line_breaks_are_kept() {
        assert_eq!(user("one\ntwo"), "<p>one<br />\ntwo</p>\n");
    }

    #[test]
    fn document_links_are_checked_too() {
        let link = |url: &str| {
            inlines(&[Inline::Link {
                text: vec![Inline::Text("t".to_owned())],
                url: url.to_owned(),
            }])
        };
        assert_eq!(link("javascript:alert(1)"), "t");
        assert_eq!(
            link("https://a.example/?q=\"x\""),
            "<a href=\"https://a.example/?q=&quot;x&quot;\">t</a>"
        );
    }
}

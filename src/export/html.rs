//! HTML: one self-contained, print-friendly page (no scripts, no external files),
//! rendered from a [`Document`]. Markdown that users and bank authors wrote is rendered
//! with pulldown-cmark, with raw HTML shown as text and only safe links kept.

use std::fmt::Write;

use pulldown_cmark::{CowStr, Event as MdEvent, Options, Parser, Tag, TagEnd};

use super::document::{
    Document, Event, Options as DocOptions, Picture, SectionKind, Sink, Span, chart_as_table,
};
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
    html_with(sessions, catalog, DocOptions::default())
}

/// The sessions as one HTML document, with `options`; written as the document is built,
/// event by event.
pub fn html_with(sessions: &[&Session], catalog: Option<&Catalog>, options: DocOptions) -> String {
    let mut writer = Writer {
        out: head(&Document::title_of(sessions)),
        ..Writer::default()
    };
    Document::write(sessions, catalog, options, &mut writer);
    writer.out.push_str(TAIL);
    writer.out
}

const TAIL: &str = "</body>\n</html>\n";

/// The page up to its body's content.
fn head(title: &str) -> String {
    let mut out = String::with_capacity(STYLE.len() + 256);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>",
        escape(title)
    );
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out`: clean runs are copied whole, only the five characters
/// HTML gives meaning to are replaced.
fn escape_into(out: &mut String, text: &str) {
    let mut clean = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[clean..i]);
        out.push_str(entity);
        clean = i + 1;
    }
    out.push_str(&text[clean..]);
}

/// HTML written as events come.
#[derive(Default)]
struct Writer {
    out: String,
    /// User Markdown already rendered in this document, by its source: a question asked
    /// in many sessions has its prompt rendered once.
    rendered: ahash::AHashMap<String, String>,
    /// The open list's nesting depth (0 when none).
    depth: usize,
    /// Formatted and folded text, before it is escaped.
    scratch: String,
}

impl Sink for Writer {
    fn event(&mut self, event: Event<'_>) {
        let out = &mut self.out;
        let scratch = &mut self.scratch;
        match event {
            Event::StartSection(kind) => out.push_str(match kind {
                SectionKind::Session => "<section class=\"session\">\n",
                SectionKind::Question => "<div class=\"question\">\n",
            }),
            Event::EndSection(kind) => out.push_str(match kind {
                SectionKind::Session => "</section>\n",
                SectionKind::Question => "</div>\n",
            }),
            Event::Heading(level, text) => {
                let level = level.clamp(1, 6);
                let _ = write!(out, "<h{level}>");
                inlines(out, scratch, text);
                let _ = writeln!(out, "</h{level}>");
            }
            Event::Paragraph(text) => {
                out.push_str("<p>");
                inlines(out, scratch, text);
                out.push_str("</p>\n");
            }
            Event::Meta(text) => {
                out.push_str("<p class=\"meta\">");
                inlines(out, scratch, text);
                out.push_str("</p>\n");
            }
            Event::StartList => {
                out.push_str(if self.depth == 0 { "<ul>\n" } else { "<ul>" });
                self.depth += 1;
            }
            Event::StartItem(text) => {
                out.push_str("<li>");
                inlines(out, scratch, text);
            }
            Event::EndItem => out.push_str(if self.depth <= 1 { "</li>\n" } else { "</li>" }),
            Event::EndList => {
                self.depth = self.depth.saturating_sub(1);
                out.push_str(if self.depth == 0 { "</ul>\n" } else { "</ul>" });
            }
            Event::StartTable => out.push_str("<table>"),
            Event::TableRow { header, cells } => {
                let (open, close) = if header {
                    ("<th>", "</th>")
                } else {
                    ("<td>", "</td>")
                };
                out.push_str("<tr>");
                for cell in cells {
                    out.push_str(open);
                    inlines(out, scratch, std::slice::from_ref(cell));
                    out.push_str(close);
                }
                out.push_str("</tr>\n");
            }
            Event::EndTable => out.push_str("</table>\n"),
            Event::StartQuote => out.push_str("<blockquote>\n"),
            Event::EndQuote => out.push_str("</blockquote>\n"),
            Event::Code { text, .. } => {
                out.push_str("<pre>");
                escape_into(out, text);
                out.push_str("</pre>\n");
            }
            Event::UserMarkdown(source) => match self.rendered.get(source) {
                Some(html) => out.push_str(html),
                None => {
                    let mut html = String::new();
                    user_markdown(&mut html, source);
                    out.push_str(&html);
                    self.rendered.insert(source.to_owned(), html);
                }
            },
            Event::Image { alt, source } => match source {
                Picture::Board { title, board, .. } => {
                    let _ = writeln!(
                        out,
                        "<figure class=\"board\" role=\"img\" aria-label=\"{}\">{}</figure>",
                        escape(alt),
                        crate::board::svg::board_svg(board, title)
                    );
                }
                // The drawing is Panelist's own SVG, so it is placed as it is.
                Picture::Svg(svg) => {
                    let _ = writeln!(
                        out,
                        "<figure role=\"img\" aria-label=\"{}\">{svg}</figure>",
                        escape(alt)
                    );
                }
                Picture::File(path) => {
                    let _ = writeln!(
                        out,
                        "<img src=\"{}\" alt=\"{}\">",
                        escape(&path.display().to_string()),
                        escape(alt)
                    );
                }
            },
            Event::Chart(chart) => chart_as_table(chart, self),
            Event::Rule => out.push_str("<hr>\n"),
            Event::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
        }
    }
}

fn inlines(out: &mut String, scratch: &mut String, content: &[Span<'_>]) {
    fn wrapped(out: &mut String, scratch: &mut String, open: &str, inner: &[Span<'_>], close: &str) {
        out.push_str(open);
        inlines(out, scratch, inner);
        out.push_str(close);
    }
    for span in content {
        match *span {
            Span::Text(_) | Span::User(_) | Span::Fmt(_) => {
                escape_into(out, super::document::span_text(span, scratch));
            }
            Span::Strong(inner) => wrapped(out, scratch, "<strong>", inner, "</strong>"),
            Span::Emphasis(inner) => wrapped(out, scratch, "<em>", inner, "</em>"),
            Span::Code(code) => {
                out.push_str("<code>");
                escape_into(out, code);
                out.push_str("</code>");
            }
            Span::Link { text, url } if is_safe_url(url) => {
                out.push_str("<a href=\"");
                escape_into(out, url.trim());
                out.push_str("\">");
                inlines(out, scratch, text);
                out.push_str("</a>");
            }
            Span::Link { text, .. } => inlines(out, scratch, text),
            Span::Warning(inner) => wrapped(out, scratch, "<span class=\"over\">", inner, "</span>"),
        }
    }
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
        MdEvent::Text(text) | MdEvent::Html(text) | MdEvent::InlineHtml(text) => {
            Some(MdEvent::InlineHtml(CowStr::from(escape(&text))))
        }
        MdEvent::Start(Tag::HtmlBlock) => Some(MdEvent::Start(Tag::Paragraph)),
        MdEvent::End(TagEnd::HtmlBlock) => Some(MdEvent::End(TagEnd::Paragraph)),
        MdEvent::SoftBreak => Some(MdEvent::HardBreak),
        MdEvent::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = is_safe_url(&dest_url);
            dropped_links.push(!safe);
            safe.then_some(MdEvent::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        MdEvent::End(TagEnd::Link) => match dropped_links.pop() {
            Some(true) => None,
            _ => Some(MdEvent::End(TagEnd::Link)),
        },
        MdEvent::Start(Tag::Image { .. }) => Some(MdEvent::Text(CowStr::Borrowed("[image: "))),
        MdEvent::End(TagEnd::Image) => Some(MdEvent::Text(CowStr::Borrowed("]"))),
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
    fn escaping_replaces_only_what_html_reads() {
        assert_eq!(escape(""), "");
        assert_eq!(escape("plain — text"), "plain — text");
        assert_eq!(
            escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape("é<é"), "é&lt;é");
        assert_eq!(escape("&&"), "&amp;&amp;");
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
            let mut out = String::new();
            inlines(
                &mut out,
                &mut String::new(),
                &[Span::Link {
                    text: &[Span::Text("t")],
                    url,
                }],
            );
            out
        };
        assert_eq!(link("javascript:alert(1)"), "t");
        assert_eq!(
            link("https://a.example/?q=\"x\""),
            "<a href=\"https://a.example/?q=&quot;x&quot;\">t</a>"
        );
    }
}

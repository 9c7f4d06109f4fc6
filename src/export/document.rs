//! One export document: what an export says, built once from sessions, rendered to
//! Markdown (`markdown.rs`) and HTML (`html.rs`) and, later, other formats.
//!
//! Building decides the content; rendering decides only the notation. A content
//! change is made here, once.

use std::path::PathBuf;

use super::{clock_ms, competency_label};
use crate::bank::Catalog;
use crate::session::{Mode, QuestionRecord, Session, debrief, format_clock};

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

/// An image: an SVG drawing made by Panelist, or a file.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageSource {
    Svg(String),
    File(PathBuf),
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

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// User text on one line: every run of whitespace becomes one space.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn user(s: &str) -> Inline {
    Inline::Text(one_line(s))
}

fn heading(level: u8, content: Vec<Inline>) -> Block {
    Block::Heading { level, text: content }
}

fn item(content: Vec<Inline>) -> ListItem {
    ListItem::new(content)
}

/// Text the user typed, without leading blank lines and trailing whitespace; `None` when blank.
fn typed(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    let start = text
        .char_indices()
        .take_while(|(_, c)| c.is_whitespace())
        .filter(|(_, c)| *c == '\n')
        .last()
        .map_or(0, |(i, _)| i + 1);
    Some(text[start..].trim_end().to_owned())
}

impl Document {
    /// The export of `sessions`; `catalog` names competencies (ids are used without it).
    pub fn of_sessions(sessions: &[&Session], catalog: Option<&Catalog>) -> Self {
        let title = match sessions {
            [one] => format!("{} — {}", one_line(&one.title), one.created.format("%Y-%m-%d")),
            _ => format!("Panelist sessions ({})", sessions.len()),
        };
        let mut blocks = Vec::new();
        if sessions.is_empty() {
            blocks.push(heading(1, vec![text("Panelist sessions")]));
            blocks.push(Block::Paragraph(vec![text(
                "No sessions matched this selection, so there is nothing to show.",
            )]));
        }
        for (i, session) in sessions.iter().enumerate() {
            if i > 0 {
                blocks.push(Block::PageBreak);
            }
            blocks.push(Block::Section {
                kind: SectionKind::Session,
                blocks: session_blocks(session, catalog),
            });
        }
        Self { title, blocks }
    }
}

impl Document {
    /// About how many bytes of text the document holds: a rendering sizes its buffer from
    /// it once, rather than growing it (and copying it) again and again.
    pub fn text_len(&self) -> usize {
        blocks_len(&self.blocks)
    }
}

fn blocks_len(blocks: &[Block]) -> usize {
    blocks.iter().map(block_len).sum()
}

fn block_len(block: &Block) -> usize {
    const MARKUP: usize = 8;
    MARKUP
        + match block {
            Block::Heading { text, .. } | Block::Paragraph(text) | Block::Meta(text) => inlines_len(text),
            Block::List(items) => items_len(items),
            Block::Table { header, rows } => rows
                .iter()
                .chain(std::iter::once(header))
                .flatten()
                .map(|cell| MARKUP + inlines_len(cell))
                .sum(),
            Block::Quote(inner) | Block::Section { blocks: inner, .. } => blocks_len(inner),
            Block::Code { text, .. } | Block::UserMarkdown(text) => text.len(),
            Block::Image { alt, source } => {
                alt.len()
                    + match source {
                        ImageSource::Svg(svg) => svg.len(),
                        ImageSource::File(path) => path.as_os_str().len(),
                    }
            }
            Block::Rule | Block::PageBreak => 0,
        }
}

fn items_len(items: &[ListItem]) -> usize {
    items
        .iter()
        .map(|item| 4 + inlines_len(&item.text) + items_len(&item.children))
        .sum()
}

fn inlines_len(content: &[Inline]) -> usize {
    content
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) | Inline::Code(text) => text.len(),
            Inline::Strong(inner) | Inline::Emphasis(inner) | Inline::Warning(inner) => {
                4 + inlines_len(inner)
            }
            Inline::Link { text, url } => 8 + url.len() + inlines_len(text),
        })
        .sum()
}

fn session_blocks(s: &Session, catalog: Option<&Catalog>) -> Vec<Block> {
    let mut blocks = vec![heading(
        1,
        vec![text(format!(
            "{} — {}",
            one_line(&s.title),
            s.created.format("%Y-%m-%d %H:%M")
        ))],
    )];
    let who = match (s.mode, s.candidate.trim()) {
        (Mode::Panel, "") => "Panel".to_owned(),
        (Mode::Panel, name) => format!("Panel, candidate {}", one_line(name)),
        (Mode::Solo, _) => "Solo".to_owned(),
    };
    let (used, target) = s.time_used_vs_target();
    let mut facts = vec![
        item(vec![text("Session: "), Inline::Code(s.id.clone())]),
        item(vec![text(format!("Mode: {who}"))]),
        item(vec![text(format!(
            "Status: {:?}{}",
            s.status,
            if s.ended_early { " (ended early)" } else { "" }
        ))]),
        item(vec![text(format!(
            "Answer time: {} of {} target",
            format_clock(used),
            format_clock(target)
        ))]),
    ];
    if let Some(mean) = s.self_mean() {
        facts.push(item(vec![text(format!("Mean self-score: {mean:.2}"))]));
    }
    blocks.push(Block::List(facts));
    if let Some(notes) = typed(&s.notes) {
        blocks.push(heading(2, vec![text("Notes on the round")]));
        blocks.push(Block::UserMarkdown(notes));
    }
    for (index, q) in s.questions.iter().enumerate() {
        blocks.push(Block::Section {
            kind: SectionKind::Question,
            blocks: question_blocks(index, q, catalog),
        });
    }
    if s.panel.is_some() {
        panel_blocks(&mut blocks, s, catalog);
    }
    blocks
}

fn question_blocks(index: usize, q: &QuestionRecord, catalog: Option<&Catalog>) -> Vec<Block> {
    let question = &q.question;
    let mut blocks = vec![
        heading(
            2,
            vec![text(format!("{}. {}", index + 1, one_line(&question.title)))],
        ),
        Block::Meta(vec![
            text(format!("{} · ", question.round.label())),
            Inline::Code(q.global_id.clone()),
            text(format!(" · {:?}", q.state)),
        ]),
        Block::Quote(vec![Block::UserMarkdown(question.prompt.trim().to_owned())]),
    ];
    let mut times = Vec::new();
    if q.prep_target_secs > 0 {
        times.push(item(vec![text(format!(
            "Prep: {} of {}",
            clock_ms(q.prep_ms),
            format_clock(q.prep_target_secs.into())
        ))]));
    }
    let mut answer = item(vec![text(format!(
        "Answer: {} of {}",
        clock_ms(q.answer_ms),
        format_clock(q.answer_target_secs.into())
    ))]);
    let over = q.overrun_ms();
    if over > 0 {
        answer.text.push(text(" "));
        answer.text.push(Inline::Warning(vec![text(format!(
            "(over by {})",
            clock_ms(over)
        ))]));
    }
    for (i, phase) in question.phases.iter().enumerate() {
        let used = q.phase_ms.get(i).copied().unwrap_or(0);
        let target = q.phase_target_secs.get(i).copied().unwrap_or(0);
        answer.children.push(item(vec![text(format!(
            "{}: {} of {}",
            one_line(&phase.name),
            clock_ms(used),
            format_clock(target.into())
        ))]));
    }
    times.push(answer);
    if q.pauses > 0 {
        times.push(item(vec![text(format!("Pauses: {}", q.pauses))]));
    }
    blocks.push(Block::List(times));
    if !q.self_scores.is_empty() {
        blocks.push(heading(3, vec![text("Self-scores")]));
        blocks.push(Block::List(
            q.self_scores
                .iter()
                .map(|(competency, score)| {
                    item(vec![text(format!(
                        "{}: {} — {}",
                        competency_label(catalog, competency),
                        score.value(),
                        score.short_label()
                    ))])
                })
                .collect(),
        ));
    }
    let strong = q
        .strong_shown
        .iter()
        .filter_map(|i| question.strong_signals.get(*i))
        .map(|s| item(vec![text(format!("Strong: {}", one_line(s)))]));
    let weak = q
        .weak_shown
        .iter()
        .filter_map(|i| question.weak_signals.get(*i))
        .map(|s| item(vec![text(format!("Weak: {}", one_line(s)))]));
    let signals: Vec<ListItem> = strong.chain(weak).collect();
    if !signals.is_empty() {
        blocks.push(heading(3, vec![text("Signals shown")]));
        blocks.push(Block::List(signals));
    }
    if let Some(spoken) = &q.spoken {
        spoken_blocks(&mut blocks, q, spoken);
    }
    if let Some(scratchpad) = typed(&q.scratchpad) {
        blocks.push(heading(3, vec![text("Scratchpad")]));
        blocks.push(Block::Code {
            lang: "text".to_owned(),
            text: scratchpad,
        });
    }
    if let Some(notes) = typed(&q.notes) {
        blocks.push(heading(3, vec![text("What I would change")]));
        blocks.push(Block::UserMarkdown(notes));
    }
    blocks
}

/// Delivery (whole answer and per phase) and the transcript as the candidate corrected it.
fn spoken_blocks(blocks: &mut Vec<Block>, q: &QuestionRecord, spoken: &crate::session::SpokenAnswer) {
    use crate::speech::report;
    let transcribed = spoken.transcript.is_some();
    blocks.push(heading(3, vec![text("Delivery")]));
    let mut facts = vec![item(vec![text(format!(
        "Recording: {}",
        report::clock(spoken.recording.duration_ms)
    ))])];
    match &spoken.metrics {
        Some(m) => {
            facts.extend(
                report::lines(m, Some(q.answer_ms), transcribed)
                    .into_iter()
                    .map(|l| item(vec![text(format!("{}: {}", l.label, l.value))])),
            );
            if !spoken.phase_metrics.is_empty() {
                let mut phases = item(vec![text("Per phase:")]);
                for (i, m) in spoken.phase_metrics.iter().enumerate() {
                    let name = q.question.phases.get(i).map_or("Phase", |p| p.name.as_str());
                    phases.children.push(item(vec![text(format!(
                        "{}: {}",
                        one_line(name),
                        report::summary(m, None, transcribed)
                    ))]));
                }
                facts.push(phases);
            }
        }
        None => facts.push(item(vec![text("Not measured yet")])),
    }
    blocks.push(Block::List(facts));
    if let Some(transcript) = &spoken.transcript {
        blocks.push(heading(3, vec![text("Transcript")]));
        let corrected = if spoken.corrections.is_empty() {
            String::new()
        } else {
            format!(
                ", {} corrected by you",
                crate::text::plural(spoken.corrections.len(), "word")
            )
        };
        blocks.push(Block::Meta(vec![text(format!(
            "Transcribed on this machine by {}{corrected}",
            one_line(&transcript.model)
        ))]));
        blocks.push(Block::Paragraph(vec![user(&spoken.text())]));
    }
}

fn panel_blocks(blocks: &mut Vec<Block>, s: &Session, catalog: Option<&Catalog>) {
    let Some(panel) = &s.panel else { return };
    blocks.push(heading(2, vec![text("Panel debrief")]));
    let members: Vec<String> = panel
        .panelists
        .iter()
        .map(|p| format!("{} ({})", one_line(&p.name), p.role.label()))
        .collect();
    blocks.push(Block::Paragraph(vec![text(format!(
        "Panel: {}",
        members.join(", ")
    ))]));
    let rows = debrief(s);
    if !rows.is_empty() {
        let mut header = vec![vec![text("Competency")]];
        header.extend(panel.panelists.iter().map(|p| vec![user(&p.name)]));
        header.extend(["Mean", "Spread", "Self"].map(|h| vec![text(h)]));
        let rows = rows
            .into_iter()
            .map(|row| {
                let mut cells = vec![vec![text(competency_label(catalog, &row.competency))]];
                cells.extend(row.by_panelist.iter().map(|m| vec![text(fmt_opt(*m))]));
                cells.push(vec![text(fmt_opt(row.mean))]);
                cells.push(vec![text(format!("{:.1}", row.spread))]);
                cells.push(vec![text(fmt_opt(row.self_mean))]);
                cells
            })
            .collect();
        blocks.push(Block::Table { header, rows });
    }
    blocks.push(heading(3, vec![text("Scorecards")]));
    for card in panel.scorecards.iter().filter(|c| c.is_submitted()) {
        let who = panel
            .panelists
            .get(card.panelist)
            .map_or("Panelist", |p| p.name.as_str());
        let title = s
            .questions
            .get(card.question)
            .map_or("", |q| q.question.title.as_str());
        blocks.push(heading(
            4,
            vec![text(format!(
                "{} on question {} ({}): {}",
                one_line(who),
                card.question + 1,
                one_line(title),
                card.recommendation.label()
            ))],
        ));
        let scores = card
            .scores
            .iter()
            .map(|(competency, score)| {
                let evidence = card.evidence.get(competency).map(|e| e.trim()).unwrap_or("");
                let evidence = if evidence.is_empty() {
                    String::new()
                } else {
                    format!(". Evidence: {}", one_line(evidence))
                };
                item(vec![text(format!(
                    "{}: {} — {}{evidence}",
                    competency_label(catalog, competency),
                    score.value(),
                    score.short_label()
                ))])
            })
            .collect();
        blocks.push(Block::List(scores));
        if let Some(notes) = typed(&card.notes) {
            blocks.push(Block::UserMarkdown(notes));
        }
    }
    if !panel.notes.is_empty() {
        blocks.push(heading(3, vec![text("Notes taken during the round")]));
        let notes = panel
            .notes
            .iter()
            .map(|note| {
                let who = panel
                    .panelists
                    .get(note.panelist)
                    .map_or("Panelist", |p| p.name.as_str());
                item(vec![text(format!(
                    "Q{} {} {}: {}{}",
                    note.question + 1,
                    clock_ms(note.at_ms),
                    one_line(who),
                    one_line(&note.text),
                    if note.evidence { " (evidence)" } else { "" }
                ))])
            })
            .collect();
        blocks.push(Block::List(notes));
    }
    if let Some(discussion) = typed(&panel.discussion) {
        blocks.push(heading(3, vec![text("Discussion")]));
        blocks.push(Block::UserMarkdown(discussion));
    }
    blocks.push(heading(
        3,
        vec![text(format!("Decision: {}", panel.decision.label()))],
    ));
    if let Some(reason) = typed(&panel.decision_reason) {
        blocks.push(Block::UserMarkdown(reason));
    }
}

fn fmt_opt(value: Option<f32>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_keeps_indentation_and_drops_blank_edges() {
        assert_eq!(typed("  \n\n"), None);
        assert_eq!(typed("\n\n  a\n  b  \n\n").as_deref(), Some("  a\n  b"));
        assert_eq!(typed("x").as_deref(), Some("x"));
    }

    #[test]
    fn an_empty_selection_is_a_short_document() {
        let doc = Document::of_sessions(&[], None);
        assert_eq!(doc.title, "Panelist sessions (0)");
        assert_eq!(doc.blocks.len(), 2);
        assert!(matches!(doc.blocks[1], Block::Paragraph(_)));
    }
}

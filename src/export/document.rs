//! One export document: what an export says, built once from sessions, rendered to
//! Markdown (`markdown.rs`) and HTML (`html.rs`) and, later, other formats.
//!
//! Building decides the content; rendering decides only the notation. A content
//! change is made here, once.

use std::path::PathBuf;

use super::{clock_ms, competency_label};
use crate::bank::{Catalog, levels_for};
use crate::board::Board;
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
        let mut lines: Vec<ProgressLine> = Vec::new();
        let slots = ordered.len();
        let mut line = |competency: &str| -> usize {
            match lines.iter().position(|l| l.competency == competency) {
                Some(i) => i,
                None => {
                    lines.push(ProgressLine {
                        competency: competency.to_owned(),
                        self_scores: vec![None; slots],
                        panel_scores: vec![None; slots],
                    });
                    lines.len() - 1
                }
            }
        };
        let mut found: Vec<(usize, usize, bool, f32)> = Vec::new();
        for (slot, session) in ordered.iter().enumerate() {
            for (competency, mean) in session.self_means_by_competency() {
                found.push((line(&competency), slot, false, mean));
            }
            for (competency, mean) in crate::history::progress::panel_means(session) {
                found.push((line(&competency), slot, true, mean));
            }
        }
        for (index, slot, panel, mean) in found {
            let scores = if panel {
                &mut lines[index].panel_scores
            } else {
                &mut lines[index].self_scores
            };
            scores[slot] = Some(mean);
        }
        for line in &mut lines {
            line.competency = competency_label(catalog, &line.competency);
        }
        lines.sort_by(|a, b| a.competency.cmp(&b.competency));
        Self {
            sessions: ordered
                .iter()
                .map(|s| s.created.format("%Y-%m-%d").to_string())
                .collect(),
            lines,
        }
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

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

/// User text on one line: every run of whitespace becomes one space.
pub(crate) fn one_line(text: &str) -> String {
    // Most text is one line already: copied as it is, without splitting it into words.
    if is_one_line(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when [`one_line`] would leave `text` as it is.
fn is_one_line(text: &str) -> bool {
    if text.is_empty() || text.starts_with(' ') || text.ends_with(' ') || text.contains("  ") {
        return false;
    }
    if text.is_ascii() {
        !text
            .bytes()
            .any(|b| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
    } else {
        !text.chars().any(|c| c != ' ' && c.is_whitespace())
    }
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
        let mut blocks = Vec::new();
        Self::stream(sessions, catalog, options, |block| blocks.push(block));
        Self {
            title: Self::title_of(sessions),
            blocks,
        }
    }

    /// The title of the export of `sessions` (an HTML page's).
    pub fn title_of(sessions: &[&Session]) -> String {
        match sessions {
            [one] => format!("{} — {}", one_line(&one.title), one.created.format("%Y-%m-%d")),
            _ => format!("Panelist sessions ({})", sessions.len()),
        }
    }

    /// The blocks of the export of `sessions`, in order, handed to `emit` one at a time:
    /// a format that writes as it goes (Markdown, HTML) renders each block and lets it
    /// go, rather than holding a thousand sessions' tree at once.
    pub fn stream(
        sessions: &[&Session],
        catalog: Option<&Catalog>,
        options: Options,
        mut emit: impl FnMut(Block),
    ) {
        if sessions.is_empty() {
            emit(heading(1, vec![text("Panelist sessions")]));
            emit(Block::Paragraph(vec![text(
                "No sessions matched this selection, so there is nothing to show.",
            )]));
        }
        for (i, session) in sessions.iter().enumerate() {
            if i > 0 {
                emit(Block::PageBreak);
            }
            emit(Block::Section {
                kind: SectionKind::Session,
                blocks: session_blocks(session, catalog, options),
            });
        }
        let chart = ProgressChart::of_sessions(sessions, catalog);
        if chart.sessions.len() > 1 && !chart.lines.is_empty() {
            emit(Block::PageBreak);
            emit(heading(1, vec![text("Progress by competency")]));
            emit(Block::Paragraph(vec![text(
                "Mean scores per session on the four-point scale (1 strong no hire to 4 strong hire), oldest session first: self-assessment and, where a panel scored, the panel's mean.",
            )]));
            emit(Block::Chart(chart));
        }
    }
}

fn session_blocks(s: &Session, catalog: Option<&Catalog>, options: Options) -> Vec<Block> {
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
            blocks: question_blocks(s, index, q, catalog, options),
        });
    }
    if s.panel.is_some() {
        panel_blocks(&mut blocks, s, catalog);
    }
    blocks
}

fn question_blocks(
    session: &Session,
    index: usize,
    q: &QuestionRecord,
    catalog: Option<&Catalog>,
    options: Options,
) -> Vec<Block> {
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
                    let mut scored = item(vec![text(format!(
                        "{}: {} — {}",
                        competency_label(catalog, competency),
                        score.value(),
                        score.short_label()
                    ))]);
                    let declared =
                        catalog.and_then(|c| c.competencies().iter().find(|d| d.id == *competency));
                    if let Some(level) = levels_for(question, competency, declared)
                        .and_then(|levels| levels.for_score(score.value()))
                        .filter(|level| !level.trim().is_empty())
                    {
                        scored.children.push(item(vec![
                            Inline::Emphasis(vec![text("At this level:")]),
                            text(" "),
                            user(level),
                        ]));
                    }
                    scored
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
    if let Some(board) = q.board().filter(|b| !b.is_empty()) {
        board_blocks(&mut blocks, session, index, q, board, options);
    }
    if let Some(notes) = typed(&q.notes) {
        blocks.push(heading(3, vec![text("What I would change")]));
        blocks.push(Block::UserMarkdown(notes));
    }
    blocks
}

/// The board as it ended and, with `options.board_phases`, at the end of each phase.
fn board_blocks(
    blocks: &mut Vec<Block>,
    session: &Session,
    index: usize,
    q: &QuestionRecord,
    board: &Board,
    options: Options,
) {
    let title = format!(
        "{} · question {}: {}",
        one_line(&session.title),
        index + 1,
        one_line(&q.question.title)
    );
    let file = board_file_name(session, index);
    blocks.push(heading(3, vec![text("Board")]));
    blocks.push(Block::Image {
        alt: board.describe(),
        source: ImageSource::Board {
            title: title.clone(),
            file: file.clone(),
            board: Box::new(board.clone()),
        },
    });
    if !options.board_phases {
        return;
    }
    for (n, (phase, end_ms)) in phase_ends(q).into_iter().enumerate() {
        let then = board.at(end_ms);
        blocks.push(heading(
            4,
            vec![text(format!(
                "Board at the end of {} ({})",
                one_line(&phase),
                clock_ms(end_ms)
            ))],
        ));
        blocks.push(Block::Image {
            alt: then.describe(),
            source: ImageSource::Board {
                title: format!("{title} · end of {}", one_line(&phase)),
                file: file.replace(".svg", &format!("-phase{}.svg", n + 1)),
                board: Box::new(then),
            },
        });
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

/// Replaces each board in `doc` by a link to its SVG file (for a format that cannot hold
/// drawings) and returns the files to write beside the export: `(file name, SVG)`.
pub fn externalise_boards(doc: &mut Document) -> Vec<(String, String)> {
    let mut files = Vec::new();
    externalise(&mut doc.blocks, &mut files);
    files
}

/// [`externalise_boards`] for one block of a streamed document: the files are added to `files`.
pub fn externalise_block(block: &mut Block, files: &mut Vec<(String, String)>) {
    externalise(std::slice::from_mut(block), files);
}

fn externalise(blocks: &mut [Block], files: &mut Vec<(String, String)>) {
    for block in blocks {
        match block {
            Block::Image { source, .. } => {
                if let ImageSource::Board { title, file, board } = source {
                    files.push((file.clone(), crate::board::svg::board_svg(board, title)));
                    *source = ImageSource::File(PathBuf::from(file.as_str()));
                }
            }
            Block::Quote(inner) | Block::Section { blocks: inner, .. } => externalise(inner, files),
            _ => {}
        }
    }
}

/// A progress chart as a table, for formats that show it as text: a row per session,
/// a column per competency, each cell the self score and the panel's after a slash.
pub(crate) fn chart_table(chart: &ProgressChart) -> (Vec<Vec<Inline>>, Vec<Vec<Vec<Inline>>>) {
    let mut header = vec![vec![text("Session")]];
    header.extend(chart.lines.iter().map(|l| vec![text(l.competency.clone())]));
    let rows = chart
        .sessions
        .iter()
        .enumerate()
        .map(|(slot, date)| {
            let mut cells = vec![vec![text(date.clone())]];
            cells.extend(chart.lines.iter().map(|line| {
                let one = |v: Option<&Option<f32>>| v.copied().flatten().map(|v| format!("{v:.1}"));
                let cell = match (one(line.self_scores.get(slot)), one(line.panel_scores.get(slot))) {
                    (Some(s), Some(p)) => format!("{s} / panel {p}"),
                    (Some(s), None) => s,
                    (None, Some(p)) => format!("panel {p}"),
                    (None, None) => "–".to_owned(),
                };
                vec![text(cell)]
            }));
            cells
        })
        .collect();
    (header, rows)
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

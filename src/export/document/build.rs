//! What an export says: the sessions as [`Event`]s, decided here once for every format.

use super::events::{Event, OneLine, Picture, Sink, Span};
use super::{Options, ProgressChart, SectionKind, Stamp, board_file_name, phase_ends, typed};
use crate::bank::{Catalog, Competency, levels_for};
use crate::board::Board;
use crate::session::{ClockTime as Clock, Mode, QuestionRecord, Session, debrief};
use crate::speech::report;
use crate::text::Fixed;

use Event::{EndItem, EndList, StartList};
use Span::{Fmt, Text, User};

/// The export of `sessions`, event by event, into `sink`.
pub(super) fn sessions(
    sessions: &[&Session],
    catalog: Option<&Catalog>,
    options: Options,
    sink: &mut dyn Sink,
) {
    if sessions.is_empty() {
        sink.event(Event::Heading(1, &[Text("Panelist sessions")]));
        sink.event(Event::Paragraph(&[Text(
            "No sessions matched this selection, so there is nothing to show.",
        )]));
    }
    for (i, session) in sessions.iter().enumerate() {
        if i > 0 {
            sink.event(Event::PageBreak);
        }
        sink.event(Event::StartSection(SectionKind::Session));
        self::session(session, catalog, options, sink);
        sink.event(Event::EndSection(SectionKind::Session));
    }
    let chart = ProgressChart::of_sessions(sessions, catalog);
    if chart.sessions.len() > 1 && !chart.lines.is_empty() {
        sink.event(Event::PageBreak);
        sink.event(Event::Heading(1, &[Text("Progress by competency")]));
        sink.event(Event::Paragraph(&[Text(
            "Mean scores per session on the four-point scale (1 strong no hire to 4 strong hire), oldest session first: self-assessment and, where a panel scored, the panel's mean.",
        )]));
        sink.event(Event::Chart(&chart));
    }
}

/// A list item without children.
fn item(sink: &mut dyn Sink, text: &[Span<'_>]) {
    sink.event(Event::StartItem(text));
    sink.event(EndItem);
}

/// A competency's name (the catalog's, or without one the built-in name, or its id) and
/// its declaration in the catalog.
fn competency<'a>(catalog: Option<&'a Catalog>, id: &'a str) -> (&'a str, Option<&'a Competency>) {
    match catalog {
        Some(catalog) => {
            let declared = catalog.competencies().iter().find(|c| c.id == id);
            (declared.map_or(id, |c| c.name.as_str()), declared)
        }
        None => (crate::bank::competency_name(id).unwrap_or(id), None),
    }
}

fn clock_ms(ms: u64) -> Clock {
    Clock(ms / 1000)
}

fn session(s: &Session, catalog: Option<&Catalog>, options: Options, sink: &mut dyn Sink) {
    sink.event(Event::Heading(
        1,
        &[Fmt(format_args!(
            "{} — {}",
            OneLine(&s.title),
            Stamp(&s.created, true)
        ))],
    ));
    sink.event(StartList);
    item(sink, &[Text("Session: "), Span::Code(&s.id)]);
    match (s.mode, s.candidate.trim()) {
        (Mode::Panel, "") => item(sink, &[Text("Mode: Panel")]),
        (Mode::Panel, name) => item(
            sink,
            &[Fmt(format_args!("Mode: Panel, candidate {}", OneLine(name)))],
        ),
        (Mode::Solo, _) => item(sink, &[Text("Mode: Solo")]),
    }
    item(
        sink,
        &[Fmt(format_args!(
            "Status: {:?}{}",
            s.status,
            if s.ended_early { " (ended early)" } else { "" }
        ))],
    );
    let (used, target) = s.time_used_vs_target();
    item(
        sink,
        &[Fmt(format_args!(
            "Answer time: {} of {} target",
            Clock(used),
            Clock(target)
        ))],
    );
    if let Some(mean) = s.self_mean() {
        item(sink, &[Fmt(format_args!("Mean self-score: {}", Fixed(mean, 2)))]);
    }
    sink.event(EndList);
    if let Some(notes) = typed(&s.notes) {
        sink.event(Event::Heading(2, &[Text("Notes on the round")]));
        sink.event(Event::UserMarkdown(notes));
    }
    for (index, q) in s.questions.iter().enumerate() {
        sink.event(Event::StartSection(SectionKind::Question));
        question(s, index, q, catalog, options, sink);
        sink.event(Event::EndSection(SectionKind::Question));
    }
    if s.panel.is_some() {
        panel(s, catalog, sink);
    }
}

fn question(
    session: &Session,
    index: usize,
    q: &QuestionRecord,
    catalog: Option<&Catalog>,
    options: Options,
    sink: &mut dyn Sink,
) {
    let question = &q.question;
    sink.event(Event::Heading(
        2,
        &[Fmt(format_args!("{}. {}", index + 1, OneLine(&question.title)))],
    ));
    sink.event(Event::Meta(&[
        Fmt(format_args!("{} · ", question.round.label())),
        Span::Code(&q.global_id),
        Fmt(format_args!(" · {:?}", q.state)),
    ]));
    sink.event(Event::StartQuote);
    sink.event(Event::UserMarkdown(question.prompt.trim()));
    sink.event(Event::EndQuote);

    sink.event(StartList);
    if q.prep_target_secs > 0 {
        item(
            sink,
            &[Fmt(format_args!(
                "Prep: {} of {}",
                clock_ms(q.prep_ms),
                Clock(q.prep_target_secs.into())
            ))],
        );
    }
    let over = q.overrun_ms();
    let answer_clock = clock_ms(q.answer_ms);
    let answer_target = Clock(q.answer_target_secs.into());
    if over > 0 {
        sink.event(Event::StartItem(&[
            Fmt(format_args!("Answer: {answer_clock} of {answer_target}")),
            Text(" "),
            Span::Warning(&[Fmt(format_args!("(over by {})", clock_ms(over)))]),
        ]));
    } else {
        sink.event(Event::StartItem(&[Fmt(format_args!(
            "Answer: {answer_clock} of {answer_target}"
        ))]));
    }
    if !question.phases.is_empty() {
        sink.event(StartList);
        for (i, phase) in question.phases.iter().enumerate() {
            let used = q.phase_ms.get(i).copied().unwrap_or(0);
            let target = q.phase_target_secs.get(i).copied().unwrap_or(0);
            item(
                sink,
                &[Fmt(format_args!(
                    "{}: {} of {}",
                    OneLine(&phase.name),
                    clock_ms(used),
                    Clock(target.into())
                ))],
            );
        }
        sink.event(EndList);
    }
    sink.event(EndItem);
    if q.pauses > 0 {
        item(sink, &[Fmt(format_args!("Pauses: {}", q.pauses))]);
    }
    sink.event(EndList);

    if !q.self_scores.is_empty() {
        sink.event(Event::Heading(3, &[Text("Self-scores")]));
        sink.event(StartList);
        for (id, score) in &q.self_scores {
            let (name, declared) = competency(catalog, id);
            sink.event(Event::StartItem(&[Fmt(format_args!(
                "{name}: {} — {}",
                score.value(),
                score.short_label()
            ))]));
            if let Some(level) = levels_for(question, id, declared)
                .and_then(|levels| levels.for_score(score.value()))
                .filter(|level| !level.trim().is_empty())
            {
                sink.event(StartList);
                item(
                    sink,
                    &[Span::Emphasis(&[Text("At this level:")]), Text(" "), User(level)],
                );
                sink.event(EndList);
            }
            sink.event(EndItem);
        }
        sink.event(EndList);
    }
    let strong = q
        .strong_shown
        .iter()
        .filter_map(|i| question.strong_signals.get(*i));
    let weak = q.weak_shown.iter().filter_map(|i| question.weak_signals.get(*i));
    if strong.clone().next().is_some() || weak.clone().next().is_some() {
        sink.event(Event::Heading(3, &[Text("Signals shown")]));
        sink.event(StartList);
        for signal in strong {
            item(sink, &[Fmt(format_args!("Strong: {}", OneLine(signal)))]);
        }
        for signal in weak {
            item(sink, &[Fmt(format_args!("Weak: {}", OneLine(signal)))]);
        }
        sink.event(EndList);
    }
    if let Some(spoken) = &q.spoken {
        self::spoken(q, spoken, sink);
    }
    if let Some(scratchpad) = typed(&q.scratchpad) {
        sink.event(Event::Heading(3, &[Text("Scratchpad")]));
        sink.event(Event::Code {
            lang: "text",
            text: scratchpad,
        });
    }
    if let Some(board) = q.board().filter(|b| !b.is_empty()) {
        self::board(session, index, q, board, options, sink);
    }
    if let Some(notes) = typed(&q.notes) {
        sink.event(Event::Heading(3, &[Text("What I would change")]));
        sink.event(Event::UserMarkdown(notes));
    }
}

/// The board as it ended and, with `options.board_phases`, at the end of each phase.
fn board(
    session: &Session,
    index: usize,
    q: &QuestionRecord,
    board: &Board,
    options: Options,
    sink: &mut dyn Sink,
) {
    let title = format!(
        "{} · question {}: {}",
        OneLine(&session.title),
        index + 1,
        OneLine(&q.question.title)
    );
    let file = board_file_name(session, index);
    sink.event(Event::Heading(3, &[Text("Board")]));
    sink.event(Event::Image {
        alt: &board.describe(),
        source: Picture::Board {
            title: &title,
            file: &file,
            board,
        },
    });
    if !options.board_phases {
        return;
    }
    for (n, (phase, end_ms)) in phase_ends(q).into_iter().enumerate() {
        let then = board.at(end_ms);
        sink.event(Event::Heading(
            4,
            &[Fmt(format_args!(
                "Board at the end of {} ({})",
                OneLine(&phase),
                clock_ms(end_ms)
            ))],
        ));
        sink.event(Event::Image {
            alt: &then.describe(),
            source: Picture::Board {
                title: &format!("{title} · end of {}", OneLine(&phase)),
                file: &file.replace(".svg", &format!("-phase{}.svg", n + 1)),
                board: &then,
            },
        });
    }
}

/// Delivery (whole answer and per phase) and the transcript as the candidate corrected it.
fn spoken(q: &QuestionRecord, spoken: &crate::session::SpokenAnswer, sink: &mut dyn Sink) {
    let transcribed = spoken.transcript.is_some();
    sink.event(Event::Heading(3, &[Text("Delivery")]));
    sink.event(StartList);
    item(
        sink,
        &[Fmt(format_args!(
            "Recording: {}",
            report::clock(spoken.recording.duration_ms)
        ))],
    );
    match &spoken.metrics {
        Some(m) => {
            for line in report::lines(m, Some(q.answer_ms), transcribed) {
                item(sink, &[Fmt(format_args!("{}: {}", line.label, line.value))]);
            }
            if !spoken.phase_metrics.is_empty() {
                sink.event(Event::StartItem(&[Text("Per phase:")]));
                sink.event(StartList);
                for (i, m) in spoken.phase_metrics.iter().enumerate() {
                    let name = q.question.phases.get(i).map_or("Phase", |p| p.name.as_str());
                    item(
                        sink,
                        &[Fmt(format_args!(
                            "{}: {}",
                            OneLine(name),
                            report::summary(m, None, transcribed)
                        ))],
                    );
                }
                sink.event(EndList);
                sink.event(EndItem);
            }
        }
        None => item(sink, &[Text("Not measured yet")]),
    }
    sink.event(EndList);
    if let Some(transcript) = &spoken.transcript {
        sink.event(Event::Heading(3, &[Text("Transcript")]));
        let corrected = if spoken.corrections.is_empty() {
            String::new()
        } else {
            format!(
                ", {} corrected by you",
                crate::text::plural(spoken.corrections.len(), "word")
            )
        };
        sink.event(Event::Meta(&[Fmt(format_args!(
            "Transcribed on this machine by {}{corrected}",
            OneLine(&transcript.model)
        ))]));
        sink.event(Event::Paragraph(&[User(&spoken.text())]));
    }
}

fn panel(s: &Session, catalog: Option<&Catalog>, sink: &mut dyn Sink) {
    let Some(panel) = &s.panel else { return };
    sink.event(Event::Heading(2, &[Text("Panel debrief")]));
    let members: Vec<String> = panel
        .panelists
        .iter()
        .map(|p| format!("{} ({})", OneLine(&p.name), p.role.label()))
        .collect();
    sink.event(Event::Paragraph(&[Fmt(format_args!(
        "Panel: {}",
        members.join(", ")
    ))]));
    let rows = debrief(s);
    if !rows.is_empty() {
        sink.event(Event::StartTable);
        let mut header = vec![Text("Competency")];
        header.extend(panel.panelists.iter().map(|p| User(&p.name)));
        header.extend(["Mean", "Spread", "Self"].map(Text));
        sink.event(Event::TableRow {
            header: true,
            cells: &header,
        });
        for row in &rows {
            let mut cells: Vec<String> = row.by_panelist.iter().map(|m| fmt_opt(*m)).collect();
            cells.push(fmt_opt(row.mean));
            cells.push(Fixed(row.spread, 1).to_string());
            cells.push(fmt_opt(row.self_mean));
            let mut spans = vec![Text(competency(catalog, &row.competency).0)];
            spans.extend(cells.iter().map(|c| Text(c)));
            sink.event(Event::TableRow {
                header: false,
                cells: &spans,
            });
        }
        sink.event(Event::EndTable);
    }
    sink.event(Event::Heading(3, &[Text("Scorecards")]));
    for card in panel.scorecards.iter().filter(|c| c.is_submitted()) {
        let who = panel
            .panelists
            .get(card.panelist)
            .map_or("Panelist", |p| p.name.as_str());
        let title = s
            .questions
            .get(card.question)
            .map_or("", |q| q.question.title.as_str());
        sink.event(Event::Heading(
            4,
            &[Fmt(format_args!(
                "{} on question {} ({}): {}",
                OneLine(who),
                card.question + 1,
                OneLine(title),
                card.recommendation.label()
            ))],
        ));
        sink.event(StartList);
        for (id, score) in &card.scores {
            let evidence = card.evidence.get(id).map(|e| e.trim()).unwrap_or("");
            let (label, _) = competency(catalog, id);
            if evidence.is_empty() {
                item(
                    sink,
                    &[Fmt(format_args!(
                        "{label}: {} — {}",
                        score.value(),
                        score.short_label()
                    ))],
                );
            } else {
                item(
                    sink,
                    &[Fmt(format_args!(
                        "{label}: {} — {}. Evidence: {}",
                        score.value(),
                        score.short_label(),
                        OneLine(evidence)
                    ))],
                );
            }
        }
        sink.event(EndList);
        if let Some(notes) = typed(&card.notes) {
            sink.event(Event::UserMarkdown(notes));
        }
    }
    if !panel.notes.is_empty() {
        sink.event(Event::Heading(3, &[Text("Notes taken during the round")]));
        sink.event(StartList);
        for note in &panel.notes {
            let who = panel
                .panelists
                .get(note.panelist)
                .map_or("Panelist", |p| p.name.as_str());
            item(
                sink,
                &[Fmt(format_args!(
                    "Q{} {} {}: {}{}",
                    note.question + 1,
                    clock_ms(note.at_ms),
                    OneLine(who),
                    OneLine(&note.text),
                    if note.evidence { " (evidence)" } else { "" }
                ))],
            );
        }
        sink.event(EndList);
    }
    if let Some(discussion) = typed(&panel.discussion) {
        sink.event(Event::Heading(3, &[Text("Discussion")]));
        sink.event(Event::UserMarkdown(discussion));
    }
    sink.event(Event::Heading(
        3,
        &[Fmt(format_args!("Decision: {}", panel.decision.label()))],
    ));
    if let Some(reason) = typed(&panel.decision_reason) {
        sink.event(Event::UserMarkdown(reason));
    }
}

fn fmt_opt(value: Option<f32>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| Fixed(v, 1).to_string())
}

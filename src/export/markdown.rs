//! Markdown: readable notes for a mentor or a notes app.

use std::fmt::Write;

use super::{clock_ms, competency_label};
use crate::bank::Catalog;
use crate::session::{Mode, QuestionRecord, Session, debrief, format_clock};

/// The sessions as one Markdown document.
pub fn markdown(sessions: &[&Session], catalog: Option<&Catalog>) -> String {
    let mut out = String::new();
    for (i, session) in sessions.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        session_md(&mut out, session, catalog);
    }
    out
}

fn session_md(out: &mut String, s: &Session, catalog: Option<&Catalog>) {
    let _ = writeln!(
        out,
        "# {} — {}\n",
        one_line(&s.title),
        s.created.format("%Y-%m-%d %H:%M")
    );
    let who = match (s.mode, s.candidate.trim()) {
        (Mode::Panel, "") => "Panel".to_owned(),
        (Mode::Panel, name) => format!("Panel, candidate {}", one_line(name)),
        (Mode::Solo, _) => "Solo".to_owned(),
    };
    let (used, target) = s.time_used_vs_target();
    let _ = writeln!(out, "- Session: `{}`", s.id);
    let _ = writeln!(out, "- Mode: {who}");
    let _ = writeln!(
        out,
        "- Status: {:?}{}",
        s.status,
        if s.ended_early { " (ended early)" } else { "" }
    );
    let _ = writeln!(
        out,
        "- Answer time: {} of {} target",
        format_clock(used),
        format_clock(target)
    );
    if let Some(mean) = s.self_mean() {
        let _ = writeln!(out, "- Mean self-score: {mean:.2}");
    }
    if !s.notes.trim().is_empty() {
        let _ = writeln!(out, "\n## Notes on the round\n\n{}", s.notes.trim());
    }
    for (index, q) in s.questions.iter().enumerate() {
        question_md(out, index, q, catalog);
    }
    if s.panel.is_some() {
        panel_md(out, s, catalog);
    }
}

fn question_md(out: &mut String, index: usize, q: &QuestionRecord, catalog: Option<&Catalog>) {
    let question = &q.question;
    let _ = writeln!(out, "\n## {}. {}\n", index + 1, one_line(&question.title));
    let _ = writeln!(
        out,
        "*{} · `{}` · {:?}*\n",
        question.round.label(),
        q.global_id,
        q.state
    );
    for line in question.prompt.trim().lines() {
        let _ = writeln!(out, "> {line}");
    }
    out.push('\n');
    if q.prep_target_secs > 0 {
        let _ = writeln!(
            out,
            "- Prep: {} of {}",
            clock_ms(q.prep_ms),
            format_clock(q.prep_target_secs.into())
        );
    }
    let over = q.overrun_ms();
    let over = if over > 0 {
        format!(" (over by {})", clock_ms(over))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "- Answer: {} of {}{over}",
        clock_ms(q.answer_ms),
        format_clock(q.answer_target_secs.into())
    );
    for (i, phase) in question.phases.iter().enumerate() {
        let used = q.phase_ms.get(i).copied().unwrap_or(0);
        let target = q.phase_target_secs.get(i).copied().unwrap_or(0);
        let _ = writeln!(
            out,
            "  - {}: {} of {}",
            one_line(&phase.name),
            clock_ms(used),
            format_clock(target.into())
        );
    }
    if q.pauses > 0 {
        let _ = writeln!(out, "- Pauses: {}", q.pauses);
    }
    if !q.self_scores.is_empty() {
        out.push_str("\n**Self-scores**\n\n");
        for (competency, score) in &q.self_scores {
            let _ = writeln!(
                out,
                "- {}: {} — {}",
                competency_label(catalog, competency),
                score.value(),
                score.short_label()
            );
        }
    }
    let strong: Vec<&String> = q
        .strong_shown
        .iter()
        .filter_map(|i| question.strong_signals.get(*i))
        .collect();
    let weak: Vec<&String> = q
        .weak_shown
        .iter()
        .filter_map(|i| question.weak_signals.get(*i))
        .collect();
    if !strong.is_empty() || !weak.is_empty() {
        out.push_str("\n**Signals shown**\n\n");
        for signal in strong {
            let _ = writeln!(out, "- Strong: {}", one_line(signal));
        }
        for signal in weak {
            let _ = writeln!(out, "- Weak: {}", one_line(signal));
        }
    }
    if !q.scratchpad.trim().is_empty() {
        let _ = writeln!(
            out,
            "\n**Scratchpad**\n\n```text\n{}\n```",
            q.scratchpad.trim().replace("```", "'''")
        );
    }
    if !q.notes.trim().is_empty() {
        let _ = writeln!(out, "\n**What I would change**\n\n{}", q.notes.trim());
    }
}

fn panel_md(out: &mut String, s: &Session, catalog: Option<&Catalog>) {
    let Some(panel) = &s.panel else { return };
    out.push_str("\n## Panel debrief\n\n");
    let names: Vec<String> = panel.panelists.iter().map(|p| cell(&p.name)).collect();
    let _ = writeln!(
        out,
        "Panel: {}\n",
        panel
            .panelists
            .iter()
            .map(|p| format!("{} ({})", one_line(&p.name), p.role.label()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let rows = debrief(s);
    if !rows.is_empty() {
        let _ = writeln!(
            out,
            "| Competency | {} | Mean | Spread | Self |",
            names.join(" | ")
        );
        let _ = writeln!(out, "|---|{}---|---|---|", "---|".repeat(names.len()));
        for row in rows {
            let scores: Vec<String> = row.by_panelist.iter().map(|m| fmt_opt(*m)).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.1} | {} |",
                cell(&competency_label(catalog, &row.competency)),
                scores.join(" | "),
                fmt_opt(row.mean),
                row.spread,
                fmt_opt(row.self_mean)
            );
        }
    }
    out.push_str("\n### Scorecards\n");
    for card in panel.scorecards.iter().filter(|c| c.is_submitted()) {
        let who = panel
            .panelists
            .get(card.panelist)
            .map_or("Panelist", |p| p.name.as_str());
        let title = s
            .questions
            .get(card.question)
            .map_or("", |q| q.question.title.as_str());
        let _ = writeln!(
            out,
            "\n#### {} on question {} ({}): {}\n",
            one_line(who),
            card.question + 1,
            one_line(title),
            card.recommendation.label()
        );
        for (competency, score) in &card.scores {
            let evidence = card.evidence.get(competency).map(|e| e.trim()).unwrap_or("");
            let evidence = if evidence.is_empty() {
                String::new()
            } else {
                format!(". Evidence: {}", one_line(evidence))
            };
            let _ = writeln!(
                out,
                "- {}: {} — {}{evidence}",
                competency_label(catalog, competency),
                score.value(),
                score.short_label()
            );
        }
        if !card.notes.trim().is_empty() {
            let _ = writeln!(out, "\n{}", card.notes.trim());
        }
    }
    if !panel.notes.is_empty() {
        out.push_str("\n### Notes taken during the round\n\n");
        for note in &panel.notes {
            let who = panel
                .panelists
                .get(note.panelist)
                .map_or("Panelist", |p| p.name.as_str());
            let _ = writeln!(
                out,
                "- Q{} {} {}: {}{}",
                note.question + 1,
                clock_ms(note.at_ms),
                one_line(who),
                one_line(&note.text),
                if note.evidence { " (evidence)" } else { "" }
            );
        }
    }
    if !panel.discussion.trim().is_empty() {
        let _ = writeln!(out, "\n### Discussion\n\n{}", panel.discussion.trim());
    }
    let _ = writeln!(out, "\n### Decision: {}", panel.decision.label());
    if !panel.decision_reason.trim().is_empty() {
        let _ = writeln!(out, "\n{}", panel.decision_reason.trim());
    }
}

fn fmt_opt(value: Option<f32>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

/// Text on one line (headings, list items).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text safe inside a table cell.
fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

//! HTML: one self-contained, print-friendly page (no scripts, no external files).

use std::fmt::Write;

use super::{clock_ms, competency_label};
use crate::bank::Catalog;
use crate::session::{Mode, QuestionRecord, Session, debrief, format_clock};

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.6rem;border-bottom:2px solid #444;padding-bottom:.2rem}h2{font-size:1.25rem;margin-top:1.6rem}h3{font-size:1.05rem}
.meta{color:#555}blockquote{margin:.5rem 0;padding:.3rem .8rem;border-left:4px solid #bbb;background:#f5f5f5;white-space:pre-wrap}
pre{background:#f5f5f5;padding:.5rem;white-space:pre-wrap}table{border-collapse:collapse;margin:.5rem 0}
th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}.over{color:#a4001d}
section.session{page-break-after:always}section.session:last-child{page-break-after:auto}
.question{page-break-inside:avoid}@media print{body{margin:0;max-width:none}a{color:inherit}}";

/// The sessions as one HTML document.
pub fn html(sessions: &[&Session], catalog: Option<&Catalog>) -> String {
    let title = match sessions {
        [one] => format!("{} — {}", one.title, one.created.format("%Y-%m-%d")),
        _ => format!("Panelist sessions ({})", sessions.len()),
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>",
        escape(&title)
    );
    for session in sessions {
        session_html(&mut out, session, catalog);
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

fn session_html(out: &mut String, s: &Session, catalog: Option<&Catalog>) {
    out.push_str("<section class=\"session\">\n");
    let _ = writeln!(
        out,
        "<h1>{} — {}</h1>",
        escape(&s.title),
        s.created.format("%Y-%m-%d %H:%M")
    );
    let who = match (s.mode, s.candidate.trim()) {
        (Mode::Panel, "") => "Panel".to_owned(),
        (Mode::Panel, name) => format!("Panel, candidate {name}"),
        (Mode::Solo, _) => "Solo".to_owned(),
    };
    let (used, target) = s.time_used_vs_target();
    let mean = s
        .self_mean()
        .map_or(String::new(), |m| format!(" · mean self-score {m:.2}"));
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · {:?} · answer time {} of {}{mean} · session <code>{}</code></p>",
        escape(&who),
        s.status,
        format_clock(used),
        format_clock(target),
        escape(&s.id)
    );
    if !s.notes.trim().is_empty() {
        let _ = writeln!(out, "<h2>Notes on the round</h2>\n{}", paragraphs(&s.notes));
    }
    for (index, q) in s.questions.iter().enumerate() {
        question_html(out, index, q, catalog);
    }
    panel_html(out, s, catalog);
    out.push_str("</section>\n");
}

fn question_html(out: &mut String, index: usize, q: &QuestionRecord, catalog: Option<&Catalog>) {
    let question = &q.question;
    out.push_str("<div class=\"question\">\n");
    let _ = writeln!(out, "<h2>{}. {}</h2>", index + 1, escape(&question.title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · <code>{}</code> · {:?}</p>\n<blockquote>{}</blockquote>",
        escape(question.round.label()),
        escape(&q.global_id),
        q.state,
        escape(question.prompt.trim())
    );
    out.push_str("<ul>\n");
    if q.prep_target_secs > 0 {
        let _ = writeln!(
            out,
            "<li>Prep: {} of {}</li>",
            clock_ms(q.prep_ms),
            format_clock(q.prep_target_secs.into())
        );
    }
    let over = q.overrun_ms();
    let over = if over > 0 {
        format!(" <span class=\"over\">(over by {})</span>", clock_ms(over))
    } else {
        String::new()
    };
    let _ = write!(
        out,
        "<li>Answer: {} of {}{over}",
        clock_ms(q.answer_ms),
        format_clock(q.answer_target_secs.into())
    );
    if !question.phases.is_empty() {
        out.push_str("<ul>");
        for (i, phase) in question.phases.iter().enumerate() {
            let used = q.phase_ms.get(i).copied().unwrap_or(0);
            let target = q.phase_target_secs.get(i).copied().unwrap_or(0);
            let _ = write!(
                out,
                "<li>{}: {} of {}</li>",
                escape(&phase.name),
                clock_ms(used),
                format_clock(target.into())
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</li>\n");
    if q.pauses > 0 {
        let _ = writeln!(out, "<li>Pauses: {}</li>", q.pauses);
    }
    out.push_str("</ul>\n");
    if !q.self_scores.is_empty() {
        out.push_str("<h3>Self-scores</h3>\n<table><tr><th>Competency</th><th>Score</th></tr>\n");
        for (competency, score) in &q.self_scores {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{} — {}</td></tr>",
                escape(&competency_label(catalog, competency)),
                score.value(),
                score.short_label()
            );
        }
        out.push_str("</table>\n");
    }
    let strong = q
        .strong_shown
        .iter()
        .filter_map(|i| question.strong_signals.get(*i));
    let weak = q.weak_shown.iter().filter_map(|i| question.weak_signals.get(*i));
    let signals: Vec<String> = strong
        .map(|s| format!("<li>Strong: {}</li>", escape(s)))
        .chain(weak.map(|s| format!("<li>Weak: {}</li>", escape(s))))
        .collect();
    if !signals.is_empty() {
        let _ = writeln!(out, "<h3>Signals shown</h3>\n<ul>{}</ul>", signals.join(""));
    }
    if !q.scratchpad.trim().is_empty() {
        let _ = writeln!(
            out,
            "<h3>Scratchpad</h3>\n<pre>{}</pre>",
            escape(q.scratchpad.trim())
        );
    }
    if !q.notes.trim().is_empty() {
        let _ = writeln!(out, "<h3>What I would change</h3>\n{}", paragraphs(&q.notes));
    }
    out.push_str("</div>\n");
}

fn panel_html(out: &mut String, s: &Session, catalog: Option<&Catalog>) {
    let Some(panel) = &s.panel else { return };
    out.push_str("<h2>Panel debrief</h2>\n");
    let members: Vec<String> = panel
        .panelists
        .iter()
        .map(|p| format!("{} ({})", escape(&p.name), p.role.label()))
        .collect();
    let _ = writeln!(out, "<p>Panel: {}</p>", members.join(", "));
    let rows = debrief(s);
    if !rows.is_empty() {
        out.push_str("<table><tr><th>Competency</th>");
        for p in &panel.panelists {
            let _ = write!(out, "<th>{}</th>", escape(&p.name));
        }
        out.push_str("<th>Mean</th><th>Spread</th><th>Self</th></tr>\n");
        for row in rows {
            let _ = write!(
                out,
                "<tr><td>{}</td>",
                escape(&competency_label(catalog, &row.competency))
            );
            for m in &row.by_panelist {
                let _ = write!(out, "<td>{}</td>", fmt_opt(*m));
            }
            let _ = writeln!(
                out,
                "<td>{}</td><td>{:.1}</td><td>{}</td></tr>",
                fmt_opt(row.mean),
                row.spread,
                fmt_opt(row.self_mean)
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("<h3>Scorecards</h3>\n");
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
            "<h4>{} on question {} ({}): {}</h4>\n<ul>",
            escape(who),
            card.question + 1,
            escape(title),
            card.recommendation.label()
        );
        for (competency, score) in &card.scores {
            let evidence = card.evidence.get(competency).map(|e| e.trim()).unwrap_or("");
            let evidence = if evidence.is_empty() {
                String::new()
            } else {
                format!(". Evidence: {}", escape(evidence))
            };
            let _ = writeln!(
                out,
                "<li>{}: {} — {}{evidence}</li>",
                escape(&competency_label(catalog, competency)),
                score.value(),
                score.short_label()
            );
        }
        out.push_str("</ul>\n");
        if !card.notes.trim().is_empty() {
            out.push_str(&paragraphs(&card.notes));
        }
    }
    if !panel.notes.is_empty() {
        out.push_str("<h3>Notes taken during the round</h3>\n<ul>\n");
        for note in &panel.notes {
            let who = panel
                .panelists
                .get(note.panelist)
                .map_or("Panelist", |p| p.name.as_str());
            let _ = writeln!(
                out,
                "<li>Q{} {} {}: {}{}</li>",
                note.question + 1,
                clock_ms(note.at_ms),
                escape(who),
                escape(&note.text),
                if note.evidence { " (evidence)" } else { "" }
            );
        }
        out.push_str("</ul>\n");
    }
    if !panel.discussion.trim().is_empty() {
        let _ = writeln!(out, "<h3>Discussion</h3>\n{}", paragraphs(&panel.discussion));
    }
    let _ = writeln!(out, "<h3>Decision: {}</h3>", panel.decision.label());
    if !panel.decision_reason.trim().is_empty() {
        out.push_str(&paragraphs(&panel.decision_reason));
    }
}

fn paragraphs(text: &str) -> String {
    text.trim()
        .split("\n\n")
        .map(|p| format!("<p>{}</p>\n", escape(p.trim()).replace('\n', "<br>")))
        .collect()
}

fn fmt_opt(value: Option<f32>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

//! CSV: one row per question × competency score, self and panel, for spreadsheets.
//!
//! Text from users and banks (ids, competency ids, panelists' names) is made safe for
//! spreadsheets: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! gets a leading `'`, so a spreadsheet shows it instead of running it as a formula.

use std::borrow::Cow;

use super::ExportError;
use crate::session::Session;

pub const CSV_HEADER: [&str; 17] = [
    "session_id",
    "date",
    "mode",
    "question_id",
    "round",
    "competency",
    "scorer",
    "score",
    "minutes_used",
    "minutes_target",
    "talk_minutes",
    "words_per_minute",
    "pauses_3s",
    "longest_pause_seconds",
    "first_word_seconds",
    "longest_run_seconds",
    "fillers_approximate",
];

/// The delivery columns of a question: empty when it was not recorded and measured;
/// pace and fillers empty too when it was measured from the audio alone.
pub fn delivery_cells(q: &crate::session::QuestionRecord) -> [String; 7] {
    let Some((m, transcribed)) = q
        .spoken
        .as_ref()
        .and_then(|s| s.metrics.as_ref().map(|m| (m, s.transcript.is_some())))
    else {
        return Default::default();
    };
    let secs = |ms: u64| format!("{:.1}", ms as f64 / 1000.0);
    [
        format!("{:.1}", m.talk_ms as f64 / 60_000.0),
        match (transcribed, m.words_per_minute) {
            (true, Some(wpm)) => format!("{wpm:.0}"),
            _ => String::new(),
        },
        m.pause_count.to_string(),
        secs(m.longest_pause_ms),
        m.time_to_first_word_ms.map(secs).unwrap_or_default(),
        secs(m.longest_run_ms),
        if transcribed {
            m.fillers.total.to_string()
        } else {
            String::new()
        },
    ]
}

/// The sessions as CSV with a header row.
pub fn csv(sessions: &[&Session]) -> Result<String, ExportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let encode = |e: csv::Error| ExportError::Encode(e.to_string());
    writer.write_record(CSV_HEADER).map_err(encode)?;
    for session in sessions {
        let date = session.created.format("%Y-%m-%d").to_string();
        for (index, q) in session.questions.iter().enumerate() {
            let used = format!("{:.1}", q.answer_ms as f64 / 60_000.0);
            let target = format!("{:.1}", f64::from(q.answer_target_secs) / 60.0);
            let delivery = delivery_cells(q);
            let mut row = |competency: &str, scorer: &str, score: u8| {
                let [talk, wpm, pauses, longest, first, run, fillers] = &delivery;
                writer.write_record([
                    &*spreadsheet_safe(&session.id),
                    &date,
                    session.mode.label(),
                    &spreadsheet_safe(&q.global_id),
                    q.round().ron_name(),
                    &spreadsheet_safe(competency),
                    &spreadsheet_safe(scorer),
                    &score.to_string(),
                    &used,
                    &target,
                    talk,
                    wpm,
                    pauses,
                    longest,
                    first,
                    run,
                    fillers,
                ])
            };
            for (competency, score) in &q.self_scores {
                row(competency, "self", score.value()).map_err(encode)?;
            }
            let Some(panel) = &session.panel else { continue };
            for card in panel
                .scorecards
                .iter()
                .filter(|c| c.question == index && c.is_submitted())
            {
                let name = panel
                    .panelists
                    .get(card.panelist)
                    .map_or("panelist", |p| p.name.as_str());
                for (competency, score) in &card.scores {
                    row(competency, name, score.value()).map_err(encode)?;
                }
            }
        }
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| ExportError::Encode(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError::Encode(e.to_string()))
}

/// A cell a spreadsheet will not read as a formula: `'` before a leading `=`, `+`, `-`,
/// `@`, tab or carriage return (OWASP's advice for CSV injection).
pub fn spreadsheet_safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_are_neutralised_and_other_text_is_kept() {
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(formula), format!("'{formula}"));
        }
        for plain in ["Jon | EM", "a=b", "", "'quoted"] {
            assert_eq!(spreadsheet_safe(plain), plain);
        }
    }
}

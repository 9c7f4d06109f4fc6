//! Guidance for authors: warnings (never errors) where a bank falls short of the quality
//! the shipped banks keep. `panelist validate` reports them; loading a bank does not.

use super::locate::{BankLayout, find_field, find_string, line_col};
use super::{Bank, Problem, Round, Style};

/// The fewest follow-ups, strong signals and weak signals a shipped-quality question has.
pub const MIN_FOLLOW_UPS: usize = 2;
pub const MIN_SIGNALS: usize = 2;

/// Every guidance warning for `bank`, whose file text is `text`, named `path`.
/// `evidence_elsewhere`: another bank checked with this one has evidence questions, so a
/// bank of scenarios beside a bank of evidence questions is not warned about.
pub fn guidance(path: &str, text: &str, bank: &Bank, evidence_elsewhere: bool) -> Vec<Problem> {
    let layout = BankLayout::of(text);
    let at = |offset: Option<usize>| offset.map(|o| line_col(text, o));
    let mut warnings = Vec::new();

    for (index, competency) in bank.competencies.iter().enumerate() {
        if competency.levels.is_none() {
            let offset = layout
                .competencies
                .get(index)
                .and_then(|r| find_string(text, r, Some("id"), &competency.id));
            warnings.push(Problem::warning(
                path,
                at(offset),
                format!(
                    "competency \"{}\" has no levels: add `levels: Levels(strong_no_hire: …, lean_no_hire: …, hire: …, strong_hire: …)` so scorers know what each score looks like",
                    competency.id
                ),
            ));
        }
    }

    let leadership = bank.questions.iter().any(|q| q.round == Round::Leadership);
    let evidence = bank.questions.iter().any(|q| q.style == Style::Evidence);
    if leadership && !evidence && !evidence_elsewhere {
        let offset = find_field(text, &(0..text.len()), "questions");
        warnings.push(Problem::warning(
            path,
            at(offset),
            "the bank has Leadership questions but no evidence questions (`style: Evidence`, \"Tell me about a time…\"); real loops ask mostly those",
        ));
    }

    for (index, q) in bank.questions.iter().enumerate() {
        let mut short = Vec::new();
        for (count, least, what) in [
            (q.follow_ups.len(), MIN_FOLLOW_UPS, "follow-ups"),
            (q.strong_signals.len(), MIN_SIGNALS, "strong signals"),
            (q.weak_signals.len(), MIN_SIGNALS, "weak signals"),
        ] {
            if count < least {
                short.push(format!("{count} {what} (at least {least})"));
            }
        }
        if short.is_empty() {
            continue;
        }
        let offset = layout
            .questions
            .get(index)
            .and_then(|r| find_string(text, r, Some("id"), &q.id));
        warnings.push(Problem::warning(
            path,
            at(offset),
            format!("question \"{}\" has {}", q.id, short.join(", ")),
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{BankSource, Catalog, SHIPPED_BANKS, parse_bank};

    const THIN: &str = r#"Bank(
    format: 1,
    id: "thin",
    title: "Thin",
    competencies: [
        Competency(id: "incident-command", name: "Incident command"),
    ],
    questions: [
        Question(
            id: "one",
            round: Leadership,
            title: "One",
            prompt: "What do you do?",
            minutes: 5,
            competencies: ["incident-command"],
            follow_ups: ["And then?"],
            strong_signals: ["a", "b"],
        ),
    ],
)"#;

    #[test]
    fn a_thin_bank_gets_located_warnings_and_no_errors() {
        let parsed = parse_bank("thin.ron", THIN.as_bytes());
        assert_eq!(parsed.problems, vec![], "guidance is not part of loading");
        let bank = parsed.bank.expect("loads");
        let found: Vec<String> = guidance("thin.ron", THIN, &bank, false)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "thin.ron:6:24: warning: competency \"incident-command\" has no levels: add `levels: Levels(strong_no_hire: …, lean_no_hire: …, hire: …, strong_hire: …)` so scorers know what each score looks like",
                "thin.ron:8:5: warning: the bank has Leadership questions but no evidence questions (`style: Evidence`, \"Tell me about a time…\"); real loops ask mostly those",
                "thin.ron:10:17: warning: question \"one\" has 1 follow-ups (at least 2), 0 weak signals (at least 2)",
            ]
        );
    }

    #[test]
    fn a_bank_that_meets_the_bar_gets_no_warnings() {
        let full = THIN
            .replace(
                "name: \"Incident command\")",
                "name: \"Incident command\", levels: Levels(strong_no_hire: \"1\", lean_no_hire: \"2\", hire: \"3\", strong_hire: \"4\"))",
            )
            .replace("minutes: 5,", "minutes: 5,\n            style: Evidence,")
            .replace("[\"And then?\"]", "[\"And then?\", \"Why?\"]")
            .replace(
                "strong_signals: [\"a\", \"b\"],",
                "strong_signals: [\"a\", \"b\"],\n            weak_signals: [\"c\", \"d\"],",
            );
        let bank = parse_bank("full.ron", full.as_bytes()).bank.expect("loads");
        assert_eq!(guidance("full.ron", &full, &bank, false), vec![]);
        // a bank of scenarios beside a bank of evidence questions
        let scenarios = full.replace("style: Evidence,", "");
        let bank = parse_bank("s.ron", scenarios.as_bytes()).bank.expect("loads");
        assert_eq!(guidance("s.ron", &scenarios, &bank, true), vec![]);
        assert_eq!(guidance("s.ron", &scenarios, &bank, false).len(), 1);
    }

    #[test]
    fn shipped_banks_get_no_guidance_warnings() {
        let catalog = Catalog::load(&BankSource::shipped());
        let evidence = catalog.questions().any(|q| q.question.style == Style::Evidence);
        assert!(evidence, "the shipped banks ask evidence questions");
        let mut warnings = Vec::new();
        for loaded in &catalog.banks {
            let (_, text) = SHIPPED_BANKS
                .iter()
                .find(|(name, _)| *name == loaded.path)
                .expect("a shipped bank's text");
            warnings.extend(guidance(&loaded.path, text, &loaded.bank, evidence));
        }
        let lines: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert!(lines.is_empty(), "{}", lines.join("\n"));
    }
}

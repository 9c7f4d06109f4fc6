//! The second edition's optional fields, `style` and `levels`: loaded, validated with
//! located errors and did-you-means, written back unchanged.

use panelist::bank::{Style, parse_bank, to_ron};

const SAMPLE: &str = include_str!("fixtures/levels/levels.ron");

fn mutate(from: &str, to: &str) -> String {
    assert!(SAMPLE.contains(from), "fixture lacks {from:?}");
    SAMPLE.replacen(from, to, 1)
}

fn problems(text: &str) -> Vec<String> {
    parse_bank("t.ron", text.as_bytes())
        .problems
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn only_problem(text: &str) -> String {
    let found = problems(text);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    found[0].clone()
}

#[test]
fn the_levels_sample_loads_with_its_style_and_levels() {
    let parsed = parse_bank("t.ron", SAMPLE.as_bytes());
    assert_eq!(parsed.problems, vec![]);
    let bank = parsed.bank.expect("loads");
    assert_eq!(bank.questions[0].style, Style::Evidence);
    assert_eq!(
        bank.questions[1].style,
        Style::Scenario,
        "style defaults to Scenario"
    );
    let levels = &bank.questions[0].levels["org-design"];
    assert_eq!(
        levels.for_score(3),
        Some("States the problem, the options and why this shape won.")
    );
    assert_eq!(levels.for_score(0), None);
    assert!(bank.questions[1].levels.is_empty());
    let declared = bank.competencies[0].levels.as_ref().expect("declared levels");
    assert!(declared.strong_hire.starts_with("Has a rota"));
}

#[test]
fn the_writer_round_trips_style_and_levels() {
    let bank = parse_bank("t.ron", SAMPLE.as_bytes()).bank.expect("loads");
    let text = to_ron(&bank);
    assert!(text.contains("style: Evidence"), "{text}");
    assert!(
        !text.contains("style: Scenario"),
        "the default is left out: {text}"
    );
    let again = parse_bank("again.ron", text.as_bytes());
    assert_eq!(again.problems, vec![]);
    assert_eq!(again.bank, Some(bank));
}

#[test]
fn an_unknown_style_gets_a_suggestion() {
    let problem = only_problem(&mutate("style: Evidence,", "style: Evidance,"));
    assert!(
        problem
            .starts_with("t.ron:25:20: error: unknown value `Evidance` for Style (did you mean `Evidence`?)"),
        "{problem}"
    );
}

#[test]
fn a_misspelt_levels_field_gets_a_suggestion() {
    let problem = only_problem(&mutate(
        "lean_no_hire: \"Moved boxes",
        "lean_no_hires: \"Moved boxes",
    ));
    assert_eq!(
        problem,
        "t.ron:33:21: error: unknown field `lean_no_hires` in Levels (did you mean `lean_no_hire`?)"
    );
}

#[test]
fn a_level_text_may_not_be_missing() {
    let problem = only_problem(&mutate(
        "                    strong_hire: \"Also shows how they measured it a quarter later.\",\n",
        "",
    ));
    assert!(
        problem.contains("missing required field `strong_hire`"),
        "{problem}"
    );
    assert!(problem.starts_with("t.ron:"), "{problem}");
}

#[test]
fn a_levels_key_must_be_one_of_the_question_competencies() {
    let problem = only_problem(&mutate("\"org-design\": Levels(", "\"org-desing\": Levels("));
    assert_eq!(
        problem,
        "t.ron:31:17: error: levels for \"org-desing\" in question \"time-you-reorganised\", which does not list that competency (did you mean \"org-design\"?); its competencies: org-design, communication"
    );
    // a real competency, but not one this question lists
    let problem = only_problem(&mutate("\"org-design\": Levels(", "\"hiring\": Levels("));
    assert!(
        problem.starts_with("t.ron:31:17: error: levels for \"hiring\""),
        "{problem}"
    );
    assert!(!problem.contains("did you mean"), "{problem}");
}

#[test]
fn empty_level_texts_are_located_at_their_field() {
    let problem = only_problem(&mutate(
        "hire: \"States the problem, the options and why this shape won.\"",
        "hire: \"  \"",
    ));
    assert_eq!(
        problem,
        "t.ron:34:21: error: empty `hire` text in the levels for \"org-design\" of question \"time-you-reorganised\""
    );
    let problem = only_problem(&mutate(
        "lean_no_hire: \"Runs the call but cannot say who owned customer updates.\"",
        "lean_no_hire: \"\"",
    ));
    assert_eq!(
        problem,
        "t.ron:12:17: error: empty `lean_no_hire` text in the levels of competency \"incident-command\""
    );
}

#[test]
fn a_levels_error_beside_a_syntax_error_is_still_found() {
    let text = mutate("\"org-design\": Levels(", "\"org-desing\": Levels(").replacen(
        "minutes: 8,",
        "minutes: 8,,",
        1,
    );
    let found = problems(&text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found.iter().any(|p| p.contains("levels for \"org-desing\"")),
        "{found:#?}"
    );
}

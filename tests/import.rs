//! Questions from spreadsheets and Markdown lists: messy real-world input, every unusable
//! row reported with its line, and a bank that round-trips through CSV.

use panelist::bank::generate::generated;
use panelist::bank::{Round, Style, import_questions, parse_bank, questions_csv};

fn import(name: &str, round: Option<Round>) -> panelist::bank::Imported {
    let path = format!("tests/fixtures/import/{name}");
    let bytes = std::fs::read(&path).expect("fixture");
    import_questions(&path, &bytes, "imported", "Imported", round).expect("imports")
}

#[test]
fn a_messy_spreadsheet_imports_what_it_can_and_names_every_bad_row() {
    // a UTF-8 BOM, Windows line endings, quoted commas, quotes and newlines, aliased
    // headers, missing optional columns, an unknown round and a bad number of minutes
    let imported = import("messy.csv", None);
    let bank = &imported.bank;
    assert_eq!(bank.questions.len(), 2, "{:#?}", imported.skipped);
    let split = &bank.questions[0];
    assert_eq!(split.title, "Split a platform team");
    assert_eq!(
        split.prompt,
        "Your platform team of 40 serves 12 product teams, and everyone, it says, is \"priority one\".\r\nWhat do you change?"
    );
    assert_eq!(split.round, Round::OrgDesign);
    assert_eq!(split.minutes, 25);
    assert_eq!(split.competencies, ["org-design", "hiring"]);
    assert_eq!(split.follow_ups, ["Who owns on-call?", "What do you stop doing?"]);
    assert_eq!(
        split.strong_signals,
        ["Sizes by cognitive load", "Names a transition plan"]
    );
    let career = &bank.questions[1];
    assert_eq!(
        (career.title.as_str(), career.prompt.as_str()),
        ("Why this company?", "Why this company?")
    );
    assert_eq!((career.round, career.minutes), (Round::Career, 5));
    assert_eq!(career.competencies, ["communication"], "a default for the round");

    let skipped: Vec<String> = imported.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [
            "tests/fixtures/import/messy.csv:4:1: warning: row skipped: unknown round \"Leadershp\" (did you mean Leadership?); rounds are SystemsDesign, Leadership, OrgDesign, ReverseInterview, Career",
            "tests/fixtures/import/messy.csv:7:1: warning: row skipped: \"abc\" is not a number of minutes",
        ]
    );
    // the written text is a valid bank
    let parsed = parse_bank("imported.ron", imported.text.as_bytes());
    assert_eq!(parsed.problems, vec![]);
}

#[test]
fn rows_without_a_round_take_the_one_given() {
    let csv = "title,prompt\nA question,Ask it.\n";
    let imported =
        import_questions("q.csv", csv.as_bytes(), "q", "Q", Some(Round::Leadership)).expect("imports");
    assert_eq!(imported.bank.questions[0].round, Round::Leadership);
    assert_eq!(imported.bank.questions[0].minutes, 10);
    let problems = import_questions("q.csv", csv.as_bytes(), "q", "Q", None).expect_err("no round");
    assert!(
        problems[0]
            .to_string()
            .starts_with("q.csv:2:1: warning: row skipped: no round"),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.is_error()));
}

#[test]
fn a_header_without_title_or_prompt_is_refused_with_the_columns_named() {
    let problems = import_questions("x.csv", b"foo,bar\n1,2\n", "x", "X", None).expect_err("refused");
    assert!(
        problems[0].message.contains("no title or prompt column"),
        "{problems:?}"
    );
    assert!(problems[0].message.contains("follow-ups"), "{problems:?}");
}

#[test]
fn a_markdown_list_gives_one_question_per_top_level_item() {
    let bank = import("list.md", None).bank;
    assert_eq!(bank.questions.len(), 3, "{:#?}", bank.questions);
    let first = &bank.questions[0];
    assert_eq!(first.round, Round::Leadership, "from the round heading above");
    assert_eq!(
        first.prompt,
        "An EM on your team has lost the trust of their senior engineers. What do you do in your first two weeks?"
    );
    assert_eq!(
        first.follow_ups,
        ["What if the EM disagrees?", "When do you involve HR?"]
    );
    assert!(first.title.len() <= 84, "{}", first.title);
    assert_eq!(
        bank.questions[1].prompt,
        "Your biggest programme is a quarter late."
    );
    assert_eq!(bank.questions[2].round, Round::SystemsDesign);
    assert_eq!(bank.questions[2].minutes, 45);
}

#[test]
fn markdown_headings_are_questions_and_the_text_under_them_the_prompt() {
    let bank = import("headings.md", Some(Round::OrgDesign)).bank;
    let titles: Vec<&str> = bank.questions.iter().map(|q| q.title.as_str()).collect();
    assert_eq!(
        titles,
        ["The hiring plan for next year", "A reorg you would undo"]
    );
    assert_eq!(
        bank.questions[0].prompt,
        "Your VP gives you 20 heads for next year. Walk me through the plan.\n\n- who first\n- how you keep the bar"
    );
    assert_eq!(bank.questions[1].id, "a-reorg-you-would-undo");
}

#[test]
fn ten_thousand_rows_import() {
    let mut csv = String::from("title,prompt,round,minutes,competencies\n");
    for i in 0..10_000 {
        csv.push_str(&format!(
            "Question {i},\"Prompt {i}, with a comma\",Leadership,{},hiring;strategy\n",
            1 + i % 30
        ));
    }
    let imported = import_questions("big.csv", csv.as_bytes(), "big", "Big", None).expect("imports");
    assert_eq!(imported.bank.questions.len(), 10_000);
    assert!(imported.skipped.is_empty());
    assert_eq!(imported.bank.questions[9_999].title, "Question 9999");
}

#[test]
fn a_bank_round_trips_through_a_spreadsheet() {
    let mut bank = generated("sheet", 60, 9);
    for question in &mut bank.questions {
        question.levels.clear(); // levels stay in RON: a spreadsheet has no place for them
    }
    assert!(bank.questions.iter().any(|q| q.style == Style::Evidence));
    let csv = questions_csv(bank.questions.iter());
    let imported =
        import_questions("sheet.csv", csv.as_bytes(), "sheet", &bank.title, None).expect("imports");
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    assert_eq!(imported.bank.questions, bank.questions);
}

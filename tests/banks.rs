//! Bank loading and validation: one test per rule, each with a fixture that breaks it.

use panelist::bank::{BankSource, Catalog, Round, parse_bank};

const SAMPLE: &str = include_str!("fixtures/good/sample.ron");

/// The sample bank with one piece of text replaced (which must be present).
fn mutate(from: &str, to: &str) -> String {
    assert!(SAMPLE.contains(from), "fixture lacks {from:?}");
    SAMPLE.replacen(from, to, 1)
}

/// Every problem line for `text`.
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
fn the_sample_bank_is_clean() {
    let parsed = parse_bank("t.ron", SAMPLE.as_bytes());
    assert_eq!(parsed.problems, vec![]);
    let bank = parsed.bank.expect("loads");
    assert_eq!(bank.questions.len(), 5);
    assert_eq!(bank.questions[0].phases.len(), 3);
    assert_eq!(bank.questions[0].prep_minutes, 1);
    assert_eq!(bank.questions[1].prep_minutes, 0, "prep_minutes defaults to 0");
    assert_eq!(bank.competencies[0].id, "incident-command");
}

#[test]
fn unknown_competency_names_line_column_and_suggestion() {
    let text = mutate(
        "\"manager-coaching\", \"delivery-cadence\"",
        "\"manager-coachin\", \"delivery-cadence\"",
    );
    assert_eq!(
        only_problem(&text),
        "t.ron:43:28: error: unknown competency \"manager-coachin\" in question \"slipping-em\" (did you mean \"manager-coaching\"?)"
    );
}

#[test]
fn unknown_field_is_an_error_with_a_suggestion() {
    let text = mutate("minutes: 8,", "minuets: 8,");
    assert_eq!(
        only_problem(&text),
        "t.ron:42:13: error: unknown field `minuets` in Question (did you mean `minutes`?)"
    );
}

#[test]
fn misspelt_round_gets_a_suggestion() {
    let text = mutate("round: Leadership,", "round: Leadershp,");
    let problem = only_problem(&text);
    assert!(
        problem.starts_with(
            "t.ron:39:20: error: unknown value `Leadershp` for Round (did you mean `Leadership`?)"
        ),
        "{problem}"
    );
}

#[test]
fn phases_must_sum_to_minutes() {
    let text = mutate(
        "Phase(name: \"Design\", minutes: 5)",
        "Phase(name: \"Design\", minutes: 6)",
    );
    assert_eq!(
        only_problem(&text),
        "t.ron:27:13: error: phases of question \"ledger\" sum to 11 minutes but the question has 10"
    );
}

#[test]
fn minutes_out_of_range() {
    let zero = mutate("minutes: 3,", "minutes: 0,");
    assert_eq!(
        only_problem(&zero),
        "t.ron:67:13: error: minutes must be 1..=180, not 0 in question \"span\""
    );
    let long = mutate("minutes: 3,", "minutes: 181,");
    assert!(only_problem(&long).contains("not 181"));
}

#[test]
fn duplicate_question_ids_name_both_places() {
    let text = mutate("id: \"span\"", "id: \"ledger\"");
    assert_eq!(
        only_problem(&text),
        "t.ron:63:17: error: duplicate question id \"ledger\" (first defined at t.ron:16:17)"
    );
}

#[test]
fn empty_required_text() {
    let text = mutate("title: \"Ask about the span of the role\"", "title: \"  \"");
    assert_eq!(
        only_problem(&text),
        "t.ron:65:13: error: empty title in question \"span\""
    );
    let text = mutate(
        "prompt: \"Ask the VP how many engineers and EMs would report to you.\"",
        "prompt: \"\"",
    );
    assert_eq!(
        only_problem(&text),
        "t.ron:66:13: error: empty prompt in question \"span\""
    );
}

#[test]
fn ids_must_use_the_charset() {
    let text = mutate("id: \"span\"", "id: \"Span Of Control\"");
    assert_eq!(
        only_problem(&text),
        "t.ron:63:17: error: question id \"Span Of Control\" must match [a-z0-9][a-z0-9-]*"
    );
    let text = mutate("id: \"sample\"", "id: \"-sample\"");
    assert_eq!(
        only_problem(&text),
        "t.ron:4:5: error: bank id \"-sample\" must match [a-z0-9][a-z0-9-]*"
    );
}

#[test]
fn unsupported_and_newer_formats() {
    let newer = mutate("format: 1,", "format: 2,");
    assert_eq!(
        only_problem(&newer),
        "t.ron:3:5: error: format 2 was written by a newer Panelist; this version reads format 1"
    );
    let zero = mutate("format: 1,", "format: 0,");
    assert_eq!(
        only_problem(&zero),
        "t.ron:3:5: error: unsupported format 0; this version reads format 1"
    );
}

#[test]
fn at_least_one_competency() {
    let text = mutate("competencies: [\"org-design\"],", "competencies: [],");
    assert_eq!(
        only_problem(&text),
        "t.ron:69:13: error: question \"span\" needs at least one competency"
    );
}

#[test]
fn declared_competency_may_not_shadow_a_built_in() {
    let text = mutate("id: \"incident-command\"", "id: \"hiring\"");
    let found = problems(&text);
    assert!(
        found.contains(
            &"t.ron:9:17: error: competency \"hiring\" shadows the built-in competency of that id".to_owned()
        ),
        "{found:#?}"
    );
}

#[test]
fn missing_required_field() {
    let text = mutate("            title: \"Why Director, and why now?\",\n", "");
    assert_eq!(
        only_problem(&text),
        "t.ron:75:9: error: missing required field `title` in Question"
    );
}

#[test]
fn optional_fields_are_written_plainly_and_some_is_explained() {
    let text = mutate(
        "description: \"Fixture for Panelist's tests.\",",
        "description: Some(\"x\"),",
    );
    let problem = only_problem(&text);
    assert!(problem.starts_with("t.ron:6:"), "{problem}");
}

#[test]
fn every_broken_question_is_reported_not_just_the_first() {
    let text = mutate("round: Leadership,", "round: Leadershp,").replacen("minutes: 3,", "minuets: 3,", 1);
    let found = problems(&text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].starts_with("t.ron:39:20:"));
    assert!(found[1].starts_with("t.ron:67:13: error: unknown field `minuets`"));
}

#[test]
fn semantic_errors_are_found_even_beside_syntax_errors() {
    let text = mutate("round: Leadership,", "round: Leadershp,").replacen(
        "\"org-design\", \"hiring\"",
        "\"org-desing\", \"hiring\"",
        1,
    );
    let found = problems(&text);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[1].contains("unknown competency \"org-desing\""),
        "{found:#?}"
    );
}

#[test]
fn a_missing_comma_between_questions() {
    let text = mutate(
        "        ),\n        Question(\n            id: \"span\"",
        "        )\n        Question(\n            id: \"span\"",
    );
    assert_eq!(
        only_problem(&text),
        "t.ron:61:10: error: unexpected text here (is a comma missing before it?)"
    );
}

#[test]
fn empty_truncated_and_binary_files() {
    assert_eq!(
        only_problem(""),
        "t.ron:1:1: error: the file is empty; a bank starts with `Bank(`"
    );
    let truncated = &SAMPLE[..600];
    let found = problems(truncated);
    assert!(found.iter().any(|p| p.contains("is it truncated?")), "{found:#?}");
    let binary = [0x7f, b'E', b'L', b'F', 0xff, 0xfe, 0];
    assert_eq!(
        parse_bank("t.ron", &binary).problems[0].to_string(),
        "t.ron:1:5: error: the file is not UTF-8 text (is it a binary file?)"
    );
}

#[test]
fn a_bank_with_no_questions_loads_with_a_warning() {
    let text = "Bank(format: 1, id: \"empty\", title: \"Empty\", questions: [])";
    let parsed = parse_bank("t.ron", text.as_bytes());
    assert!(parsed.bank.is_some());
    assert_eq!(
        parsed.problems[0].to_string(),
        "t.ron:1:46: warning: the bank has no questions"
    );
}

#[test]
fn an_oversized_prompt_is_refused() {
    let huge = "x".repeat(70 * 1024);
    let text = mutate(
        "prompt: \"Ask the VP how many engineers and EMs would report to you.\"",
        &format!("prompt: \"{huge}\""),
    );
    assert!(only_problem(&text).contains("a prompt may be at most 64 KB"));
}

#[test]
fn duplicate_bank_ids_across_files_name_both_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    std::fs::write(&a, SAMPLE).expect("write");
    std::fs::write(&b, SAMPLE).expect("write");
    let catalog = Catalog::load(&BankSource::expand(dir.path()));
    assert_eq!(
        catalog.banks.len(),
        1,
        "the first loads, the duplicate is skipped"
    );
    let problem = catalog.problems[0].to_string();
    assert!(
        problem.starts_with(&format!(
            "{}:4:5: error: duplicate bank id \"sample\"",
            b.display()
        )),
        "{problem}"
    );
    assert!(problem.contains(&a.display().to_string()), "{problem}");
}

#[test]
fn conflicting_declared_competency_names_across_banks() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.ron"), SAMPLE).expect("write");
    let other = SAMPLE
        .replace("id: \"sample\"", "id: \"other\"")
        .replace("name: \"Incident command\"", "name: \"Incidents\"");
    std::fs::write(dir.path().join("b.ron"), other).expect("write");
    let catalog = Catalog::load(&BankSource::expand(dir.path()));
    assert_eq!(catalog.banks.len(), 1);
    assert!(
        catalog.problems[0]
            .message
            .contains("\"incident-command\" is named \"Incidents\" here but \"Incident command\"")
    );
}

#[test]
fn a_broken_bank_does_not_stop_the_others() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a-broken.ron"), "Bank(format: 1,").expect("write");
    std::fs::write(dir.path().join("b-good.ron"), SAMPLE).expect("write");
    let catalog = Catalog::load(&BankSource::expand(dir.path()));
    assert_eq!(catalog.banks.len(), 1);
    assert_eq!(catalog.question_count(), 5);
    assert_eq!(catalog.error_count(), 1);
    assert!(catalog.question("sample/ledger").is_some());
}

#[test]
fn shipped_banks_validate_clean_and_meet_the_counts() {
    let catalog = Catalog::load(&BankSource::shipped());
    let problems: Vec<String> = catalog.problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "shipped banks have problems:\n{}",
        problems.join("\n")
    );
    let count = |round| catalog.questions().filter(|q| q.question.round == round).count();
    assert!(
        count(Round::SystemsDesign) >= 20,
        "SystemsDesign {}",
        count(Round::SystemsDesign)
    );
    assert!(
        count(Round::Leadership) >= 40,
        "Leadership {}",
        count(Round::Leadership)
    );
    assert!(
        count(Round::OrgDesign) >= 25,
        "OrgDesign {}",
        count(Round::OrgDesign)
    );
    assert!(
        count(Round::ReverseInterview) >= 20,
        "ReverseInterview {}",
        count(Round::ReverseInterview)
    );
    assert!(count(Round::Career) >= 15, "Career {}", count(Round::Career));
    assert!(
        catalog.question_count() >= 200,
        "{} questions",
        catalog.question_count()
    );
    let evidence = catalog
        .questions()
        .filter(|q| q.question.style == panelist::bank::Style::Evidence)
        .count();
    assert!(evidence >= 45, "only {evidence} evidence questions");
    for q in catalog.questions() {
        let question = q.question;
        let id = q.global_id();
        assert!(question.follow_ups.len() >= 2, "{id}: follow-ups");
        assert!(question.strong_signals.len() >= 2, "{id}: strong signals");
        assert!(question.weak_signals.len() >= 2, "{id}: weak signals");
        assert!(!question.competencies.is_empty(), "{id}: competencies");
        if question.round == Round::SystemsDesign {
            assert!(
                !question.phases.is_empty(),
                "{id}: systems design questions have phases"
            );
            // a design drawn in the room takes a whole interview; a deep dive into a system
            // from the candidate's own past may be a whole round or one part of one
            let range = match question.style {
                panelist::bank::Style::Scenario => 35..=60,
                panelist::bank::Style::Evidence => 15..=60,
            };
            assert!(
                range.contains(&question.minutes),
                "{id}: {} minutes",
                question.minutes
            );
        }
        if question.round == Round::Leadership {
            assert!(
                (5..=12).contains(&question.minutes),
                "{id}: {} minutes",
                question.minutes
            );
        }
    }
    for (competency, _) in panelist::bank::BUILT_IN_COMPETENCIES {
        let n = catalog
            .questions()
            .filter(|q| q.question.competencies.iter().any(|c| c == competency))
            .count();
        assert!(
            n >= 12,
            "competency {competency} is exercised by only {n} questions"
        );
    }
}

#[test]
fn shipped_questions_never_repeat_a_title() {
    let catalog = Catalog::load(&BankSource::shipped());
    let mut titles: Vec<&str> = catalog.questions().map(|q| q.question.title.as_str()).collect();
    let total = titles.len();
    titles.sort_unstable();
    titles.dedup();
    assert_eq!(titles.len(), total, "two shipped questions share a title");
}

#[test]
fn the_example_in_the_user_guide_validates() {
    let guide = include_str!("../docs/question-banks.md");
    let start = guide.find("```ron\n").expect("example") + "```ron\n".len();
    let end = start + guide[start..].find("```").expect("end of example");
    let parsed = parse_bank("guide.ron", &guide.as_bytes()[start..end]);
    assert_eq!(parsed.problems, vec![]);
    assert_eq!(parsed.bank.expect("loads").questions[0].phases.len(), 2);
}

/// `follow_up_timing` (optional) names a moment the answer has, for a follow-up it has.
#[test]
fn follow_up_timing_is_checked_and_located() {
    let timed = |timing: &str| {
        mutate(
            "follow_ups: [\"How do you reconcile with the bank?\", \"What breaks first at 10x?\"],",
            &format!(
                "follow_ups: [\"How do you reconcile with the bank?\", \"What breaks first at 10x?\"],\n            follow_up_timing: {timing},"
            ),
        )
    };
    // valid: minutes within the answer, a phase it has, untimed, fewer than follow-ups
    for good in [
        "[AfterMinutes(3), AtPhase(\"Wrap-up\")]",
        "[Untimed, AfterMinutes(9)]",
        "[AtPhase(\"Clarify\")]",
        "[]",
    ] {
        let found = problems(&timed(good));
        assert!(found.is_empty(), "{good}: {found:?}");
    }
    assert_eq!(
        only_problem(&timed("[AfterMinutes(10)]")),
        "t.ron:33:13: error: follow-up 1 of question \"ledger\" is timed after 10 minutes; it must be 1 to 9 (the answer is 10 minutes)"
    );
    assert_eq!(
        only_problem(&timed("[Untimed, AtPhase(\"Scale\")]")),
        "t.ron:33:13: error: follow-up 2 of question \"ledger\" is timed at phase \"Scale\", which it does not have (its phases are \"Clarify\", \"Design\", \"Wrap-up\")"
    );
    assert_eq!(
        only_problem(&timed("[Untimed, Untimed, Untimed]")),
        "t.ron:33:13: error: question \"ledger\" times 3 follow-ups but has 2"
    );
    let problem = only_problem(&timed("[AfterMinuts(3)]"));
    assert!(
        problem.starts_with("t.ron:33:32: error: unknown value `AfterMinuts` for FollowUpTiming (did you mean `AfterMinutes`?)"),
        "{problem}"
    );
}

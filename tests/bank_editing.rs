//! Reloading, importing and authoring banks through the app's commands (no window).

use std::path::Path;
use std::process::Command as Process;

use panelist::app::{
    AppConfig, BankView, Effect, ModelCommand, PanelistApp, RoundStart, Screen, Settings, ViewCommand,
};
use panelist::bank::generate::{generated, generated_bank};
use panelist::bank::{Difficulty, Levels, Phase, Question, Round, Style, parse_bank};
use panelist::paths::DataDir;
use panelist::session::FakeClock;

/// The app on `data` with only the user's banks (no shipped ones), loaded at once.
fn app_on(data: &Path) -> PanelistApp {
    let mut config = AppConfig::new(DataDir::new(data), Vec::new(), FakeClock::fixed());
    config.background_load = false;
    config.shipped_banks = false;
    PanelistApp::new(config, Settings::default())
}

fn write_bank(data: &Path, name: &str, text: &str) {
    let dir = data.join("questions");
    std::fs::create_dir_all(&dir).expect("questions dir");
    std::fs::write(dir.join(name), text).expect("write bank");
}

#[test]
fn reload_picks_up_a_change_and_reports_a_newly_broken_bank_without_dropping_others() {
    let data = tempfile::tempdir().expect("temp");
    write_bank(data.path(), "a.ron", &generated_bank("a", 3, 1));
    write_bank(data.path(), "b.ron", &generated_bank("b", 4, 2));
    let mut app = app_on(data.path());
    assert_eq!(app.state.catalog.question_count(), 7);
    let generation = app.state.catalog_generation;

    write_bank(data.path(), "a.ron", &generated_bank("a", 5, 1));
    let broken = generated_bank("b", 4, 2).replacen("minutes:", "minuets:", 1);
    write_bank(data.path(), "b.ron", &broken);
    write_bank(data.path(), "c.ron", &generated_bank("c", 2, 3));
    app.apply(ModelCommand::ReloadBanks);

    assert!(app.state.catalog_generation > generation);
    let ids: Vec<&str> = app
        .state
        .catalog
        .banks
        .iter()
        .map(|b| b.bank.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "c"]);
    assert_eq!(app.state.catalog.question_count(), 7);
    let problem = &app.state.catalog.problems[0];
    assert!(problem.path.ends_with("b.ron"));
    assert!(problem.line.is_some() && problem.col.is_some());
    assert!(problem.message.contains("minuets"), "{problem}");
}

#[test]
fn a_running_round_keeps_the_questions_it_started_with() {
    let data = tempfile::tempdir().expect("temp");
    write_bank(data.path(), "a.ron", &generated_bank("a", 3, 1));
    let mut app = app_on(data.path());
    let id = "a/q00000".to_owned();
    let title = app
        .state
        .catalog
        .question(&id)
        .expect("question")
        .question
        .title
        .clone();
    app.apply(ModelCommand::StartRound(RoundStart {
        title: "Practise one question".to_owned(),
        questions: vec![id.clone()],
        time_scale: 1.0,
        panel: None,
    }));
    assert!(matches!(app.view.screen, Screen::Round));

    let changed = generated_bank("a", 3, 1).replacen(&title, "A different title", 1);
    write_bank(data.path(), "a.ron", &changed);
    app.apply(ModelCommand::ReloadBanks);

    assert_eq!(
        app.state.catalog.question(&id).expect("reloaded").question.title,
        "A different title"
    );
    let runner = app.state.runner.as_ref().expect("round running");
    assert_eq!(runner.session().questions.len(), 1);
    assert_eq!(runner.session().questions[0].question.title, title);
}

#[test]
fn importing_copies_a_valid_bank_and_refuses_an_invalid_one() {
    let data = tempfile::tempdir().expect("temp");
    let outside = tempfile::tempdir().expect("temp");
    let good = outside.path().join("good.ron");
    std::fs::write(&good, generated_bank("good", 4, 9)).expect("write");
    let bad = outside.path().join("bad.ron");
    std::fs::write(&bad, generated_bank("bad", 4, 9).replacen("round:", "rund:", 1)).expect("write");
    let mut app = app_on(data.path());

    app.apply(Effect::Import(bad.clone()));
    assert!(!data.path().join("questions/bad.ron").exists());
    assert!(app.view.browser.import_problems[0].to_string().contains("rund"));
    assert!(app.view.browser.import_problems[0].line.is_some());

    app.apply(Effect::Import(good.clone()));
    assert!(app.view.browser.import_problems.is_empty());
    assert!(data.path().join("questions/good.ron").is_file());
    assert_eq!(app.state.catalog.question_count(), 4);

    // a second import of the same name asks first, and replaces only when told to
    let replacement = generated_bank("good", 6, 9);
    std::fs::write(&good, &replacement).expect("write");
    app.apply(Effect::Import(good.clone()));
    assert!(app.view.browser.confirm_replace.is_some());
    assert_eq!(app.state.catalog.question_count(), 4);
    app.apply(Effect::ConfirmReplace);
    assert_eq!(app.state.catalog.question_count(), 6);
    let copied = std::fs::read_to_string(data.path().join("questions/good.ron")).expect("read");
    assert_eq!(copied, replacement);
}

fn every_field() -> Question {
    Question {
        id: "stretch-goal".to_owned(),
        round: Round::OrgDesign,
        title: "Split a team of 14".to_owned(),
        prompt: "Your team has **14** engineers.\n\n- two products\n- one on-call rota".to_owned(),
        minutes: 12,
        prep_minutes: 3,
        difficulty: Difficulty::Stretch,
        style: Style::Evidence,
        competencies: vec!["org-design".to_owned(), "hiring".to_owned()],
        phases: vec![
            Phase {
                name: "Clarify".to_owned(),
                minutes: 4,
            },
            Phase {
                name: "Design".to_owned(),
                minutes: 8,
            },
        ],
        follow_ups: vec!["What if two leads want the same product?".to_owned()],
        follow_up_timing: Vec::new(),
        strong_signals: vec![
            "Sizes teams by cognitive load.".to_owned(),
            "Plans the on-call split.".to_owned(),
        ],
        weak_signals: vec!["Splits by headcount alone.".to_owned()],
        tags: vec!["topology".to_owned(), "reorg".to_owned()],
        levels: [(
            "hiring".to_owned(),
            Levels {
                strong_no_hire: "Hires to the org chart's gaps without a plan.".to_owned(),
                lean_no_hire: "Plans the hires but not the interviewers.".to_owned(),
                hire: "Sequences the hires against the split.".to_owned(),
                strong_hire: "Grows the new leads from inside before hiring.".to_owned(),
            },
        )]
        .into(),
    }
}

#[test]
fn the_editor_saves_a_bank_that_validates_and_round_trips_every_field() {
    let data = tempfile::tempdir().expect("temp");
    let mut app = app_on(data.path());
    app.apply(ViewCommand::Bank(BankView::NewQuestion));
    let Screen::Editor(editor) = &mut app.view.screen else {
        panic!("editor open")
    };
    editor.draft = panelist::bank::QuestionDraft::from_question(&every_field());
    app.apply(Effect::SaveQuestion);
    assert!(matches!(app.view.screen, Screen::Browser));

    let file = data.path().join("questions/my-questions.ron");
    let text = std::fs::read_to_string(&file).expect("saved");
    assert!(!text.contains("Some("));
    let parsed = parse_bank("my-questions.ron", text.as_bytes());
    assert_eq!(parsed.bank.expect("valid").questions, vec![every_field()]);
    assert!(app.state.catalog.question("my-questions/stretch-goal").is_some());

    let validate = Process::new(env!("CARGO_BIN_EXE_panelist"))
        .arg("--data-dir")
        .arg(data.path())
        .arg("validate")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(
        validate.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&validate.stdout)
    );

    // editing it again changes it in place
    app.apply(ViewCommand::Bank(BankView::Edit(
        "my-questions/stretch-goal".to_owned(),
    )));
    let Screen::Editor(editor) = &mut app.view.screen else {
        panic!("editor open")
    };
    editor.draft.title = "Split a team of 15".to_owned();
    app.apply(Effect::SaveQuestion);
    let q = app
        .state
        .catalog
        .question("my-questions/stretch-goal")
        .expect("still there");
    assert_eq!(q.question.title, "Split a team of 15");
    assert_eq!(q.bank.bank.questions.len(), 1);
}

#[test]
fn copy_to_my_bank_duplicates_a_question_from_a_read_only_bank() {
    let data = tempfile::tempdir().expect("temp");
    let extra = tempfile::tempdir().expect("temp");
    std::fs::write(extra.path().join("theirs.ron"), generated_bank("theirs", 2, 4)).expect("write");
    let mut config = AppConfig::new(
        DataDir::new(data.path()),
        vec![extra.path().to_path_buf()],
        FakeClock::fixed(),
    );
    config.background_load = false;
    config.shipped_banks = false;
    let mut app = PanelistApp::new(config, Settings::default());
    app.apply(ViewCommand::Bank(BankView::CopyToMyBank(
        "theirs/q00001".to_owned(),
    )));
    app.apply(Effect::SaveQuestion);
    let copy = app.state.catalog.question("my-questions/q00001").expect("copied");
    assert_eq!(copy.question, &generated("theirs", 2, 4).questions[1]);
}

#[test]
fn importing_a_spreadsheet_or_list_converts_it_reports_bad_rows_and_asks_before_replacing() {
    let data = tempfile::tempdir().expect("temp");
    let outside = tempfile::tempdir().expect("temp");
    let sheet = outside.path().join("Team Questions.csv");
    std::fs::copy("tests/fixtures/import/messy.csv", &sheet).expect("copy");
    let mut app = app_on(data.path());

    app.apply(Effect::Import(sheet.clone()));
    let dest = data.path().join("questions/Team Questions.ron");
    assert!(dest.is_file(), "written as a RON bank beside the others");
    assert_eq!(app.state.catalog.question_count(), 2);
    assert_eq!(app.state.catalog.banks[0].bank.id, "team-questions");
    // the rows that could not be used are reported, as warnings, with their lines
    let report: Vec<String> = app
        .view
        .browser
        .import_problems
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(report.len(), 2, "{report:?}");
    assert!(
        report[0].contains("messy.csv") || report[0].contains("Team Questions.csv:4:1"),
        "{report:?}"
    );
    assert!(app.view.browser.import_problems.iter().all(|p| !p.is_error()));

    // importing a list of the same name asks before replacing the bank
    let list = outside.path().join("Team Questions.md");
    std::fs::copy("tests/fixtures/import/list.md", &list).expect("copy");
    let before = std::fs::read_to_string(&dest).expect("read");
    app.apply(Effect::Import(list.clone()));
    assert!(app.view.browser.confirm_replace.is_some());
    assert_eq!(std::fs::read_to_string(&dest).expect("kept"), before);
    app.apply(Effect::ConfirmReplace);
    assert_eq!(app.state.catalog.question_count(), 3);
    assert!(
        std::fs::read_to_string(&dest)
            .expect("replaced")
            .contains("notification service")
    );
}

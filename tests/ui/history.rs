//! History, session review, delete with undo, progress and the one-click review rounds.

use panelist::app::Screen;
use panelist::paths::DataDir;
use panelist::session::{Clock, FakeClock, RoundKind, Session};
use panelist::store::SessionStore;

use crate::demo_history;
use crate::harness::{TestApp, app_with};

fn golden_sessions() -> Vec<Session> {
    let catalog = demo_history::sample_catalog();
    vec![
        demo_history::golden_solo(&catalog),
        demo_history::golden_panel(&catalog),
    ]
}

#[test]
fn history_lists_a_saved_session_and_opens_its_review() {
    let mut app = app_with(&golden_sessions());
    app.click("History");
    assert!(app.sees("Full Director loop"));
    assert!(app.sees("Panel · Sam O'Neil"));
    assert!(app.sees_containing("2 shown of 2"));
    app.click("Open session 20260105-090000-0a1b");
    assert!(matches!(app.harness.state().view.screen, Screen::Review(_)));
    let title = &demo_history::golden_solo(&demo_history::sample_catalog()).questions[0]
        .question
        .title;
    assert!(app.sees(&format!("1. {title}")));
    assert!(app.sees_containing("Answer 11:00 of 10:00"));
    assert!(app.sees_containing("sample/ledger · Answered · next review"));
}

#[test]
fn a_self_score_edited_in_review_is_saved_to_disk() {
    let mut app = app_with(&golden_sessions());
    app.click("History");
    app.click("Open session 20260105-090000-0a1b");
    let name = app
        .harness
        .state()
        .state
        .catalog
        .competency_name("strategy")
        .to_owned();
    app.click(&format!("Q1 {name}: 4"));
    app.click("Save changes");
    let store = SessionStore::new(DataDir::new(app.data.path()));
    let saved = store.load("20260105-090000-0a1b").expect("saved");
    assert_eq!(saved.questions[0].self_scores["strategy"].value(), 4);
    let in_memory = &app.harness.state().state.history;
    assert_eq!(
        in_memory
            .iter()
            .find(|s| s.id == saved.id)
            .expect("listed")
            .questions[0]
            .self_scores["strategy"]
            .value(),
        4
    );
}

#[test]
fn delete_moves_a_session_to_the_trash_and_undo_restores_it() {
    let mut app = app_with(&golden_sessions());
    app.click("History");
    app.click("Delete session 20260105-090000-0a1b");
    // nothing happens until confirmed
    assert_eq!(app.harness.state().state.history.len(), 2);
    app.click("Move to trash");
    let store = SessionStore::new(DataDir::new(app.data.path()));
    assert_eq!(store.trashed(), ["20260105-090000-0a1b"]);
    assert!(!app.sees("Full Director loop"));
    assert_eq!(app.harness.state().state.history.len(), 1);
    app.click("Undo");
    assert!(store.trashed().is_empty());
    assert!(store.load("20260105-090000-0a1b").is_ok());
    assert!(app.sees("Full Director loop"));
    assert_eq!(app.harness.state().state.history.len(), 2);
}

#[test]
fn progress_names_the_weakest_competency_of_a_fixture_history() {
    let clock = FakeClock::fixed();
    let catalog = demo_history::sample_catalog();
    let history = demo_history::demo_history(&catalog, clock.wall(), 6);
    let mut app = app_with(&history);
    app.click("Progress");
    let hiring = catalog.competency_name("hiring").to_owned();
    assert!(
        app.sees(&format!("Weakest competency: {hiring}")),
        "weakest: {:?}",
        app.harness.state().state.insights.progress.weakest.first()
    );
    assert!(app.sees("Time discipline"));
    assert!(app.sees("Coverage"));
    app.click("Work on my weakest competency");
    let Screen::Setup(setup) = &app.harness.state().view.screen else {
        panic!("setup screen")
    };
    assert_eq!(setup.plan.spec.kind, RoundKind::WeakestCompetency);
    for id in setup.plan.picked() {
        let question = catalog.question(&id).expect("picked");
        assert!(
            question.question.competencies.iter().any(|c| c == "hiring"),
            "{id}"
        );
    }
}

#[test]
fn home_offers_the_questions_due_for_review_as_one_round() {
    let clock = FakeClock::fixed();
    let catalog = demo_history::sample_catalog();
    let history = demo_history::demo_history(&catalog, clock.wall(), 6);
    let mut app = app_with(&history);
    let today = clock.wall().date_naive();
    let due = app
        .harness
        .state()
        .state
        .insights
        .due_questions(today, &app.harness.state().state.catalog);
    assert!(!due.is_empty(), "the fixture history leaves something due");
    app.click("Due for review");
    let Screen::Setup(setup) = &app.harness.state().view.screen else {
        panic!("setup screen")
    };
    assert_eq!(setup.plan.spec.kind, RoundKind::DueForReview);
    assert_eq!(setup.plan.picked(), due.into_iter().take(3).collect::<Vec<_>>());
}

#[test]
fn export_to_a_typed_path_asks_before_replacing_and_reports_unwritable_paths() {
    let mut app = app_with(&golden_sessions());
    app.click("History");
    app.click("Open session 20260105-090000-0a1b");
    app.click("Export…");
    let target = app.data.path().join("notes.md");
    assert!(app.sees("File:"));
    set_export_path(&mut app, &target);
    app.click("Save export");
    let written = std::fs::read_to_string(&target).expect("exported");
    assert!(written.starts_with("# Full Director loop"));
    std::fs::write(&target, "mine").expect("write");
    app.click("Save export");
    assert!(app.sees_containing("already exists. Replace it?"));
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "mine");
    app.click("Replace file");
    assert!(
        std::fs::read_to_string(&target)
            .expect("read")
            .starts_with("# Full Director loop")
    );

    let blocker = app.data.path().join("a-file");
    std::fs::write(&blocker, "").expect("file");
    let unwritable = blocker.join("out.md");
    // a path inside a file cannot be written
    set_export_path(&mut app, &unwritable);
    app.click("Save export");
    assert!(app.sees_containing(&format!("Export failed: cannot write {}", unwritable.display())));
    assert!(
        matches!(app.harness.state().view.screen, Screen::Review(_)),
        "the app goes on"
    );
}

/// Fills the typed-path field (as typing would).
fn set_export_path(app: &mut TestApp, path: &std::path::Path) {
    if let Screen::Review(review) = &mut app.harness.state_mut().view.screen {
        review.export.path = path.display().to_string();
    }
    app.run();
}

#[test]
fn a_practised_question_shows_its_next_review_in_the_browser() {
    let mut app = app_with(&golden_sessions());
    let id = golden_sessions()[0].questions[0].global_id.clone();
    let item = app
        .harness
        .state()
        .state
        .insights
        .schedule
        .get(&id)
        .cloned()
        .expect("scheduled");
    let title = app
        .harness
        .state()
        .state
        .catalog
        .question(&id)
        .expect("question")
        .question
        .title
        .clone();
    app.click("Questions");
    app.click(&title);
    let today = FakeClock::fixed().wall().date_naive();
    let expected = if item.is_due(today) {
        "Due for review now.".to_owned()
    } else {
        format!("Next review: {}", item.due.format("%a %-d %b %Y"))
    };
    assert!(app.sees_containing(&expected), "{expected}");
}

#[test]
fn settings_empty_the_trash_after_a_confirmation() {
    let mut app = app_with(&golden_sessions());
    app.click("History");
    app.click("Delete session 20260105-090000-0a1b");
    app.click("Move to trash");
    app.click("Settings");
    assert!(app.sees("1 deleted session in the trash."));
    app.click("Empty the trash…");
    // asked first; keeping them changes nothing
    app.click("Keep them");
    let store = SessionStore::new(DataDir::new(app.data.path()));
    assert_eq!(store.trashed(), ["20260105-090000-0a1b"]);
    app.click("Empty the trash…");
    app.click("Erase deleted sessions");
    assert!(store.trashed().is_empty());
    assert!(app.sees("The trash is empty."));
    assert!(app.sees_containing("Erased 1 session from the trash."));
    assert!(store.load("20260105-090000-0a1b").is_err());
}

#[test]
fn an_edit_in_review_is_saved_by_itself_within_seconds() {
    let mut app = app_with(&golden_sessions());
    app.click("History");
    app.click("Open session 20260105-090000-0a1b");
    let name = app
        .harness
        .state()
        .state
        .catalog
        .competency_name("strategy")
        .to_owned();
    app.click(&format!("Q1 {name}: 2"));
    assert!(app.sees("Unsaved changes"));
    app.wait_secs(3);
    assert!(!app.sees("Unsaved changes"));
    let store = SessionStore::new(DataDir::new(app.data.path()));
    let saved = store.load("20260105-090000-0a1b").expect("saved");
    assert_eq!(saved.questions[0].self_scores["strategy"].value(), 2);
    assert_eq!(
        saved.updated,
        app.harness.state().state.wall(),
        "updated is bumped"
    );
}

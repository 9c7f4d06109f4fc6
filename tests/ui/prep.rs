//! The prep kit: stories and their coverage, linking a story to an answer, role checklists.

use egui_kittest::kittest::Queryable;
use panelist::paths::DataDir;
use panelist::prep::{Flag, RoleBook, StoryBank, load_prep_file};
use panelist::store::SessionStore;

use crate::harness::{TestApp, new_app};

fn type_into(app: &mut TestApp, label: &str, text: &str) {
    app.harness.get_by_label(label).focus();
    app.run();
    app.harness.get_by_label(label).type_text(text);
    app.run();
}

fn add_story(app: &mut TestApp, title: &str, competency: &str) {
    app.click("Prep kit");
    type_into(app, "New story:", title);
    app.click("Add story");
    app.click(competency);
    assert!(
        app.sees("Unsaved changes"),
        "an edited story says it is not saved yet"
    );
    app.click("Save story");
    assert!(!app.sees("Unsaved changes"));
}

#[test]
fn a_story_tagged_with_a_competency_changes_the_matrix() {
    let mut app = new_app();
    app.click("Prep kit");
    app.click("Coverage");
    assert!(app.sees_containing("Add stories"));
    add_story(
        &mut app,
        "Turning round the payments team",
        "Headcount planning and hiring",
    );
    app.click("Coverage");
    assert!(app.sees_containing("Only one story for: Headcount planning and hiring"));
    assert!(app.sees_containing("No story yet for: Organisational design judgement"));
    assert!(!app.sees_containing("No story yet for: Headcount planning and hiring"));

    let saved: StoryBank = load_prep_file(&DataDir::new(app.data.path()).stories_file())
        .expect("read")
        .expect("file");
    assert_eq!(saved.stories[0].title, "Turning round the payments team");
    assert_eq!(saved.stories[0].competencies, vec!["hiring".to_owned()]);
}

#[test]
fn a_story_linked_during_a_question_is_recorded() {
    let mut app = new_app();
    add_story(
        &mut app,
        "The EM who found their feet",
        "Manager coaching at pace",
    );
    // a leadership drill: the fixture bank has one leadership question
    app.click("Home");
    app.click("Leadership drill");
    app.click("Start round");
    assert!(app.sees("Stories in this answer"));
    app.click("The EM who found their feet");
    app.click("Finish answer");
    let sessions = SessionStore::new(DataDir::new(app.data.path()))
        .load_all()
        .sessions;
    assert_eq!(
        sessions[0].questions[0].stories,
        vec!["the-em-who-found-their-feet".to_owned()]
    );
}

#[test]
fn a_role_with_a_red_flag_shows_in_the_comparison() {
    let mut app = new_app();
    app.click("Prep kit");
    app.click("Roles");
    type_into(&mut app, "Company:", "Acme Payments");
    app.click("Add role");
    app.click("Decision rights with the VP of Engineering: Red flag");
    app.click("Save role");
    type_into(&mut app, "Company:", "Beta Health");
    app.click("Add role");
    app.click("Engineers and EMs reporting in: Green flag");
    app.click("Save role");
    assert!(app.sees("Side by side"));
    assert!(app.sees("Acme Payments (0 green, 1 red)"));
    assert!(app.sees("Beta Health (1 green, 0 red)"));

    let saved: RoleBook = load_prep_file(&DataDir::new(app.data.path()).roles_file())
        .expect("read")
        .expect("file");
    assert_eq!(saved.roles.len(), 2);
    assert_eq!(saved.roles[0].count(Flag::Red), 1);
}

//! Panelists on their own machines (issue #19): three app instances, each on its own
//! data folder, share one panel folder. The host runs the round; two panelists join,
//! follow the host to the next question, take notes and score blind; the host's
//! debrief merges every card and each machine keeps the finished session in History.
//! The folder is read inline on every frame in tests (no threads, no sleeping).

use std::path::Path;

use egui_kittest::kittest::Queryable as _;

use panelist::app::{Screen, SetupCommand, ViewCommand};
use panelist::bank::competency_name;
use panelist::paths::DataDir;
use panelist::session::{Stage, Status};
use panelist::store::SessionStore;

use crate::harness::{TestApp, new_app};

fn host_round(folder: &Path) -> TestApp {
    let mut host = new_app();
    host.click("Run a mock panel");
    host.type_into("Candidate", "Sam");
    host.click("Remove panelist 3");
    host.click("Panelists on their own machines");
    assert!(host.sees("Choose the panel folder first."));
    host.type_into("Panel folder", &folder.display().to_string());
    host.click("Quick question");
    for id in ["sample/slipping-em", "sample/why-director"] {
        host.harness
            .state_mut()
            .apply(ViewCommand::Setup(SetupCommand::HandPick(id.to_owned())));
        host.run();
    }
    host.click("Start round");
    assert_eq!(host.session().questions.len(), 2);
    host
}

fn join(folder: &Path, who: &str) -> TestApp {
    let mut app = new_app();
    app.click("Join a panel");
    app.type_into("Panel folder", &folder.display().to_string());
    app.click("Open panel");
    assert!(app.sees_containing("mock panel for Sam"));
    app.click(who);
    assert!(matches!(app.harness.state().view.screen, Screen::RemotePanel));
    app
}

/// Every app draws what the folder holds now.
fn sync(apps: &mut [&mut TestApp]) {
    for app in apps.iter_mut() {
        app.run();
    }
}

fn score(app: &mut TestApp, scores: &[(&str, &str)], recommendation: &str) {
    for (competency, score) in scores {
        app.click(&format!("{competency}: {score}"));
    }
    app.click(&format!("Recommendation: {recommendation}"));
    app.click("Submit your scorecard");
}

fn history(app: &TestApp, id: &str) -> panelist::session::Session {
    SessionStore::new(DataDir::new(app.data.path()))
        .load(id)
        .expect("the finished panel is in this machine's History")
}

#[test]
fn a_host_and_two_panelists_on_their_own_machines_score_blind_and_debrief() {
    let shared = tempfile::tempdir().expect("temp");
    let folder = shared.path().join("panel-sam");
    std::fs::create_dir(&folder).expect("mkdir");
    let mut host = host_round(&folder);
    let id = host.session().id.clone();
    assert!(folder.join("panel.ron").is_file());
    assert!(host.sees("Priya: not joined yet"));

    let mut priya = join(&folder, "I am Priya (VP of Engineering)");
    let mut marcus = join(&folder, "I am Marcus (Engineering Manager)");
    sync(&mut [&mut host, &mut priya, &mut marcus]);
    assert!(host.sees("Priya: joined"));
    assert!(host.sees("Marcus: joined"));

    // the panelists follow the host's first question, with the rubric
    let first_title = host.session().questions[0].question.title.clone();
    assert!(priya.sees(&first_title));
    assert!(priya.sees("Strong signals"));
    assert!(priya.sees_containing("question 1 of 2 · Answering"));

    // the host's clock, derived on the panelist's machine from the host's state
    host.wait_secs(30);
    priya.wait_secs(30);
    assert!(
        priya.sees("0:30 used of 8:00"),
        "the panelist's clock follows the host's"
    );

    // Priya's notes reach the folder and the host's console
    priya.type_into("Note", "asked for the delivery data");
    priya.click("Add note");
    priya.click("Evidence");
    sync(&mut [&mut host, &mut priya]);
    assert!(priya.sees("asked for the delivery data"));
    assert!(host.sees("asked for the delivery data"));
    assert_eq!(host.session().panel.as_ref().expect("panel").notes.len(), 2);

    // the host finishes the answer: the panelists' consoles move to scoring
    host.click("Finish answer");
    assert_eq!(host.harness.state().state.stage(), Some(Stage::Assess));
    assert!(host.sees("Waiting for Priya, Marcus"));
    sync(&mut [&mut priya, &mut marcus]);
    assert!(priya.sees_containing("question 1 of 2 · Scoring"));

    let question = host.session().questions[0].question.clone();
    let name = |i: usize| {
        competency_name(&question.competencies[i])
            .unwrap_or(&question.competencies[i])
            .to_owned()
    };
    let (first, second) = (name(0), name(1));
    // blind: Priya submits; Marcus sees that she did, not what she scored
    score(
        &mut priya,
        &[(&first, "2 Lean no hire"), (&second, "3 Hire")],
        "No hire",
    );
    assert!(priya.sees("Submitted: your card is in the folder."));
    assert!(priya.sees("Marcus: not submitted yet"));
    sync(&mut [&mut marcus]);
    assert!(marcus.sees("Priya: submitted · hidden until you submit"));
    assert!(!marcus.sees(&format!("Priya · {first}: 2")));
    score(
        &mut marcus,
        &[(&first, "4 Strong hire"), (&second, "3 Hire")],
        "Hire",
    );
    // once Marcus submitted, he sees Priya's card, and she his
    assert!(marcus.sees(&format!("Priya · {first}: 2")));
    sync(&mut [&mut priya, &mut host]);
    assert!(priya.sees(&format!("Marcus · {first}: 4")));
    assert!(host.sees("Every panelist has submitted."));

    // the next question: both panelists follow
    host.click("Next question");
    sync(&mut [&mut priya, &mut marcus]);
    let second_title = host.session().questions[1].question.title.clone();
    assert!(priya.sees(&second_title));
    assert!(marcus.sees_containing("question 2 of 2"));
    host.click("Finish answer");
    sync(&mut [&mut priya, &mut marcus]);
    let question = host.session().questions[1].question.clone();
    let only = competency_name(&question.competencies[0])
        .unwrap_or(&question.competencies[0])
        .to_owned();
    score(&mut priya, &[(&only, "3 Hire")], "Hire");
    score(&mut marcus, &[(&only, "3 Hire")], "Hire");
    sync(&mut [&mut host]);
    host.click("Finish round");

    // the debrief merges every card
    assert_eq!(host.harness.state().state.stage(), Some(Stage::Summary));
    {
        let panel = host.session().panel.as_ref().expect("panel");
        assert_eq!(panel.scorecards.iter().filter(|c| c.is_submitted()).count(), 4);
        assert!(panel.all_submitted(0) && panel.all_submitted(1));
    }
    host.click("Reveal question 1");
    host.click("Reveal question 2");
    assert!(host.sees(&format!("{first} · disagreement")));
    sync(&mut [&mut priya, &mut marcus]);
    assert!(priya.sees("Debrief"));

    // every machine keeps the finished, merged session in its History
    host.click("Done");
    for app in [&priya, &marcus] {
        let kept = history(app, &id);
        assert_eq!(kept.status, Status::Finished);
        let panel = kept.panel.expect("panel");
        assert_eq!(panel.scorecards.len(), 4);
        assert_eq!(panel.notes.len(), 2);
        assert_eq!(panel.revealed.len(), 2);
    }
    let hosted = history(&host, &id);
    assert_eq!(hosted.panel.expect("panel").scorecards.len(), 4);
}

#[test]
fn a_conflict_copy_in_the_folder_is_shown_by_name_on_both_consoles() {
    let shared = tempfile::tempdir().expect("temp");
    let folder = shared.path().join("panel");
    std::fs::create_dir(&folder).expect("mkdir");
    let mut host = host_round(&folder);
    let mut priya = join(&folder, "I am Priya (VP of Engineering)");
    let conflict = folder.join("panel.sync-conflict-20261128-101010-ABCDEFG.ron");
    std::fs::copy(folder.join("panel.ron"), &conflict).expect("copy");
    sync(&mut [&mut host, &mut priya]);
    for app in [&host, &priya] {
        assert!(app.sees_containing("panel.sync-conflict-20261128-101010-ABCDEFG.ron is a conflict copy"));
    }
}

#[test]
fn the_candidate_follows_with_only_the_question_and_the_clock() {
    let shared = tempfile::tempdir().expect("temp");
    let folder = shared.path().join("panel");
    std::fs::create_dir(&folder).expect("mkdir");
    let mut host = host_round(&folder);
    let mut candidate = join(&folder, "Join as candidate");
    let question = host.session().questions[0].question.clone();
    assert!(candidate.sees(&question.title));
    assert!(!candidate.sees("Strong signals"));
    assert!(!candidate.sees_containing(&question.strong_signals[0]));
    // a candidate writes nothing into the folder
    assert!(!folder.join("panelists").exists());
    host.click("Finish answer");
    sync(&mut [&mut candidate]);
    assert!(candidate.sees("Waiting for the next question…"));
}

/// A panelist's unsent card is kept on their own machine, never in the folder: when
/// their app closes mid-panel (here: dropped without a goodbye, as in a crash) and they
/// join again, the card comes back as they left it.
#[test]
fn an_unsent_card_survives_the_panelists_app_closing_and_stays_off_the_folder() {
    let shared = tempfile::tempdir().expect("temp");
    let folder = shared.path().join("panel-sam");
    std::fs::create_dir(&folder).expect("mkdir");
    let mut host = host_round(&folder);
    let mut priya = join(&folder, "I am Priya (VP of Engineering)");
    host.click("Finish answer");
    sync(&mut [&mut priya]);
    assert!(priya.sees_containing("question 1 of 2 · Scoring"));

    let question = host.session().questions[0].question.clone();
    let first = competency_name(&question.competencies[0])
        .unwrap_or(&question.competencies[0])
        .to_owned();
    priya.click(&format!("{first}: 3 Hire"));
    priya.type_into(
        &format!("Evidence for {first}"),
        "sized the team from the roadmap",
    );
    priya.click("Recommendation: Hire");
    priya.type_into("Note", "half a thought");
    // a burst of edits is kept once, a second later
    priya.wait_secs(2);
    let drafts_dir = priya.data.path().join("panel-drafts");
    let kept: Vec<_> = walk(&drafts_dir);
    assert_eq!(kept.len(), 1, "one drafts file on Priya's machine: {kept:?}");
    let text = std::fs::read_to_string(&kept[0]).expect("drafts file");
    assert!(text.contains("sized the team from the roadmap"), "{text}");
    // nothing unsent is in the shared folder
    for file in walk(&folder) {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            !text.contains("sized the team"),
            "{} holds the draft",
            file.display()
        );
        assert!(
            !text.contains("half a thought"),
            "{} holds the draft",
            file.display()
        );
    }

    // the app goes away without closing properly, and Priya joins again
    let TestApp { data, harness, .. } = priya;
    drop(harness);
    let mut priya = crate::harness::open_app(
        data,
        panelist::app::Settings {
            welcomed: true,
            ..Default::default()
        },
    );
    priya.click("Join a panel");
    priya.type_into("Panel folder", &folder.display().to_string());
    priya.click("Open panel");
    priya.click("I am Priya (VP of Engineering)");
    sync(&mut [&mut priya]);
    assert!(priya.sees_containing("Your unsent scorecard was restored from this machine (question 1)"));
    assert_eq!(
        priya.harness.get_by_label("Note").value().as_deref(),
        Some("half a thought"),
        "the note being typed is back too"
    );

    // submitting sends the restored card as it was left
    priya.click("Submit your scorecard");
    assert!(priya.sees("Submitted: your card is in the folder."));
    let cards: Vec<_> = walk(&folder.join("panelists"))
        .into_iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("card-"))
        })
        .collect();
    assert_eq!(cards.len(), 1, "{cards:?}");
    let card = std::fs::read_to_string(&cards[0]).expect("card");
    assert!(card.contains("sized the team from the roadmap"), "{card}");
    assert!(card.contains(&question.competencies[0]), "{card}");
    assert!(card.contains("recommendation: Hire"), "{card}");
    // and once the note is added too, nothing is left to keep: the drafts file goes
    priya.click("Add note");
    priya.wait_secs(2);
    assert!(walk(&drafts_dir).is_empty(), "{:?}", walk(&drafts_dir));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

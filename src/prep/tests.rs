//! Coverage, story links through a session round-trip, role comparison, files.

use super::*;
use crate::bank::{BankSource, Catalog, Difficulty, Question, Round};
use crate::session::{Clock, FakeClock, Mode, Session};

fn story(title: &str, competencies: &[&str]) -> Story {
    Story {
        title: title.to_owned(),
        competencies: competencies.iter().map(|c| (*c).to_owned()).collect(),
        ..Story::default()
    }
}

fn session_using(stories: &[&[&str]]) -> Session {
    let question = Question {
        id: "q".to_owned(),
        round: Round::Leadership,
        title: "Q".to_owned(),
        prompt: "P".to_owned(),
        minutes: 5,
        prep_minutes: 0,
        difficulty: Difficulty::Core,
        style: Default::default(),
        competencies: vec!["manager-coaching".to_owned()],
        phases: vec![],
        follow_ups: vec![],
        follow_up_timing: Vec::new(),
        strong_signals: vec![],
        weak_signals: vec![],
        tags: vec![],
        levels: Default::default(),
    };
    let clock = FakeClock::fixed();
    let questions = stories
        .iter()
        .map(|_| ("b/q".to_owned(), question.clone()))
        .collect();
    let mut session = Session::new(
        "s".to_owned(),
        clock.wall(),
        Mode::Solo,
        "t".to_owned(),
        1.0,
        questions,
    );
    for (record, used) in session.questions.iter_mut().zip(stories) {
        record.stories = used.iter().map(|s| (*s).to_owned()).collect();
    }
    session
}

fn competencies() -> Vec<String> {
    ["manager-coaching", "hiring", "strategy"]
        .iter()
        .map(|c| (*c).to_owned())
        .collect()
}

#[test]
fn coverage_finds_gaps_thin_competencies_and_overused_stories() {
    let mut bank = StoryBank::default();
    let turnaround = bank.add(story("The EM turnaround", &["manager-coaching"]));
    let reorg = bank.add(story("The reorg", &["manager-coaching", "strategy"]));
    let sessions = vec![session_using(&[
        &[&turnaround],
        &[&turnaround],
        &[&turnaround, &reorg],
    ])];
    let coverage = coverage(&bank, &competencies(), &sessions);
    assert_eq!(coverage.gaps(), vec!["hiring"]);
    assert_eq!(coverage.thin(), vec!["strategy"]);
    assert_eq!(coverage.uses_of(&turnaround), 3);
    assert_eq!(coverage.uses_of(&reorg), 1);
    assert_eq!(coverage.overused(), vec![turnaround.as_str()]);
}

#[test]
fn stories_spread_evenly_are_not_overused() {
    let mut bank = StoryBank::default();
    let ids: Vec<String> = (0..4)
        .map(|i| bank.add(story(&format!("Story {i}"), &["hiring"])))
        .collect();
    let uses: Vec<Vec<&str>> = ids.iter().flat_map(|id| vec![vec![id.as_str()]; 3]).collect();
    let refs: Vec<&[&str]> = uses.iter().map(Vec::as_slice).collect();
    let coverage = coverage(&bank, &competencies(), &[session_using(&refs)]);
    assert!(coverage.overused().is_empty());
}

#[test]
fn story_links_survive_a_session_round_trip() {
    let session = session_using(&[&["the-em-turnaround", "the-reorg"]]);
    let text = crate::store::session_to_ron(&session).expect("encode");
    let back = crate::store::session_from_ron(std::path::Path::new("s.ron"), &text).expect("decode");
    assert_eq!(
        back.questions[0].stories,
        vec!["the-em-turnaround".to_owned(), "the-reorg".to_owned()]
    );
}

#[test]
fn ids_are_unique_and_readable() {
    let mut bank = StoryBank::default();
    assert_eq!(bank.add(story("Hard call at Acme!", &[])), "hard-call-at-acme");
    assert_eq!(bank.add(story("Hard call at Acme", &[])), "hard-call-at-acme-2");
    assert_eq!(bank.add(story("  ", &[])), "item");
}

#[test]
fn roles_compare_on_flags_compensation_and_unanswered_checks() {
    let mut book = RoleBook::default();
    let mut acme = Role::new("Acme Payments");
    acme.checks[0] = Check {
        kind: CheckKind::Span,
        answer: "4 EMs, 30 engineers".to_owned(),
        flag: Flag::Green,
    };
    acme.checks[2] = Check {
        kind: CheckKind::DecisionRights,
        answer: "EMs report to the VP".to_owned(),
        flag: Flag::Red,
    };
    acme.compensation = Some(Compensation {
        base: 175_000,
        currency: Currency::Usd,
    });
    let acme = book.add(acme);
    let mut beta = Role::new("Beta Health");
    beta.compensation = Some(Compensation {
        base: 165_000,
        currency: Currency::Eur,
    });
    book.add(beta);

    let acme = book.get(&acme).expect("role");
    assert_eq!((acme.count(Flag::Green), acme.count(Flag::Red)), (1, 1));
    assert_eq!(acme.unanswered().len(), CheckKind::ALL.len() - 2);
    assert_eq!(acme.compensation.map(Compensation::band), Some(Band::Below));
    assert_eq!(
        book.roles[1].compensation.map(Compensation::band),
        Some(Band::Above)
    );
    let within = Compensation {
        base: 120_000,
        currency: Currency::Eur,
    };
    assert_eq!(within.band(), Band::Within);
    assert_eq!(within.describe(), "€120k: within the typical €110k–€160k");
}

#[test]
fn unanswered_checks_pick_the_questions_tagged_for_them() {
    let catalog = Catalog::load(&BankSource::shipped());
    let role = Role::new("Acme");
    let picked = questions_for_unanswered(&role, &catalog, CheckKind::ALL.len());
    // every check has a shipped question to ask tagged for it, and each pick carries
    // one of its check's tags (not a word that happens to be in its prompt)
    assert_eq!(picked.len(), CheckKind::ALL.len(), "{picked:?}");
    for (id, kind) in picked.iter().zip(role.unanswered()) {
        let question = catalog.question(id).expect("question").question;
        assert_eq!(question.round, Round::ReverseInterview);
        assert!(
            question.tags.iter().any(|t| kind.tags().contains(&t.as_str())),
            "{id} picked for {kind:?} without its tag: {:?}",
            question.tags
        );
    }
    let mut unique = picked.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), picked.len());

    // the limit is kept, and an answered check no longer picks its question
    assert_eq!(questions_for_unanswered(&role, &catalog, 2), picked[..2]);
    let mut answered = role.clone();
    answered.checks[0].answer = "Five EMs, about sixty engineers".to_owned();
    let after = questions_for_unanswered(&answered, &catalog, CheckKind::ALL.len());
    assert_eq!(after, picked[1..]);
}

#[test]
fn prep_files_round_trip_and_refuse_newer_formats() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("stories.ron");
    assert_eq!(load_prep_file::<StoryBank>(&path).expect("missing is fine"), None);
    let mut bank = StoryBank::default();
    let mut s = story("Scaling the platform team", &["org-design"]);
    s.happened = chrono::NaiveDate::from_ymd_opt(2024, 3, 1);
    s.scope = Scope::SeveralTeams;
    bank.add(s);
    save_prep_file(&path, &bank).expect("save");
    assert_eq!(load_prep_file::<StoryBank>(&path).expect("load"), Some(bank));
    std::fs::write(&path, "StoryBank(format: 7, stories: [])").expect("write");
    assert!(matches!(
        load_prep_file::<StoryBank>(&path),
        Err(PrepFileError::Newer { format: 7, .. })
    ));
    std::fs::write(&path, "StoryBank(format: 1, stories: [").expect("write");
    let err = load_prep_file::<StoryBank>(&path).expect_err("truncated");
    assert!(
        err.to_string().starts_with(&format!("{}:1:", path.display())),
        "{err}"
    );
}

//! The panelist's machine following the host; the host's live state from its round.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use super::*;
use crate::bank::{Difficulty, Question, Round};
use crate::panel_share::{FolderReader, HostWriter, PanelistWriter};
use crate::session::{Mode, PanelRole, PanelStart, Panelist, Recommendation};

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("date")
}

fn question(id: &str) -> Question {
    Question {
        id: id.to_owned(),
        round: Round::Leadership,
        title: format!("Question {id}"),
        prompt: "Tell me.".to_owned(),
        minutes: 10,
        prep_minutes: 0,
        difficulty: Difficulty::Core,
        style: Default::default(),
        competencies: vec!["execution".to_owned()],
        phases: vec![],
        follow_ups: vec![],
        follow_up_timing: Vec::new(),
        strong_signals: vec![],
        weak_signals: vec![],
        tags: vec![],
        levels: Default::default(),
    }
}

fn panel_session() -> Session {
    let mut session = Session::new(
        "20261128-101500-3f2a".to_owned(),
        at("2026-11-28T10:15:00+00:00"),
        Mode::Solo,
        "Mock panel".to_owned(),
        1.0,
        vec![
            ("b/q0".to_owned(), question("q0")),
            ("b/q1".to_owned(), question("q1")),
        ],
    );
    PanelStart {
        candidate: "Sam".to_owned(),
        panelists: vec![
            Panelist {
                name: "Priya Shah".to_owned(),
                role: PanelRole::VpEngineering,
            },
            Panelist {
                name: "Priya Shah".to_owned(),
                role: PanelRole::SeniorIc,
            },
        ],
    }
    .apply_to(&mut session);
    session
}

#[test]
fn the_host_file_names_every_panelist_with_a_safe_unique_id() {
    let host = host_file_for(&panel_session()).expect("a panel");
    let ids: Vec<&str> = host.panelists.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["priya-shah", "priya-shah-2"]);
    assert_eq!(host.questions.len(), 2);
    assert!(host.has_safe_id());
}

#[test]
fn the_running_clock_ticking_is_not_a_change_but_a_pause_is() {
    let running = LiveState {
        stage: LiveStage::Answer,
        clock: LiveClock {
            elapsed_ms: 1_000,
            running: true,
            host_wall: None,
        },
        ..LiveState::default()
    };
    let later = LiveState {
        clock: LiveClock {
            elapsed_ms: 9_000,
            ..running.clock
        },
        ..running.clone()
    };
    assert!(!running.differs_for_panelists(&later));
    let paused = LiveState {
        clock: LiveClock {
            running: false,
            ..later.clock
        },
        ..later.clone()
    };
    assert!(running.differs_for_panelists(&paused));
    let next = LiveState {
        current: 1,
        ..running.clone()
    };
    assert!(running.differs_for_panelists(&next));
}

#[test]
fn a_follower_never_steps_back_to_an_older_host_file_and_derives_the_clock() {
    let folder = tempfile::tempdir().expect("temp");
    let mut file = host_file_for(&panel_session()).expect("panel");
    file.live.stage = LiveStage::Answer;
    file.live.clock = LiveClock {
        elapsed_ms: 60_000,
        running: true,
        host_wall: Some(at("2026-11-28T10:20:00+00:00")),
    };
    let mut host = HostWriter::create(folder.path(), file).expect("create");
    let mut reader = FolderReader::new(folder.path());
    let mut follower = Follower::new("priya-shah");
    let first = reader.scan(Duration::ZERO);
    // seen 3 s after the host wrote it (by the wall clocks), at monotonic 100 s
    assert!(follower.update(
        first.clone(),
        Duration::from_secs(100),
        at("2026-11-28T10:20:03+00:00")
    ));
    let (stage, elapsed, target) = follower.clock(Duration::from_secs(105)).expect("clock");
    assert_eq!((stage, elapsed, target), (LiveStage::Answer, 68_000, 600_000));
    assert_eq!(
        follower.repaint_after(Duration::from_millis(105_400)),
        Some(Duration::from_millis(600))
    );

    host.update(|live| {
        live.current = 1;
        live.stage = LiveStage::Scoring;
    })
    .expect("advance");
    let newer = reader.scan(Duration::from_secs(1));
    assert!(follower.update(newer, Duration::from_secs(110), at("2026-11-28T10:21:00+00:00")));
    assert_eq!(follower.current().map(|(i, _)| i), Some(1));
    assert_eq!(follower.clock(Duration::from_secs(111)), None);
    // an older copy (a sync tool restoring a stale file) is not taken
    assert!(!follower.update(first, Duration::from_secs(120), at("2026-11-28T10:22:00+00:00")));
    assert_eq!(follower.stage(), LiveStage::Scoring);
}

#[test]
fn the_merged_session_is_finished_once_the_host_reaches_the_debrief() {
    let folder = tempfile::tempdir().expect("temp");
    let mut host =
        HostWriter::create(folder.path(), host_file_for(&panel_session()).expect("panel")).expect("create");
    let mut me =
        PanelistWriter::join(folder.path(), "priya-shah", at("2026-11-28T10:16:00+00:00")).expect("join");
    me.add_note("b/q0", 5_000, "clear plan", true, at("2026-11-28T10:17:00+00:00"))
        .expect("note");
    me.submit(
        0,
        CardFile {
            format: SHARE_FORMAT,
            panelist: String::new(),
            question: "b/q0".to_owned(),
            scores: Default::default(),
            evidence: Default::default(),
            recommendation: Recommendation::Hire,
            notes: String::new(),
            submitted_at: at("2026-11-28T10:18:00+00:00"),
        },
    )
    .expect("submit");
    let mut reader = FolderReader::new(folder.path());
    let mut follower = Follower::new("priya-shah");
    follower.update(
        reader.scan(Duration::ZERO),
        Duration::ZERO,
        at("2026-11-28T10:18:00+00:00"),
    );
    let during = follower.merged_session().expect("session");
    assert_eq!(during.status, Status::InProgress);
    host.update(|live| live.stage = LiveStage::Debrief)
        .expect("debrief");
    follower.update(
        reader.scan(Duration::from_secs(1)),
        Duration::from_secs(1),
        at("2026-11-28T10:19:00+00:00"),
    );
    let session = follower.merged_session().expect("session");
    assert_eq!(session.status, Status::Finished);
    assert_eq!(session.id, "20261128-101500-3f2a");
    let panel = session.panel.expect("panel");
    assert_eq!((panel.notes.len(), panel.scorecards.len()), (1, 1));
    assert!(follower.has_submitted(0));
    assert_eq!(follower.visible_cards(0).len(), 1);
}

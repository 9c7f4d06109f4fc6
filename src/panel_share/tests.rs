//! The panel folder as sync tools fill it: arrival order, late cards, conflict copies,
//! half-copied files, newer formats, deletions, and many panelists at once.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};

use super::*;
use crate::bank::{Difficulty, Question, Round};
use crate::session::{Score, debrief};

fn at() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T10:00:00+00:00").expect("date")
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
        competencies: vec!["execution".to_owned(), "people".to_owned()],
        phases: vec![],
        follow_ups: vec![],
        follow_up_timing: Vec::new(),
        strong_signals: vec![],
        weak_signals: vec![],
        tags: vec![],
        levels: Default::default(),
    }
}

pub(super) fn host_file(panelists: &[&str], questions: usize) -> HostFile {
    HostFile {
        format: SHARE_FORMAT,
        panel_id: "20261126-100000-abcd".to_owned(),
        created: at(),
        title: "Mock panel".to_owned(),
        candidate: "Sam".to_owned(),
        time_scale: 1.0,
        panelists: panelists
            .iter()
            .map(|id| SharedPanelist {
                id: (*id).to_owned(),
                name: id.to_uppercase(),
                role: PanelRole::SeniorIc,
            })
            .collect(),
        questions: (0..questions)
            .map(|i| SharedQuestion {
                global_id: format!("b/q{i}"),
                question: question(&format!("q{i}")),
            })
            .collect(),
        live: LiveState::default(),
    }
}

fn card(question: usize, execution: u8, people: u8, recommendation: Recommendation) -> CardFile {
    CardFile {
        format: SHARE_FORMAT,
        panelist: String::new(),
        question: format!("b/q{question}"),
        scores: [
            ("execution".to_owned(), Score::new(execution).expect("score")),
            ("people".to_owned(), Score::new(people).expect("score")),
        ]
        .into_iter()
        .collect(),
        evidence: Default::default(),
        recommendation,
        notes: format!("card for q{question}"),
        submitted_at: at(),
    }
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir").filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).expect("inside").to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn copy(from: &Path, to: &Path, file: &Path) {
    let target = to.join(file);
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    std::fs::copy(from.join(file), target).expect("copy");
}

/// A host and three panelists' files, written in one source folder.
fn three_panelists(source: &Path) -> HostFile {
    let mut host = HostWriter::create(source, host_file(&["ana", "ben", "cat"], 2)).expect("create");
    let plan = [
        (
            "ana",
            [(3, 4, Recommendation::Hire), (2, 3, Recommendation::Hire)],
        ),
        (
            "ben",
            [(1, 2, Recommendation::NoHire), (2, 2, Recommendation::NoHire)],
        ),
        (
            "cat",
            [(4, 4, Recommendation::StrongHire), (3, 3, Recommendation::Hire)],
        ),
    ];
    for (id, cards) in plan {
        let mut writer = PanelistWriter::join(source, id, at()).expect("join");
        for (q, (e, p, r)) in cards.into_iter().enumerate() {
            writer
                .add_note(
                    &format!("b/q{q}"),
                    1_000 * (q as u64 + 1),
                    &format!("{id} on q{q}"),
                    false,
                    at(),
                )
                .expect("note");
            writer
                .add_note(&format!("b/q{q}"), 5_000, "same words", true, at())
                .expect("note");
            writer.submit(q, card(q, e, p, r)).expect("submit");
        }
    }
    host.update(|live| live.current = 1).expect("advance");
    host.file().clone()
}

#[test]
fn three_panelists_in_every_arrival_order_give_the_same_debrief() {
    let source = tempfile::tempdir().expect("temp");
    let host = three_panelists(source.path());
    let all = files(source.path());
    let by_panelist = |id: &str| -> Vec<PathBuf> {
        all.iter()
            .filter(|f| f.starts_with(Path::new("panelists").join(id)))
            .cloned()
            .collect()
    };
    let orders = [
        ["ana", "ben", "cat"],
        ["ana", "cat", "ben"],
        ["ben", "ana", "cat"],
        ["ben", "cat", "ana"],
        ["cat", "ana", "ben"],
        ["cat", "ben", "ana"],
    ];
    let mut results = Vec::new();
    for (n, order) in orders.iter().enumerate() {
        let target = tempfile::tempdir().expect("temp");
        let mut reader = FolderReader::new(target.path());
        // the host's file arrives first in even orders, last in odd ones; each
        // panelist's files arrive newest first in odd orders
        if n % 2 == 0 {
            copy(source.path(), target.path(), Path::new(HOST_FILE));
        }
        for id in order {
            let mut mine = by_panelist(id);
            if n % 2 == 1 {
                mine.reverse();
            }
            for file in mine {
                copy(source.path(), target.path(), &file);
                reader.scan(Duration::ZERO);
            }
        }
        if n % 2 == 1 {
            copy(source.path(), target.path(), Path::new(HOST_FILE));
        }
        let view = reader.scan(Duration::ZERO);
        assert!(view.problems.is_empty(), "{:?}", view.problems);
        let mut session = session_from_host(&host);
        let report = merge_into(&mut session, &host, &view);
        assert_eq!((report.cards_added, report.notes_added), (6, 12));
        results.push((session.panel.clone(), debrief(&session)));
    }
    for result in &results[1..] {
        assert_eq!(result, &results[0]);
    }
    let rows = &results[0].1;
    let execution = rows.iter().find(|r| r.competency == "execution").expect("row");
    assert_eq!(execution.by_panelist, vec![Some(2.5), Some(1.5), Some(3.5)]);
    assert!(execution.is_disagreement());
}

#[test]
fn merging_twice_changes_nothing_and_keeps_equal_notes_apart() {
    let source = tempfile::tempdir().expect("temp");
    let host = three_panelists(source.path());
    let view = FolderReader::new(source.path()).scan(Duration::ZERO);
    let mut session = session_from_host(&host);
    merge_into(&mut session, &host, &view);
    let once = session.clone();
    let again = merge_into(&mut session, &host, &view);
    assert!(!again.changed());
    assert_eq!(session, once);
    let panel = session.panel.as_ref().expect("panel");
    // every panelist wrote "same words" at 5 s on each question: six notes, not one
    assert_eq!(panel.notes.iter().filter(|n| n.text == "same words").count(), 6);
    assert_eq!(panel.notes.len(), 12);
}

#[test]
fn a_late_card_after_the_reveal_is_kept_and_flagged() {
    let folder = tempfile::tempdir().expect("temp");
    let mut host = HostWriter::create(folder.path(), host_file(&["ana", "ben", "cat"], 1)).expect("create");
    for id in ["ana", "ben"] {
        let writer = PanelistWriter::join(folder.path(), id, at()).expect("join");
        writer
            .submit(0, card(0, 3, 3, Recommendation::Hire))
            .expect("submit");
    }
    let mut reader = FolderReader::new(folder.path());
    let view = reader.scan(Duration::ZERO);
    let cards: Vec<String> = view.submitted(0).into_iter().map(str::to_owned).collect();
    host.update(|live| live.reveals.push(Reveal { question: 0, cards }))
        .expect("reveal");
    let late = PanelistWriter::join(folder.path(), "cat", at()).expect("join");
    late.submit(0, card(0, 1, 1, Recommendation::StrongNoHire))
        .expect("submit");

    let view = reader.scan(Duration::ZERO);
    let mut session = session_from_host(host.file());
    let report = merge_into(&mut session, host.file(), &view);
    assert_eq!(report.late_cards, vec![(0, "cat".to_owned())]);
    let panel = session.panel.as_ref().expect("panel");
    assert_eq!(panel.submitted_for(0), vec![true, true, true]);
    assert!(panel.is_revealed(0));
}

#[test]
fn a_conflict_copy_is_reported_by_name_and_not_merged() {
    let folder = tempfile::tempdir().expect("temp");
    let host = HostWriter::create(folder.path(), host_file(&["ana"], 1)).expect("create");
    let writer = PanelistWriter::join(folder.path(), "ana", at()).expect("join");
    let path = writer
        .submit(0, card(0, 3, 3, Recommendation::Hire))
        .expect("submit");
    let dir = path.parent().expect("dir");
    let conflicts = [
        "card-0 (conflicted copy 2026-11-28).ron",
        "card-0.sync-conflict-20261128-101010-ABCDEFG.ron",
        "card-0 (1).ron",
    ];
    let mut other = std::fs::read_to_string(&path).expect("read");
    other = other.replace("Hire", "StrongNoHire");
    for name in conflicts {
        std::fs::write(dir.join(name), &other).expect("write");
    }
    std::fs::write(folder.path().join("panel (conflicted copy).ron"), "junk").expect("write");
    let view = FolderReader::new(folder.path()).scan(Duration::ZERO);
    let reported: Vec<String> = view
        .problems
        .iter()
        .filter(|p| p.kind() == "conflict")
        .map(|p| p.path().file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(reported.len(), 4, "{reported:?}");
    for name in conflicts {
        assert!(reported.iter().any(|r| r == name), "{name} not reported");
    }
    let mut session = session_from_host(host.file());
    merge_into(&mut session, host.file(), &view);
    let panel = session.panel.as_ref().expect("panel");
    assert_eq!(panel.scorecards.len(), 1);
    assert_eq!(panel.scorecards[0].recommendation, Recommendation::Hire);
}

#[test]
fn a_truncated_file_waits_quietly_then_is_reported_if_it_never_completes() {
    let folder = tempfile::tempdir().expect("temp");
    HostWriter::create(folder.path(), host_file(&["ana"], 2)).expect("create");
    let writer = PanelistWriter::join(folder.path(), "ana", at()).expect("join");
    let path = writer
        .submit(0, card(0, 3, 3, Recommendation::Hire))
        .expect("submit");
    let full = std::fs::read(&path).expect("read");
    std::fs::write(&path, &full[..full.len() / 2]).expect("truncate");

    let mut reader = FolderReader::new(folder.path());
    let view = reader.scan(Duration::from_secs(100));
    assert!(view.cards.is_empty());
    assert!(view.problems.is_empty(), "{:?}", view.problems);
    assert_eq!(view.arriving, vec![path.clone()]);
    let view = reader.scan(Duration::from_secs(100) + GRACE - Duration::from_secs(1));
    assert!(view.problems.is_empty());

    let view = reader.scan(Duration::from_secs(100) + GRACE);
    assert_eq!(view.problems.len(), 1, "{:?}", view.problems);
    assert_eq!(view.problems[0].kind(), "unreadable");
    assert!(view.problems[0].to_string().contains("card-0.ron"));

    std::fs::write(&path, &full).expect("complete");
    let view = reader.scan(Duration::from_secs(200));
    assert!(view.problems.is_empty());
    assert_eq!(view.cards.len(), 1);
}

#[test]
fn a_file_from_a_newer_format_is_kept_reported_and_never_rewritten() {
    let folder = tempfile::tempdir().expect("temp");
    let host = HostWriter::create(folder.path(), host_file(&["ana"], 1)).expect("create");
    let dir = panelist_dir(folder.path(), "ana");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let newer = "CardFile(format: 2, panelist: \"ana\", question: \"b/q0\", hologram: true)";
    let path = dir.join(card_file_name(0));
    std::fs::write(&path, newer).expect("write");
    let view = FolderReader::new(folder.path()).scan(Duration::ZERO);
    assert_eq!(
        view.problems,
        vec![FolderProblem::Newer {
            path: path.clone(),
            format: 2
        }]
    );
    let mut session = session_from_host(host.file());
    merge_into(&mut session, host.file(), &view);
    assert!(session.panel.as_ref().expect("panel").scorecards.is_empty());
    // and the panelist's writer refuses to replace it
    let writer = PanelistWriter::join(folder.path(), "ana", at()).expect("join");
    assert!(writer.submit(0, card(0, 3, 3, Recommendation::Hire)).is_err());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), newer);
}

#[test]
fn a_deleted_card_is_reported_and_its_copy_kept() {
    let folder = tempfile::tempdir().expect("temp");
    HostWriter::create(folder.path(), host_file(&["ana"], 1)).expect("create");
    let writer = PanelistWriter::join(folder.path(), "ana", at()).expect("join");
    let path = writer
        .submit(0, card(0, 3, 3, Recommendation::Hire))
        .expect("submit");
    let mut reader = FolderReader::new(folder.path());
    assert_eq!(reader.scan(Duration::ZERO).cards.len(), 1);
    std::fs::remove_file(&path).expect("delete");
    let view = reader.scan(Duration::from_secs(1));
    assert_eq!(view.cards.len(), 1);
    assert_eq!(view.problems, vec![FolderProblem::Deleted { path }]);
}

#[test]
fn files_of_unknown_panelists_and_questions_are_reported_not_merged() {
    let folder = tempfile::tempdir().expect("temp");
    HostWriter::create(folder.path(), host_file(&["ana"], 1)).expect("create");
    let dir = panelist_dir(folder.path(), "zed");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let mut stray = card(0, 3, 3, Recommendation::Hire);
    stray.panelist = "zed".to_owned();
    crate::store::save_versioned(&dir.join(card_file_name(0)), &stray).expect("write");
    let ana = PanelistWriter::join(folder.path(), "ana", at()).expect("join");
    ana.submit(0, card(5, 3, 3, Recommendation::Hire))
        .expect("submit");
    let view = FolderReader::new(folder.path()).scan(Duration::ZERO);
    assert!(view.cards.is_empty());
    let kinds: Vec<&str> = view.problems.iter().map(FolderProblem::kind).collect();
    assert_eq!(kinds, vec!["misplaced", "misplaced"], "{:?}", view.problems);
}

#[test]
fn blind_per_machine_until_you_submit_or_the_host_reveals() {
    let folder = tempfile::tempdir().expect("temp");
    let mut host = HostWriter::create(folder.path(), host_file(&["ana", "ben"], 2)).expect("create");
    let ana = PanelistWriter::join(folder.path(), "ana", at()).expect("join");
    let ben = PanelistWriter::join(folder.path(), "ben", at()).expect("join");
    ana.submit(0, card(0, 3, 3, Recommendation::Hire))
        .expect("submit");
    let mut reader = FolderReader::new(folder.path());
    let view = reader.scan(Duration::ZERO);
    assert!(!can_see_card(&view, "ben", "ana", 0));
    assert!(visible_cards(&view, "ben", 0).is_empty());
    assert_eq!(visible_cards(&view, "ana", 0).len(), 1);

    ben.submit(0, card(0, 2, 2, Recommendation::NoHire))
        .expect("submit");
    let view = reader.scan(Duration::ZERO);
    assert!(can_see_card(&view, "ben", "ana", 0));
    assert_eq!(visible_cards(&view, "ana", 0).len(), 2);

    // question 1: ana submitted, ben did not, the host reveals anyway
    ana.submit(1, card(1, 3, 3, Recommendation::Hire))
        .expect("submit");
    let view = reader.scan(Duration::ZERO);
    assert!(!can_see_card(&view, "ben", "ana", 1));
    host.update(|live| {
        live.reveals.push(Reveal {
            question: 1,
            cards: vec!["ana".to_owned()],
        })
    })
    .expect("reveal");
    let view = reader.scan(Duration::ZERO);
    assert!(can_see_card(&view, "ben", "ana", 1));
}

#[test]
fn the_panelists_clock_trusts_its_wall_clock_only_for_a_few_seconds() {
    let clock = LiveClock {
        elapsed_ms: 60_000,
        running: true,
        host_wall: Some(at()),
    };
    let seen = Duration::from_secs(50);
    // arrived 3 s after the host wrote it, shown 2 s after it arrived
    let own = at() + chrono::Duration::seconds(3);
    assert_eq!(clock.elapsed_ms(seen, seen + Duration::from_secs(2), own), 65_000);
    // a panelist whose clock is an hour fast is off by at most MAX_TRUSTED_LAG
    let fast = at() + chrono::Duration::hours(1);
    assert_eq!(
        clock.elapsed_ms(seen, seen, fast),
        60_000 + MAX_TRUSTED_LAG.as_millis() as u64
    );
    // and one whose clock is slow adds nothing
    let slow = at() - chrono::Duration::hours(1);
    assert_eq!(clock.elapsed_ms(seen, seen, slow), 60_000);
    let paused = LiveClock {
        running: false,
        ..clock
    };
    assert_eq!(
        paused.elapsed_ms(seen, seen + Duration::from_secs(9), own),
        60_000
    );
}

/// A sync tool that copies each new or changed file in two halves, scanning between.
fn sync_in_halves(from: &Path, to: &Path, reader: &mut FolderReader, now: &mut Duration) {
    for file in files(from) {
        let source = std::fs::read(from.join(&file)).expect("read");
        let target = to.join(&file);
        if std::fs::read(&target).ok().as_deref() == Some(&source[..]) {
            continue;
        }
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(&target, &source[..source.len() / 2]).expect("half");
        *now += Duration::from_millis(700);
        let view = reader.scan(*now);
        assert!(
            view.problems.is_empty(),
            "half a file reported: {:?}",
            view.problems
        );
        std::fs::write(&target, &source).expect("rest");
        *now += Duration::from_millis(300);
    }
}

#[test]
fn a_simulated_sync_in_halves_and_both_directions_loses_nothing() {
    let host_side = tempfile::tempdir().expect("temp");
    let panelist_side = tempfile::tempdir().expect("temp");
    let mut host = HostWriter::create(host_side.path(), host_file(&["ana", "ben"], 3)).expect("create");
    let mut host_reader = FolderReader::new(host_side.path());
    let mut panelist_reader = FolderReader::new(panelist_side.path());
    let mut now = Duration::ZERO;
    sync_in_halves(
        host_side.path(),
        panelist_side.path(),
        &mut panelist_reader,
        &mut now,
    );
    let mut ana = PanelistWriter::join(panelist_side.path(), "ana", at()).expect("join");
    let mut ben = PanelistWriter::join(panelist_side.path(), "ben", at()).expect("join");
    for q in 0..3 {
        host.update(|live| {
            live.current = q;
            live.stage = LiveStage::Answer;
        })
        .expect("advance");
        sync_in_halves(
            host_side.path(),
            panelist_side.path(),
            &mut panelist_reader,
            &mut now,
        );
        let seen = panelist_reader.scan(now);
        assert_eq!(seen.host.as_ref().expect("host").live.current, q);
        for n in 0..4 {
            ana.add_note(&format!("b/q{q}"), n * 1000, &format!("ana {q}.{n}"), false, at())
                .expect("note");
            ben.add_note(
                &format!("b/q{q}"),
                n * 1000,
                &format!("ben {q}.{n}"),
                n == 0,
                at(),
            )
            .expect("note");
        }
        ana.submit(q, card(q, 3, 2, Recommendation::Hire))
            .expect("submit");
        ben.submit(q, card(q, 2, 2, Recommendation::NoHire))
            .expect("submit");
        // the panelists' files travel back to the host; the host's file is newer there
        for file in files(panelist_side.path())
            .into_iter()
            .filter(|f| f.starts_with(PANELISTS_DIR))
        {
            let source = std::fs::read(panelist_side.path().join(&file)).expect("read");
            let target = host_side.path().join(&file);
            if std::fs::read(&target).ok().as_deref() == Some(&source[..]) {
                continue;
            }
            std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            std::fs::write(&target, &source[..source.len() / 3]).expect("part");
            now += Duration::from_millis(500);
            assert!(host_reader.scan(now).problems.is_empty());
            std::fs::write(&target, &source).expect("rest");
        }
    }
    let view = host_reader.scan(now);
    assert!(view.problems.is_empty(), "{:?}", view.problems);
    assert!(view.arriving.is_empty());
    assert_eq!(
        (view.joined.len(), view.notes.len(), view.cards.len()),
        (2, 24, 6)
    );
    let mut session = session_from_host(host.file());
    let report = merge_into(&mut session, host.file(), &view);
    assert_eq!((report.cards_added, report.notes_added), (6, 24));
}

#[test]
fn ten_panelists_with_a_hundred_notes_each_while_the_host_advances_lose_nothing() {
    const PANELISTS: usize = 10;
    const NOTES: u64 = 100;
    const QUESTIONS: usize = 10;
    let folder = tempfile::tempdir().expect("temp");
    let ids: Vec<String> = (0..PANELISTS).map(|i| format!("p{i}")).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut host = HostWriter::create(folder.path(), host_file(&id_refs, QUESTIONS)).expect("create");
    let root = folder.path().to_path_buf();
    let workers: Vec<_> = ids
        .iter()
        .cloned()
        .map(|id| {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut writer = PanelistWriter::join(&root, &id, at()).expect("join");
                for n in 0..NOTES {
                    let q = (n as usize * QUESTIONS) / NOTES as usize;
                    writer
                        .add_note(&format!("b/q{q}"), n * 10, &format!("{id} note {n}"), false, at())
                        .expect("note");
                    if n % (NOTES / QUESTIONS as u64) == NOTES / QUESTIONS as u64 - 1 {
                        writer
                            .submit(q, card(q, 3, 2, Recommendation::Hire))
                            .expect("submit");
                    }
                }
            })
        })
        .collect();
    let mut reader = FolderReader::new(folder.path());
    let mut now = Duration::ZERO;
    let mut advanced = 0;
    while workers.iter().any(|w| !w.is_finished()) {
        if advanced < QUESTIONS {
            host.update(|live| live.current = advanced).expect("advance");
            advanced += 1;
        }
        now += Duration::from_millis(100);
        let view = reader.scan(now);
        assert!(view.problems.is_empty(), "{:?}", view.problems);
    }
    for worker in workers {
        worker.join().expect("panelist thread");
    }
    let view = reader.scan(now);
    assert!(view.problems.is_empty(), "{:?}", view.problems);
    assert_eq!(view.notes.len(), PANELISTS * NOTES as usize);
    assert_eq!(view.cards.len(), PANELISTS * QUESTIONS);
    let mut session = session_from_host(host.file());
    let report = merge_into(&mut session, host.file(), &view);
    let panel = session.panel.as_ref().expect("panel");
    assert_eq!(panel.notes.len(), PANELISTS * NOTES as usize);
    assert_eq!(report.notes_added, PANELISTS * NOTES as usize);
    assert_eq!(panel.scorecards.len(), PANELISTS * QUESTIONS);
    assert!((0..QUESTIONS).all(|q| panel.all_submitted(q)));
}

#[test]
fn a_folder_holding_another_panel_is_refused() {
    let folder = tempfile::tempdir().expect("temp");
    HostWriter::create(folder.path(), host_file(&["ana"], 1)).expect("create");
    let mut other = host_file(&["ana"], 1);
    other.panel_id = "another".to_owned();
    assert!(matches!(
        HostWriter::create(folder.path(), other),
        Err(ShareError::OtherPanel(..))
    ));
    assert!(matches!(
        PanelistWriter::join(folder.path(), "nobody", at()),
        Err(ShareError::NoPanelist(_))
    ));
}

#[test]
fn panelist_ids_are_safe_folder_names_and_unique() {
    assert_eq!(panelist_id("Priya Shah", &[]), "priya-shah");
    assert_eq!(panelist_id("  ", &[]), "panelist");
    assert_eq!(panelist_id("Jun!", &["jun".to_owned()]), "jun-2");
    assert_eq!(panelist_id("../etc", &[]), "etc");
}

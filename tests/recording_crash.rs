//! The window's recorder killed with SIGKILL mid-answer: after a restart the recording
//! plays up to within a second of the kill, the round is offered for resuming, and the
//! resumed answer's recording carries on from what was kept.
//!
//! The killed process is this test binary again, run with `--ignored --exact` and
//! [`CHILD_ENV`] naming the data folder: it runs the app's own state (`AppState`, no
//! window) with a sound file heard at a microphone's pace.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use panelist::app::sound::AudioHooks;
use panelist::app::{AppConfig, AppState, RoundStart};
use panelist::audio::{Pace, read_flac};
use panelist::paths::DataDir;
use panelist::session::{Flow, Stage, SystemClock};

const CHILD_ENV: &str = "PANELIST_RECORDING_CRASH_DIR";
const RATE: u32 = 16_000;

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
        let s = (t * 330.0 * std::f32::consts::TAU).sin()
            * 0.3
            * if (t * 3.0) as usize % 4 == 3 { 0.0 } else { 1.0 };
        writer.write_sample((s * 32767.0) as i16).expect("sample");
    }
    writer.finalize().expect("finish wav");
}

fn config(dir: &Path, pace: Pace) -> AppConfig {
    let banks = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    let mut config = AppConfig::new(DataDir::new(dir), vec![banks], SystemClock::shared());
    config.background_load = false;
    config.shipped_banks = false;
    config.audio = AudioHooks::file(dir.join("voice.wav"), pace);
    config
}

/// Not a check of its own: the process that the SIGKILL test kills.
#[test]
#[ignore = "run by a_recording_killed_mid_answer_keeps_all_but_the_last_second_and_resumes"]
fn recording_crash_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let mut state = AppState::new(config(Path::new(&dir), Pace::RealTime));
    state.sound.recording.set_wanted(true);
    // a question without prep time: the answer clock starts with the round
    assert!(state.start_round(RoundStart {
        title: "Killed".to_owned(),
        questions: vec!["sample/slipping-em".to_owned()],
        time_scale: 1.0,
        panel: None,
    }));
    state.sync_recording();
    assert!(state.sound.recording.is_active(), "recording started");
    state.settle_saves();
    println!("RECORDING-STARTED");
    loop {
        state.sync_recording();
        state.autosave();
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_recording_killed_mid_answer_keeps_all_but_the_last_second_and_resumes() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_wav(&dir.path().join("voice.wav"), 30.0);
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--ignored",
            "--exact",
            "recording_crash_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the recording process");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let started = loop {
        let line = lines
            .next()
            .expect("the recording process said nothing")
            .expect("read");
        if line.contains("RECORDING-STARTED") {
            break Instant::now();
        }
    };
    std::thread::sleep(Duration::from_millis(3500));
    child.kill().expect("SIGKILL");
    let killed_after = started.elapsed();
    child.wait().expect("reaped");

    // a restart: the round is offered for resuming, its recording noted in the session
    let mut state = AppState::new(config(dir.path(), Pace::AsFastAsPossible));
    let id = state
        .resume_offer
        .clone()
        .expect("the killed round is offered for resuming");
    let session = state
        .history
        .iter()
        .find(|s| s.id == id)
        .expect("in history")
        .clone();
    let spoken = session.questions[0]
        .spoken
        .clone()
        .expect("the recording is in the session");
    let data = DataDir::new(dir.path());
    let file = spoken.recording.path_in(&data);
    let kept = read_flac(&file).expect("the cut file reads");
    let lost_ms = (killed_after.as_millis() as u64).saturating_sub(kept.duration_ms);
    println!(
        "killed after {} ms; {} ms kept, {lost_ms} ms lost",
        killed_after.as_millis(),
        kept.duration_ms
    );
    assert!(lost_ms <= 1_000, "lost {lost_ms} ms");
    assert!(kept.duration_ms >= 2_000);

    // resumed: the answer comes back paused, and so does its recording, starting with
    // everything the cut file kept
    state.resume(&id).expect("resume");
    assert_eq!(state.stage(), Some(Stage::Answer));
    state.sound.recording.set_wanted(true);
    state.sync_recording();
    assert!(state.sound.recording.is_active());
    assert!(state.sound.recording.position_ms().expect("position") >= kept.duration_ms);
    state.flow(Flow::TogglePause);
    let deadline = Instant::now() + Duration::from_secs(30);
    while state
        .sound
        .recording
        .position_ms()
        .is_some_and(|ms| ms < kept.duration_ms + 1_000)
    {
        assert!(Instant::now() < deadline, "the resumed recording did not grow");
        std::thread::sleep(Duration::from_millis(20));
        state.sync_recording();
    }
    state.flow(Flow::FinishAnswer);
    state.settle_saves();
    let record = &state.runner.as_ref().expect("runner").session().questions[0];
    let info = record.spoken.as_ref().expect("recorded").recording.clone();
    assert_eq!(info.file, PathBuf::from(format!("{id}/0-2.flac")));
    let whole = read_flac(&info.path_in(&data)).expect("the continued file");
    assert!(whole.complete);
    assert!(whole.duration_ms >= kept.duration_ms + 1_000);
    // it begins with what the cut file held, sample for sample
    assert_eq!(whole.samples[..kept.samples.len()], kept.samples[..]);
    // the cut file is gone: the new one holds all of it
    assert!(!file.exists());
}

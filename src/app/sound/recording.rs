//! The Record switch and the recorder that follows the answer clock.
//!
//! Each frame (and after every flow action) [`Recording::sync`] compares what should be
//! happening with what is: the switch is on and the current question's answer clock is in
//! its answer stage, so its recorder runs, paused with the clock; a phase change or a
//! follow-up asked is marked; anything else stops it. What the model must keep comes back
//! as `SessionEdit::Recorded`, saved like every edit. The recorder itself is
//! [`crate::audio::Recorder`], on its own thread.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::audio::{
    Level, Marker, MarkerKind, RECORDING_FORMAT_VERSION, Recorder, RecorderEvent, RecordingInfo, read_flac,
    recording_path,
};
use crate::paths::DataDir;
use crate::session::{Runner, SessionEdit, Stage, Status};

use super::{AudioHooks, format_ms};

/// What the Record switch shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordStatus {
    /// The switch is off.
    Off,
    /// On, and waiting for the answer clock.
    Waiting,
    Recording,
    /// The answer clock is paused, and so is the recording.
    Paused,
    /// This answer is not being recorded: no microphone, no sound server, or the recording
    /// stopped (the reason names the file).
    Stopped(String),
}

/// An answer (session id, question index).
type Key = (String, usize);

struct Active {
    recorder: Recorder,
    meta: Meta,
}

/// What is known about the running recording besides the recorder.
struct Meta {
    key: Key,
    /// The question's global id, for the edits.
    question: String,
    /// Relative to the recordings folder.
    file: PathBuf,
    sample_rate: u32,
    paused: bool,
    phase: usize,
    follow_ups: usize,
    markers: Vec<Marker>,
    /// An earlier file of the same answer whose sound this one starts with; removed once
    /// this one is finished.
    replaces: Option<PathBuf>,
    /// Where on the recording the candidate was last heard, for the interviewer's
    /// "after a silence" follow-ups.
    last_sound_ms: u64,
}

/// Above this level (smoothed RMS) the candidate counts as speaking.
const SPEAKING_DBFS: f32 = -45.0;

impl Meta {
    fn info(&self, duration_ms: u64) -> RecordingInfo {
        RecordingInfo {
            file: self.file.clone(),
            duration_ms,
            sample_rate: self.sample_rate,
            markers: self.markers.clone(),
            format_version: RECORDING_FORMAT_VERSION,
        }
    }
}

/// What a [`Recording::sync`] asks of the app: edits to a session, and problems to show.
#[derive(Debug, Default)]
pub struct Outcome {
    /// `(session id, edit)`.
    pub edits: Vec<(String, SessionEdit)>,
    /// Errors for a banner: each names the file.
    pub problems: Vec<String>,
}

/// The Record switch and the running recorder.
#[derive(Default)]
pub struct Recording {
    /// The switch, for the round being set up or run.
    pub wanted: bool,
    /// The microphone chosen in Settings (`None`: the system's default).
    pub device: Option<String>,
    active: Option<Active>,
    /// Answers not recorded again in this window, and why.
    stopped: HashMap<Key, String>,
    /// The "Record my answers" setting last seen, and the round last seen running: the
    /// switch follows the setting when it changes and when a round ends.
    setting_seen: Option<bool>,
    round_seen: Option<String>,
}

impl Recording {
    /// Turns the switch on or off. Turning it on tries again where recording had stopped.
    pub fn set_wanted(&mut self, on: bool) {
        self.wanted = on;
        if on {
            self.stopped.clear();
        }
    }

    /// The switch takes the setting's value when the setting changes and when a round ends.
    pub fn follow_setting(&mut self, record_answers: bool, round: Option<&str>) {
        if self.setting_seen != Some(record_answers) {
            self.setting_seen = Some(record_answers);
            self.wanted = record_answers;
        }
        if self.round_seen.as_deref() != round {
            if self.round_seen.is_some() && round.is_none() {
                self.wanted = record_answers;
            }
            self.round_seen = round.map(str::to_owned);
        }
    }

    pub fn is_active(&self) -> bool {
        self.active.is_some()
    }

    /// The microphone's level while recording (also while paused).
    pub fn level(&self) -> Option<Level> {
        self.active.as_ref().map(|a| a.recorder.level())
    }

    /// How long the candidate has been silent on the running recording (paused time not
    /// counted); `None` when nothing is being recorded. Call it each frame: it notes when
    /// the microphone last heard speech.
    pub fn silence(&mut self) -> Option<Duration> {
        let active = self.active.as_mut()?;
        let position = active.recorder.position_ms();
        if active.recorder.level().rms_dbfs > SPEAKING_DBFS {
            active.meta.last_sound_ms = position;
        }
        Some(Duration::from_millis(
            position.saturating_sub(active.meta.last_sound_ms),
        ))
    }

    /// How much of the current answer is recorded, in milliseconds.
    pub fn position_ms(&self) -> Option<u64> {
        self.active.as_ref().map(|a| a.recorder.position_ms())
    }

    /// What the switch shows for the running round's current question.
    pub fn status(&self, runner: Option<&Runner>) -> RecordStatus {
        if let Some(active) = &self.active {
            return if active.meta.paused {
                RecordStatus::Paused
            } else {
                RecordStatus::Recording
            };
        }
        if !self.wanted {
            return RecordStatus::Off;
        }
        let reason = runner.and_then(|r| {
            let key = (r.session().id.clone(), r.session().current);
            self.stopped.get(&key)
        });
        match reason {
            Some(reason) => RecordStatus::Stopped(reason.clone()),
            None => RecordStatus::Waiting,
        }
    }

    /// Brings the recorder in line with the running round (see the module's comment).
    pub fn sync(&mut self, runner: Option<&Runner>, hooks: &AudioHooks, data: &DataDir) -> Outcome {
        let mut outcome = Outcome::default();
        self.take_events(data, &mut outcome);
        let target = runner.filter(|r| {
            self.wanted && r.stage() == Stage::Answer && r.session().status == Status::InProgress
        });
        let target_key = target.map(|r| (r.session().id.clone(), r.session().current));
        if self
            .active
            .as_ref()
            .is_some_and(|a| Some(&a.meta.key) != target_key.as_ref())
        {
            self.stop_active(data, &mut outcome);
        }
        let Some(runner) = target else {
            return outcome;
        };
        let Some(key) = target_key else {
            return outcome;
        };
        if self.active.is_none() && !self.stopped.contains_key(&key) {
            self.start(runner, key, hooks, data, &mut outcome);
        }
        let Some(Active { recorder, meta }) = self.active.as_mut() else {
            return outcome;
        };
        let running = runner.is_running();
        if running == meta.paused {
            if running {
                recorder.resume();
            } else {
                recorder.pause();
            }
            meta.paused = !running;
        }
        if let Some(record) = runner.current() {
            if record.phase != meta.phase {
                meta.phase = record.phase;
                let name = record.question.phases.get(record.phase).map(|p| p.name.clone());
                recorder.mark(MarkerKind::Phase, name.unwrap_or_default());
            }
            while meta.follow_ups < record.follow_ups_shown {
                let text = record.question.follow_ups.get(meta.follow_ups).cloned();
                recorder.mark(MarkerKind::FollowUp, text.unwrap_or_default());
                meta.follow_ups += 1;
            }
        }
        outcome
    }

    /// Stops recording now (the window is closing, or the data folder is being changed).
    pub fn stop(&mut self, data: &DataDir) -> Outcome {
        let mut outcome = Outcome::default();
        self.take_events(data, &mut outcome);
        self.stop_active(data, &mut outcome);
        outcome
    }

    /// Reads the recorder's events: markers are kept (and saved), a failure or the end of
    /// the source stops this answer's recording.
    fn take_events(&mut self, data: &DataDir, outcome: &mut Outcome) {
        let Some(Active { recorder, meta }) = self.active.as_mut() else {
            return;
        };
        let mut ended = None;
        for event in recorder.events() {
            match event {
                RecorderEvent::Marked(marker) => {
                    meta.markers.push(marker);
                    let info = meta.info(recorder.position_ms());
                    outcome.edits.push((
                        meta.key.0.clone(),
                        SessionEdit::Recorded {
                            question: meta.question.clone(),
                            info,
                        },
                    ));
                }
                RecorderEvent::Failed { message, info } => ended = Some((Some(message), info)),
                RecorderEvent::Finished(info) => ended = Some((None, info)),
                RecorderEvent::Paused { .. } | RecorderEvent::Resumed { .. } => {}
            }
        }
        let Some((failure, info)) = ended else {
            return;
        };
        let Some(Active { recorder, meta }) = self.active.take() else {
            return;
        };
        // the thread has ended: this only joins it
        let _ = recorder.stop();
        let failed = failure.is_some();
        let reason = match failure {
            Some(message) => {
                let problem = failure_text(&message, &info, data);
                outcome.problems.push(problem.clone());
                problem
            }
            None => "the sound source ended".to_owned(),
        };
        self.stopped.insert(meta.key.clone(), reason);
        finish(meta, info, !failed, outcome);
    }

    fn stop_active(&mut self, data: &DataDir, outcome: &mut Outcome) {
        let Some(Active { recorder, mut meta }) = self.active.take() else {
            return;
        };
        let (info, events) = recorder.stop_with_events();
        let mut failed = false;
        for event in events {
            match event {
                RecorderEvent::Marked(marker) => meta.markers.push(marker),
                RecorderEvent::Failed { message, info } => {
                    failed = true;
                    outcome.problems.push(failure_text(&message, &info, data));
                }
                _ => {}
            }
        }
        finish(meta, info, !failed, outcome);
    }

    fn start(
        &mut self,
        runner: &Runner,
        key: Key,
        hooks: &AudioHooks,
        data: &DataDir,
        outcome: &mut Outcome,
    ) {
        let Some(record) = runner.current() else { return };
        let source = match (hooks.source)(self.device.as_deref()) {
            Ok(source) => source,
            Err(err) => {
                self.stopped.insert(key, format!("Cannot record: {err}"));
                return;
            }
        };
        let sample_rate = source.sample_rate();
        // An answer already recorded in part (the window was closed or killed, or the
        // switch turned off and on): the new file starts with what the old one holds.
        let first = recording_path(data, &key.0, key.1);
        let earlier = match &record.spoken {
            Some(spoken) => Some((spoken.recording.path_in(data), spoken.recording.markers.clone())),
            None if first.exists() => Some((first.clone(), Vec::new())),
            None => None,
        };
        let mut prefix = Vec::new();
        let mut markers = Vec::new();
        let mut replaces = None;
        let path = match earlier {
            Some((old, old_markers)) => {
                match read_flac(&old) {
                    Ok(recovered) if recovered.sample_rate == sample_rate => {
                        prefix = recovered.samples;
                        markers = old_markers;
                        replaces = Some(old);
                    }
                    Ok(_) => outcome.problems.push(format!(
                        "{} was recorded at another sample rate, so this answer continues in a new file; the old one is kept.",
                        old.display()
                    )),
                    Err(_) if !old.exists() => {}
                    Err(err) => outcome.problems.push(format!(
                        "{err}. This answer continues in a new file; the old one is kept as it is."
                    )),
                }
                free_path(&first)
            }
            None => first,
        };
        let paused = !runner.is_running();
        let recorder = match Recorder::start_continuing(
            source,
            &path,
            &data.recordings(),
            paused,
            &prefix,
            markers.clone(),
        ) {
            Ok(recorder) => recorder,
            Err(err) => {
                let problem = format!("Recording did not start: {err}. The round goes on without it.");
                outcome.problems.push(problem.clone());
                self.stopped.insert(key, problem);
                return;
            }
        };
        let mut meta = Meta {
            key,
            question: record.global_id.clone(),
            file: recorder.file().to_path_buf(),
            sample_rate,
            paused,
            phase: record.phase,
            follow_ups: record.follow_ups_shown,
            markers,
            replaces,
            last_sound_ms: 0,
        };
        let fresh = meta.markers.is_empty() && prefix.is_empty();
        if fresh && record.question.phases.len() > 1 {
            // the first phase is marked too, so every phase has a place on the seek bar
            let name = record
                .question
                .phases
                .first()
                .map(|p| p.name.clone())
                .unwrap_or_default();
            meta.markers.push(Marker {
                kind: MarkerKind::Phase,
                at_ms: 0,
                label: name,
            });
        }
        // the session refers to the file from its first second, so a crash keeps it
        let info = meta.info(recorder.position_ms());
        outcome.edits.push((
            meta.key.0.clone(),
            SessionEdit::Recorded {
                question: meta.question.clone(),
                info,
            },
        ));
        self.active = Some(Active { recorder, meta });
    }
}

/// A finished recording: the session gets its final duration and markers, and a file it
/// replaced goes.
/// With `complete`, the file it continued is removed (it holds nothing more).
fn finish(meta: Meta, info: RecordingInfo, complete: bool, outcome: &mut Outcome) {
    let mut final_info = meta.info(info.duration_ms);
    if info.sample_rate != 0 {
        final_info.sample_rate = info.sample_rate;
    }
    for marker in info.markers {
        if !final_info.markers.contains(&marker) {
            final_info.markers.push(marker);
        }
    }
    final_info.markers.sort_by_key(|m| m.at_ms);
    if let Some(old) = meta.replaces.as_ref().filter(|_| complete) {
        // the new file holds everything the old one did
        let _ = std::fs::remove_file(old);
    }
    outcome.edits.push((
        meta.key.0,
        SessionEdit::Recorded {
            question: meta.question,
            info: final_info,
        },
    ));
}

fn failure_text(message: &str, info: &RecordingInfo, data: &DataDir) -> String {
    format!(
        "Recording stopped: {message}. The round goes on without it; the first {} of this answer are kept in {}.",
        format_ms(info.duration_ms),
        info.path_in(data).display()
    )
}

/// `dir/3.flac` when free, else `dir/3-2.flac`, `dir/3-3.flac`, …
fn free_path(first: &Path) -> PathBuf {
    let stem = first
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("answer")
        .to_owned();
    (2..)
        .map(|n| first.with_file_name(format!("{stem}-{n}.flac")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| first.to_path_buf())
}

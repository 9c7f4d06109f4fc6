//! Records a source into a FLAC file on its own thread, following the answer clock.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::flac::FlacWriter;
use super::level::{Level, LevelMeter};
use super::{AudioError, AudioSource, Chunk};
use crate::paths::DataDir;
use crate::store::ensure_private_dir;

/// The version of [`RecordingInfo`] as stored in a session file.
pub const RECORDING_FORMAT_VERSION: u32 = 1;

/// How long the recording thread waits for sound before it looks at its commands again.
const POLL: Duration = Duration::from_millis(50);

/// Where the recording of a session's question lives:
/// `<data>/recordings/<session-id>/<question-index>.flac`.
pub fn recording_path(data: &DataDir, session_id: &str, question_index: usize) -> PathBuf {
    data.recordings()
        .join(session_id)
        .join(format!("{question_index}.flac"))
}

/// What a marker on a recording's timeline stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkerKind {
    /// The answer moved to another phase of the round.
    Phase,
    /// The interviewer asked a follow-up question.
    FollowUp,
}

/// A moment on a recording's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    pub kind: MarkerKind,
    /// Position in the recording, in milliseconds (paused time is not counted).
    pub at_ms: u64,
    /// What to show: the phase's name, the follow-up's text.
    #[serde(default)]
    pub label: String,
}

/// A recording as a session file refers to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordingInfo {
    /// The file, relative to the data folder's `recordings` folder (`<session>/<n>.flac`).
    pub file: PathBuf,
    pub duration_ms: u64,
    pub sample_rate: u32,
    #[serde(default)]
    pub markers: Vec<Marker>,
    pub format_version: u32,
}

impl RecordingInfo {
    /// The recording's full path in `data`.
    pub fn path_in(&self, data: &DataDir) -> PathBuf {
        data.recordings().join(&self.file)
    }
}

/// What the recording thread reports.
#[derive(Debug, Clone, PartialEq)]
pub enum RecorderEvent {
    Paused {
        at_ms: u64,
    },
    Resumed {
        at_ms: u64,
    },
    Marked(Marker),
    /// Recording stopped because of this; everything up to `info.duration_ms` is on disk.
    Failed {
        message: String,
        info: RecordingInfo,
    },
    /// Recording ended normally (stopped, or the source ran out).
    Finished(RecordingInfo),
}

enum Command {
    Pause,
    Resume,
    Mark(MarkerKind, String),
    Stop,
}

/// A recording in progress. Dropping it stops the recording and keeps the file.
pub struct Recorder {
    commands: Sender<Command>,
    events: Receiver<RecorderEvent>,
    level: Arc<Mutex<Level>>,
    position_ms: Arc<AtomicU64>,
    thread: Option<JoinHandle<RecordingInfo>>,
    file: PathBuf,
}

impl Recorder {
    /// Starts recording `source` into `path` (a new file; its folder is made private).
    /// `file` in the [`RecordingInfo`] is `path` relative to `relative_to`, when inside it.
    /// With `paused`, sound is metered but not kept until [`resume`](Self::resume).
    pub fn start(
        source: Box<dyn AudioSource>,
        path: &Path,
        relative_to: &Path,
        paused: bool,
    ) -> Result<Self, AudioError> {
        Self::start_continuing(source, path, relative_to, paused, &[], Vec::new())
    }

    /// Like [`start`](Self::start), but the new file begins with `earlier` (sound recovered
    /// from an earlier file of the same answer, at the source's rate), written and made
    /// durable before this returns, and keeps `markers` (that file's markers).
    pub fn start_continuing(
        source: Box<dyn AudioSource>,
        path: &Path,
        relative_to: &Path,
        paused: bool,
        earlier: &[f32],
        markers: Vec<Marker>,
    ) -> Result<Self, AudioError> {
        if let Some(dir) = path.parent() {
            ensure_private_dir(dir).map_err(|e| AudioError::io(dir, e))?;
        }
        let mut writer = FlacWriter::create(path, source.sample_rate())?;
        if !earlier.is_empty() {
            writer.write(earlier)?;
            writer.sync()?;
        }
        let start_ms = writer.duration_ms();
        let file = path.strip_prefix(relative_to).unwrap_or(path).to_path_buf();
        let (commands, command_rx) = mpsc::channel();
        let (event_tx, events) = mpsc::channel();
        let level = Arc::new(Mutex::new(Level::default()));
        let position_ms = Arc::new(AtomicU64::new(start_ms));
        let job = Job {
            source,
            writer: Some(writer),
            file: file.clone(),
            commands: command_rx,
            events: event_tx,
            level: level.clone(),
            position_ms: position_ms.clone(),
            paused,
            markers,
        };
        let thread = std::thread::Builder::new()
            .name("recorder".into())
            .spawn(move || job.run())
            .map_err(|e| AudioError::io(path, e))?;
        Ok(Self {
            commands,
            events,
            level,
            position_ms,
            thread: Some(thread),
            file,
        })
    }

    /// Starts recording a session's question into its place in `data`.
    pub fn start_for_question(
        source: Box<dyn AudioSource>,
        data: &DataDir,
        session_id: &str,
        question_index: usize,
        paused: bool,
    ) -> Result<Self, AudioError> {
        let path = recording_path(data, session_id, question_index);
        Self::start(source, &path, &data.recordings(), paused)
    }

    /// The file, relative to the folder given to [`start`](Self::start).
    pub fn file(&self) -> &Path {
        &self.file
    }

    pub fn pause(&self) {
        let _ = self.commands.send(Command::Pause);
    }

    pub fn resume(&self) {
        let _ = self.commands.send(Command::Resume);
    }

    /// Marks the current position (the marker arrives as an event with its time).
    pub fn mark(&self, kind: MarkerKind, label: impl Into<String>) {
        let _ = self.commands.send(Command::Mark(kind, label.into()));
    }

    /// The microphone level now (also while paused).
    pub fn level(&self) -> Level {
        self.level.lock().map(|l| *l).unwrap_or_default()
    }

    /// How much has been recorded, in milliseconds.
    pub fn position_ms(&self) -> u64 {
        self.position_ms.load(Ordering::Relaxed)
    }

    /// Events that arrived since the last call.
    pub fn events(&self) -> Vec<RecorderEvent> {
        self.events.try_iter().collect()
    }

    /// Waits for the next event.
    pub fn wait_event(&self, timeout: Duration) -> Option<RecorderEvent> {
        self.events.recv_timeout(timeout).ok()
    }

    /// True once the recording thread has ended (stopped, source ended, or failed).
    pub fn is_finished(&self) -> bool {
        self.thread.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Stops, finishes the file and returns what it holds. Events not yet read
    /// (including a failure) can still be read from [`events`](Self::events) before this.
    pub fn stop(mut self) -> RecordingInfo {
        self.stop_thread()
    }

    /// Stops like [`stop`](Self::stop), and returns every event not yet read as well,
    /// including a failure to finish the file.
    pub fn stop_with_events(mut self) -> (RecordingInfo, Vec<RecorderEvent>) {
        let info = self.stop_thread();
        (info, self.events.try_iter().collect())
    }

    fn stop_thread(&mut self) -> RecordingInfo {
        let _ = self.commands.send(Command::Stop);
        let info = self.thread.take().and_then(|t| t.join().ok());
        info.unwrap_or_else(|| RecordingInfo {
            file: self.file.clone(),
            duration_ms: self.position_ms(),
            sample_rate: 0,
            markers: Vec::new(),
            format_version: RECORDING_FORMAT_VERSION,
        })
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        if self.thread.is_some() {
            self.stop_thread();
        }
    }
}

struct Job {
    source: Box<dyn AudioSource>,
    writer: Option<FlacWriter>,
    file: PathBuf,
    commands: Receiver<Command>,
    events: Sender<RecorderEvent>,
    level: Arc<Mutex<Level>>,
    position_ms: Arc<AtomicU64>,
    paused: bool,
    markers: Vec<Marker>,
}

impl Job {
    fn run(mut self) -> RecordingInfo {
        let mut meter = LevelMeter::new(self.source.sample_rate());
        let mut chunk = Vec::new();
        let failure = loop {
            if self.take_commands() {
                break None;
            }
            chunk.clear();
            match self.source.next_chunk(&mut chunk, POLL) {
                Ok(Chunk::Samples(_)) => {
                    meter.push(&chunk);
                    if let Ok(mut level) = self.level.lock() {
                        *level = meter.level();
                    }
                    if !self.paused
                        && let Some(writer) = &mut self.writer
                    {
                        if let Err(e) = writer.write(&chunk) {
                            break Some((e.to_string(), true));
                        }
                        self.position_ms.store(writer.duration_ms(), Ordering::Relaxed);
                    }
                }
                Ok(Chunk::Pending) => {}
                Ok(Chunk::End) => break None,
                // the microphone went away: the file itself is fine, finish it
                Err(e) => break Some((e.to_string(), false)),
            }
        };
        let info = self.finish(failure.as_ref().is_some_and(|(_, file_failed)| *file_failed));
        let event = match failure {
            Some((message, _)) => RecorderEvent::Failed {
                message,
                info: info.clone(),
            },
            None => RecorderEvent::Finished(info.clone()),
        };
        let _ = self.events.send(event);
        info
    }

    /// Applies waiting commands; true when asked to stop.
    fn take_commands(&mut self) -> bool {
        loop {
            let command = match self.commands.try_recv() {
                Ok(command) => command,
                Err(TryRecvError::Empty) => return false,
                // the Recorder is gone without saying stop
                Err(TryRecvError::Disconnected) => return true,
            };
            let at_ms = self.position_ms.load(Ordering::Relaxed);
            let event = match command {
                Command::Stop => return true,
                Command::Pause if !self.paused => {
                    self.paused = true;
                    RecorderEvent::Paused { at_ms }
                }
                Command::Resume if self.paused => {
                    self.paused = false;
                    RecorderEvent::Resumed { at_ms }
                }
                Command::Pause | Command::Resume => continue,
                Command::Mark(kind, label) => {
                    let marker = Marker { kind, at_ms, label };
                    self.markers.push(marker.clone());
                    RecorderEvent::Marked(marker)
                }
            };
            let _ = self.events.send(event);
        }
    }

    /// Finishes the file; after a failed write (`file_failed`) it writes nothing more.
    fn finish(&mut self, file_failed: bool) -> RecordingInfo {
        let sample_rate = self.source.sample_rate();
        let mut duration_ms = self.position_ms.load(Ordering::Relaxed);
        if let Some(writer) = self.writer.take() {
            let rate = u64::from(writer.sample_rate().max(1));
            if file_failed {
                // after a failed write only whole frames count; do not write more
                duration_ms = writer.written_samples() * 1000 / rate;
            } else {
                match writer.finish() {
                    Ok(samples) => duration_ms = samples * 1000 / rate,
                    Err(e) => {
                        let _ = self.events.send(RecorderEvent::Failed {
                            message: e.to_string(),
                            info: self.info(duration_ms, sample_rate),
                        });
                    }
                }
            }
        }
        self.position_ms.store(duration_ms, Ordering::Relaxed);
        self.info(duration_ms, sample_rate)
    }

    fn info(&self, duration_ms: u64, sample_rate: u32) -> RecordingInfo {
        RecordingInfo {
            file: self.file.clone(),
            duration_ms,
            sample_rate,
            markers: self.markers.clone(),
            format_version: RECORDING_FORMAT_VERSION,
        }
    }
}

//! The microphone and the speakers, for the window: the recording that follows the answer
//! clock (`recording`), the microphone test and the recordings folder in Settings (`mic`),
//! and replay (`replay`). No egui here: screens read these and push
//! [`SoundCommand`](crate::app::command::SoundCommand)s; the audio runs on its own threads.

pub mod mic;
pub mod recording;
pub mod replay;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::audio::{AudioError, AudioSource, FileSource, InputDevice, MicSource, Pace, input_devices};

pub use mic::MicPanel;
pub use recording::{RecordStatus, Recording};
pub use replay::{Replay, ReplayState};

/// Opens a source of sound for the microphone named (`None`: the system's default).
pub type SourceFactory = Arc<dyn Fn(Option<&str>) -> Result<Box<dyn AudioSource>, AudioError> + Send + Sync>;
/// Lists the inputs a user can choose.
pub type DeviceLister = Arc<dyn Fn() -> Result<Vec<InputDevice>, AudioError> + Send + Sync>;

/// Where the window's sound comes from and goes to. The real app uses the system's sound
/// server; tests give a file instead of a microphone and no speakers.
#[derive(Clone)]
pub struct AudioHooks {
    pub source: SourceFactory,
    pub devices: DeviceLister,
    /// Replay sounds through the system's output. Off in tests: the player's state still
    /// changes, nothing is heard.
    pub output: bool,
}

impl AudioHooks {
    /// The microphones and speakers of the system's sound server.
    pub fn system() -> Self {
        Self {
            source: Arc::new(|device| {
                MicSource::open(device).map(|mic| Box::new(mic) as Box<dyn AudioSource>)
            }),
            devices: Arc::new(input_devices),
            output: true,
        }
    }

    /// Every recording hears `file` (WAV or FLAC) from its start, at the pace given; one
    /// input is listed, named after the file. For tests: no microphone, no speakers.
    pub fn file(file: PathBuf, pace: Pace) -> Self {
        let name = file.display().to_string();
        Self {
            source: Arc::new(move |_| {
                FileSource::open(&file, pace).map(|source| Box::new(source) as Box<dyn AudioSource>)
            }),
            devices: Arc::new(move || {
                Ok(vec![InputDevice {
                    name: name.clone(),
                    description: format!("Test file {name}"),
                    is_default: true,
                    is_monitor: false,
                }])
            }),
            output: false,
        }
    }
}

impl fmt::Debug for AudioHooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AudioHooks")
            .field("output", &self.output)
            .finish_non_exhaustive()
    }
}

/// Everything sound-related the window runs.
pub struct Sound {
    pub hooks: AudioHooks,
    pub recording: Recording,
    pub mic: MicPanel,
    pub replay: Replay,
}

impl Sound {
    pub fn new(hooks: AudioHooks) -> Self {
        Self {
            hooks,
            recording: Recording::default(),
            mic: MicPanel::default(),
            replay: Replay::default(),
        }
    }
}

/// Milliseconds as "m:ss".
pub fn format_ms(ms: u64) -> String {
    crate::session::format_clock(ms / 1000)
}

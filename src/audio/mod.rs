//! Recording and playback of spoken answers.
//!
//! Sound comes from an [`AudioSource`] (a file, or the microphone through the platform's
//! sound server) as mono `f32` chunks, goes through a [`Recorder`] thread into a FLAC file
//! written as it is captured, and comes back through [`read_flac`] (which keeps every
//! complete frame of a file cut short by a crash) into a [`Player`]. Nothing here draws:
//! the UI asks for levels, events and positions.

mod device;
mod file_source;
mod flac;
mod level;
mod player;
mod recorder;
mod stretch;

#[cfg(not(target_os = "linux"))]
mod native;
#[cfg(target_os = "linux")]
mod pulse;

use std::path::PathBuf;
use std::time::Duration;

pub use device::{InputDevice, MicSource, input_devices};
pub use file_source::{FileSource, Pace, read_audio_file};
pub use flac::{FlacWriter, Recovered, read_flac};
pub use level::{FLOOR_DBFS, Level, LevelMeter};
pub use player::{Output, Player, SKIP_BACK_MS, Speed};
pub use recorder::{
    Marker, MarkerKind, RECORDING_FORMAT_VERSION, Recorder, RecorderEvent, RecordingInfo, recording_path,
};
pub use stretch::time_stretch;

/// The rate recordings are made at: what speech recognisers want, and enough for speech.
pub const RECORDING_SAMPLE_RATE: u32 = 16_000;

/// A source of mono sound at a known sample rate, delivered in chunks.
pub trait AudioSource: Send {
    /// Samples per second of what [`next_chunk`](Self::next_chunk) delivers.
    fn sample_rate(&self) -> u32;

    /// Waits up to `timeout` for sound and appends it to `out` (mono, -1.0..=1.0).
    fn next_chunk(&mut self, out: &mut Vec<f32>, timeout: Duration) -> Result<Chunk, AudioError>;
}

/// What one call to [`AudioSource::next_chunk`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chunk {
    /// This many samples were appended.
    Samples(usize),
    /// Nothing yet: ask again.
    Pending,
    /// The source has ended (the end of a file; a live source never ends by itself).
    End,
}

#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not a sound file Panelist can read: {message}", path.display())]
    Format { path: PathBuf, message: String },
    #[error("sound server: {0}")]
    Server(String),
    #[error("no microphone called \"{0}\"")]
    NoSuchDevice(String),
    #[error("the sound stopped: {0}")]
    Disconnected(String),
}

impl AudioError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            path: path.into(),
            source,
        }
    }
}

/// Converts a sample to 16-bit, the depth recordings are stored at.
pub(crate) fn to_i16(sample: f32) -> i32 {
    ((sample * 32768.0).round() as i32).clamp(-32768, 32767)
}

/// Converts a sample of `bits` bits to -1.0..=1.0.
pub(crate) fn from_int(sample: i32, bits: u32) -> f32 {
    let full = (1u64 << (bits.clamp(1, 32) - 1)) as f32;
    (sample as f32 / full).clamp(-1.0, 1.0)
}

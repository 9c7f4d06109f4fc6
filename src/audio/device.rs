//! Microphones: listing them, choosing one by name, and the live source.
//!
//! On Linux this speaks PulseAudio's native protocol (also served by PipeWire's
//! pipewire-pulse), in pure Rust; elsewhere it goes through cpal (CoreAudio, WASAPI).

/// An input the user can record from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputDevice {
    /// The name to choose it by (kept in settings).
    pub name: String,
    /// What to show the user.
    pub description: String,
    /// The system's default input.
    pub is_default: bool,
    /// A monitor of an output (what the speakers play), not a microphone.
    pub is_monitor: bool,
}

#[cfg(not(target_os = "linux"))]
pub use super::native::{MicSource, input_devices};
#[cfg(target_os = "linux")]
pub use super::pulse::{MicSource, input_devices};

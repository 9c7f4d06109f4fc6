//! Replaying a recording: the player's state, and the output that sounds it.

use std::sync::{Arc, Mutex};

use super::stretch::Wsola;
use super::{AudioError, Marker};

/// How far "skip back" goes.
pub const SKIP_BACK_MS: u64 = 10_000;

/// Playback speeds offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Speed {
    #[default]
    Normal,
    OneAndAHalf,
    Double,
}

impl Speed {
    pub const ALL: [Speed; 3] = [Speed::Normal, Speed::OneAndAHalf, Speed::Double];

    pub fn factor(self) -> f64 {
        match self {
            Speed::Normal => 1.0,
            Speed::OneAndAHalf => 1.5,
            Speed::Double => 2.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Speed::Normal => "1x",
            Speed::OneAndAHalf => "1.5x",
            Speed::Double => "2x",
        }
    }

    /// The next speed, wrapping round (for a single speed button).
    pub fn next(self) -> Self {
        match self {
            Speed::Normal => Speed::OneAndAHalf,
            Speed::OneAndAHalf => Speed::Double,
            Speed::Double => Speed::Normal,
        }
    }
}

/// A recording being replayed: pure state, driven by [`render`](Self::render).
#[derive(Debug, Clone)]
pub struct Player {
    samples: Arc<Vec<f32>>,
    sample_rate: u32,
    markers: Vec<Marker>,
    /// Position in the recording, in samples (fractional at faster speeds).
    position: f64,
    playing: bool,
    speed: Speed,
    wsola: Wsola,
}

impl Player {
    pub fn new(samples: Vec<f32>, sample_rate: u32, markers: Vec<Marker>) -> Self {
        let sample_rate = sample_rate.max(1);
        Self {
            samples: Arc::new(samples),
            sample_rate,
            markers,
            position: 0.0,
            playing: false,
            speed: Speed::Normal,
            wsola: Wsola::new(sample_rate),
        }
    }

    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    pub fn markers(&self) -> &[Marker] {
        &self.markers
    }

    pub fn duration_ms(&self) -> u64 {
        self.samples.len() as u64 * 1000 / u64::from(self.sample_rate)
    }

    pub fn position_ms(&self) -> u64 {
        (self.position * 1000.0 / f64::from(self.sample_rate)) as u64
    }

    pub fn is_playing(&self) -> bool {
        self.playing
    }

    pub fn speed(&self) -> Speed {
        self.speed
    }

    /// Plays from where it is; at the end, from the start.
    pub fn play(&mut self) {
        if self.position as usize >= self.samples.len() {
            self.seek_ms(0);
        }
        self.playing = !self.samples.is_empty();
    }

    pub fn pause(&mut self) {
        self.playing = false;
    }

    pub fn toggle(&mut self) {
        if self.playing {
            self.pause();
        } else {
            self.play();
        }
    }

    pub fn set_speed(&mut self, speed: Speed) {
        if speed != self.speed {
            self.speed = speed;
            self.wsola.reset();
        }
    }

    /// Moves to `ms` (clamped to the recording).
    pub fn seek_ms(&mut self, ms: u64) {
        let target = ms as f64 * f64::from(self.sample_rate) / 1000.0;
        self.position = target.min(self.samples.len() as f64);
        self.wsola.reset();
    }

    /// Back [`SKIP_BACK_MS`], or to the start.
    pub fn skip_back(&mut self) {
        self.seek_ms(self.position_ms().saturating_sub(SKIP_BACK_MS));
    }

    /// Moves to a marker (by its index in [`markers`](Self::markers)).
    pub fn seek_to_marker(&mut self, index: usize) {
        if let Some(at) = self.markers.get(index).map(|m| m.at_ms) {
            self.seek_ms(at);
        }
    }

    /// Fills `out` with what is heard next and moves on; silence when paused. Stops at
    /// the end of the recording.
    pub fn render(&mut self, out: &mut [f32]) {
        out.fill(0.0);
        if !self.playing {
            return;
        }
        let len = self.samples.len();
        let mut written = 0;
        if self.speed == Speed::Normal {
            let from = self.position as usize;
            let n = out.len().min(len.saturating_sub(from));
            out[..n].copy_from_slice(&self.samples[from..from + n]);
            self.position = (from + n) as f64;
            written = n;
        } else {
            let advance = self.wsola.hop() as f64 * self.speed.factor();
            while written < out.len() {
                if let Some(sample) = self.wsola.ready().pop_front() {
                    out[written] = sample;
                    written += 1;
                    continue;
                }
                if self.position as usize >= len {
                    break;
                }
                self.wsola.step(&self.samples, self.position as usize);
                self.position = (self.position + advance).min(len as f64);
            }
        }
        if written < out.len() {
            self.playing = false;
            self.position = len as f64;
            self.wsola.reset();
        }
    }
}

/// Sounds a shared [`Player`] on the system's default output until dropped; the sound
/// server's thread pulls from the player, so the UI only changes the player's state.
pub struct Output {
    #[cfg(target_os = "linux")]
    _stream: super::pulse::PulseOutput,
    #[cfg(not(target_os = "linux"))]
    _stream: super::native::NativeOutput,
}

impl Output {
    pub fn start(player: Arc<Mutex<Player>>) -> Result<Self, AudioError> {
        let sample_rate = player.lock().map(|p| p.sample_rate()).unwrap_or(16_000);
        let fill = move |buf: &mut [f32]| {
            match player.lock() {
                Ok(mut p) => p.render(buf),
                Err(_) => buf.fill(0.0),
            }
            // silence while paused keeps the stream open, ready to play at once
            buf.len()
        };
        #[cfg(target_os = "linux")]
        let stream = super::pulse::PulseOutput::open(sample_rate, fill)?;
        #[cfg(not(target_os = "linux"))]
        let stream = super::native::NativeOutput::open(sample_rate, fill)?;
        Ok(Self { _stream: stream })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::MarkerKind;

    fn player(seconds: usize) -> Player {
        let samples = (0..seconds * 16_000)
            .map(|i| (i as f32 * 0.01).sin() * 0.5)
            .collect();
        let markers = vec![Marker {
            kind: MarkerKind::FollowUp,
            at_ms: 12_500,
            label: "What would you do differently?".into(),
        }];
        Player::new(samples, 16_000, markers)
    }

    #[test]
    fn paused_it_is_silent_and_stays_put() {
        let mut p = player(2);
        let mut out = vec![1.0; 1600];
        p.render(&mut out);
        assert!(out.iter().all(|&s| s == 0.0));
        assert_eq!(p.position_ms(), 0);
    }

    #[test]
    fn normal_speed_plays_the_samples_and_stops_at_the_end() {
        let mut p = player(1);
        p.play();
        let mut out = vec![0.0; 10_000];
        p.render(&mut out);
        assert_eq!(out[..], p.samples[..10_000]);
        assert_eq!(p.position_ms(), 625);
        p.render(&mut out);
        assert!(!p.is_playing());
        assert_eq!(p.position_ms(), 1000);
        assert!(out[6000..].iter().all(|&s| s == 0.0));
        // play at the end starts again
        p.play();
        assert_eq!(p.position_ms(), 0);
    }

    #[test]
    fn faster_speeds_move_through_the_recording_faster() {
        for (speed, expected_ms) in [(Speed::OneAndAHalf, 1500), (Speed::Double, 2000)] {
            let mut p = player(5);
            p.set_speed(speed);
            p.play();
            let mut out = vec![0.0; 16_000];
            p.render(&mut out);
            let at = p.position_ms();
            // what is heard lags the position by at most one frame (30 ms)
            assert!(at.abs_diff(expected_ms) <= 40, "{speed:?}: at {at} ms");
            assert!(out.iter().any(|&s| s != 0.0));
        }
    }

    #[test]
    fn seek_skip_back_and_markers() {
        let mut p = player(30);
        p.seek_ms(25_000);
        assert_eq!(p.position_ms(), 25_000);
        p.skip_back();
        assert_eq!(p.position_ms(), 15_000);
        p.skip_back();
        p.skip_back();
        assert_eq!(p.position_ms(), 0);
        p.seek_to_marker(0);
        assert_eq!(p.position_ms(), 12_500);
        p.seek_ms(99_000);
        assert_eq!(p.position_ms(), 30_000);
        assert_eq!(Speed::Double.next(), Speed::Normal);
        assert_eq!(Speed::OneAndAHalf.label(), "1.5x");
    }
}

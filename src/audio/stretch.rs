//! Faster playback at the same pitch: WSOLA (waveform-similarity overlap-add).
//!
//! Output is built from Hann-windowed frames of the input, overlapped by half. Frames are
//! taken from the input `speed` times further apart than they are laid down in the output,
//! and each is shifted by up to a quarter frame to where it best continues the previous
//! one, so the waveform joins without clicks and its period (the pitch) is unchanged.

use std::collections::VecDeque;

/// Frame length in seconds: a few pitch periods of a speaking voice.
const FRAME_SECONDS: f32 = 0.03;

/// A streaming WSOLA stretcher: call [`step`](Self::step) with the next input position,
/// take what it made from [`ready`](Self::ready).
#[derive(Debug, Clone)]
pub struct Wsola {
    frame: usize,
    hop: usize,
    tolerance: usize,
    window: Vec<f32>,
    acc: Vec<f32>,
    ready: VecDeque<f32>,
    previous: Option<usize>,
}

impl Wsola {
    pub fn new(sample_rate: u32) -> Self {
        let frame = ((sample_rate as f32 * FRAME_SECONDS) as usize / 2 * 2).max(16);
        let window = (0..frame)
            .map(|i| {
                let x = std::f32::consts::PI * i as f32 / frame as f32;
                x.sin() * x.sin()
            })
            .collect();
        Self {
            frame,
            hop: frame / 2,
            tolerance: frame / 4,
            window,
            acc: vec![0.0; frame],
            ready: VecDeque::new(),
            previous: None,
        }
    }

    /// Output samples made per [`step`](Self::step).
    pub fn hop(&self) -> usize {
        self.hop
    }

    /// Forgets the past (after a seek or a change of speed).
    pub fn reset(&mut self) {
        self.acc.fill(0.0);
        self.ready.clear();
        self.previous = None;
    }

    /// Samples made and not yet taken.
    pub fn ready(&mut self) -> &mut VecDeque<f32> {
        &mut self.ready
    }

    /// Adds the frame nearest to `nominal` that best continues the last one; makes
    /// [`hop`](Self::hop) samples.
    pub fn step(&mut self, input: &[f32], nominal: usize) {
        let at = |i: usize| input.get(i).copied().unwrap_or(0.0);
        let start = match self.previous {
            None => nominal,
            Some(previous) => {
                // where the previous frame's sound naturally goes on
                let natural = previous + self.hop;
                let lowest = nominal.saturating_sub(self.tolerance);
                let highest = nominal + self.tolerance;
                let mut best = (f32::MIN, nominal);
                for candidate in lowest..=highest {
                    // normalised, so a louder stretch does not win for being louder
                    let (dot, energy) = (0..self.hop).fold((0.0f32, 1e-9f32), |(d, e), i| {
                        let c = at(candidate + i);
                        (d + at(natural + i) * c, e + c * c)
                    });
                    let score = dot / energy.sqrt();
                    if score > best.0 {
                        best = (score, candidate);
                    }
                }
                best.1
            }
        };
        for (i, (acc, w)) in self.acc.iter_mut().zip(&self.window).enumerate() {
            *acc += w * at(start + i);
        }
        self.ready.extend(self.acc.drain(..self.hop));
        self.acc.resize(self.frame, 0.0);
        self.previous = Some(start);
    }
}

/// Stretches a whole recording to play `speed` times as fast at the same pitch.
pub fn time_stretch(input: &[f32], speed: f32, sample_rate: u32) -> Vec<f32> {
    let mut wsola = Wsola::new(sample_rate);
    let advance = wsola.hop() as f64 * f64::from(speed.max(0.1));
    let mut position = 0.0f64;
    while (position as usize) < input.len() {
        wsola.step(input, position as usize);
        position += advance;
    }
    wsola.ready().drain(..).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: u32 = 16_000;

    fn sine(freq: f32, seconds: f32) -> Vec<f32> {
        (0..(RATE as f32 * seconds) as usize)
            .map(|i| 0.5 * (2.0 * std::f32::consts::PI * freq * i as f32 / RATE as f32).sin())
            .collect()
    }

    /// Frequency from the rate of upward zero crossings, away from the ends.
    fn frequency(signal: &[f32]) -> f32 {
        let middle = &signal[signal.len() / 10..signal.len() * 9 / 10];
        let crossings = middle.windows(2).filter(|w| w[0] < 0.0 && w[1] >= 0.0).count();
        crossings as f32 * RATE as f32 / middle.len() as f32
    }

    fn rms(signal: &[f32]) -> f32 {
        let middle = &signal[signal.len() / 10..signal.len() * 9 / 10];
        (middle.iter().map(|s| s * s).sum::<f32>() / middle.len() as f32).sqrt()
    }

    #[test]
    fn faster_playback_is_shorter_and_keeps_the_pitch_and_loudness() {
        let input = sine(220.0, 2.0);
        for speed in [1.5f32, 2.0] {
            let output = time_stretch(&input, speed, RATE);
            let expected = input.len() as f32 / speed;
            let ratio = output.len() as f32 / expected;
            assert!(
                (0.97..1.03).contains(&ratio),
                "speed {speed}: length ratio {ratio}"
            );
            let f = frequency(&output);
            assert!((f - 220.0).abs() < 5.0, "speed {speed}: {f} Hz, not 220 Hz");
            let loudness = rms(&output) / rms(&input);
            assert!(
                (0.9..1.1).contains(&loudness),
                "speed {speed}: loudness ratio {loudness}"
            );
        }
    }

    #[test]
    fn frames_join_without_clicks() {
        // a click would be a jump between neighbours far larger than the sine's own slope
        let input = sine(180.0, 1.0);
        let steepest = 0.5 * 2.0 * std::f32::consts::PI * 180.0 / RATE as f32;
        let output = time_stretch(&input, 1.5, RATE);
        let middle = &output[800..output.len() - 800];
        let worst = middle
            .windows(2)
            .map(|w| (w[1] - w[0]).abs())
            .fold(0.0f32, f32::max);
        assert!(worst < steepest * 1.5, "largest step {worst}, sine's {steepest}");
    }

    #[test]
    fn normal_speed_through_the_stretcher_gives_the_input_back() {
        let input = sine(300.0, 0.5);
        let output = time_stretch(&input, 1.0, RATE);
        // after the first half frame (fading in), the Hann windows sum to one
        let hop = Wsola::new(RATE).hop();
        for i in hop..input.len() - 2 * hop {
            assert!((output[i] - input[i]).abs() < 1e-3, "sample {i}");
        }
    }
}

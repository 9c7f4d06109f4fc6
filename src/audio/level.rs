//! A level meter for the microphone: RMS and peak in dBFS, smoothed for a UI meter.

/// The quietest level reported: silence reads as this, not as minus infinity.
pub const FLOOR_DBFS: f32 = -90.0;

/// How quickly the shown RMS follows the sound (time constant, seconds).
const RMS_TIME_CONSTANT: f32 = 0.3;
/// How quickly a held peak falls back, in dB per second (like a PPM meter).
const PEAK_FALL_DB_PER_S: f32 = 20.0;

/// One reading of the meter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    /// Smoothed RMS in dBFS (0 is a full-scale square wave).
    pub rms_dbfs: f32,
    /// Peak in dBFS, held and falling back slowly.
    pub peak_dbfs: f32,
    /// True once any sample reached full scale since the meter was made.
    pub clipped: bool,
}

impl Default for Level {
    fn default() -> Self {
        Self {
            rms_dbfs: FLOOR_DBFS,
            peak_dbfs: FLOOR_DBFS,
            clipped: false,
        }
    }
}

impl Level {
    /// The RMS as 0.0..=1.0 of a meter running from [`FLOOR_DBFS`] to 0 dBFS.
    pub fn rms_fraction(&self) -> f32 {
        (1.0 - self.rms_dbfs / FLOOR_DBFS).clamp(0.0, 1.0)
    }
}

/// Amplitude to dBFS, never below [`FLOOR_DBFS`].
pub fn to_dbfs(amplitude: f32) -> f32 {
    if amplitude <= 0.0 {
        return FLOOR_DBFS;
    }
    (20.0 * amplitude.log10()).max(FLOOR_DBFS)
}

/// Smooths chunks of sound into [`Level`] readings.
#[derive(Debug, Clone)]
pub struct LevelMeter {
    sample_rate: u32,
    /// Smoothed mean square (linear).
    mean_square: f32,
    peak_dbfs: f32,
    clipped: bool,
}

impl LevelMeter {
    pub fn new(sample_rate: u32) -> Self {
        Self {
            sample_rate: sample_rate.max(1),
            mean_square: 0.0,
            peak_dbfs: FLOOR_DBFS,
            clipped: false,
        }
    }

    /// Takes the next chunk of sound into the reading.
    pub fn push(&mut self, samples: &[f32]) {
        if samples.is_empty() {
            return;
        }
        let seconds = samples.len() as f32 / self.sample_rate as f32;
        let chunk_square = samples.iter().map(|s| s * s).sum::<f32>() / samples.len() as f32;
        let keep = (-seconds / RMS_TIME_CONSTANT).exp();
        self.mean_square = self.mean_square * keep + chunk_square * (1.0 - keep);
        let chunk_peak = samples.iter().fold(0.0f32, |m, s| m.max(s.abs()));
        self.clipped |= chunk_peak >= 0.999;
        let fallen = self.peak_dbfs - PEAK_FALL_DB_PER_S * seconds;
        self.peak_dbfs = fallen.max(to_dbfs(chunk_peak)).max(FLOOR_DBFS);
    }

    pub fn level(&self) -> Level {
        Level {
            rms_dbfs: to_dbfs(self.mean_square.sqrt()),
            peak_dbfs: self.peak_dbfs,
            clipped: self.clipped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(amplitude: f32, n: usize) -> Vec<f32> {
        (0..n)
            .map(|i| amplitude * (i as f32 * 2.0 * std::f32::consts::PI * 440.0 / 16_000.0).sin())
            .collect()
    }

    #[test]
    fn silence_reads_as_the_floor() {
        let mut meter = LevelMeter::new(16_000);
        meter.push(&[0.0; 1600]);
        assert_eq!(meter.level(), Level::default());
        assert_eq!(meter.level().rms_fraction(), 0.0);
    }

    #[test]
    fn a_steady_sine_settles_at_its_rms_and_peak() {
        let mut meter = LevelMeter::new(16_000);
        for _ in 0..100 {
            meter.push(&sine(0.5, 320));
        }
        let level = meter.level();
        // a sine of amplitude 0.5: peak -6.02 dBFS, RMS 3.01 dB below that
        assert!((level.peak_dbfs - -6.02).abs() < 0.1, "{level:?}");
        assert!((level.rms_dbfs - -9.03).abs() < 0.2, "{level:?}");
        assert!(!level.clipped);
    }

    #[test]
    fn the_peak_holds_and_falls_back_slowly_after_a_loud_sound() {
        let mut meter = LevelMeter::new(16_000);
        meter.push(&sine(1.0, 320));
        assert!(meter.level().clipped);
        // half a second of silence: the peak has fallen 10 dB, the RMS much further
        for _ in 0..25 {
            meter.push(&[0.0; 320]);
        }
        let level = meter.level();
        assert!((level.peak_dbfs - -10.0).abs() < 0.2, "{level:?}");
        assert!(level.rms_dbfs < level.peak_dbfs - 10.0, "{level:?}");
    }
}

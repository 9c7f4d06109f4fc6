//! Whisper's log-mel spectrogram: 25 ms Hann windows every 10 ms at 16 kHz, 80 mel
//! bands (Slaney scale and normalisation, as librosa computes them), log10, clamped to
//! 8 decades below the loudest value and scaled to about −1…1.

use realfft::RealFftPlanner;

pub const SAMPLE_RATE: usize = 16_000;
pub const N_FFT: usize = 400;
pub const HOP: usize = 160;
/// Mel frames in one 30-second window.
pub const WINDOW_FRAMES: usize = 3000;
pub const WINDOW_SAMPLES: usize = WINDOW_FRAMES * HOP;

fn hz_to_mel(f: f64) -> f64 {
    let f_sp = 200.0 / 3.0;
    let min_log_hz = 1000.0;
    let min_log_mel = min_log_hz / f_sp;
    let logstep = 6.4f64.ln() / 27.0;
    if f >= min_log_hz {
        min_log_mel + (f / min_log_hz).ln() / logstep
    } else {
        f / f_sp
    }
}

fn mel_to_hz(m: f64) -> f64 {
    let f_sp = 200.0 / 3.0;
    let min_log_hz = 1000.0;
    let min_log_mel = min_log_hz / f_sp;
    let logstep = 6.4f64.ln() / 27.0;
    if m >= min_log_mel {
        min_log_hz * (logstep * (m - min_log_mel)).exp()
    } else {
        f_sp * m
    }
}

/// The `[n_mels][N_FFT / 2 + 1]` filter bank, row-major.
pub fn mel_filters(n_mels: usize) -> Vec<f32> {
    let n_freqs = N_FFT / 2 + 1;
    let nyquist = SAMPLE_RATE as f64 / 2.0;
    let fft_freqs: Vec<f64> = (0..n_freqs)
        .map(|i| i as f64 * nyquist / (n_freqs - 1) as f64)
        .collect();
    let (lo, hi) = (hz_to_mel(0.0), hz_to_mel(nyquist));
    let mel_f: Vec<f64> = (0..n_mels + 2)
        .map(|i| mel_to_hz(lo + (hi - lo) * i as f64 / (n_mels + 1) as f64))
        .collect();
    let mut weights = vec![0f32; n_mels * n_freqs];
    for m in 0..n_mels {
        let (left, centre, right) = (mel_f[m], mel_f[m + 1], mel_f[m + 2]);
        let norm = 2.0 / (right - left);
        for (k, &f) in fft_freqs.iter().enumerate() {
            let lower = (f - left) / (centre - left);
            let upper = (right - f) / (right - centre);
            let w = lower.min(upper).max(0.0);
            weights[m * n_freqs + k] = (w * norm) as f32;
        }
    }
    weights
}

/// The log-mel spectrogram of `samples`, `[n_mels][frames]` row-major with
/// `frames = samples.len() / HOP`.
pub fn log_mel(samples: &[f32], n_mels: usize) -> (Vec<f32>, usize) {
    let n_freqs = N_FFT / 2 + 1;
    let frames = samples.len() / HOP;
    let filters = mel_filters(n_mels);
    let window: Vec<f32> = (0..N_FFT)
        .map(|i| 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / N_FFT as f32).cos())
        .collect();
    // centre the frames: reflect-pad by half a window on each side
    let pad = N_FFT / 2;
    let n = samples.len();
    let at = |i: isize| -> f32 {
        if n == 0 {
            return 0.0;
        }
        let len = n as isize;
        let mut j = i;
        if j < 0 {
            j = -j;
        }
        if j >= len {
            j = 2 * (len - 1) - j;
        }
        samples[j.clamp(0, len - 1) as usize]
    };
    let mut planner = RealFftPlanner::<f32>::new();
    let fft = planner.plan_fft_forward(N_FFT);
    let mut input = fft.make_input_vec();
    let mut spectrum = fft.make_output_vec();
    let mut scratch = fft.make_scratch_vec();
    let mut power = vec![0f32; n_freqs];
    let mut mel = vec![0f32; n_mels * frames];
    for t in 0..frames {
        let start = (t * HOP) as isize - pad as isize;
        for (i, x) in input.iter_mut().enumerate() {
            *x = at(start + i as isize) * window[i];
        }
        if fft
            .process_with_scratch(&mut input, &mut spectrum, &mut scratch)
            .is_err()
        {
            continue;
        }
        for (p, c) in power.iter_mut().zip(&spectrum) {
            *p = c.norm_sqr();
        }
        for m in 0..n_mels {
            let row = &filters[m * n_freqs..(m + 1) * n_freqs];
            let e: f32 = row.iter().zip(&power).map(|(w, p)| w * p).sum();
            mel[m * frames + t] = e.max(1e-10).log10();
        }
    }
    let max = mel.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    for v in &mut mel {
        *v = (v.max(max - 8.0) + 4.0) / 4.0;
    }
    (mel, frames)
}

/// `WINDOW_FRAMES` frames of `mel` from `start`, padded with the value of silence.
pub fn window(mel: &[f32], frames: usize, n_mels: usize, start: usize, pad: f32) -> Vec<f32> {
    let mut out = vec![pad; n_mels * WINDOW_FRAMES];
    let take = frames.saturating_sub(start).min(WINDOW_FRAMES);
    for m in 0..n_mels {
        let src = &mel[m * frames + start..m * frames + start + take];
        out[m * WINDOW_FRAMES..m * WINDOW_FRAMES + take].copy_from_slice(src);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_triangles_that_cover_the_band() {
        let f = mel_filters(80);
        let n_freqs = N_FFT / 2 + 1;
        assert_eq!(f.len(), 80 * n_freqs);
        // every band has some weight, and weights are non-negative
        for m in 0..80 {
            let row = &f[m * n_freqs..(m + 1) * n_freqs];
            assert!(row.iter().all(|w| *w >= 0.0));
            assert!(row.iter().any(|w| *w > 0.0), "band {m} is empty");
        }
        // Slaney scale is linear below 1 kHz: 1000 Hz is mel 15
        assert!((hz_to_mel(1000.0) - 15.0).abs() < 1e-9);
        assert!((mel_to_hz(hz_to_mel(3456.0)) - 3456.0).abs() < 1e-6);
    }

    #[test]
    fn a_tone_lights_the_band_around_its_frequency() {
        let tone: Vec<f32> = (0..SAMPLE_RATE)
            .map(|i| (2.0 * std::f32::consts::PI * 440.0 * i as f32 / SAMPLE_RATE as f32).sin())
            .collect();
        let (mel, frames) = log_mel(&tone, 80);
        assert_eq!(frames, 100);
        let t = 50;
        let loudest = (0..80)
            .max_by(|&a, &b| mel[a * frames + t].total_cmp(&mel[b * frames + t]))
            .expect("80 bands");
        // 440 Hz is mel 6.6; the bands are ~0.57 mel apart at the bottom
        let centre_mel = hz_to_mel(440.0);
        let band_mel = (loudest + 1) as f64 * hz_to_mel(8000.0) / 81.0;
        assert!((band_mel - centre_mel).abs() < 1.0, "band {loudest}");
    }
}

//! Audio files in: WAV (hound) and FLAC (claxon), mixed to mono and resampled to 16 kHz.

use std::path::{Path, PathBuf};

use rubato::{FftFixedIn, Resampler};

use super::mel::SAMPLE_RATE;

#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    #[error("cannot read {}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    #[error("{}: unsupported audio format (Panelist reads .wav and .flac)", path.display())]
    Format { path: PathBuf },
    #[error("{}: cannot resample from {rate} Hz: {reason}", path.display())]
    Resample {
        path: PathBuf,
        rate: u32,
        reason: String,
    },
}

/// Mono samples and their rate.
pub struct Decoded {
    pub samples: Vec<f32>,
    pub rate: u32,
}

/// Reads a WAV or FLAC file (chosen by its first bytes) as 16 kHz mono f32.
pub fn load_16k_mono(path: &Path) -> Result<Vec<f32>, AudioError> {
    let decoded = decode(path)?;
    resample(&decoded.samples, decoded.rate, SAMPLE_RATE as u32).map_err(|reason| AudioError::Resample {
        path: path.to_path_buf(),
        rate: decoded.rate,
        reason,
    })
}

fn read_err(path: &Path, e: impl std::fmt::Display) -> AudioError {
    AudioError::Read {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

pub fn decode(path: &Path) -> Result<Decoded, AudioError> {
    let mut magic = [0u8; 4];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|e| read_err(path, e))?;
        f.read_exact(&mut magic).map_err(|e| read_err(path, e))?;
    }
    match &magic {
        b"RIFF" | b"RIFX" => decode_wav(path),
        b"fLaC" => decode_flac(path),
        _ => Err(AudioError::Format {
            path: path.to_path_buf(),
        }),
    }
}

fn mix(interleaved: impl Iterator<Item = f32>, channels: usize) -> Vec<f32> {
    let channels = channels.max(1);
    let all: Vec<f32> = interleaved.collect();
    all.chunks(channels)
        .map(|frame| frame.iter().sum::<f32>() / channels as f32)
        .collect()
}

fn decode_wav(path: &Path) -> Result<Decoded, AudioError> {
    let reader = hound::WavReader::open(path).map_err(|e| read_err(path, e))?;
    let spec = reader.spec();
    let channels = usize::from(spec.channels);
    let samples: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Float => reader
            .into_samples::<f32>()
            .collect::<Result<_, _>>()
            .map_err(|e| read_err(path, e))?,
        hound::SampleFormat::Int => {
            let scale = 1.0 / (1i64 << (spec.bits_per_sample.max(1) - 1)) as f32;
            reader
                .into_samples::<i32>()
                .map(|s| s.map(|v| v as f32 * scale))
                .collect::<Result<_, _>>()
                .map_err(|e| read_err(path, e))?
        }
    };
    Ok(Decoded {
        samples: mix(samples.into_iter(), channels),
        rate: spec.sample_rate,
    })
}

fn decode_flac(path: &Path) -> Result<Decoded, AudioError> {
    let mut reader = claxon::FlacReader::open(path).map_err(|e| read_err(path, e))?;
    let info = reader.streaminfo();
    let scale = 1.0 / (1i64 << (info.bits_per_sample.max(1) - 1)) as f32;
    let samples: Vec<f32> = reader
        .samples()
        .map(|s| s.map(|v| v as f32 * scale))
        .collect::<Result<_, _>>()
        .map_err(|e| read_err(path, e))?;
    Ok(Decoded {
        samples: mix(samples.into_iter(), info.channels as usize),
        rate: info.sample_rate,
    })
}

/// Band-limited resampling (FFT-based); the output is aligned with the input and
/// has `len * to / from` samples.
pub fn resample(samples: &[f32], from: u32, to: u32) -> Result<Vec<f32>, String> {
    if from == to || samples.is_empty() {
        return Ok(samples.to_vec());
    }
    if from == 0 {
        return Err("the file says its sample rate is 0".into());
    }
    let chunk = 1024;
    let mut r = FftFixedIn::<f32>::new(from as usize, to as usize, chunk, 2, 1).map_err(|e| e.to_string())?;
    let delay = r.output_delay();
    let expected = (samples.len() as u64 * u64::from(to) / u64::from(from)) as usize;
    let mut out = Vec::with_capacity(expected + delay + chunk);
    let mut pos = 0;
    while samples.len() - pos >= r.input_frames_next() {
        let n = r.input_frames_next();
        let o = r
            .process(&[&samples[pos..pos + n]], None)
            .map_err(|e| e.to_string())?;
        out.extend_from_slice(&o[0]);
        pos += n;
    }
    if pos < samples.len() {
        let o = r
            .process_partial(Some(&[&samples[pos..]]), None)
            .map_err(|e| e.to_string())?;
        out.extend_from_slice(&o[0]);
    }
    while out.len() < expected + delay {
        let o = r
            .process_partial::<&[f32]>(None, None)
            .map_err(|e| e.to_string())?;
        if o[0].is_empty() {
            break;
        }
        out.extend_from_slice(&o[0]);
    }
    let mut out = out.split_off(delay.min(out.len()));
    out.resize(expected, 0.0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resampling_keeps_length_and_pitch() {
        let from = 44_100;
        let tone: Vec<f32> = (0..from)
            .map(|i| (2.0 * std::f32::consts::PI * 1000.0 * i as f32 / from as f32).sin())
            .collect();
        let out = resample(&tone, from as u32, 16_000).expect("resample");
        assert_eq!(out.len(), 16_000);
        // a 1 kHz tone at 16 kHz crosses zero 2000 times a second
        let crossings = out[1000..15_000]
            .windows(2)
            .filter(|w| (w[0] < 0.0) != (w[1] < 0.0))
            .count();
        assert!((crossings as i64 - 1750).abs() <= 3, "{crossings}");
        // aligned: the first peak near 0.25 ms
        let rms: f32 = (out[1000..15_000].iter().map(|x| x * x).sum::<f32>() / 14_000.0).sqrt();
        assert!((rms - std::f32::consts::FRAC_1_SQRT_2).abs() < 0.02, "{rms}");
    }

    #[test]
    fn wav_and_flac_errors_name_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("notes.txt");
        std::fs::write(&p, "hello there").expect("write");
        let err = load_16k_mono(&p).expect_err("not audio");
        assert!(err.to_string().contains("notes.txt"), "{err}");
        let w = dir.path().join("short.wav");
        std::fs::write(&w, b"RIFF....WAVE").expect("write");
        let err = load_16k_mono(&w).expect_err("broken wav");
        assert!(err.to_string().contains("short.wav"), "{err}");
    }

    #[test]
    fn reads_a_stereo_wav_as_mono_16k() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("s.wav");
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: 8000,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(&p, spec).expect("create");
        for _ in 0..8000 {
            w.write_sample(8192i16).expect("sample");
            w.write_sample(-8192i16).expect("sample");
        }
        w.finalize().expect("finalise");
        let s = load_16k_mono(&p).expect("load");
        assert_eq!(s.len(), 16_000);
        assert!(s[100..15_900].iter().all(|v| v.abs() < 1e-3));
    }
}

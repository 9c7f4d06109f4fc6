//! Sound from a WAV or FLAC file, delivered in real time or as fast as it is asked for.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{AudioError, AudioSource, Chunk, from_int};

/// How a [`FileSource`] hands out its sound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// As a microphone would: a chunk becomes available when its time has come.
    RealTime,
    /// Every call returns the next chunk at once.
    AsFastAsPossible,
}

/// A whole sound file in memory, mixed down to mono.
#[derive(Debug, Clone)]
pub struct FileSource {
    samples: Vec<f32>,
    sample_rate: u32,
    next: usize,
    pace: Pace,
    started: Option<Instant>,
}

/// Samples in one chunk: 20 ms at the file's rate.
fn chunk_len(sample_rate: u32) -> usize {
    (sample_rate as usize / 50).max(1)
}

impl FileSource {
    /// Opens a `.wav` or `.flac` file (chosen by its content, not its name).
    pub fn open(path: &Path, pace: Pace) -> Result<Self, AudioError> {
        let (samples, sample_rate) = read_audio_file(path)?;
        Ok(Self::from_samples(samples, sample_rate, pace))
    }

    pub fn from_samples(samples: Vec<f32>, sample_rate: u32, pace: Pace) -> Self {
        Self {
            samples,
            sample_rate: sample_rate.max(1),
            next: 0,
            pace,
            started: None,
        }
    }

    /// Samples not yet delivered.
    pub fn remaining(&self) -> usize {
        self.samples.len() - self.next
    }
}

impl AudioSource for FileSource {
    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn next_chunk(&mut self, out: &mut Vec<f32>, timeout: Duration) -> Result<Chunk, AudioError> {
        if self.next >= self.samples.len() {
            return Ok(Chunk::End);
        }
        let mut end = (self.next + chunk_len(self.sample_rate)).min(self.samples.len());
        if self.pace == Pace::RealTime {
            let started = *self.started.get_or_insert_with(Instant::now);
            // the moment the last sample of the chunk would have been heard
            let due = started + samples_to_duration(end as u64, self.sample_rate);
            let now = Instant::now();
            if due > now {
                if due - now > timeout {
                    std::thread::sleep(timeout);
                    let heard = duration_to_samples(started.elapsed(), self.sample_rate);
                    end = end.min(heard.max(self.next));
                    if end == self.next {
                        return Ok(Chunk::Pending);
                    }
                } else {
                    std::thread::sleep(due - now);
                }
            }
        }
        out.extend_from_slice(&self.samples[self.next..end]);
        let n = end - self.next;
        self.next = end;
        Ok(Chunk::Samples(n))
    }
}

fn samples_to_duration(samples: u64, rate: u32) -> Duration {
    Duration::from_micros(samples * 1_000_000 / u64::from(rate.max(1)))
}

fn duration_to_samples(d: Duration, rate: u32) -> usize {
    (d.as_micros() * u128::from(rate) / 1_000_000) as usize
}

/// Reads a whole WAV or FLAC file as mono samples and its sample rate.
pub fn read_audio_file(path: &Path) -> Result<(Vec<f32>, u32), AudioError> {
    let mut magic = [0u8; 4];
    {
        use std::io::Read;
        let mut file = std::fs::File::open(path).map_err(|e| AudioError::io(path, e))?;
        file.read_exact(&mut magic)
            .map_err(|_| format_error(path, "the file is too short"))?;
    }
    match &magic {
        b"RIFF" => read_wav(path),
        b"fLaC" => {
            let recovered = super::read_flac(path)?;
            Ok((recovered.samples, recovered.sample_rate))
        }
        _ => Err(format_error(path, "only WAV and FLAC files are supported")),
    }
}

fn format_error(path: &Path, message: impl Into<String>) -> AudioError {
    AudioError::Format {
        path: PathBuf::from(path),
        message: message.into(),
    }
}

fn read_wav(path: &Path) -> Result<(Vec<f32>, u32), AudioError> {
    let reader = hound::WavReader::open(path).map_err(|e| format_error(path, e.to_string()))?;
    let spec = reader.spec();
    let channels = usize::from(spec.channels.max(1));
    let interleaved: Vec<f32> = match spec.sample_format {
        hound::SampleFormat::Float => reader
            .into_samples::<f32>()
            .collect::<Result<_, _>>()
            .map_err(|e| format_error(path, e.to_string()))?,
        hound::SampleFormat::Int => {
            let bits = u32::from(spec.bits_per_sample);
            reader
                .into_samples::<i32>()
                .map(|s| s.map(|s| from_int(s, bits)))
                .collect::<Result<_, _>>()
                .map_err(|e| format_error(path, e.to_string()))?
        }
    };
    Ok((mix_to_mono(&interleaved, channels), spec.sample_rate))
}

/// Averages interleaved channels into one.
pub(crate) fn mix_to_mono(interleaved: &[f32], channels: usize) -> Vec<f32> {
    if channels <= 1 {
        return interleaved.to_vec();
    }
    interleaved
        .chunks_exact(channels)
        .map(|frame| frame.iter().sum::<f32>() / channels as f32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_fast_as_possible_delivers_everything_then_ends() {
        let mut source = FileSource::from_samples(vec![0.5; 1000], 16_000, Pace::AsFastAsPossible);
        let mut out = Vec::new();
        let mut calls = 0;
        while let Chunk::Samples(n) = source
            .next_chunk(&mut out, Duration::from_millis(10))
            .expect("file source")
        {
            assert!(n <= 320);
            calls += 1;
        }
        assert_eq!(out.len(), 1000);
        assert_eq!(calls, 4);
        assert_eq!(source.remaining(), 0);
    }

    #[test]
    fn stereo_is_mixed_to_mono() {
        assert_eq!(mix_to_mono(&[1.0, 0.0, -0.5, -0.5], 2), vec![0.5, -0.5]);
    }
}

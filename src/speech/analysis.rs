//! One recorded answer analysed: its FLAC read back, transcribed when a model is at hand,
//! and its delivery measured over the whole answer and per phase (from the recording's
//! phase markers). Plain blocking code: the app runs it on its transcription thread, the
//! command line in the foreground.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::metrics::{self, DeliveryMetrics};
use super::{TranscribeError, Transcriber, Transcript};
use crate::audio::{MarkerKind, RecordingInfo};

/// What analysing a recording found.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// `None` when no model was given: the metrics then come from the audio alone (or
    /// from the transcript the answer already had).
    pub transcript: Option<Transcript>,
    pub metrics: DeliveryMetrics,
    pub phase_metrics: Vec<DeliveryMetrics>,
    /// Length of the audio actually read (a file cut short by a crash is shorter than
    /// the session says).
    pub duration_ms: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    #[error(transparent)]
    Audio(#[from] crate::audio::AudioError),
    #[error("{}: cannot convert to 16 kHz: {reason}", path.display())]
    Resample { path: PathBuf, reason: String },
    #[error(transparent)]
    Transcribe(#[from] TranscribeError),
}

/// Where the phases after the first begin, in ms into the recording.
pub fn phase_boundaries(info: &RecordingInfo) -> Vec<u64> {
    let mut edges: Vec<u64> = info
        .markers
        .iter()
        .filter(|m| m.kind == MarkerKind::Phase)
        .map(|m| m.at_ms)
        .collect();
    edges.sort_unstable();
    edges
}

/// Delivery of 16 kHz `samples` with `words` (none without a transcript), whole and
/// per phase.
pub fn measure(
    samples_16k: &[f32],
    words: &[super::Word],
    info: &RecordingInfo,
) -> (DeliveryMetrics, Vec<DeliveryMetrics>) {
    let duration_ms = samples_16k.len() as u64 * 1000 / u64::from(crate::audio::RECORDING_SAMPLE_RATE);
    let env = metrics::envelope(samples_16k);
    metrics::per_phase(words, &env, duration_ms, &phase_boundaries(info))
}

/// Reads the recording at `path` as 16 kHz mono.
pub fn read_16k(path: &Path) -> Result<Vec<f32>, AnalysisError> {
    let recovered = crate::audio::read_flac(path)?;
    super::audio::resample(
        &recovered.samples,
        recovered.sample_rate,
        crate::audio::RECORDING_SAMPLE_RATE,
    )
    .map_err(|reason| AnalysisError::Resample {
        path: path.to_path_buf(),
        reason,
    })
}

/// Analyses the recording at `path`. With a `transcriber` the answer is transcribed
/// (`progress` gets 0.0–1.0; `cancel` stops it); without one, `existing` (the answer's
/// earlier transcript, if any) supplies the words.
pub fn analyse(
    path: &Path,
    info: &RecordingInfo,
    transcriber: Option<&Transcriber>,
    existing: Option<&Transcript>,
    progress: &dyn Fn(f32),
    cancel: &AtomicBool,
) -> Result<Analysis, AnalysisError> {
    let samples = read_16k(path)?;
    let transcript = match transcriber {
        Some(t) => Some(t.transcribe(&samples, progress, cancel)?),
        None => None,
    };
    let words = transcript
        .as_ref()
        .or(existing)
        .map_or(&[][..], |t| t.words.as_slice());
    let (metrics, phase_metrics) = measure(&samples, words, info);
    Ok(Analysis {
        duration_ms: samples.len() as u64 * 1000 / u64::from(crate::audio::RECORDING_SAMPLE_RATE),
        transcript,
        metrics,
        phase_metrics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::{FlacWriter, Marker, RECORDING_FORMAT_VERSION};

    fn tone(seconds: f64) -> Vec<f32> {
        let n = (seconds * 16_000.0) as usize;
        (0..n)
            .map(|i| (i as f32 * 2.0 * std::f32::consts::PI * 220.0 / 16_000.0).sin() * 0.3)
            .collect()
    }

    #[test]
    fn audio_only_metrics_find_the_pause_and_split_by_phase() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("0.flac");
        let mut writer = FlacWriter::create(&path, 16_000).expect("create flac");
        writer.write(&vec![0.0; 16_000]).expect("write silence");
        writer.write(&tone(4.0)).expect("write tone");
        writer.write(&vec![0.0; 4 * 16_000]).expect("write pause");
        writer.write(&tone(3.0)).expect("write tone");
        writer.finish().expect("finish");
        let info = RecordingInfo {
            file: "s/0.flac".into(),
            duration_ms: 12_000,
            sample_rate: 16_000,
            markers: vec![
                Marker {
                    kind: MarkerKind::FollowUp,
                    at_ms: 2_000,
                    label: "Why?".into(),
                },
                Marker {
                    kind: MarkerKind::Phase,
                    at_ms: 7_000,
                    label: "Deep dive".into(),
                },
            ],
            format_version: RECORDING_FORMAT_VERSION,
        };
        let cancel = AtomicBool::new(false);
        let a = analyse(&path, &info, None, None, &|_| {}, &cancel).expect("analyse");
        assert!(a.transcript.is_none());
        assert_eq!(a.duration_ms, 12_000);
        assert_eq!(a.metrics.pause_count, 1);
        assert!(
            a.metrics.longest_pause_ms.abs_diff(4_000) <= 100,
            "{:?}",
            a.metrics.pauses
        );
        assert!(
            a.metrics
                .time_to_first_word_ms
                .is_some_and(|t| t.abs_diff(1_000) <= 100)
        );
        assert_eq!(a.metrics.words, 0);
        assert_eq!(a.metrics.words_per_minute, None);
        // the follow-up marker does not split; the phase marker does
        assert_eq!(a.phase_metrics.len(), 2);
        assert_eq!(a.phase_metrics[1].start_ms, 7_000);
    }

    #[test]
    fn an_earlier_transcript_supplies_the_words_without_a_model() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("0.flac");
        let mut writer = FlacWriter::create(&path, 16_000).expect("create flac");
        writer.write(&tone(6.0)).expect("write tone");
        writer.finish().expect("finish");
        let info = RecordingInfo {
            file: "s/0.flac".into(),
            duration_ms: 6_000,
            sample_rate: 16_000,
            markers: Vec::new(),
            format_version: RECORDING_FORMAT_VERSION,
        };
        let words: Vec<super::super::Word> = (0..10)
            .map(|i| super::super::Word {
                text: if i == 3 { "um".into() } else { format!("w{i}") },
                start_ms: i * 500,
                end_ms: i * 500 + 400,
            })
            .collect();
        let existing = Transcript {
            text: String::new(),
            words,
            model: "whisper-tiny".into(),
        };
        let cancel = AtomicBool::new(false);
        let a = analyse(&path, &info, None, Some(&existing), &|_| {}, &cancel).expect("analyse");
        assert!(a.transcript.is_none());
        assert_eq!(a.metrics.words, 10);
        assert_eq!(a.metrics.fillers.total, 1);
        assert!(a.phase_metrics.is_empty());
    }
}

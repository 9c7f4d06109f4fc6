//! The spoken answer to a question: its recording, what the machine heard, the candidate's
//! corrections, and the delivery measured from both (`docs/session-format.md`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::audio::RecordingInfo;
use crate::speech::{DeliveryMetrics, Transcript, Word};

/// Everything kept about one recorded answer. Lives in [`super::QuestionRecord::spoken`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpokenAnswer {
    /// The audio file beside the session and its timeline markers.
    pub recording: RecordingInfo,
    /// What the speech recogniser heard, with word timings; `None` until transcribed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<Transcript>,
    /// The candidate's corrections by word index into `transcript.words`; the machine's
    /// words are kept as they were.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub corrections: BTreeMap<usize, String>,
    /// Delivery over the whole answer; measured from the audio alone until a transcript
    /// exists, then again with its words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics: Option<DeliveryMetrics>,
    /// Delivery per phase of the question, in phase order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phase_metrics: Vec<DeliveryMetrics>,
}

impl SpokenAnswer {
    /// A recording not yet transcribed or measured.
    pub fn new(recording: RecordingInfo) -> Self {
        Self {
            recording,
            transcript: None,
            corrections: BTreeMap::new(),
            metrics: None,
            phase_metrics: Vec::new(),
        }
    }

    /// The words as the candidate says they were spoken: the machine's, with each
    /// correction in its place (timings are the machine's). Empty without a transcript.
    pub fn words(&self) -> Vec<Word> {
        let Some(transcript) = &self.transcript else {
            return Vec::new();
        };
        transcript
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| match self.corrections.get(&i) {
                Some(text) => Word {
                    text: text.clone(),
                    ..w.clone()
                },
                None => w.clone(),
            })
            .collect()
    }

    /// The transcript's text with corrections applied.
    pub fn text(&self) -> String {
        self.words()
            .iter()
            .map(|w| w.text.as_str())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

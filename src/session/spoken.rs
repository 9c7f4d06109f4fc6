//! The spoken answer to a question: its recording, what the machine heard, the candidate's
//! corrections, and the delivery measured from both (`docs/session-format.md`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::audio::RecordingInfo;
use crate::speech::{DeliveryMetrics, Transcript};

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
}

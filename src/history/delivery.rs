//! Delivery over time: per round type, each session's mean pace and pauses over its
//! recorded and measured answers, for the Progress charts.

use chrono::{DateTime, FixedOffset};

use crate::bank::Round;
use crate::session::Session;

/// One session's delivery on one round type.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryPoint {
    pub at: DateTime<FixedOffset>,
    pub session: String,
    /// Mean words a minute over the transcribed answers; `None` without a transcript.
    pub words_per_minute: Option<f64>,
    /// Mean pauses of 3 s or more per answer.
    pub pauses_per_answer: f64,
    /// Measured answers behind the point.
    pub answers: usize,
}

/// A round type's delivery, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliverySeries {
    pub round: Round,
    pub points: Vec<DeliveryPoint>,
}

/// The delivery series of every round type with a measured answer; `sessions` oldest first.
pub fn delivery_series(sessions: &[&Session]) -> Vec<DeliverySeries> {
    Round::ALL
        .iter()
        .filter_map(|round| {
            let points: Vec<DeliveryPoint> = sessions
                .iter()
                .filter_map(|s| {
                    let measured: Vec<_> = s
                        .questions
                        .iter()
                        .filter(|q| q.round() == *round)
                        .filter_map(|q| {
                            let spoken = q.spoken.as_ref()?;
                            let m = spoken.metrics.as_ref()?;
                            Some((m, spoken.transcript.is_some()))
                        })
                        .collect();
                    if measured.is_empty() {
                        return None;
                    }
                    let paces: Vec<f64> = measured
                        .iter()
                        .filter(|(_, transcribed)| *transcribed)
                        .filter_map(|(m, _)| m.words_per_minute)
                        .collect();
                    let n = measured.len();
                    Some(DeliveryPoint {
                        at: s.created,
                        session: s.id.clone(),
                        words_per_minute: (!paces.is_empty())
                            .then(|| paces.iter().sum::<f64>() / paces.len() as f64),
                        pauses_per_answer: measured
                            .iter()
                            .map(|(m, _)| f64::from(m.pause_count))
                            .sum::<f64>()
                            / n as f64,
                        answers: n,
                    })
                })
                .collect();
            (!points.is_empty()).then_some(DeliverySeries {
                round: *round,
                points,
            })
        })
        .collect()
}

//! The four-point scale every score uses, and recommendations.

use serde::{Deserialize, Serialize};

/// A score on the format's four-point scale. Unscored is the absence of a `Score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Score(u8);

impl Score {
    pub const ALL: [Score; 4] = [Score(1), Score(2), Score(3), Score(4)];

    pub fn new(value: u8) -> Option<Score> {
        (1..=4).contains(&value).then_some(Score(value))
    }

    pub fn value(self) -> u8 {
        self.0
    }

    /// The short label: "Strong no hire", "Lean no hire", "Hire", "Strong hire".
    pub fn short_label(self) -> &'static str {
        match self.0 {
            1 => "Strong no hire",
            2 => "Lean no hire",
            3 => "Hire",
            _ => "Strong hire",
        }
    }

    /// The label with its meaning, as the format document gives it.
    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "Strong no hire: not yet at Director level",
            2 => "Lean no hire: gaps a panel would probe",
            3 => "Hire: solid Director-level evidence",
            _ => "Strong hire: exceptional, would raise the bar",
        }
    }
}

impl TryFrom<u8> for Score {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Score::new(value).ok_or_else(|| format!("a score is 1 to 4, not {value}"))
    }
}

impl From<Score> for u8 {
    fn from(score: Score) -> u8 {
        score.0
    }
}

/// A panelist's overall recommendation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Recommendation {
    #[default]
    NoDecision,
    StrongNoHire,
    NoHire,
    Hire,
    StrongHire,
}

impl Recommendation {
    pub const ALL: [Recommendation; 5] = [
        Recommendation::StrongNoHire,
        Recommendation::NoHire,
        Recommendation::Hire,
        Recommendation::StrongHire,
        Recommendation::NoDecision,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Recommendation::NoDecision => "No decision",
            Recommendation::StrongNoHire => "Strong no hire",
            Recommendation::NoHire => "No hire",
            Recommendation::Hire => "Hire",
            Recommendation::StrongHire => "Strong hire",
        }
    }
}

/// The mean of some scores, `None` when there are none.
pub fn mean(scores: impl IntoIterator<Item = Score>) -> Option<f32> {
    let (sum, n) = scores
        .into_iter()
        .fold((0u32, 0u32), |(sum, n), s| (sum + u32::from(s.value()), n + 1));
    (n > 0).then(|| sum as f32 / n as f32)
}

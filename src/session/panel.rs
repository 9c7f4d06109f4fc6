//! Mock panels: panelists, blind scorecards and the debrief's aggregation.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{Recommendation, Score, Session, mean};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PanelRole {
    VpEngineering,
    EngineeringManager,
    #[default]
    SeniorIc,
    Recruiter,
    Other,
}

impl PanelRole {
    pub const ALL: [PanelRole; 5] = [
        PanelRole::VpEngineering,
        PanelRole::EngineeringManager,
        PanelRole::SeniorIc,
        PanelRole::Recruiter,
        PanelRole::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PanelRole::VpEngineering => "VP of Engineering",
            PanelRole::EngineeringManager => "Engineering Manager",
            PanelRole::SeniorIc => "Senior IC engineer",
            PanelRole::Recruiter => "Recruiter",
            PanelRole::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Panelist {
    pub name: String,
    pub role: PanelRole,
}

impl Panelist {
    /// The panel the role text describes: a VPE, a sample EM and a senior IC.
    pub fn default_panel() -> Vec<Panelist> {
        [
            ("VP of Engineering", PanelRole::VpEngineering),
            ("Engineering Manager", PanelRole::EngineeringManager),
            ("Senior IC", PanelRole::SeniorIc),
        ]
        .into_iter()
        .map(|(name, role)| Panelist {
            name: name.to_owned(),
            role,
        })
        .collect()
    }
}

/// One panelist's scores for one question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    pub question: usize,
    pub panelist: usize,
    #[serde(default)]
    pub scores: BTreeMap<String, Score>,
    #[serde(default)]
    pub evidence: BTreeMap<String, String>,
    #[serde(default)]
    pub recommendation: Recommendation,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub submitted_at: Option<DateTime<FixedOffset>>,
}

impl Scorecard {
    pub fn is_submitted(&self) -> bool {
        self.submitted_at.is_some()
    }
}

/// A note a panelist takes during the round, stamped with the round's elapsed time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelNote {
    pub panelist: usize,
    pub question: usize,
    /// Milliseconds into the question's answer.
    pub at_ms: u64,
    pub text: String,
    #[serde(default)]
    pub evidence: bool,
}

/// The panel part of a session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Panel {
    pub panelists: Vec<Panelist>,
    #[serde(default)]
    pub scorecards: Vec<Scorecard>,
    #[serde(default)]
    pub notes: Vec<PanelNote>,
    /// The mentor revealed every scorecard (allowed once all are submitted).
    #[serde(default)]
    pub revealed: bool,
    #[serde(default)]
    pub discussion: String,
    #[serde(default)]
    pub decision: Recommendation,
    #[serde(default)]
    pub decision_reason: String,
}

impl Panel {
    pub fn new(panelists: Vec<Panelist>) -> Self {
        Self {
            panelists,
            ..Self::default()
        }
    }

    pub fn scorecard(&self, question: usize, panelist: usize) -> Option<&Scorecard> {
        self.scorecards
            .iter()
            .find(|c| c.question == question && c.panelist == panelist)
    }

    /// The scorecard to edit, created on first use. `None` once submitted: a submitted card is final.
    pub fn draft_mut(&mut self, question: usize, panelist: usize) -> Option<&mut Scorecard> {
        let index = match self
            .scorecards
            .iter()
            .position(|c| c.question == question && c.panelist == panelist)
        {
            Some(index) => index,
            None => {
                self.scorecards.push(Scorecard {
                    question,
                    panelist,
                    ..Scorecard::default()
                });
                self.scorecards.len() - 1
            }
        };
        let card = &mut self.scorecards[index];
        (!card.is_submitted()).then_some(card)
    }

    pub fn submit(&mut self, question: usize, panelist: usize, at: DateTime<FixedOffset>) {
        if let Some(card) = self.draft_mut(question, panelist) {
            card.submitted_at = Some(at);
        }
    }

    /// Blind scoring: a panelist sees another's card only after submitting their own
    /// for that question, and only submitted cards; everyone sees all once revealed.
    pub fn can_see(&self, viewer: usize, card: &Scorecard) -> bool {
        if card.panelist == viewer {
            return true;
        }
        if self.revealed {
            return true;
        }
        card.is_submitted()
            && self
                .scorecard(card.question, viewer)
                .is_some_and(Scorecard::is_submitted)
    }

    /// True when every panelist has submitted for every question in `questions`.
    pub fn all_submitted(&self, questions: &[usize]) -> bool {
        !self.panelists.is_empty()
            && questions.iter().all(|q| {
                (0..self.panelists.len()).all(|p| self.scorecard(*q, p).is_some_and(Scorecard::is_submitted))
            })
    }

    /// Reveals every scorecard; refused (false) until all are submitted.
    pub fn reveal(&mut self, questions: &[usize]) -> bool {
        if self.all_submitted(questions) {
            self.revealed = true;
        }
        self.revealed
    }
}

/// How the candidate's own view compares with the panel's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfGap {
    Overrated,
    Aligned,
    Underrated,
}

/// One competency in the debrief.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyDebrief {
    pub competency: String,
    /// Each panelist's mean score over the questions (`None` where unscored).
    pub by_panelist: Vec<Option<f32>>,
    pub mean: Option<f32>,
    /// Highest minus lowest panelist score.
    pub spread: f32,
    pub self_mean: Option<f32>,
}

impl CompetencyDebrief {
    /// A spread of 2 or more is a disagreement worth discussing first.
    pub fn is_disagreement(&self) -> bool {
        self.spread >= 2.0
    }

    pub fn self_gap(&self) -> Option<SelfGap> {
        let gap = self.self_mean? - self.mean?;
        Some(if gap >= 1.0 {
            SelfGap::Overrated
        } else if gap <= -1.0 {
            SelfGap::Underrated
        } else {
            SelfGap::Aligned
        })
    }
}

/// Per competency: panel scores side by side, disagreements first, then by name.
/// Only submitted scorecards count.
pub fn debrief(session: &Session) -> Vec<CompetencyDebrief> {
    let Some(panel) = &session.panel else {
        return Vec::new();
    };
    let self_means = session.self_means_by_competency();
    let competencies: BTreeSet<&String> = panel
        .scorecards
        .iter()
        .filter(|c| c.is_submitted())
        .flat_map(|c| c.scores.keys())
        .chain(self_means.keys())
        .collect();
    let mut rows: Vec<CompetencyDebrief> = competencies
        .into_iter()
        .map(|competency| {
            let by_panelist: Vec<Option<f32>> = (0..panel.panelists.len())
                .map(|p| {
                    mean(
                        panel
                            .scorecards
                            .iter()
                            .filter(|c| c.panelist == p && c.is_submitted())
                            .filter_map(|c| c.scores.get(competency).copied()),
                    )
                })
                .collect();
            let scored: Vec<f32> = by_panelist.iter().flatten().copied().collect();
            let mean = (!scored.is_empty()).then(|| scored.iter().sum::<f32>() / scored.len() as f32);
            let spread = scored.iter().copied().fold(f32::MIN, f32::max)
                - scored.iter().copied().fold(f32::MAX, f32::min);
            CompetencyDebrief {
                competency: competency.clone(),
                by_panelist,
                mean,
                spread: if scored.is_empty() { 0.0 } else { spread },
                self_mean: self_means.get(competency).copied(),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.is_disagreement()
            .cmp(&a.is_disagreement())
            .then(b.spread.total_cmp(&a.spread))
            .then(a.competency.cmp(&b.competency))
    });
    rows
}

/// How many submitted scorecards recommend each outcome, in the order of `Recommendation::ALL`.
pub fn recommendation_tally(panel: &Panel) -> Vec<(Recommendation, usize)> {
    Recommendation::ALL
        .iter()
        .map(|r| {
            (
                *r,
                panel
                    .scorecards
                    .iter()
                    .filter(|c| c.is_submitted() && c.recommendation == *r)
                    .count(),
            )
        })
        .collect()
}

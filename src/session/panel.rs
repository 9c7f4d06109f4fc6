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
    /// The panel the role text describes: a VPE, an EM and a senior IC. The names are
    /// placeholders the mentor overwrites; they differ from the role labels so the two
    /// never read the same on screen.
    pub fn default_panel() -> Vec<Panelist> {
        [
            ("Priya", PanelRole::VpEngineering),
            ("Marcus", PanelRole::EngineeringManager),
            ("Jun", PanelRole::SeniorIc),
        ]
        .into_iter()
        .map(|(name, role)| Panelist {
            name: name.to_owned(),
            role,
        })
        .collect()
    }
}

/// Who a mock panel is for and who sits on it, chosen before the round is picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelStart {
    pub candidate: String,
    pub panelists: Vec<Panelist>,
}

impl PanelStart {
    /// Turns a freshly created session into a mock panel session.
    pub fn apply_to(self, session: &mut Session) {
        session.mode = super::Mode::Panel;
        session.candidate = self.candidate.trim().to_owned();
        session.panel = Some(Panel::new(self.panelists));
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
    /// Questions whose scorecards the mentor revealed to everyone (allowed once all
    /// panelists submitted for that question). Per question, so a reveal after the first
    /// question does not unblind the scoring of the next.
    #[serde(default)]
    pub revealed: BTreeSet<usize>,
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

    /// The scorecard to edit, created on first use. `None` once submitted (a submitted card
    /// is final) and for a panelist who is not on the panel.
    pub fn draft_mut(&mut self, question: usize, panelist: usize) -> Option<&mut Scorecard> {
        if panelist >= self.panelists.len() {
            return None;
        }
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

    /// Submits a panelist's card for a question. Returns false when it was already
    /// submitted or the panelist is not on the panel.
    pub fn submit(&mut self, question: usize, panelist: usize, at: DateTime<FixedOffset>) -> bool {
        match self.draft_mut(question, panelist) {
            Some(card) => {
                card.submitted_at = Some(at);
                true
            }
            None => false,
        }
    }

    /// Who has submitted a card for `question`, by panelist index.
    pub fn submitted_for(&self, question: usize) -> Vec<bool> {
        (0..self.panelists.len())
            .map(|p| self.scorecard(question, p).is_some_and(Scorecard::is_submitted))
            .collect()
    }

    /// Notes taken on `question`, in the order they were taken.
    pub fn notes_for(&self, question: usize) -> impl Iterator<Item = &PanelNote> {
        self.notes.iter().filter(move |n| n.question == question)
    }

    /// Blind scoring: a panelist always sees their own card; another's only once it is
    /// submitted and the viewer has submitted their own for that question, or once the
    /// mentor revealed that question. Drafts of others are never shown.
    pub fn can_see(&self, viewer: usize, card: &Scorecard) -> bool {
        if card.panelist == viewer {
            return true;
        }
        if !card.is_submitted() {
            return false;
        }
        self.is_revealed(card.question)
            || self
                .scorecard(card.question, viewer)
                .is_some_and(Scorecard::is_submitted)
    }

    pub fn is_revealed(&self, question: usize) -> bool {
        self.revealed.contains(&question)
    }

    /// True when every panelist has submitted a card for `question`.
    pub fn all_submitted(&self, question: usize) -> bool {
        !self.panelists.is_empty() && self.submitted_for(question).into_iter().all(|s| s)
    }

    /// Reveals every scorecard of `question`; refused (false) until all are submitted.
    pub fn reveal(&mut self, question: usize) -> bool {
        if self.all_submitted(question) {
            self.revealed.insert(question);
        }
        self.is_revealed(question)
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

/// Each panelist's overall recommendation: the one on their latest submitted scorecard
/// (by question), or `None` before they have submitted any.
pub fn final_recommendations(panel: &Panel) -> Vec<Option<Recommendation>> {
    (0..panel.panelists.len())
        .map(|p| {
            panel
                .scorecards
                .iter()
                .filter(|c| c.panelist == p && c.is_submitted())
                .max_by_key(|c| c.question)
                .map(|c| c.recommendation)
        })
        .collect()
}

/// How many panelists recommend each outcome, in the order of `Recommendation::ALL`.
/// Each panelist counts once, with their latest recommendation: a panelist who scored
/// three questions is still one vote.
pub fn recommendation_tally(panel: &Panel) -> Vec<(Recommendation, usize)> {
    let finals = final_recommendations(panel);
    Recommendation::ALL
        .iter()
        .map(|r| (*r, finals.iter().filter(|f| **f == Some(*r)).count()))
        .collect()
}

#[cfg(test)]
#[path = "panel_tests.rs"]
mod tests;

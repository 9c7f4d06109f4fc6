//! Progress over the whole history: scores over time per competency, time discipline
//! per round, coverage against the catalog, and the weakest competencies.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};

use super::chart::{ChartLine, MAX_CHART_POINTS, chart_line};
use crate::bank::{Catalog, Round};
use crate::session::{Score, Session, mean};

/// Who gave a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scorer {
    /// The candidate's own assessment.
    Myself,
    /// The mean of the submitted panel scorecards.
    Panel,
}

/// One session's mean score on one competency.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorePoint {
    pub at: DateTime<FixedOffset>,
    pub session: String,
    pub score: f32,
}

/// A competency's scores over time, self and panel apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompetencySeries {
    pub competency: String,
    pub self_points: Vec<ScorePoint>,
    pub panel_points: Vec<ScorePoint>,
    /// What the chart draws of each (`chart_line`), computed with the series.
    pub self_line: ChartLine,
    pub panel_line: ChartLine,
}

impl CompetencySeries {
    /// Every score, self and panel, averaged.
    pub fn overall_mean(&self) -> Option<f32> {
        let all: Vec<f32> = self
            .self_points
            .iter()
            .chain(&self.panel_points)
            .map(|p| p.score)
            .collect();
        (!all.is_empty()).then(|| all.iter().sum::<f32>() / all.len() as f32)
    }
}

/// A phase that ran over its target, and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseOverrun {
    pub phase: String,
    pub overruns: usize,
    pub timed: usize,
}

/// Time discipline for one round type.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundTiming {
    pub round: Round,
    pub answered: usize,
    pub overran: usize,
    /// Median overrun of the answers that overran, in seconds.
    pub median_overrun_secs: u64,
    /// Phases by how often they overran, most first; only phases that overran at least once.
    pub phases: Vec<PhaseOverrun>,
}

impl RoundTiming {
    /// The share of answers that overran, 0 to 1.
    pub fn overrun_rate(&self) -> f32 {
        if self.answered == 0 {
            0.0
        } else {
            self.overran as f32 / self.answered as f32
        }
    }
}

/// How much of a round's questions were practised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundCoverage {
    pub round: Round,
    pub practised: usize,
    pub available: usize,
}

/// How much of a competency's questions were practised.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencyCoverage {
    pub competency: String,
    pub name: String,
    pub practised: usize,
    pub available: usize,
    /// Mean of every self and panel score on it.
    pub mean: Option<f32>,
}

/// Everything the Progress screen shows, computed once when history changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    /// By competency id.
    pub series: BTreeMap<String, CompetencySeries>,
    pub timing: Vec<RoundTiming>,
    pub rounds: Vec<RoundCoverage>,
    pub competencies: Vec<CompetencyCoverage>,
    /// Scored competencies, weakest first: (id, mean).
    pub weakest: Vec<(String, f32)>,
    /// Pace and pauses over time, per round type, from recorded answers.
    pub delivery: Vec<super::DeliverySeries>,
}

impl Progress {
    pub fn compute(sessions: &[Session], catalog: &Catalog) -> Self {
        let mut ordered: Vec<&Session> = sessions.iter().collect();
        ordered.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        let series = series(&ordered);
        let mut weakest: Vec<(String, f32)> = series
            .values()
            .filter_map(|s| s.overall_mean().map(|m| (s.competency.clone(), m)))
            .collect();
        weakest.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let practised: BTreeSet<&str> = ordered
            .iter()
            .flat_map(|s| s.questions.iter())
            .filter(|q| q.was_answered())
            .map(|q| q.global_id.as_str())
            .collect();
        Self {
            delivery: super::delivery_series(&ordered),
            timing: timing(&ordered),
            rounds: round_coverage(&practised, catalog),
            competencies: competency_coverage(&practised, catalog, &series),
            series,
            weakest,
        }
    }

    /// The competency with the lowest mean score, if any was scored.
    pub fn weakest_competency(&self) -> Option<&str> {
        self.weakest.first().map(|(c, _)| c.as_str())
    }
}

fn series(sessions: &[&Session]) -> BTreeMap<String, CompetencySeries> {
    let mut series: BTreeMap<String, CompetencySeries> = BTreeMap::new();
    for session in sessions {
        let point = |score: f32| ScorePoint {
            at: session.created,
            session: session.id.clone(),
            score,
        };
        for (competency, score) in session.self_means_by_competency() {
            entry(&mut series, &competency).self_points.push(point(score));
        }
        for (competency, score) in panel_means(session) {
            entry(&mut series, &competency).panel_points.push(point(score));
        }
    }
    for one in series.values_mut() {
        one.self_line = chart_line(&one.self_points, MAX_CHART_POINTS);
        one.panel_line = chart_line(&one.panel_points, MAX_CHART_POINTS);
    }
    series
}

fn entry<'a>(
    series: &'a mut BTreeMap<String, CompetencySeries>,
    competency: &str,
) -> &'a mut CompetencySeries {
    series
        .entry(competency.to_owned())
        .or_insert_with(|| CompetencySeries {
            competency: competency.to_owned(),
            ..CompetencySeries::default()
        })
}

/// The mean of the submitted panel scores per competency.
fn panel_means(session: &Session) -> BTreeMap<String, f32> {
    let mut all: BTreeMap<String, Vec<Score>> = BTreeMap::new();
    for card in session.panel.iter().flat_map(|p| &p.scorecards) {
        if card.is_submitted() {
            for (competency, score) in &card.scores {
                all.entry(competency.clone()).or_default().push(*score);
            }
        }
    }
    all.into_iter()
        .filter_map(|(c, scores)| mean(scores).map(|m| (c, m)))
        .collect()
}

fn timing(sessions: &[&Session]) -> Vec<RoundTiming> {
    Round::ALL
        .iter()
        .filter_map(|round| {
            let answers: Vec<_> = sessions
                .iter()
                .flat_map(|s| &s.questions)
                .filter(|q| q.was_answered() && q.round() == *round)
                .collect();
            if answers.is_empty() {
                return None;
            }
            let mut overruns: Vec<u64> = answers
                .iter()
                .map(|q| q.overrun_ms() / 1000)
                .filter(|secs| *secs > 0)
                .collect();
            overruns.sort_unstable();
            let median_overrun_secs = match overruns.len() {
                0 => 0,
                n if n % 2 == 1 => overruns[n / 2],
                n => (overruns[n / 2 - 1] + overruns[n / 2]) / 2,
            };
            let mut phases: BTreeMap<String, PhaseOverrun> = BTreeMap::new();
            for q in &answers {
                for (i, phase) in q.question.phases.iter().enumerate() {
                    let (Some(used), Some(target)) = (q.phase_ms.get(i), q.phase_target_secs.get(i)) else {
                        continue;
                    };
                    let row = phases.entry(phase.name.clone()).or_insert_with(|| PhaseOverrun {
                        phase: phase.name.clone(),
                        overruns: 0,
                        timed: 0,
                    });
                    row.timed += 1;
                    if *used > u64::from(*target) * 1000 {
                        row.overruns += 1;
                    }
                }
            }
            let mut phases: Vec<PhaseOverrun> = phases.into_values().filter(|p| p.overruns > 0).collect();
            phases.sort_by(|a, b| b.overruns.cmp(&a.overruns).then(a.phase.cmp(&b.phase)));
            Some(RoundTiming {
                round: *round,
                answered: answers.len(),
                overran: overruns.len(),
                median_overrun_secs,
                phases,
            })
        })
        .collect()
}

fn round_coverage(practised: &BTreeSet<&str>, catalog: &Catalog) -> Vec<RoundCoverage> {
    Round::ALL
        .iter()
        .map(|round| {
            let ids: Vec<String> = catalog
                .questions()
                .filter(|q| q.question.round == *round)
                .map(|q| q.global_id())
                .collect();
            RoundCoverage {
                round: *round,
                practised: ids.iter().filter(|id| practised.contains(id.as_str())).count(),
                available: ids.len(),
            }
        })
        .filter(|c| c.available > 0)
        .collect()
}

fn competency_coverage(
    practised: &BTreeSet<&str>,
    catalog: &Catalog,
    series: &BTreeMap<String, CompetencySeries>,
) -> Vec<CompetencyCoverage> {
    let mut ids: BTreeSet<String> = catalog
        .questions()
        .flat_map(|q| q.question.competencies.iter().cloned())
        .collect();
    ids.extend(series.keys().cloned());
    ids.into_iter()
        .map(|competency| {
            let with_it: Vec<String> = catalog
                .questions()
                .filter(|q| q.question.competencies.contains(&competency))
                .map(|q| q.global_id())
                .collect();
            CompetencyCoverage {
                name: catalog.competency_name(&competency).to_owned(),
                practised: with_it
                    .iter()
                    .filter(|id| practised.contains(id.as_str()))
                    .count(),
                available: with_it.len(),
                mean: series.get(&competency).and_then(CompetencySeries::overall_mean),
                competency,
            }
        })
        .collect()
}

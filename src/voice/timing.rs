//! When the interviewer asks a follow-up a bank timed (`follow_up_timing`): a number of
//! minutes into the answer, scaled like the answer's own time, or the start of a phase.

use crate::bank::{FollowUpTiming, Question};
use crate::session::{ClockView, Stage};

/// What the bank says about asking follow-up `next` now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpMoment {
    /// The bank does not time it: the interviewer's own moments apply (a phase change,
    /// a phase out of time, a silence).
    Untimed,
    /// Timed, and its moment has not come.
    NotYet,
    /// Timed, and its moment has come.
    Now,
}

/// Whether follow-up `next` (0-based) of `question` is due, given the answer's clock.
pub fn follow_up_moment(question: &Question, next: usize, view: &ClockView) -> FollowUpMoment {
    let timing = question
        .follow_up_timing
        .get(next)
        .unwrap_or(&FollowUpTiming::Untimed);
    let due = match timing {
        FollowUpTiming::Untimed => return FollowUpMoment::Untimed,
        _ if view.stage != Stage::Answer => false,
        FollowUpTiming::AfterMinutes(minutes) => {
            let minutes = u64::from(*minutes);
            match u64::from(question.minutes) {
                // the round's time scale stretches the moment as it stretches the answer
                0 => view.elapsed_ms >= minutes * 60_000,
                whole => view.elapsed_ms * whole >= minutes * view.target_ms,
            }
        }
        FollowUpTiming::AtPhase(name) => view.phases.iter().any(|p| p.current && p.name == *name),
    };
    if due {
        FollowUpMoment::Now
    } else {
        FollowUpMoment::NotYet
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Difficulty, Phase, Round, Style};
    use crate::session::PhaseView;

    fn question(timing: Vec<FollowUpTiming>) -> Question {
        Question {
            id: "q".to_owned(),
            round: Round::SystemsDesign,
            title: "Design a ledger".to_owned(),
            prompt: "Design it.".to_owned(),
            minutes: 10,
            prep_minutes: 0,
            difficulty: Difficulty::Core,
            style: Style::Scenario,
            competencies: vec!["technical_depth".to_owned()],
            phases: vec![
                Phase {
                    name: "Requirements".to_owned(),
                    minutes: 4,
                },
                Phase {
                    name: "Trade-offs".to_owned(),
                    minutes: 6,
                },
            ],
            follow_ups: vec!["a".to_owned(), "b".to_owned(), "c".to_owned()],
            follow_up_timing: timing,
            strong_signals: vec![],
            weak_signals: vec![],
            tags: vec![],
            levels: Default::default(),
        }
    }

    fn view(elapsed_min: f64, target_min: u64, phase: usize) -> ClockView {
        ClockView {
            stage: Stage::Answer,
            running: true,
            elapsed_ms: (elapsed_min * 60_000.0) as u64,
            target_ms: target_min * 60_000,
            phases: ["Requirements", "Trade-offs"]
                .iter()
                .enumerate()
                .map(|(i, name)| PhaseView {
                    name: (*name).to_owned(),
                    budget_ms: 0,
                    used_ms: 0,
                    current: i == phase,
                })
                .collect(),
        }
    }

    #[test]
    fn minutes_into_the_answer_scaled_with_the_round() {
        let q = question(vec![FollowUpTiming::AfterMinutes(3)]);
        assert_eq!(follow_up_moment(&q, 0, &view(2.9, 10, 0)), FollowUpMoment::NotYet);
        assert_eq!(follow_up_moment(&q, 0, &view(3.0, 10, 0)), FollowUpMoment::Now);
        // a round at half time: three minutes of ten become one and a half of five
        assert_eq!(follow_up_moment(&q, 0, &view(1.4, 5, 0)), FollowUpMoment::NotYet);
        assert_eq!(follow_up_moment(&q, 0, &view(1.5, 5, 0)), FollowUpMoment::Now);
    }

    #[test]
    fn at_a_phase_and_untimed() {
        let q = question(vec![
            FollowUpTiming::Untimed,
            FollowUpTiming::AtPhase("Trade-offs".to_owned()),
        ]);
        assert_eq!(
            follow_up_moment(&q, 0, &view(1.0, 10, 0)),
            FollowUpMoment::Untimed
        );
        assert_eq!(follow_up_moment(&q, 1, &view(1.0, 10, 0)), FollowUpMoment::NotYet);
        assert_eq!(follow_up_moment(&q, 1, &view(4.0, 10, 1)), FollowUpMoment::Now);
        // beyond the timings: untimed
        assert_eq!(
            follow_up_moment(&q, 2, &view(9.0, 10, 1)),
            FollowUpMoment::Untimed
        );
    }

    #[test]
    fn nothing_is_due_outside_the_answer() {
        let q = question(vec![FollowUpTiming::AfterMinutes(1)]);
        let mut prep = view(5.0, 10, 0);
        prep.stage = Stage::Prep;
        assert_eq!(follow_up_moment(&q, 0, &prep), FollowUpMoment::NotYet);
    }
}

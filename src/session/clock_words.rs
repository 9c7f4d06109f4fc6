//! The clock in words, for a screen reader: what the timer is called at any moment ("4
//! minutes 58 seconds left, Clarify phase"), and what is announced, and when, as the clock
//! runs: at a change of stage or phase, at 75 % and 100 % of the time, at each minute of
//! overrun, and (if asked) at each minute; never every second.

use serde::{Deserialize, Serialize};

use super::{ClockView, Stage};

/// How often the running clock speaks up through a screen reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimeAnnouncements {
    /// Never: the timer can still be read on demand.
    Off,
    /// At a change of stage or phase, at 75 % and 100 % of the time, at each minute over.
    #[default]
    Milestones,
    /// The milestones, and the time left at each whole minute.
    EveryMinute,
}

impl TimeAnnouncements {
    pub const ALL: [TimeAnnouncements; 3] = [
        TimeAnnouncements::Off,
        TimeAnnouncements::Milestones,
        TimeAnnouncements::EveryMinute,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TimeAnnouncements::Off => "Off",
            TimeAnnouncements::Milestones => "At milestones",
            TimeAnnouncements::EveryMinute => "Every minute",
        }
    }
}

/// A length of time in words: "4 minutes 58 seconds", "1 minute", "0 seconds",
/// "1 hour 5 minutes".
pub fn duration_words(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    let mut parts = Vec::new();
    let mut part = |n: u64, one: &str, many: &str| {
        parts.push(format!("{n} {}", if n == 1 { one } else { many }));
    };
    if h > 0 {
        part(h, "hour", "hours");
    }
    if m > 0 {
        part(m, "minute", "minutes");
    }
    if s > 0 || (h == 0 && m == 0) {
        part(s, "second", "seconds");
    }
    parts.join(" ")
}

/// Whole seconds left, rounded up as the big clock shows them (`None` once over).
fn secs_left(view: &ClockView) -> Option<u64> {
    let remaining = view.remaining_ms();
    (remaining >= 0).then(|| (remaining as u64).div_ceil(1000))
}

/// Whole seconds over (0 until over).
fn secs_over(view: &ClockView) -> u64 {
    view.elapsed_ms.saturating_sub(view.target_ms) / 1000
}

fn current_phase(view: &ClockView) -> Option<(usize, &str)> {
    view.phases
        .iter()
        .enumerate()
        .find(|(_, p)| p.current)
        .map(|(i, p)| (i, p.name.as_str()))
}

/// The timer's accessible name: "4 minutes 58 seconds left, Clarify phase",
/// "1 minute 30 seconds of prep left", "2 minutes 5 seconds over, Design phase",
/// with ", paused" when the clock is stopped.
pub fn clock_words(view: &ClockView) -> String {
    let mut words = match (secs_left(view), view.stage) {
        (Some(left), Stage::Prep) => format!("{} of prep left", duration_words(left)),
        (Some(left), _) => format!("{} left", duration_words(left)),
        (None, Stage::Prep) => format!("{} over the prep time", duration_words(secs_over(view))),
        (None, _) => format!("{} over", duration_words(secs_over(view))),
    };
    if view.stage != Stage::Prep
        && let Some((_, phase)) = current_phase(view)
    {
        words.push_str(&format!(", {phase} phase"));
    }
    if !view.running {
        words.push_str(", paused");
    }
    words
}

/// Where the clock stands, as far as announcements go: an announcement is due when this
/// changes. Compare two marks of the same question only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockMark {
    stage: Stage,
    phase: Option<usize>,
    /// 0 before 75 %, 1 from 75 %, 2 once over.
    level: u8,
    /// Whole minutes over once over; with every-minute announcements, before that, whole
    /// minutes left (rounded up); otherwise 0.
    minute: u64,
}

impl ClockMark {
    /// The mark of `view` under `how`.
    pub fn of(view: &ClockView, how: TimeAnnouncements) -> Self {
        let level = if view.is_over() {
            2
        } else if view.fraction() >= 0.75 {
            1
        } else {
            0
        };
        let minute = match (secs_left(view), how) {
            (None, _) => secs_over(view) / 60,
            (Some(left), TimeAnnouncements::EveryMinute) => left.div_ceil(60).max(1),
            (Some(_), _) => 0,
        };
        ClockMark {
            stage: view.stage,
            phase: current_phase(view).map(|(i, _)| i),
            level,
            minute,
        }
    }
}

/// What to announce now that the clock is at `view`, having been at `before` (the mark
/// last seen for the same question, `None` on the first look): the new mark, and the words
/// to say if any. Nothing is said on the first look, with announcements off, or when the
/// mark has not moved.
pub fn clock_announcement(
    before: Option<ClockMark>,
    view: &ClockView,
    how: TimeAnnouncements,
) -> (ClockMark, Option<String>) {
    let now = ClockMark::of(view, how);
    let Some(before) = before else {
        return (now, None);
    };
    if how == TimeAnnouncements::Off || before == now {
        return (now, None);
    }
    let left = secs_left(view).map(duration_words);
    let phase = current_phase(view).map(|(_, name)| name);
    let text = if before.stage != now.stage {
        match (now.stage, phase) {
            (Stage::Prep, _) => Some(format!(
                "Prep time: {}",
                left.unwrap_or_else(|| "over".to_owned())
            )),
            (Stage::Answer, Some(phase)) => Some(format!(
                "Answer time: {} left, {phase} phase",
                left.unwrap_or_else(|| "0 seconds".to_owned())
            )),
            (Stage::Answer, None) => Some(format!(
                "Answer time: {} left",
                left.unwrap_or_else(|| "0 seconds".to_owned())
            )),
            _ => None,
        }
    } else if now.level == 2 && before.level < 2 {
        Some(match phase {
            Some(phase) => format!("Time is up, {phase} phase"),
            None => "Time is up".to_owned(),
        })
    } else if before.phase != now.phase
        && let Some(phase) = phase
    {
        Some(match &left {
            Some(left) => format!("{phase} phase, {left} left"),
            None => format!("{phase} phase, {} over", duration_words(secs_over(view))),
        })
    } else if now.level == 1 && before.level < 1 {
        Some(format!(
            "Three quarters of the time used, {} left",
            left.unwrap_or_default()
        ))
    } else if now.level == 2 && now.minute != before.minute {
        Some(format!("{} over", duration_words(now.minute * 60)))
    } else if now.minute != before.minute {
        left.map(|left| format!("{left} left"))
    } else {
        None
    };
    (now, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::PhaseView;

    fn view(stage: Stage, elapsed_s: u64, target_s: u64, phase: Option<usize>) -> ClockView {
        let names = ["Clarify", "Design", "Deep dive"];
        ClockView {
            stage,
            running: true,
            elapsed_ms: elapsed_s * 1000,
            target_ms: target_s * 1000,
            phases: match phase {
                Some(current) => names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| PhaseView {
                        name: (*name).to_owned(),
                        budget_ms: 100_000,
                        used_ms: 0,
                        current: i == current,
                    })
                    .collect(),
                None => Vec::new(),
            },
        }
    }

    #[test]
    fn durations_read_as_words_with_singulars() {
        assert_eq!(duration_words(0), "0 seconds");
        assert_eq!(duration_words(1), "1 second");
        assert_eq!(duration_words(60), "1 minute");
        assert_eq!(duration_words(298), "4 minutes 58 seconds");
        assert_eq!(duration_words(3600 + 300), "1 hour 5 minutes");
        assert_eq!(duration_words(2 * 3600 + 61), "2 hours 1 minute 1 second");
    }

    #[test]
    fn the_timer_is_named_in_words_with_its_phase() {
        let v = view(Stage::Answer, 2, 300, Some(0));
        assert_eq!(clock_words(&v), "4 minutes 58 seconds left, Clarify phase");
        // rounded up as the digits are: 4:58 with 0.4 s gone of the 59th second
        let mut partly = v.clone();
        partly.elapsed_ms = 1_400;
        assert_eq!(clock_words(&partly), "4 minutes 59 seconds left, Clarify phase");
    }

    #[test]
    fn prep_overrun_and_pause_have_their_own_words() {
        assert_eq!(
            clock_words(&view(Stage::Prep, 30, 120, None)),
            "1 minute 30 seconds of prep left"
        );
        assert_eq!(
            clock_words(&view(Stage::Answer, 425, 300, Some(1))),
            "2 minutes 5 seconds over, Design phase"
        );
        let mut paused = view(Stage::Answer, 60, 300, None);
        paused.running = false;
        assert_eq!(clock_words(&paused), "4 minutes left, paused");
    }

    /// Runs the clock second by second from `from` to `to` and collects what is said.
    fn said(how: TimeAnnouncements, from: u64, to: u64, phase_at: impl Fn(u64) -> usize) -> Vec<String> {
        let mut mark = None;
        let mut out = Vec::new();
        for s in from..=to {
            let (now, text) = clock_announcement(mark, &view(Stage::Answer, s, 400, Some(phase_at(s))), how);
            mark = Some(now);
            out.extend(text);
        }
        out
    }

    #[test]
    fn milestones_are_said_once_each_never_every_second() {
        let heard = said(TimeAnnouncements::Milestones, 0, 530, |s| usize::from(s >= 120));
        assert_eq!(
            heard,
            [
                "Design phase, 4 minutes 40 seconds left",
                "Three quarters of the time used, 1 minute 40 seconds left",
                "Time is up, Design phase",
                "1 minute over",
                "2 minutes over",
            ]
        );
    }

    #[test]
    fn every_minute_adds_the_time_left_at_each_minute() {
        let heard = said(TimeAnnouncements::EveryMinute, 0, 460, |_| 0);
        assert_eq!(
            heard,
            [
                "6 minutes left",
                "5 minutes left",
                "4 minutes left",
                "3 minutes left",
                "2 minutes left",
                "Three quarters of the time used, 1 minute 40 seconds left",
                "1 minute left",
                "Time is up, Clarify phase",
                "1 minute over",
            ]
        );
    }

    #[test]
    fn off_says_nothing_and_the_first_look_says_nothing() {
        assert!(said(TimeAnnouncements::Off, 0, 530, |s| usize::from(s >= 120)).is_empty());
        let (_, first) = clock_announcement(
            None,
            &view(Stage::Answer, 399, 400, Some(2)),
            TimeAnnouncements::EveryMinute,
        );
        assert_eq!(first, None);
    }

    #[test]
    fn a_change_of_stage_is_announced() {
        let prep = view(Stage::Prep, 119, 120, None);
        let (mark, _) = clock_announcement(None, &prep, TimeAnnouncements::Milestones);
        let answer = view(Stage::Answer, 0, 300, Some(0));
        let (_, text) = clock_announcement(Some(mark), &answer, TimeAnnouncements::Milestones);
        assert_eq!(
            text.as_deref(),
            Some("Answer time: 5 minutes left, Clarify phase")
        );
    }
}

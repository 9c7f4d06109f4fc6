//! Delivery metrics in words: the same lines for the app, the exports and the command
//! line, so each says the same thing the same way.

use super::DeliveryMetrics;
use crate::session::format_clock;

/// One metric as shown: its name and its value in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub label: &'static str,
    pub value: String,
}

/// Seconds as m:ss, rounded to the nearest second.
pub fn clock(ms: u64) -> String {
    format_clock((ms + 500) / 1000)
}

/// The metrics of an answer (or a phase) in words. `clock_ms` is the answer clock's
/// time, to set talk time against; `transcribed` says whether words were counted (pace
/// and fillers need a transcript).
pub fn lines(m: &DeliveryMetrics, clock_ms: Option<u64>, transcribed: bool) -> Vec<Line> {
    let line = |label, value| Line { label, value };
    let talk = match clock_ms {
        Some(c) if c > 0 => format!("{} of {} on the clock", clock(m.talk_ms), clock(c)),
        _ => clock(m.talk_ms),
    };
    let pace = match (transcribed, m.words_per_minute) {
        (true, Some(wpm)) => format!("{wpm:.0} words a minute ({} words)", m.words),
        (true, None) => "no words heard".to_owned(),
        (false, _) => "needs a transcript".to_owned(),
    };
    let pauses = match m.pause_count {
        0 => "none".to_owned(),
        n => format!("{n}, longest {}", clock(m.longest_pause_ms)),
    };
    let first = m
        .time_to_first_word_ms
        .map_or_else(|| "nothing heard".to_owned(), clock);
    let fillers = if !transcribed {
        "needs a transcript".to_owned()
    } else if m.fillers.total == 0 {
        "none heard".to_owned()
    } else {
        let each: Vec<String> = m
            .fillers
            .counts
            .iter()
            .take(4)
            .map(|(f, n)| format!("\u{201c}{f}\u{201d} {n}"))
            .collect();
        format!("{} ({})", m.fillers.total, each.join(", "))
    };
    vec![
        line("Talk time", talk),
        line("Pace", pace),
        line("Pauses of 3 s or more", pauses),
        line("Time to first word", first),
        line("Longest stretch without a pause", clock(m.longest_run_ms)),
        line("Filler words (approximate)", fillers),
    ]
}

/// One line for a whole answer: "2:40 talk of 3:05 · 142 wpm · 2 pauses of 3 s or more".
pub fn summary(m: &DeliveryMetrics, clock_ms: Option<u64>, transcribed: bool) -> String {
    let mut parts = vec![match clock_ms {
        Some(c) if c > 0 => format!("{} talk of {}", clock(m.talk_ms), clock(c)),
        _ => format!("{} talk", clock(m.talk_ms)),
    }];
    if transcribed && let Some(wpm) = m.words_per_minute {
        parts.push(format!("{wpm:.0} wpm"));
    }
    parts.push(match m.pause_count {
        1 => "1 pause of 3 s or more".to_owned(),
        n => format!("{n} pauses of 3 s or more"),
    });
    if transcribed {
        parts.push(format!("{} fillers (approx.)", m.fillers.total));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::metrics::{Fillers, Pause};

    fn metrics() -> DeliveryMetrics {
        DeliveryMetrics {
            start_ms: 0,
            end_ms: 200_000,
            talk_ms: 160_000,
            words: 380,
            words_per_minute: Some(142.4),
            pauses: vec![
                Pause {
                    start_ms: 10_000,
                    end_ms: 13_200,
                },
                Pause {
                    start_ms: 50_000,
                    end_ms: 55_400,
                },
            ],
            pause_count: 2,
            longest_pause_ms: 5_400,
            time_to_first_word_ms: Some(2_600),
            longest_run_ms: 81_000,
            fillers: Fillers {
                approximate: true,
                total: 5,
                counts: vec![("um".into(), 3), ("you know".into(), 2)],
            },
        }
    }

    #[test]
    fn every_metric_has_a_line_and_fillers_say_approximate() {
        let got = lines(&metrics(), Some(185_000), true);
        let text: Vec<String> = got.iter().map(|l| format!("{}: {}", l.label, l.value)).collect();
        assert_eq!(
            text,
            vec![
                "Talk time: 2:40 of 3:05 on the clock",
                "Pace: 142 words a minute (380 words)",
                "Pauses of 3 s or more: 2, longest 0:05",
                "Time to first word: 0:03",
                "Longest stretch without a pause: 1:21",
                "Filler words (approximate): 5 (\u{201c}um\u{201d} 3, \u{201c}you know\u{201d} 2)",
            ]
        );
    }

    #[test]
    fn without_a_transcript_pace_and_fillers_say_what_they_need() {
        let got = lines(&metrics(), None, false);
        assert_eq!(got[0].value, "2:40");
        assert_eq!(got[1].value, "needs a transcript");
        assert_eq!(got[5].value, "needs a transcript");
        assert_eq!(
            summary(&metrics(), Some(185_000), false),
            "2:40 talk of 3:05 · 2 pauses of 3 s or more"
        );
        assert_eq!(
            summary(&metrics(), Some(185_000), true),
            "2:40 talk of 3:05 · 142 wpm · 2 pauses of 3 s or more · 5 fillers (approx.)"
        );
    }
}

//! Delivery metrics from the words of a transcript and the audio's energy.
//!
//! Pauses, talk time and time to first speech come from the audio (10 ms frames,
//! RMS, a threshold set from the recording's own noise floor and loudness); words
//! per minute and filler words come from the transcript. Filler counts are
//! approximate: recognisers drop many "um"s and "uh"s, and "like" or "actually" are
//! sometimes not fillers at all.

use serde::{Deserialize, Serialize};

use super::Word;

/// Samples per envelope frame at 16 kHz (10 ms).
pub const FRAME: usize = 160;
pub const FRAME_MS: u64 = 10;
/// A silence at least this long counts as a pause.
pub const PAUSE_MS: u64 = 3000;

/// RMS of each 10 ms frame of 16 kHz samples.
pub fn frame_rms(samples: &[f32]) -> Vec<f32> {
    samples
        .chunks(FRAME)
        .map(|c| (c.iter().map(|x| x * x).sum::<f32>() / c.len() as f32).sqrt())
        .collect()
}

/// Which frames hold sound above the adaptive threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub voiced: Vec<bool>,
    pub threshold: f32,
}

fn percentile(sorted: &[f32], p: f64) -> f32 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// The energy envelope: a frame is voiced when its RMS is above the larger of three
/// times the noise floor (10th percentile), 2 % of the loud level (95th
/// percentile), and an absolute floor of −74 dBFS.
pub fn envelope(samples_16k: &[f32]) -> Envelope {
    let rms = frame_rms(samples_16k);
    let mut sorted = rms.clone();
    sorted.sort_by(f32::total_cmp);
    let floor = percentile(&sorted, 0.10);
    let loud = percentile(&sorted, 0.95);
    let threshold = (floor * 3.0).max(loud * 0.02).max(2e-4);
    Envelope {
        voiced: rms.iter().map(|r| *r > threshold).collect(),
        threshold,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub start_ms: u64,
    pub end_ms: u64,
}

impl Pause {
    pub fn len_ms(&self) -> u64 {
        self.end_ms - self.start_ms
    }
}

/// Silences of `PAUSE_MS` or more between the first and last sound in `range`
/// (frame indices).
fn pauses_in(env: &Envelope, from: usize, to: usize) -> (Vec<Pause>, Option<(usize, usize)>) {
    let v = &env.voiced[from.min(env.voiced.len())..to.min(env.voiced.len())];
    let Some(first) = v.iter().position(|&x| x) else {
        return (Vec::new(), None);
    };
    let last = v.iter().rposition(|&x| x).unwrap_or(first);
    let mut pauses = Vec::new();
    let mut run_start = None;
    for (i, &on) in v.iter().enumerate().take(last + 1).skip(first) {
        match (on, run_start) {
            (false, None) => run_start = Some(i),
            (true, Some(s)) => {
                if (i - s) as u64 * FRAME_MS >= PAUSE_MS {
                    pauses.push(Pause {
                        start_ms: (from + s) as u64 * FRAME_MS,
                        end_ms: (from + i) as u64 * FRAME_MS,
                    });
                }
                run_start = None;
            }
            _ => {}
        }
    }
    (pauses, Some((from + first, from + last + 1)))
}

/// Filler words and phrases, lower case, as single words or word pairs.
pub const FILLERS: &[&str] = &[
    "um",
    "umm",
    "uh",
    "uhh",
    "erm",
    "er",
    "ah",
    "hmm",
    "mm",
    "like",
    "basically",
    "actually",
    "literally",
    "you know",
    "sort of",
    "kind of",
    "i mean",
];

fn normalise(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .flat_map(char::to_lowercase)
        .collect()
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fillers {
    /// Always true: recognisers drop some fillers and some matches are not fillers.
    pub approximate: bool,
    pub total: u32,
    /// (filler, count), most frequent first.
    pub counts: Vec<(String, u32)>,
}

pub fn fillers(words: &[Word]) -> Fillers {
    let norm: Vec<String> = words.iter().map(|w| normalise(&w.text)).collect();
    let mut counts: Vec<(String, u32)> = Vec::new();
    let mut bump = |f: &str| match counts.iter_mut().find(|(n, _)| n == f) {
        Some((_, c)) => *c += 1,
        None => counts.push((f.to_owned(), 1)),
    };
    let mut i = 0;
    while i < norm.len() {
        if i + 1 < norm.len() {
            let pair = format!("{} {}", norm[i], norm[i + 1]);
            if FILLERS.contains(&pair.as_str()) {
                bump(&pair);
                i += 2;
                continue;
            }
        }
        if FILLERS.contains(&norm[i].as_str()) {
            bump(&norm[i]);
        }
        i += 1;
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Fillers {
        approximate: true,
        total: counts.iter().map(|(_, c)| c).sum(),
        counts,
    }
}

/// Delivery of one answer or one phase of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeliveryMetrics {
    pub start_ms: u64,
    pub end_ms: u64,
    /// From the first sound to the last, less pauses.
    pub talk_ms: u64,
    pub words: u32,
    /// Words per minute of talk time; `None` without words or talk.
    pub words_per_minute: Option<f64>,
    pub pauses: Vec<Pause>,
    pub pause_count: u32,
    pub longest_pause_ms: u64,
    /// From the start to the first word (or the first sound, without a transcript).
    pub time_to_first_word_ms: Option<u64>,
    /// The longest stretch of talk between pauses.
    pub longest_run_ms: u64,
    pub fillers: Fillers,
}

/// Metrics for the part of the recording from `start_ms` to `end_ms`.
pub fn delivery(words: &[Word], env: &Envelope, start_ms: u64, end_ms: u64) -> DeliveryMetrics {
    let from = (start_ms / FRAME_MS) as usize;
    let to = (end_ms / FRAME_MS) as usize;
    let (pauses, sound) = pauses_in(env, from, to);
    let inside: Vec<Word> = words
        .iter()
        .filter(|w| w.start_ms >= start_ms && w.start_ms < end_ms)
        .cloned()
        .collect();
    let paused: u64 = pauses.iter().map(Pause::len_ms).sum();
    let (talk_ms, longest_run_ms, first_sound) = match sound {
        Some((a, b)) => {
            let (a_ms, b_ms) = (a as u64 * FRAME_MS, b as u64 * FRAME_MS);
            let mut edges = vec![a_ms];
            for p in &pauses {
                edges.push(p.start_ms);
                edges.push(p.end_ms);
            }
            edges.push(b_ms);
            let longest = edges.chunks(2).map(|c| c[1] - c[0]).max().unwrap_or(0);
            (b_ms - a_ms - paused, longest, Some(a_ms))
        }
        None => (0, 0, None),
    };
    let first_word = inside.first().map(|w| w.start_ms).or(first_sound);
    DeliveryMetrics {
        start_ms,
        end_ms,
        talk_ms,
        words: inside.len() as u32,
        words_per_minute: (talk_ms > 0 && !inside.is_empty())
            .then(|| inside.len() as f64 * 60_000.0 / talk_ms as f64),
        pause_count: pauses.len() as u32,
        longest_pause_ms: pauses.iter().map(Pause::len_ms).max().unwrap_or(0),
        pauses,
        time_to_first_word_ms: first_word.map(|t| t.saturating_sub(start_ms)),
        longest_run_ms,
        fillers: fillers(&inside),
    }
}

/// The whole answer and each phase between `boundaries_ms` (sorted, inside the
/// recording; the phases run from 0 to the first boundary, and so on to the end).
pub fn per_phase(
    words: &[Word],
    env: &Envelope,
    duration_ms: u64,
    boundaries_ms: &[u64],
) -> (DeliveryMetrics, Vec<DeliveryMetrics>) {
    let whole = delivery(words, env, 0, duration_ms);
    let mut edges = vec![0];
    edges.extend(
        boundaries_ms
            .iter()
            .copied()
            .filter(|b| *b > 0 && *b < duration_ms),
    );
    edges.sort_unstable();
    edges.dedup();
    edges.push(duration_ms);
    let phases = if edges.len() > 2 {
        edges
            .windows(2)
            .map(|e| delivery(words, env, e[0], e[1]))
            .collect()
    } else {
        Vec::new()
    };
    (whole, phases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, start_ms: u64, end_ms: u64) -> Word {
        Word {
            text: text.into(),
            start_ms,
            end_ms,
        }
    }

    /// `parts` of (seconds, loud?) joined into 16 kHz samples.
    fn audio(parts: &[(f64, bool)]) -> Vec<f32> {
        let mut s = Vec::new();
        for &(secs, loud) in parts {
            let n = (secs * 16_000.0) as usize;
            for i in 0..n {
                let t = i as f32 / 16_000.0;
                s.push(if loud {
                    0.3 * (2.0 * std::f32::consts::PI * 220.0 * t).sin()
                } else {
                    0.0005 * ((i * 7919 % 13) as f32 / 6.0 - 1.0)
                });
            }
        }
        s
    }

    #[test]
    fn rms_of_frames() {
        let r = frame_rms(&[0.5; 320]);
        assert_eq!(r.len(), 2);
        assert!((r[0] - 0.5).abs() < 1e-6);
    }

    #[test]
    fn pauses_of_three_seconds_or_more_between_speech() {
        let s = audio(&[
            (1.0, false),
            (2.0, true),
            (3.5, false),
            (1.0, true),
            (2.0, false),
            (1.5, true),
            (4.0, false),
        ]);
        let env = envelope(&s);
        let m = delivery(&[], &env, 0, 15_000);
        assert_eq!(m.pause_count, 1, "{:?}", m.pauses);
        assert_eq!(
            m.pauses[0],
            Pause {
                start_ms: 3000,
                end_ms: 6500
            }
        );
        assert_eq!(m.longest_pause_ms, 3500);
        // talk from 1.0 s to 11.0 s less the 3.5 s pause
        assert_eq!(m.talk_ms, 6500);
        assert_eq!(m.time_to_first_word_ms, Some(1000));
        // 6.5 s to 11.0 s holds a 2 s silence, shorter than a pause
        assert_eq!(m.longest_run_ms, 4500);
        assert_eq!(m.words_per_minute, None);
    }

    #[test]
    fn silence_only_has_no_talk() {
        let env = envelope(&vec![0.0; 16_000 * 5]);
        let m = delivery(&[], &env, 0, 5000);
        assert_eq!(m.talk_ms, 0);
        assert_eq!(m.time_to_first_word_ms, None);
        assert_eq!(m.pause_count, 0);
    }

    #[test]
    fn words_per_minute_and_first_word_from_the_transcript() {
        let s = audio(&[(0.5, false), (6.0, true), (0.5, false)]);
        let env = envelope(&s);
        let words: Vec<Word> = (0..12)
            .map(|i| word("word", 600 + i * 500, 1000 + i * 500))
            .collect();
        let m = delivery(&words, &env, 0, 7000);
        assert_eq!(m.words, 12);
        assert_eq!(m.talk_ms, 6000);
        assert_eq!(m.words_per_minute, Some(120.0));
        assert_eq!(m.time_to_first_word_ms, Some(600));
    }

    #[test]
    fn fillers_single_and_paired_are_counted_and_approximate() {
        let text = "Um, so I mean we basically, you know, sort of shipped it. Uh, like, um.";
        let words: Vec<Word> = text.split_whitespace().map(|t| word(t, 0, 1)).collect();
        let f = fillers(&words);
        assert!(f.approximate);
        assert_eq!(f.total, 8);
        assert_eq!(f.counts[0], ("um".to_owned(), 2));
        for name in ["i mean", "basically", "you know", "sort of", "uh", "like"] {
            assert!(
                f.counts.iter().any(|(n, c)| n == name && *c == 1),
                "{name}: {f:?}"
            );
        }
        assert_eq!(fillers(&[word("Kindly", 0, 1), word("ofcourse", 1, 2)]).total, 0);
    }

    #[test]
    fn phases_split_words_and_pauses() {
        let s = audio(&[(1.0, true), (4.0, false), (1.0, true), (1.0, false), (1.0, true)]);
        let env = envelope(&s);
        let words = vec![
            word("one", 100, 500),
            word("two", 5200, 5600),
            word("three", 7100, 7600),
        ];
        let (whole, phases) = per_phase(&words, &env, 8000, &[5000]);
        assert_eq!(whole.words, 3);
        assert_eq!(whole.pause_count, 1);
        assert_eq!(phases.len(), 2);
        assert_eq!(phases[0].words, 1);
        assert_eq!(phases[1].words, 2);
        assert_eq!(phases[1].time_to_first_word_ms, Some(200));
        // the pause ends at the boundary, and the second phase has none
        assert_eq!(phases[1].pause_count, 0);
        let (_, none) = per_phase(&words, &env, 8000, &[]);
        assert!(none.is_empty());
    }
}

//! Where a transcript touches a strong or weak signal: the signal's own words (less the
//! common ones) looked for in what was said. A hint points the candidate to a moment to
//! listen to again; it never decides whether the signal was shown.

use super::Word;

/// One place in the transcript that shares words with a signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The first matching word, an index into the transcript's words.
    pub word_index: usize,
    /// When that word was said, ms into the recording.
    pub at_ms: u64,
    /// The signal's words found here, as stems, in the order first found.
    pub matched: Vec<String>,
    /// A few words around the match, as said (corrections applied).
    pub excerpt: String,
}

/// Words too common to say anything about a signal.
const STOP: &[&str] = &[
    "about",
    "after",
    "again",
    "also",
    "and",
    "any",
    "are",
    "because",
    "been",
    "before",
    "being",
    "both",
    "but",
    "can",
    "could",
    "did",
    "does",
    "doing",
    "down",
    "each",
    "even",
    "every",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "her",
    "here",
    "him",
    "his",
    "how",
    "into",
    "its",
    "just",
    "like",
    "make",
    "makes",
    "making",
    "many",
    "more",
    "most",
    "much",
    "must",
    "not",
    "now",
    "off",
    "once",
    "one",
    "only",
    "other",
    "our",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "through",
    "too",
    "under",
    "until",
    "very",
    "was",
    "way",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "without",
    "would",
    "you",
    "your",
    "clear",
    "clearly",
    "explicit",
    "explicitly",
    "specific",
    "specifically",
    "good",
    "well",
    "uses",
    "using",
    "use",
    "gives",
    "give",
    "shows",
    "show",
];

/// Matches closer than this (ms) belong to one hint.
const CLUSTER_MS: u64 = 12_000;
/// At most this many hints per signal, the best first.
pub const MAX_HINTS: usize = 3;

fn normalise(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A crude English stem: enough that "hiring", "hired" and "hires" meet "hire".
pub fn stem(word: &str) -> String {
    let w = normalise(word);
    for suffix in [
        "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "s",
        "e",
    ] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
        {
            return base.to_owned();
        }
    }
    w
}

/// The signal's telling words, as stems: four letters or more, common words left out.
pub fn keywords(signal: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in signal.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        let w = normalise(raw);
        if w.chars().count() < 4 || STOP.contains(&w.as_str()) {
            continue;
        }
        let s = stem(&w);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Where `words` (as said, corrections applied) touch `signal`: clusters of matching
/// words, those sharing the most different words with the signal first, at most
/// [`MAX_HINTS`].
pub fn signal_hints(signal: &str, words: &[Word]) -> Vec<Hint> {
    let keys = keywords(signal);
    if keys.is_empty() {
        return Vec::new();
    }
    let mut hints: Vec<(Hint, u64)> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let s = stem(&w.text);
        let Some(key) = keys.iter().find(|k| **k == s) else {
            continue;
        };
        match hints.last_mut() {
            Some((hint, last)) if w.start_ms.saturating_sub(*last) <= CLUSTER_MS => {
                *last = w.start_ms;
                if !hint.matched.contains(key) {
                    hint.matched.push(key.clone());
                }
            }
            _ => hints.push((
                Hint {
                    word_index: i,
                    at_ms: w.start_ms,
                    matched: vec![key.clone()],
                    excerpt: excerpt(words, i),
                },
                w.start_ms,
            )),
        }
    }
    let mut hints: Vec<Hint> = hints.into_iter().map(|(h, _)| h).collect();
    // most different words first; earlier first among equals (a stable sort keeps order)
    hints.sort_by_key(|h| std::cmp::Reverse(h.matched.len()));
    hints.truncate(MAX_HINTS);
    hints
}

fn excerpt(words: &[Word], at: usize) -> String {
    let from = at.saturating_sub(3);
    let to = (at + 6).min(words.len());
    let mut text: Vec<&str> = words[from..to].iter().map(|w| w.text.as_str()).collect();
    if to < words.len() {
        text.push("…");
    }
    let joined = text.join(" ");
    if from > 0 { format!("… {joined}") } else { joined }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> Vec<Word> {
        text.split_whitespace()
            .enumerate()
            .map(|(i, t)| Word {
                text: t.to_owned(),
                start_ms: i as u64 * 1000,
                end_ms: i as u64 * 1000 + 600,
            })
            .collect()
    }

    #[test]
    fn keywords_leave_out_short_and_common_words() {
        assert_eq!(
            keywords("Names the trade-offs explicitly and hires for the gaps"),
            vec!["nam", "trad", "off", "hir", "gap"]
        );
        assert!(keywords("is it the one").is_empty());
    }

    #[test]
    fn inflected_words_meet_the_signal() {
        assert_eq!(stem("hiring"), stem("hires"));
        assert_eq!(stem("Hired,"), stem("hire"));
        assert_eq!(stem("metrics"), stem("metric"));
    }

    #[test]
    fn a_hint_points_at_the_first_matching_word() {
        let words = said("so first I hired two senior engineers and then we measured attrition");
        let hints = signal_hints("Hires senior people before scaling", &words);
        assert_eq!(hints.len(), 1);
        assert_eq!(hints[0].word_index, 3);
        assert_eq!(hints[0].at_ms, 3000);
        assert_eq!(hints[0].matched, vec!["hir", "senior"]);
        assert!(
            hints[0].excerpt.starts_with("so first I hired"),
            "{}",
            hints[0].excerpt
        );
    }

    #[test]
    fn distant_matches_are_separate_hints_and_the_richest_comes_first() {
        let mut text = String::from("we talked about attrition ");
        text.push_str(&"and then more words ".repeat(5));
        text.push_str("attrition fell after the retention plan");
        let words = said(&text);
        let hints = signal_hints("Brings attrition down with a retention plan", &words);
        assert_eq!(hints.len(), 2);
        assert_eq!(hints[0].matched, vec!["attrition", "retention", "plan"]);
        assert_eq!(hints[1].word_index, 3);
    }

    #[test]
    fn nothing_matches_nothing() {
        assert!(signal_hints("Owns the budget", &said("we shipped the feature")).is_empty());
        assert!(signal_hints("Owns the budget", &[]).is_empty());
    }
}

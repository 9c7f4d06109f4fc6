//! A question's Markdown as an interviewer would say it: no symbols read out, lists read
//! as lists, money and magnitudes as words, and abbreviations spelled out the way people
//! say them ("p99" is "p 99", "EM" is "E M").

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The spoken form of a Markdown text: plain sentences a speech engine reads naturally.
pub fn spoken_form(markdown: &str) -> String {
    let mut out = Sentences::default();
    // (ordered, next number) for each open list
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut in_image = 0usize;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::List(start)) => {
                out.end_sentence();
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                out.end_sentence();
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                out.end_sentence();
                if let Some(Some(n)) = lists.last_mut() {
                    out.push_words(&format!("{}, ", ordinal(*n)));
                    *n += 1;
                }
            }
            Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableRow)
            | Event::End(TagEnd::TableHead | TagEnd::BlockQuote(_) | TagEnd::CodeBlock) => out.end_sentence(),
            Event::End(TagEnd::TableCell) => out.push_raw(", "),
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(text) | Event::Code(text) if in_image == 0 => out.push_words(&speak_words(&text)),
            Event::SoftBreak | Event::HardBreak => out.push_raw(" "),
            Event::Rule => out.end_sentence(),
            _ => {}
        }
    }
    out.finish()
}

/// "First", "Second" … for the items of a numbered list; "Number 11" beyond ten.
fn ordinal(n: u64) -> String {
    const WORDS: [&str; 10] = [
        "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    ];
    match n {
        1..=10 => WORDS[(n - 1) as usize].to_owned(),
        _ => format!("Number {n}"),
    }
}

/// Text gathered into sentences, each ended by a full stop unless it has its own.
#[derive(Default)]
struct Sentences {
    done: String,
    current: String,
}

impl Sentences {
    /// Inline markup (emphasis, a code span) splits text, which keeps its own spaces.
    fn push_words(&mut self, words: &str) {
        self.current.push_str(words);
    }

    fn push_raw(&mut self, text: &str) {
        self.current.push_str(text);
    }

    fn end_sentence(&mut self) {
        let sentence = collapse_spaces(&self.current);
        self.current.clear();
        let sentence = sentence.trim().trim_end_matches([',', ';']).trim();
        if sentence.is_empty() {
            return;
        }
        if !self.done.is_empty() {
            self.done.push(' ');
        }
        self.done.push_str(sentence);
        if !sentence.ends_with(['.', '?', '!']) {
            self.done.push(if sentence.ends_with(':') { ' ' } else { '.' });
            if sentence.ends_with(':') {
                self.done.pop();
            }
        }
    }

    fn finish(mut self) -> String {
        self.end_sentence();
        self.done
    }
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() && !word.starts_with([',', '.', ';', ':', '!', '?', ')']) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Abbreviations said as a word, or said another way, whatever their case.
const SAID_AS: &[(&str, &str)] = &[
    ("k8s", "Kubernetes"),
    ("e.g.", "for example"),
    ("i.e.", "that is"),
    ("etc.", "and so on"),
    ("vs", "versus"),
    ("vs.", "versus"),
    ("w/", "with"),
    ("&", "and"),
    ("1:1", "one-to-one"),
    ("1:1s", "one-to-ones"),
    ("24/7", "twenty-four seven"),
    ("STAR", "star"),
    ("NASA", "NASA"),
    ("SaaS", "sass"),
    ("PaaS", "pass"),
    ("DevOps", "dev ops"),
    ("OKR", "O K R"),
    ("OKRs", "O K Rs"),
    ("k", "thousand"),
    ("qps", "Q P S"),
    ("rps", "R P S"),
    ("QPS", "Q P S"),
    ("RPS", "R P S"),
];

/// Units after a number, said in full.
const UNITS: &[(&str, &str, &str)] = &[
    // (suffix, singular, plural)
    ("ms", "millisecond", "milliseconds"),
    ("us", "microsecond", "microseconds"),
    ("µs", "microsecond", "microseconds"),
    ("s", "second", "seconds"),
    ("min", "minute", "minutes"),
    ("h", "hour", "hours"),
    ("kb", "kilobyte", "kilobytes"),
    ("mb", "megabyte", "megabytes"),
    ("gb", "gigabyte", "gigabytes"),
    ("tb", "terabyte", "terabytes"),
    ("pb", "petabyte", "petabytes"),
    ("x", "times", "times"),
    ("%", "percent", "percent"),
    ("k", "thousand", "thousand"),
    ("m", "million", "million"),
    ("mm", "million", "million"),
    ("b", "billion", "billion"),
    ("bn", "billion", "billion"),
    ("qps", "Q P S", "Q P S"),
    ("rps", "R P S", "R P S"),
];

/// Currency symbols and what they are called after the amount.
const CURRENCIES: &[(char, &str, &str)] = &[
    ('$', "dollar", "dollars"),
    ('£', "pound", "pounds"),
    ('€', "euro", "euros"),
];

/// Each word of plain text in its spoken form.
fn speak_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        out.push_str(&speak_token(&rest[..end]));
        rest = &rest[end..];
    }
    out
}

/// One whitespace-separated token, with its leading and trailing punctuation kept.
fn speak_token(token: &str) -> String {
    if let Some((_, said)) = SAID_AS.iter().find(|(w, _)| *w == token) {
        return (*said).to_owned();
    }
    let lead_len = token.len() - token.trim_start_matches(['(', '"', '\'', '“', '‘', '[']).len();
    let (lead, body) = token.split_at(lead_len);
    let body_trimmed = body.trim_end_matches([',', '.', ';', ':', '!', '?', ')', '"', '\'', '”', '’', ']']);
    let trail = &body[body_trimmed.len()..];
    // "etc." and "e.g." end in a full stop that belongs to them
    let (body, trail) = match SAID_AS
        .iter()
        .find(|(w, _)| w.ends_with('.') && body.starts_with(*w))
    {
        Some((w, _)) => (&body[..w.len()], &body[w.len()..]),
        None => (body_trimmed, trail),
    };
    if body.is_empty() {
        return token.to_owned();
    }
    let spoken = speak_body(body);
    format!("{lead}{spoken}{trail}")
}

fn speak_body(body: &str) -> String {
    if let Some((_, said)) = SAID_AS.iter().find(|(w, _)| *w == body) {
        return (*said).to_owned();
    }
    // ranges and alternatives: "3–5", "10-20%", "read/write", "p50/p99"
    for (sep, word) in [("–", " to "), ("—", ", "), ("/", " or ")] {
        if body.contains(sep) && body.split(sep).all(|p| !p.is_empty()) {
            let parts: Vec<String> = body.split(sep).map(speak_body).collect();
            return parts.join(word);
        }
    }
    if let Some((a, b)) = body.split_once('-')
        && starts_numeric(a)
        && starts_numeric(b)
    {
        return format!("{} to {}", speak_body(a), speak_body(b));
    }
    if body.contains('&') && body.split('&').all(|p| !p.is_empty()) {
        let parts: Vec<String> = body.split('&').map(speak_body).collect();
        return parts.join(" and ");
    }
    for apostrophe in ["'s", "’s"] {
        if let Some(stem) = body.strip_suffix(apostrophe)
            && let Some(spelled) = spelled_out(stem)
        {
            return format!("{spelled}{apostrophe}");
        }
    }
    if let Some(money) = money(body) {
        return money;
    }
    if let Some(amount) = number_with_unit(body) {
        return amount;
    }
    // "p99", "P50", "Q3", "H2", "L6": a letter and a number, said apart
    let mut chars = body.chars();
    if let Some(first) = chars.next()
        && first.is_ascii_alphabetic()
        && body.len() > 1
        && body[1..].chars().all(|c| c.is_ascii_digit() || c == '.')
        && body[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return format!("{first} {}", &body[1..]);
    }
    if let Some(spelled) = spelled_out(body) {
        return spelled;
    }
    // hyphenated words keep their parts' forms: "SLO-based", "on-call"
    if body.contains('-') && body.split('-').all(|p| !p.is_empty()) {
        let parts: Vec<String> = body.split('-').map(speak_body).collect();
        // ordinary compounds ("on-call") keep their hyphen
        if parts.iter().zip(body.split('-')).any(|(said, part)| said != part) {
            return parts.join(" ");
        }
        return body.to_owned();
    }
    body.to_owned()
}

fn starts_numeric(s: &str) -> bool {
    s.trim_start_matches(['$', '£', '€'])
        .starts_with(|c: char| c.is_ascii_digit())
}

/// All capitals, two to five letters (with an optional plural "s"): said letter by letter.
fn spelled_out(word: &str) -> Option<String> {
    let (letters, plural) = match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase()) => (stem, true),
        _ => (word, false),
    };
    let ok = (2..=5).contains(&letters.len())
        && letters
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !ok || !letters.chars().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let mut spoken: Vec<String> = letters.chars().map(|c| c.to_string()).collect();
    if plural && let Some(last) = spoken.last_mut() {
        last.push('s');
    }
    Some(spoken.join(" "))
}

/// "2.5", "1,200", "40": the number at the start of `s` and the rest.
fn split_number(s: &str) -> Option<(&str, &str)> {
    let end = s
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || ((c == '.' || c == ',') && s[i + 1..].starts_with(|d: char| d.is_ascii_digit()) && i > 0))
        })
        .map_or(s.len(), |(i, _)| i);
    (end > 0 && s.starts_with(|c: char| c.is_ascii_digit())).then(|| s.split_at(end))
}

fn is_one(number: &str) -> bool {
    number == "1"
}

/// "$2.5M" → "2.5 million dollars"; "£40k" → "40 thousand pounds"; "$120" → "120 dollars".
fn money(body: &str) -> Option<String> {
    let symbol = body.chars().next()?;
    let (_, singular, plural) = CURRENCIES.iter().find(|(c, _, _)| *c == symbol)?;
    let rest = &body[symbol.len_utf8()..];
    let (number, suffix) = split_number(rest)?;
    let magnitude = match suffix.to_ascii_lowercase().as_str() {
        "" => None,
        "k" => Some("thousand"),
        "m" | "mm" => Some("million"),
        "b" | "bn" => Some("billion"),
        "t" | "tn" => Some("trillion"),
        _ => return None,
    };
    Some(match magnitude {
        Some(m) => format!("{number} {m} {plural}"),
        None if is_one(number) => format!("{number} {singular}"),
        None => format!("{number} {plural}"),
    })
}

/// "10k" → "10 thousand"; "100ms" → "100 milliseconds"; "3x" → "3 times"; "99.9%" → "99.9 percent".
fn number_with_unit(body: &str) -> Option<String> {
    let (number, suffix) = split_number(body)?;
    if suffix.is_empty() {
        return Some(number.to_owned());
    }
    let lower = suffix.to_ascii_lowercase();
    // "10k", "2M", "3B": a magnitude, case-insensitively, but "5m" as minutes is too ambiguous: million
    let (_, singular, plural) = UNITS.iter().find(|(u, _, _)| *u == lower)?;
    // "s" after a number is seconds only when lower-case ("1990s" stays a decade)
    if lower == "s" && (number.len() == 4 || suffix != "s") {
        return Some(format!("{number}s"));
    }
    let unit = if is_one(number) { singular } else { plural };
    Some(format!("{number} {unit}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_left_as_it_is() {
        assert_eq!(
            spoken_form("Tell me about a time you disagreed with your manager."),
            "Tell me about a time you disagreed with your manager."
        );
    }

    #[test]
    fn markdown_markup_is_not_read_out() {
        let said = spoken_form(
            "# Design a *rate limiter*\n\nUse **Redis** or `memcached`; see [the docs](http://x.y).",
        );
        assert_eq!(
            said,
            "Design a rate limiter. Use Redis or memcached; see the docs."
        );
        assert!(!said.contains(['*', '#', '`', '[', ']', '(']));
    }

    #[test]
    fn images_are_left_out() {
        assert_eq!(spoken_form("Look: ![a diagram](d.png) here"), "Look: here.");
    }

    #[test]
    fn bullet_lists_are_read_item_by_item() {
        let said = spoken_form("Cover:\n\n- capacity\n- latency\n- cost\n\nThen summarise.");
        assert_eq!(said, "Cover: capacity. latency. cost. Then summarise.");
    }

    #[test]
    fn numbered_lists_are_read_first_second_third() {
        let said = spoken_form("Walk me through:\n\n1. the outage\n2. the fix\n3. what changed after");
        assert_eq!(
            said,
            "Walk me through: First, the outage. Second, the fix. Third, what changed after."
        );
        let long = spoken_form(&(1..=11).map(|i| format!("{i}. item\n")).collect::<String>());
        assert!(long.starts_with("First, item. Second, item."), "{long}");
        assert!(long.ends_with("Tenth, item. Number 11, item."), "{long}");
        // a list that starts at 4 keeps its numbers
        assert_eq!(spoken_form("4. four\n5. five"), "Fourth, four. Fifth, five.");
    }

    #[test]
    fn nested_lists_and_paragraphs_end_sentences() {
        let said = spoken_form("- one\n  - one a\n- two\n\nLast line");
        assert_eq!(said, "one. one a. two. Last line.");
    }

    #[test]
    fn sentences_keep_their_own_ending() {
        assert_eq!(spoken_form("Why?\n\nBecause!"), "Why? Because!");
        assert_eq!(spoken_form("Trailing comma,"), "Trailing comma.");
    }

    #[test]
    fn currency_is_read_as_an_amount_of_money() {
        assert_eq!(spoken_form("$2.5M"), "2.5 million dollars.");
        assert_eq!(
            spoken_form("A budget of $300k a year"),
            "A budget of 300 thousand dollars a year."
        );
        assert_eq!(spoken_form("£40k"), "40 thousand pounds.");
        assert_eq!(spoken_form("€1.2bn"), "1.2 billion euros.");
        assert_eq!(spoken_form("$1B"), "1 billion dollars.");
        assert_eq!(
            spoken_form("costs $1,200, roughly"),
            "costs 1,200 dollars, roughly."
        );
        assert_eq!(spoken_form("$1"), "1 dollar.");
        assert_eq!(spoken_form("($5M)"), "(5 million dollars).");
    }

    #[test]
    fn magnitudes_and_units_are_said_in_full() {
        assert_eq!(spoken_form("10k QPS"), "10 thousand Q P S.");
        assert_eq!(spoken_form("50M users"), "50 million users.");
        assert_eq!(spoken_form("p99 under 200ms"), "p 99 under 200 milliseconds.");
        assert_eq!(spoken_form("a 10x improvement"), "a 10 times improvement.");
        assert_eq!(spoken_form("99.9% availability"), "99.9 percent availability.");
        assert_eq!(spoken_form("2TB a day"), "2 terabytes a day.");
        assert_eq!(spoken_form("1ms"), "1 millisecond.");
        assert_eq!(spoken_form("in 30s"), "in 30 seconds.");
        assert_eq!(spoken_form("the 1990s"), "the 1990s.");
        assert_eq!(spoken_form("5000 rps"), "5000 R P S.");
    }

    #[test]
    fn ranges_are_read_with_to() {
        assert_eq!(spoken_form("3–5 teams"), "3 to 5 teams.");
        assert_eq!(spoken_form("10-20% growth"), "10 to 20 percent growth.");
        assert_eq!(spoken_form("$1M-$2M"), "1 million dollars to 2 million dollars.");
    }

    #[test]
    fn percentiles_quarters_and_levels_are_said_apart() {
        assert_eq!(spoken_form("p50 and P99.9"), "p 50 and P 99.9.");
        assert_eq!(spoken_form("by Q3"), "by Q 3.");
        assert_eq!(spoken_form("an L6 hire"), "an L 6 hire.");
        assert_eq!(spoken_form("p50/p99"), "p 50 or p 99.");
    }

    #[test]
    fn abbreviations_are_spelled_out() {
        assert_eq!(spoken_form("EM"), "E M.");
        assert_eq!(spoken_form("A VP of Engineering"), "A V P of Engineering.");
        assert_eq!(spoken_form("Two SLOs missed"), "Two S L Os missed.");
        assert_eq!(spoken_form("the CTO's view"), "the C T O's view.");
        assert_eq!(spoken_form("Your EMs, their OKRs"), "Your E Ms, their O K Rs.");
        assert_eq!(spoken_form("An SLO-based alert"), "An S L O based alert.");
        assert_eq!(spoken_form("an on-call rota"), "an on-call rota.");
        assert_eq!(spoken_form("API, SRE and QA"), "A P I, S R E and Q A.");
        // words in capitals said as words, and ordinary words, stay
        assert_eq!(spoken_form("Use the STAR format"), "Use the star format.");
        assert_eq!(spoken_form("I am A team"), "I am A team.");
    }

    #[test]
    fn common_shorthand_is_said_in_words() {
        assert_eq!(spoken_form("k8s"), "Kubernetes.");
        assert_eq!(
            spoken_form("Tools, e.g. Jira, i.e. tickets, etc."),
            "Tools, for example Jira, that is tickets, and so on."
        );
        assert_eq!(spoken_form("build vs buy"), "build versus buy.");
        assert_eq!(spoken_form("R&D"), "R and D.");
        assert_eq!(spoken_form("Run 1:1s"), "Run one-to-ones.");
        assert_eq!(spoken_form("on call 24/7"), "on call twenty-four seven.");
    }

    #[test]
    fn tables_and_quotes_are_read_row_by_row() {
        let said = spoken_form("> A quote\n\n| Team | Size |\n| --- | --- |\n| Payments | 12 |\n");
        assert_eq!(said, "A quote. Team, Size. Payments, 12.");
    }

    #[test]
    fn empty_text_is_silent() {
        assert_eq!(spoken_form(""), "");
        assert_eq!(spoken_form("  \n\n - \n"), "");
    }
}

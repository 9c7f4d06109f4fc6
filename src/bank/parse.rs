//! Reads one bank file's text into a [`Bank`], reporting every problem it can find.
//!
//! When the file as a whole does not parse, the header and each question are parsed
//! on their own, so that three broken questions give three located errors, not one.

use std::ops::Range;

use super::locate::{BankLayout, LineIndex, find_field, line_col, offset_of};
use super::validate::{Checked, MAX_PROBLEMS_PER_FILE, validate};
use super::{Bank, Competency, Problem, Question};

/// Bank files larger than this are refused with a clear error instead of being parsed.
pub const MAX_BANK_BYTES: usize = 16 * 1024 * 1024;

/// The outcome of reading one bank file: the bank when it has no errors, and every problem.
#[derive(Debug)]
pub struct ParsedBank {
    pub bank: Option<Bank>,
    pub problems: Vec<Problem>,
    /// Where the bank's `id` field stands, for problems found across banks.
    pub id_at: Option<(usize, usize)>,
}

/// Parses and validates the bytes of one bank file. `path` is how problems name it.
pub fn parse_bank(path: &str, bytes: &[u8]) -> ParsedBank {
    let failed = |problem| ParsedBank {
        bank: None,
        problems: vec![problem],
        id_at: None,
    };
    if bytes.len() > MAX_BANK_BYTES {
        return failed(Problem::error(
            path,
            Some((1, 1)),
            format!(
                "the file is {:.1} MB; a bank may be at most {} MB",
                bytes.len() as f64 / 1_048_576.0,
                MAX_BANK_BYTES / 1_048_576
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            // a NUL byte marks a binary file; one bad byte in text is only an encoding slip
            let message = if bytes.contains(&0) {
                "the file is not UTF-8 text (is it a binary file?)".to_owned()
            } else {
                format!(
                    "invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8 text",
                    bytes[err.valid_up_to()]
                )
            };
            return failed(Problem::error(
                path,
                Some(line_col(prefix, prefix.len())),
                message,
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return failed(Problem::error(
            path,
            Some((1, 1)),
            "the file is empty; a bank starts with `Bank(`",
        ));
    }

    // the layout (where each question stands) is found only when there is a problem to locate
    let (bank, checked) = match ron_options().from_str::<Bank>(text) {
        Ok(bank) => {
            let checked = validate(path, text, None, false, &bank);
            (Some(bank), checked)
        }
        Err(whole) => parse_in_parts(path, text, &BankLayout::of(text), &whole),
    };
    let Checked {
        mut problems,
        mut unlisted,
    } = checked;
    problems.sort_by_key(|p| (p.line, p.col));
    problems.dedup();
    if problems.len() > MAX_PROBLEMS_PER_FILE {
        unlisted += problems.len() - MAX_PROBLEMS_PER_FILE;
        problems.truncate(MAX_PROBLEMS_PER_FILE);
    }
    if unlisted > 0 {
        problems.push(Problem::error(
            path,
            None,
            format!(
                "and {unlisted} more {} (only the first {MAX_PROBLEMS_PER_FILE} of a file are listed)",
                if unlisted == 1 { "problem" } else { "problems" }
            ),
        ));
    }
    let has_errors = problems.iter().any(Problem::is_error);
    // the id stands near the top: count lines up to it rather than indexing the whole file
    let id_at = find_field(text, &(0..text.len()), "id").map(|offset| line_col(text, offset));
    ParsedBank {
        bank: if has_errors { None } else { bank },
        problems,
        id_at,
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// The whole file failed: parse the header with an empty question list, then each
/// question alone, and validate what did parse.
fn parse_in_parts(
    path: &str,
    text: &str,
    layout: &BankLayout,
    whole: &ron::error::SpannedError,
) -> (Option<Bank>, Checked) {
    let lines = LineIndex::new(text);
    let whole_problem = || Checked {
        problems: vec![syntax_problem(path, &lines, 0, text, whole)],
        unlisted: 0,
    };
    let Some(inner) = layout.questions_inner.clone() else {
        return (None, whole_problem());
    };
    let mut problems = Vec::new();
    let unclosed = inner.end == text.len();
    if unclosed {
        problems.push(Problem::error(
            path,
            Some(lines.line_col(text.len())),
            "the file ends before the `questions: [` list is closed (is it truncated?)",
        ));
    }

    let header_text = format!("{}{}", &text[..inner.start], &text[inner.end..]);
    let header = match ron_options().from_str::<Bank>(&header_text) {
        Ok(header) => Some(header),
        Err(err) if inner.end < text.len() => {
            let at = map_header_offset(&header_text, &err, &inner);
            problems.push(problem_at(path, &lines, at, &err.code));
            None
        }
        Err(_) => None,
    };

    let mut questions = Vec::new();
    let mut parsed_ranges = Vec::new();
    for range in &layout.questions {
        match ron_options().from_str::<Question>(&text[range.clone()]) {
            Ok(question) => {
                questions.push(question);
                parsed_ranges.push(range.clone());
            }
            // the cut-off element of a truncated file: reported once, as the unclosed list
            Err(err) if unclosed && err.code == ron::Error::Eof => {}
            // RON finds a missing field at the closing bracket: point at the question instead
            Err(err) if matches!(err.code, ron::Error::MissingStructField { .. }) => {
                problems.push(problem_at(path, &lines, range.start, &err.code));
            }
            Err(err) => problems.push(syntax_problem(
                path,
                &lines,
                range.start,
                &text[range.clone()],
                &err,
            )),
        }
    }
    for range in &layout.competencies {
        if let Err(err) = ron_options().from_str::<Competency>(&text[range.clone()]) {
            problems.push(syntax_problem(
                path,
                &lines,
                range.start,
                &text[range.clone()],
                &err,
            ));
        }
    }
    if problems.is_empty() {
        // the error lies between elements (a missing comma, say): report it as RON did
        return (None, whole_problem());
    }
    let mut unlisted = 0;
    if let Some(mut header) = header {
        // validate what did parse, so a syntax error does not hide the other problems
        let unparsed_questions = questions.len() < layout.questions.len();
        header.questions = questions;
        let parsed_layout = BankLayout {
            questions: parsed_ranges,
            ..layout.clone()
        };
        let checked = validate(path, text, Some(&parsed_layout), unparsed_questions, &header);
        problems.extend(checked.problems);
        unlisted = checked.unlisted;
    }
    (None, Checked { problems, unlisted })
}

fn map_header_offset(header_text: &str, err: &ron::error::SpannedError, inner: &Range<usize>) -> usize {
    let offset = offset_of(header_text, err.span.start.line, err.span.start.col);
    if offset >= inner.start {
        offset + (inner.end - inner.start)
    } else {
        offset
    }
}

/// A RON error found while parsing `part`, which starts at byte `base` of `text`.
fn syntax_problem(
    path: &str,
    lines: &LineIndex<'_>,
    base: usize,
    part: &str,
    err: &ron::error::SpannedError,
) -> Problem {
    let offset = base + offset_of(part, err.span.start.line, err.span.start.col);
    problem_at(path, lines, offset, &err.code)
}

fn problem_at(path: &str, lines: &LineIndex<'_>, offset: usize, code: &ron::Error) -> Problem {
    Problem::error(path, Some(lines.line_col(offset)), describe(code))
}

/// RON's message, with a "did you mean" for misspelt fields and values.
fn describe(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let place = outer.as_deref().map(|o| format!(" in {o}")).unwrap_or_default();
            format!("unknown field `{found}`{place}{}", suggestion(found, expected))
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let place = outer.as_deref().map(|o| format!(" for {o}")).unwrap_or_default();
            let choices = expected.join(", ");
            format!(
                "unknown value `{found}`{place}{}; expected one of {choices}",
                suggestion(found, expected)
            )
        }
        E::MissingStructField { field, outer } => {
            let place = outer.as_deref().map(|o| format!(" in {o}")).unwrap_or_default();
            format!("missing required field `{field}`{place}")
        }
        E::ExpectedOption => "expected a plain value (write optional fields without `Some(...)`)".to_owned(),
        E::TrailingCharacters => "unexpected text here (is a comma missing before it?)".to_owned(),
        E::Eof => "the file ends too early (is it truncated, or a bracket unclosed?)".to_owned(),
        other => other.to_string(),
    }
}

fn suggestion(found: &str, expected: &[&str]) -> String {
    closest(found, expected.iter().copied())
        .map(|best| format!(" (did you mean `{best}`?)"))
        .unwrap_or_default()
}

/// The candidate closest to `found`, when it is close enough to be a typo.
pub(crate) fn closest<'a>(found: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(found, c), c))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

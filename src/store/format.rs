//! Reading a file's `format` number before reading the rest, whatever the file's struct is called.

/// The top-level `format: N` of a RON file, `None` when it has none.
pub fn format_of(text: &str) -> Result<Option<u32>, ron::error::SpannedError> {
    let value: ron::Value = ron::from_str(text)?;
    let ron::Value::Map(map) = value else {
        return Ok(None);
    };
    Ok(match map.get(&ron::Value::String("format".to_owned())) {
        Some(ron::Value::Number(n)) => {
            let n = n.into_f64();
            (n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
        }
        _ => None,
    })
}

/// Where a RON parse error stands (1-based line and column) and what to tell the user.
/// A file that stops part-way through (a copy cut short, a disk that filled) makes RON
/// report whatever it expected next ("Expected colon"); such a file is described as cut
/// short, at its end, instead.
pub(crate) fn describe_parse_error(text: &str, err: &ron::error::SpannedError) -> (usize, usize, String) {
    if looks_cut_short(text, err) {
        let (line, col) = end_position(text);
        return (line, col, CUT_SHORT.to_owned());
    }
    (err.span.start.line, err.span.start.col, err.code.to_string())
}

pub(crate) const CUT_SHORT: &str =
    "the file looks cut short: it ends part-way through (was it copied or saved only in part?)";

fn looks_cut_short(text: &str, err: &ron::error::SpannedError) -> bool {
    // a string with no closing quote runs to the end of the file
    if matches!(err.code, ron::Error::Eof | ron::Error::ExpectedStringEnd) {
        return true;
    }
    let end = offset_of(text, err.span.end.line, err.span.end.col);
    text[end..].trim().is_empty() && !text.trim().is_empty()
}

/// Byte offset of a 1-based line and column (in characters); the text's end if beyond it.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (n, line_text) in text.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            return offset
                + line_text
                    .char_indices()
                    .nth(col.saturating_sub(1))
                    .map_or(line_text.len(), |(p, _)| p);
        }
        offset += line_text.len();
    }
    text.len()
}

/// 1-based line and column just after the last character that is not white space.
fn end_position(text: &str) -> (usize, usize) {
    let content = text.trim_end();
    let line = 1 + content.matches('\n').count();
    let last_line = content.rsplit('\n').next().unwrap_or_default();
    (line, last_line.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::{CUT_SHORT, describe_parse_error, format_of};

    #[test]
    fn a_file_cut_at_any_point_is_described_as_cut_short() {
        let text = include_str!("../../tests/fuzz_corpus/session/sample-1.ron");
        let mut cut_short = 0;
        for cut in (1..text.trim_end().len()).filter(|c| text.is_char_boundary(*c)) {
            let part = &text[..cut];
            if part.trim().is_empty() {
                continue;
            }
            let Err(err) = ron::from_str::<ron::Value>(part) else {
                continue;
            };
            let (line, col, message) = describe_parse_error(part, &err);
            assert_eq!(message, CUT_SHORT, "cut at {cut}: {:?} for {part:?}", err.code);
            assert_eq!((line, col), super::end_position(part));
            cut_short += 1;
        }
        assert!(cut_short > 3000, "{cut_short}");
    }

    #[test]
    fn other_errors_keep_ron_s_message_and_place() {
        let text = "Session(format: 1, id: 42 42, title: \"x\")";
        let err = ron::from_str::<ron::Value>(text).expect_err("bad");
        let (line, col, message) = describe_parse_error(text, &err);
        assert_ne!(message, CUT_SHORT);
        assert_eq!((line, col), (err.span.start.line, err.span.start.col));
    }

    #[test]
    fn reads_the_format_of_any_named_struct() {
        assert_eq!(
            format_of("StoryBank(format: 3, stories: [])").expect("parses"),
            Some(3)
        );
        assert_eq!(format_of("(format: 1)").expect("parses"), Some(1));
        assert_eq!(format_of("Session(id: \"x\")").expect("parses"), None);
        assert!(format_of("Session(format: 1,").is_err());
    }
}

//! Finds where things are in a bank file's text, so that problems found after
//! parsing (a duplicate id, an unknown competency) can name a line and column.
//!
//! A small scanner that knows RON's strings, raw strings, chars and comments is
//! enough: it finds the `questions: [ … ]` list and the text of each element.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    Ident(String),
    Str(String),
    Punct(char),
    Other,
}

#[derive(Debug, Clone)]
pub(crate) struct Spanned {
    pub token: Token,
    pub start: usize,
}

/// Splits RON text into tokens, skipping comments and white space.
/// Never fails: whatever it cannot read becomes `Token::Other`.
pub(crate) fn tokenize(text: &str) -> Vec<Spanned> {
    Tokens { text, i: 0 }.collect()
}

/// The tokens of a text, read one at a time (so a search can stop early).
struct Tokens<'a> {
    text: &'a str,
    i: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Spanned;

    fn next(&mut self) -> Option<Spanned> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let i = &mut self.i;
        while *i < bytes.len() {
            let c = bytes[*i];
            let start = *i;
            let token = if c.is_ascii_whitespace() {
                *i += 1;
                continue;
            } else if bytes[*i..].starts_with(b"//") {
                while *i < bytes.len() && bytes[*i] != b'\n' {
                    *i += 1;
                }
                continue;
            } else if bytes[*i..].starts_with(b"/*") {
                *i = skip_block_comment(bytes, *i);
                continue;
            } else if c == b'"' {
                let (value, end) = read_string(text, *i + 1);
                *i = end;
                Token::Str(value)
            } else if (c == b'r' || c == b'b') && is_raw_string_start(bytes, *i) {
                let (value, end) = read_raw_string(text, *i);
                *i = end;
                Token::Str(value)
            } else if c == b'\'' {
                *i = skip_char_literal(bytes, *i);
                Token::Other
            } else if c.is_ascii_alphabetic() || c == b'_' {
                while *i < bytes.len() && (bytes[*i].is_ascii_alphanumeric() || bytes[*i] == b'_') {
                    *i += 1;
                }
                Token::Ident(text[start..*i].to_owned())
            } else if matches!(c, b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b':') {
                *i += 1;
                Token::Punct(c as char)
            } else {
                // numbers, signs and anything unexpected: one token per run
                *i += text[*i..].chars().next().map_or(1, char::len_utf8);
                while *i < bytes.len()
                    && (bytes[*i].is_ascii_alphanumeric() || bytes[*i] == b'.' || bytes[*i] == b'_')
                {
                    *i += 1;
                }
                Token::Other
            };
            return Some(Spanned { token, start });
        }
        None
    }
}

fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

fn read_string(text: &str, from: usize) -> (String, usize) {
    let mut value = String::new();
    let mut chars = text[from..].char_indices();
    while let Some((offset, c)) = chars.next() {
        match c {
            '"' => return (value, from + offset + 1),
            '\\' => match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((_, other)) => value.push(other),
                None => break,
            },
            _ => value.push(c),
        }
    }
    (value, text.len())
}

fn is_raw_string_start(bytes: &[u8], i: usize) -> bool {
    let mut j = i + 1;
    if bytes[i] == b'b' {
        if bytes.get(j) == Some(&b'"') {
            return true;
        }
        if bytes.get(j) != Some(&b'r') {
            return false;
        }
        j += 1;
    }
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    bytes.get(j) == Some(&b'"')
}

fn read_raw_string(text: &str, i: usize) -> (String, usize) {
    let bytes = text.as_bytes();
    let mut j = i;
    while j < bytes.len() && bytes[j] != b'#' && bytes[j] != b'"' {
        j += 1;
    }
    let hashes = bytes[j..].iter().take_while(|b| **b == b'#').count();
    j += hashes;
    if bytes.get(i..i + 2) == Some(b"b\"") {
        return read_string(text, i + 2);
    }
    let body_start = j + 1;
    let closing: String = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    match text.get(body_start..).and_then(|rest| rest.find(&closing)) {
        Some(found) => (
            text[body_start..body_start + found].to_owned(),
            body_start + found + closing.len(),
        ),
        None => (text.get(body_start..).unwrap_or_default().to_owned(), text.len()),
    }
}

fn skip_char_literal(bytes: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    if bytes.get(j) == Some(&b'\\') {
        j += 2;
    } else {
        j += 1;
        while j < bytes.len() && (bytes[j] & 0xC0) == 0x80 {
            j += 1;
        }
    }
    if bytes.get(j) == Some(&b'\'') {
        j + 1
    } else {
        (i + 1).min(bytes.len())
    }
}

/// Where the parts of a bank file stand.
#[derive(Debug, Clone, Default)]
pub(crate) struct BankLayout {
    /// Byte range between `[` and `]` of `questions: [ … ]` (exclusive of both).
    pub questions_inner: Option<Range<usize>>,
    /// Byte range of each element of the questions list.
    pub questions: Vec<Range<usize>>,
    /// Byte range of each element of `competencies: [ … ]` at the bank level.
    pub competencies: Vec<Range<usize>>,
}

impl BankLayout {
    pub fn of(text: &str) -> Self {
        let tokens = tokenize(text);
        let mut layout = BankLayout::default();
        let mut depth = 0usize;
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i].token {
                Token::Punct('(' | '[' | '{') => depth += 1,
                Token::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
                Token::Ident(name) if depth == 1 && (name == "questions" || name == "competencies") => {
                    if let (Some(colon), Some(open)) = (tokens.get(i + 1), tokens.get(i + 2))
                        && colon.token == Token::Punct(':')
                        && open.token == Token::Punct('[')
                    {
                        let (elements, inner, next) = list_elements(text, &tokens, i + 2);
                        if name == "questions" {
                            layout.questions = elements;
                            layout.questions_inner = Some(inner);
                        } else {
                            layout.competencies = elements;
                        }
                        i = next;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        layout
    }
}

/// Reads the elements of a list whose `[` is `tokens[open]`.
/// Returns the element ranges, the inner range, and the index after `]`.
fn list_elements(text: &str, tokens: &[Spanned], open: usize) -> (Vec<Range<usize>>, Range<usize>, usize) {
    let inner_start = tokens[open].start + 1;
    let mut elements = Vec::new();
    let mut depth = 0usize;
    let mut element_start: Option<usize> = None;
    let mut last_end = inner_start;
    let mut i = open + 1;
    while i < tokens.len() {
        let token = &tokens[i];
        match token.token {
            Token::Punct(']') | Token::Punct(',') if depth == 0 => {
                if let Some(start) = element_start.take() {
                    elements.push(start..last_end);
                }
                if token.token == Token::Punct(']') {
                    return (elements, inner_start..token.start, i + 1);
                }
            }
            _ => {
                if element_start.is_none() {
                    element_start = Some(token.start);
                }
                match token.token {
                    Token::Punct('(' | '[' | '{') => depth += 1,
                    Token::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
                    _ => {}
                }
                last_end = token_end(text, tokens, i);
            }
        }
        i += 1;
    }
    if let Some(start) = element_start {
        elements.push(start..last_end);
    }
    (elements, inner_start..text.len(), tokens.len())
}

fn token_end(text: &str, tokens: &[Spanned], i: usize) -> usize {
    match &tokens[i].token {
        Token::Punct(_) => tokens[i].start + 1,
        Token::Ident(name) => tokens[i].start + name.len(),
        // strings and others: up to the next token (trailing blanks trimmed)
        _ => {
            let next = tokens.get(i + 1).map_or(text.len(), |t| t.start);
            tokens[i].start + text[tokens[i].start..next].trim_end().len()
        }
    }
}

/// Finds, within `range`, the string literal `value` that follows field `field:`
/// (or any string literal equal to `value` when `field` is `None`).
pub(crate) fn find_string(
    text: &str,
    range: &Range<usize>,
    field: Option<&str>,
    value: &str,
) -> Option<usize> {
    let slice = text.get(range.clone())?;
    let tokens = tokenize(slice);
    let mut in_field = field.is_none();
    let mut depth = 0usize;
    let mut field_depth = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        match &t.token {
            Token::Punct('(' | '[' | '{') => depth += 1,
            Token::Punct(')' | ']' | '}') => {
                depth = depth.saturating_sub(1);
                if field.is_some() && depth < field_depth {
                    in_field = false;
                }
            }
            Token::Ident(name)
                if Some(name.as_str()) == field
                    && tokens.get(i + 1).map(|t| &t.token) == Some(&Token::Punct(':')) =>
            {
                in_field = true;
                field_depth = depth;
            }
            Token::Punct(',') if field.is_some() && depth == field_depth => in_field = false,
            Token::Str(s) if in_field && s == value => return Some(range.start + t.start),
            _ => {}
        }
    }
    None
}

/// Finds, within `range`, the start of field `field:` at the range's top level.
/// Reads only as far as the field.
pub(crate) fn find_field(text: &str, range: &Range<usize>, field: &str) -> Option<usize> {
    let slice = text.get(range.clone())?;
    let mut tokens = Tokens { text: slice, i: 0 }.peekable();
    let mut depth = 0usize;
    while let Some(t) = tokens.next() {
        match &t.token {
            Token::Punct('(' | '[' | '{') => depth += 1,
            Token::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Token::Ident(name)
                if depth == 1
                    && name == field
                    && tokens.peek().map(|t| &t.token) == Some(&Token::Punct(':')) =>
            {
                return Some(range.start + t.start);
            }
            _ => {}
        }
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
/// Scans the text before the offset: to locate many offsets in one text, use a [`LineIndex`].
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = 1 + before.bytes().filter(|b| *b == b'\n').count();
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let col = 1 + before[line_start..].chars().count();
    (line, col)
}

/// Bytes per block of [`LineIndex::chars_before_block`].
const BLOCK: usize = 4096;

/// Where each line of a text starts, found in one pass, so that locating any number of
/// offsets costs a binary search each instead of a scan of the text each.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line; the first is 0.
    line_starts: Vec<usize>,
    /// Characters before each [`BLOCK`] of bytes (empty when the text is ASCII, where
    /// characters and bytes agree), so that a column in a long line costs at most one block.
    chars_before_block: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(newline_offsets(bytes).map(|p| p + 1));
        let chars_before_block = if text.is_ascii() {
            Vec::new()
        } else {
            let mut counts = Vec::with_capacity(bytes.len() / BLOCK + 1);
            let mut chars = 0;
            for block in bytes.chunks(BLOCK) {
                counts.push(chars);
                chars += block.iter().filter(|b| is_char_start(**b)).count();
            }
            counts
        };
        Self {
            text,
            line_starts,
            chars_before_block,
        }
    }

    /// 1-based line and column (in characters) of a byte offset; the same as [`line_col`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|start| *start <= offset);
        let line_start = self.line_starts[line - 1];
        let col = 1 + self.chars_before(offset) - self.chars_before(line_start);
        (line, col)
    }

    /// How many characters start before byte `offset`.
    fn chars_before(&self, offset: usize) -> usize {
        if self.chars_before_block.is_empty() {
            return offset;
        }
        let block = offset / BLOCK;
        let from = block * BLOCK;
        self.chars_before_block[block]
            + self.text.as_bytes()[from..offset]
                .iter()
                .filter(|b| is_char_start(**b))
                .count()
    }
}

/// Whether a byte starts a UTF-8 character (is not a continuation byte).
fn is_char_start(byte: u8) -> bool {
    (byte & 0xC0) != 0x80
}

fn newline_offsets(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

/// Byte offset of a 1-based line and column (in characters).
pub(crate) fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match text[offset..].find('\n') {
            Some(p) => offset += p + 1,
            None => return text.len(),
        }
    }
    let rest = &text[offset..];
    let in_line = rest
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(rest.len(), |(p, _)| p);
    offset + in_line
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r##"// a comment with Question( inside
Bank(
    format: 1,
    id: "b",
    title: "T",
    questions: [
        Question(id: "one", prompt: r#"has ] and ) and "quotes""#, tags: ["x"]),
        ( id: "two", title: "it's fine" ),
    ],
)"##;

    #[test]
    fn finds_question_elements_past_strings_and_comments() {
        let layout = BankLayout::of(SAMPLE);
        assert_eq!(layout.questions.len(), 2);
        assert!(SAMPLE[layout.questions[0].clone()].starts_with("Question(id: \"one\""));
        assert!(SAMPLE[layout.questions[0].clone()].ends_with(')'));
        assert_eq!(
            &SAMPLE[layout.questions[1].clone()],
            "( id: \"two\", title: \"it's fine\" )"
        );
    }

    #[test]
    fn finds_strings_and_fields_with_their_lines() {
        let layout = BankLayout::of(SAMPLE);
        let at = find_string(SAMPLE, &layout.questions[1], Some("id"), "two").expect("found");
        assert_eq!(line_col(SAMPLE, at), (8, 15));
        let field = find_field(SAMPLE, &layout.questions[0], "tags").expect("found");
        assert_eq!(line_col(SAMPLE, field), (7, 68));
        assert_eq!(offset_of(SAMPLE, 8, 15), at);
    }

    #[test]
    fn the_line_index_agrees_with_scanning_at_every_offset() {
        let long_line = "é".repeat(BLOCK + 10);
        let texts = [
            SAMPLE.to_owned(),
            String::new(),
            "\n\nabc\n".to_owned(),
            format!("a\n{long_line}x\n日本語 ✓\r\nend"),
        ];
        for text in &texts {
            let index = LineIndex::new(text);
            for offset in (0..=text.len() + 2).step_by(3) {
                assert_eq!(
                    index.line_col(offset),
                    line_col(text, offset),
                    "offset {offset} of {text:?}"
                );
            }
        }
    }
}

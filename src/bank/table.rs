//! Questions from a spreadsheet (CSV) or a Markdown list, and questions to CSV, so a bank
//! can be kept in a spreadsheet and brought back.
//!
//! Every row that cannot become a question is reported with its line, and the others are
//! kept; the result is checked by the same parser and validator that load banks.

use std::collections::{BTreeMap, HashSet};

use super::competency::BUILT_IN_COMPETENCIES;
use super::parse::closest;
use super::validate::is_valid_id;
use super::{
    BANK_FORMAT, Bank, Competency, Difficulty, MAX_MINUTES, MAX_PROMPT_BYTES, Phase, Problem, Question,
    Round, Style, parse_bank, to_ron,
};

/// The columns `questions --csv` writes, in order; import matches them (and aliases) by name.
pub const CSV_COLUMNS: [&str; 13] = [
    "id",
    "title",
    "prompt",
    "round",
    "minutes",
    "prep minutes",
    "difficulty",
    "style",
    "competencies",
    "phases",
    "follow-ups",
    "strong signals",
    "weak signals",
];
const TAGS_COLUMN: &str = "tags";

/// What an import made: the bank, and every row that could not be used (as warnings).
#[derive(Debug)]
pub struct Imported {
    pub bank: Bank,
    /// The bank as RON text, valid.
    pub text: String,
    pub skipped: Vec<Problem>,
}

/// Which of the two formats a file is, by its extension.
pub fn is_question_list(path: &std::path::Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("csv" | "md" | "markdown" | "txt")
    )
}

/// Imports a `.csv` or Markdown file's bytes into a bank with id `bank_id`. `round` is the
/// round for rows that name none. Errs (with every problem) when no row is usable.
pub fn import_questions(
    path: &str,
    bytes: &[u8],
    bank_id: &str,
    title: &str,
    round: Option<Round>,
) -> Result<Imported, Vec<Problem>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(err) => {
            let line = 1 + bytes[..err.valid_up_to()].iter().filter(|b| **b == b'\n').count();
            return Err(vec![Problem::error(
                path,
                Some((line, 1)),
                "the file is not UTF-8 text (save the spreadsheet as \"CSV UTF-8\")",
            )]);
        }
    };
    let csv = path.to_ascii_lowercase().ends_with(".csv");
    let rows = if csv {
        csv_rows(path, text)?
    } else {
        markdown_rows(text)
    };
    build(path, rows, bank_id, title, round)
}

/// One question's cells as text, with the line it starts on.
#[derive(Debug, Default)]
struct Row {
    line: usize,
    cells: BTreeMap<&'static str, String>,
}

/// Header names (normalised: lowercase letters and digits) and the column they mean.
fn column_for(header: &str) -> Option<&'static str> {
    let key: String = header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    Some(match key.as_str() {
        "id" | "questionid" | "slug" => "id",
        "title" | "name" | "question" | "heading" | "summary" => "title",
        "prompt" | "text" | "questiontext" | "body" | "description" | "details" => "prompt",
        "round" | "interview" | "type" | "category" | "stage" => "round",
        "minutes" | "mins" | "time" | "duration" | "length" | "timebox" => "minutes",
        "prepminutes" | "prep" | "preptime" | "thinkingtime" => "prep minutes",
        "difficulty" | "level" => "difficulty",
        "style" | "kind" => "style",
        "competencies" | "competency" | "skills" | "skill" | "assesses" => "competencies",
        "phases" | "timing" | "plan" => "phases",
        "followups" | "followup" | "probes" | "followupquestions" => "follow-ups",
        "strongsignals" | "signals" | "strong" | "goodsignals" | "lookfor" | "greenflags" => "strong signals",
        "weaksignals" | "weak" | "redflags" | "badsignals" | "watchfor" => "weak signals",
        "tags" | "tag" | "labels" => TAGS_COLUMN,
        _ => return None,
    })
}

fn csv_rows(path: &str, text: &str) -> Result<Vec<Row>, Vec<Problem>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|err| vec![csv_problem(path, &err)])?
        .clone();
    let columns: Vec<Option<&'static str>> = headers.iter().map(column_for).collect();
    if !columns.iter().any(|c| matches!(c, Some("title" | "prompt"))) {
        let found = headers.iter().collect::<Vec<_>>().join(", ");
        return Err(vec![Problem::error(
            path,
            Some((1, 1)),
            format!(
                "the header row names no title or prompt column (found: {found}); the columns are: {}",
                CSV_COLUMNS.join(", ")
            ),
        )]);
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                problems.push(csv_problem(path, &err));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let mut row = Row {
            line,
            ..Row::default()
        };
        for (cell, column) in record.iter().zip(&columns) {
            if let Some(column) = column
                && !cell.trim().is_empty()
            {
                row.cells.insert(column, cell.to_owned());
            }
        }
        if !row.cells.is_empty() {
            rows.push(row);
        }
    }
    if rows.is_empty() && !problems.is_empty() {
        return Err(problems);
    }
    // a malformed record is reported; the rows around it still import
    rows.extend(problems.into_iter().map(|p| Row {
        line: p.line.unwrap_or(0),
        cells: BTreeMap::from([("error", p.message)]),
    }));
    rows.sort_by_key(|r| r.line);
    Ok(rows)
}

fn csv_problem(path: &str, err: &csv::Error) -> Problem {
    let line = err.position().map(|p| (p.line() as usize, 1));
    Problem::error(path, line, format!("cannot read this CSV record: {err}"))
}

/// Markdown: one question per heading (the text under it is the prompt), or, in a file
/// without question headings, one per top-level list item (its nested items are follow-ups).
/// A heading that names a round (`## Leadership`) sets the round of the questions below it.
fn markdown_rows(text: &str) -> Vec<Row> {
    let lines: Vec<&str> = text.lines().collect();
    let heading = |line: &str| -> Option<String> {
        let trimmed = line.trim_start();
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        (1..=6)
            .contains(&hashes)
            .then(|| &trimmed[hashes..])
            .filter(|rest| rest.is_empty() || rest.starts_with(' '))
            .map(|rest| rest.trim().trim_end_matches('#').trim().to_owned())
    };
    let is_round = |title: &str| Round::parse_loose(title).is_some() || round_by_label(title).is_some();
    // a first `# Title` over other headings or a list names the document, not a question
    let heading_lines: Vec<usize> = (0..lines.len())
        .filter(|i| heading(lines[*i]).is_some())
        .collect();
    let has_items = lines.iter().any(|l| list_item(l).is_some());
    let document_title = heading_lines
        .first()
        .copied()
        .filter(|i| lines[*i].trim_start().starts_with("# ") && (heading_lines.len() > 1 || has_items));
    let by_heading = heading_lines
        .iter()
        .filter(|i| Some(**i) != document_title)
        .filter_map(|i| heading(lines[*i]))
        .any(|h| !h.is_empty() && !is_round(&h));
    let mut rows: Vec<Row> = Vec::new();
    let mut round: Option<String> = None;
    let mut in_fence = false;
    for (index, raw) in lines.iter().enumerate() {
        let line_no = index + 1;
        if raw.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if !in_fence && let Some(title) = heading(raw) {
            if Some(index) == document_title {
                continue;
            }
            if is_round(&title) {
                round = Some(title);
                rows.push(Row::default()); // ends the question above
                continue;
            }
            if by_heading {
                let mut row = Row {
                    line: line_no,
                    ..Row::default()
                };
                row.cells.insert("title", title);
                if let Some(round) = &round {
                    row.cells.insert("round", round.clone());
                }
                rows.push(row);
                continue;
            }
        }
        if by_heading || in_fence {
            if let Some(row) = rows.last_mut().filter(|r| r.line > 0) {
                let prompt = row.cells.entry("prompt").or_default();
                prompt.push_str(raw);
                prompt.push('\n');
            }
            continue;
        }
        // list mode
        let indent = raw.len() - raw.trim_start().len();
        let item = list_item(raw.trim_start());
        match item {
            Some(text) if indent < 2 => {
                let mut row = Row {
                    line: line_no,
                    ..Row::default()
                };
                row.cells.insert("prompt", text.to_owned());
                if let Some(round) = &round {
                    row.cells.insert("round", round.clone());
                }
                rows.push(row);
            }
            Some(text) => {
                if let Some(row) = rows.last_mut().filter(|r| r.line > 0) {
                    let follow_ups = row.cells.entry("follow-ups").or_default();
                    follow_ups.push_str(text);
                    follow_ups.push('\n');
                }
            }
            None if raw.trim().is_empty() => {}
            None if indent >= 2 => {
                if let Some(row) = rows.last_mut().filter(|r| r.line > 0)
                    && !row.cells.contains_key("follow-ups")
                {
                    let prompt = row.cells.entry("prompt").or_default();
                    prompt.push(' ');
                    prompt.push_str(raw.trim());
                }
            }
            None => rows.push(Row::default()), // a paragraph ends the item above
        }
    }
    rows.retain(|r| r.line > 0);
    for row in &mut rows {
        if let Some(prompt) = row.cells.get_mut("prompt") {
            *prompt = prompt.trim().to_owned();
            if prompt.is_empty() {
                row.cells.remove("prompt");
            }
        }
    }
    rows
}

fn list_item(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(rest.trim());
        }
    }
    None
}

fn round_by_label(text: &str) -> Option<Round> {
    Round::ALL
        .into_iter()
        .find(|r| r.label().eq_ignore_ascii_case(text.trim()))
}

/// Minutes a question gets when the row gives none.
pub fn default_minutes(round: Round) -> u32 {
    match round {
        Round::SystemsDesign => 45,
        Round::OrgDesign => 25,
        Round::Leadership | Round::Career => 10,
        Round::ReverseInterview => 5,
    }
}

/// The competency a question is scored on when the row names none.
fn default_competency(round: Round) -> &'static str {
    match round {
        Round::SystemsDesign => "technical-depth",
        Round::Leadership => "manager-coaching",
        Round::OrgDesign => "org-design",
        Round::ReverseInterview => "strategy",
        Round::Career => "communication",
    }
}

/// Cells holding several values: one a line, or separated by `;` or `|`.
fn many(cell: Option<&String>) -> Vec<String> {
    cell.map(|text| {
        text.split(['\n', ';', '|'])
            .map(|s| s.trim().trim_start_matches(['-', '*', '•']).trim())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A one-line title from a prompt: its first sentence or line, shortened at a word.
fn title_from(prompt: &str) -> String {
    let first = prompt.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let first = first.trim_start_matches('#').trim();
    if first.chars().count() <= 80 {
        return first.to_owned();
    }
    let mut title = String::new();
    for word in first.split_whitespace() {
        if title.chars().count() + word.chars().count() > 76 {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    format!("{title}…")
}

fn number(cell: Option<&String>) -> Option<Result<u32, String>> {
    let text = cell?.trim();
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    Some(
        digits
            .parse::<u32>()
            .map_err(|_| format!("\"{text}\" is not a number of minutes")),
    )
}

struct Builder<'a> {
    path: &'a str,
    default_round: Option<Round>,
    ids: HashSet<String>,
    declared: Vec<Competency>,
    skipped: Vec<Problem>,
}

impl Builder<'_> {
    fn skip(&mut self, line: usize, message: String) {
        let at = (line > 0).then_some((line, 1));
        self.skipped
            .push(Problem::warning(self.path, at, format!("row skipped: {message}")));
    }

    fn round(&self, cell: Option<&String>) -> Result<Round, String> {
        let Some(text) = cell.map(|t| t.trim()).filter(|t| !t.is_empty()) else {
            return self.default_round.ok_or_else(|| {
                "no round: give the row a round (a round column, or a `## Leadership` heading in Markdown), or import with --round".to_owned()
            });
        };
        if let Some(round) = Round::parse_loose(text).or_else(|| round_by_label(text)) {
            return Ok(round);
        }
        let names = Round::ALL.map(Round::ron_name);
        let hint = closest(text, names.iter().copied())
            .or_else(|| {
                let lower = text.to_ascii_lowercase();
                closest(&lower, Round::ALL.iter().map(|r| r.label()))
                    .and_then(|label| round_by_label(label).map(Round::ron_name))
            })
            .map(|best| format!(" (did you mean {best}?)"))
            .unwrap_or_default();
        Err(format!(
            "unknown round \"{text}\"{hint}; rounds are {}",
            names.join(", ")
        ))
    }

    /// A competency by id or name (any case), else a new one the bank declares.
    fn competency(&mut self, text: &str) -> Option<String> {
        let lower = text.trim().to_lowercase();
        if let Some((id, _)) = BUILT_IN_COMPETENCIES
            .iter()
            .find(|(id, name)| *id == lower || name.to_lowercase() == lower)
        {
            return Some((*id).to_owned());
        }
        if let Some(known) = self
            .declared
            .iter()
            .find(|c| c.id == lower || c.name.to_lowercase() == lower)
        {
            return Some(known.id.clone());
        }
        let id = slug(text);
        if !is_valid_id(&id) {
            return None;
        }
        if super::is_built_in(&id) {
            return Some(id);
        }
        self.declared.push(Competency {
            id: id.clone(),
            name: text.trim().to_owned(),
            description: String::new(),
            levels: None,
        });
        Some(id)
    }

    fn question(&mut self, row: &Row) -> Result<Question, String> {
        if let Some(error) = row.cells.get("error") {
            return Err(error.clone());
        }
        let cell = |name: &str| row.cells.get(name);
        let prompt = cell("prompt").or(cell("title")).map(|p| p.trim().to_owned());
        let Some(prompt) = prompt.filter(|p| !p.is_empty()) else {
            return Err("no title or prompt".to_owned());
        };
        if prompt.len() > MAX_PROMPT_BYTES {
            return Err(format!("the prompt is over {} KB", MAX_PROMPT_BYTES / 1024));
        }
        let title = match cell("title").map(|t| t.trim()) {
            Some(title) if !title.contains('\n') => title.to_owned(),
            Some(title) => title_from(title),
            None => title_from(&prompt),
        };
        let round = self.round(cell("round"))?;
        let minutes = match number(cell("minutes")) {
            None => default_minutes(round),
            Some(minutes) => minutes?,
        };
        if !(1..=MAX_MINUTES).contains(&minutes) {
            return Err(format!("minutes must be 1 to {MAX_MINUTES}, not {minutes}"));
        }
        let prep_minutes = number(cell("prep minutes"))
            .transpose()?
            .unwrap_or(0)
            .min(MAX_MINUTES);
        let difficulty = match cell("difficulty").map(|d| d.trim().to_ascii_lowercase()) {
            None => Difficulty::Core,
            Some(d) if d.starts_with("warm") || d == "easy" => Difficulty::Warmup,
            Some(d) if d == "stretch" || d == "hard" => Difficulty::Stretch,
            Some(_) => Difficulty::Core,
        };
        let style = match cell("style").map(|s| s.trim().to_ascii_lowercase()) {
            Some(s) if s.starts_with("evidence") || s.starts_with("behavio") => Style::Evidence,
            _ => Style::Scenario,
        };
        let mut competencies = Vec::new();
        for name in many(cell("competencies")) {
            match self.competency(&name) {
                Some(id) if !competencies.contains(&id) => competencies.push(id),
                Some(_) => {}
                None => return Err(format!("\"{name}\" cannot be a competency id")),
            }
        }
        if competencies.is_empty() {
            competencies.push(default_competency(round).to_owned());
        }
        let mut phases = Vec::new();
        for text in many(cell("phases")) {
            let (name, minutes) = text
                .rsplit_once('=')
                .ok_or_else(|| format!("phase \"{text}\" is not `Name = minutes`"))?;
            let minutes = number(Some(&minutes.to_owned()))
                .and_then(Result::ok)
                .unwrap_or(0);
            phases.push(Phase {
                name: name.trim().to_owned(),
                minutes,
            });
        }
        if !phases.is_empty() && phases.iter().map(|p| p.minutes).sum::<u32>() != minutes {
            return Err(format!("the phases do not add up to {minutes} minutes"));
        }
        let wanted = cell("id").map(|i| i.trim().to_owned()).filter(|i| is_valid_id(i));
        let base = wanted.unwrap_or_else(|| {
            let s = slug(&title);
            if s.is_empty() { "question".to_owned() } else { s }
        });
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        Ok(Question {
            id,
            round,
            title,
            prompt,
            minutes,
            prep_minutes,
            difficulty,
            style,
            competencies,
            phases,
            follow_ups: many(cell("follow-ups")),
            follow_up_timing: Vec::new(),
            strong_signals: many(cell("strong signals")),
            weak_signals: many(cell("weak signals")),
            tags: many(cell(TAGS_COLUMN).map(|t| t.replace(',', ";")).as_ref())
                .into_iter()
                .map(|t| slug(&t))
                .filter(|t| !t.is_empty())
                .collect(),
            levels: BTreeMap::new(),
        })
    }
}

fn build(
    path: &str,
    rows: Vec<Row>,
    bank_id: &str,
    title: &str,
    round: Option<Round>,
) -> Result<Imported, Vec<Problem>> {
    let mut builder = Builder {
        path,
        default_round: round,
        ids: HashSet::new(),
        declared: Vec::new(),
        skipped: Vec::new(),
    };
    let mut questions = Vec::with_capacity(rows.len());
    for row in &rows {
        match builder.question(row) {
            Ok(question) => questions.push(question),
            Err(message) => builder.skip(row.line, message),
        }
    }
    if questions.is_empty() {
        let mut problems = builder.skipped;
        problems.push(Problem::error(
            path,
            None,
            if rows.is_empty() {
                "no questions found (a CSV file needs a header row; Markdown, headings or list items)"
            } else {
                "no row could be used"
            },
        ));
        return Err(problems);
    }
    let bank = Bank {
        format: BANK_FORMAT,
        id: bank_id.to_owned(),
        title: title.to_owned(),
        description: format!("Imported from {path}."),
        competencies: builder.declared,
        questions,
    };
    let text = to_ron(&bank);
    let checked = parse_bank(path, text.as_bytes());
    match checked.bank {
        Some(bank) => Ok(Imported {
            bank,
            text,
            skipped: builder.skipped,
        }),
        None => Err(checked.problems),
    }
}

/// The questions as CSV with a header row ([`CSV_COLUMNS`] and tags), multi-value cells
/// one value a line; `import_questions` reads it back to the same questions.
pub fn questions_csv<'a>(questions: impl Iterator<Item = &'a Question>) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut header: Vec<&str> = CSV_COLUMNS.to_vec();
    header.push(TAGS_COLUMN);
    let mut rows = vec![header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
    for q in questions {
        let phases: Vec<String> = q
            .phases
            .iter()
            .map(|p| format!("{} = {}", p.name, p.minutes))
            .collect();
        rows.push(vec![
            q.id.clone(),
            q.title.clone(),
            q.prompt.clone(),
            q.round.ron_name().to_owned(),
            q.minutes.to_string(),
            q.prep_minutes.to_string(),
            format!("{:?}", q.difficulty),
            q.style.label().to_owned(),
            q.competencies.join("\n"),
            phases.join("\n"),
            q.follow_ups.join("\n"),
            q.strong_signals.join("\n"),
            q.weak_signals.join("\n"),
            q.tags.join("\n"),
        ]);
    }
    for row in rows {
        // writing to a Vec cannot fail
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

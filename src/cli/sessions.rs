//! `panelist sessions` and `panelist export`: saved sessions from the command line.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Cli, data_dir};
use crate::bank::Catalog;
use crate::export::document;
use crate::export::{
    ExportError, FileOptions, Format, Paper, Selection, export_file, html_with, markdown_with, render,
};
use crate::history::{SessionFilter, SessionSummary, SortKey, list};
use crate::paths::DataDir;
use crate::session::{Session, Status, format_clock};
use crate::store::{LoadIssue, LoadedSessions, SessionStore};
use crate::text::plural;

/// What `panelist export` was asked to do.
pub struct ExportArgs<'a> {
    pub ids: &'a [String],
    pub all: bool,
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
    pub format: &'a str,
    /// `a4` or `letter`, for a PDF.
    pub paper: Option<&'a str>,
    /// Boards at the end of each phase too.
    pub phases: bool,
    pub output: Option<&'a PathBuf>,
    pub force: bool,
}

fn load_sessions(dir: &DataDir, err: &mut dyn Write) -> std::io::Result<LoadedSessions> {
    // another Panelist may hold the data folder: then read only, and move nothing
    let (store, _lock) = SessionStore::for_reader(dir.clone());
    let loaded = store.load_all();
    for issue in &loaded.issues {
        writeln!(err, "panelist: {issue}")?;
    }
    Ok(loaded)
}

/// True when a Panelist window holds the data folder (so a round in progress may be running).
fn window_running(dir: &DataDir) -> bool {
    // Opened read-only and never created: listing sessions changes nothing in the folder.
    let Ok(file) = std::fs::File::open(dir.lock_file()) else {
        return false;
    };
    matches!(file.try_lock_shared(), Err(std::fs::TryLockError::WouldBlock))
}

/// `Finished`, `Abandoned`, `In progress` (a window is running it) or `Interrupted`.
fn status_label(session: &Session, running: bool) -> &'static str {
    match session.status {
        Status::Finished if session.ended_early => "Finished early",
        Status::Finished => "Finished",
        Status::Abandoned => "Abandoned",
        Status::InProgress if running => "In progress",
        Status::InProgress => "Interrupted",
    }
}

/// Why a session file with this id could not be loaded, if one was found.
fn why_not_loaded(id: &str, issues: &[LoadIssue], dir: &DataDir) -> Option<String> {
    let file_name = format!("{id}.ron");
    let named = |path: &std::path::Path| path.file_name().is_some_and(|n| *n == *file_name);
    let found = issues.iter().find(|issue| match issue {
        LoadIssue::Quarantined { original, .. } => named(original),
        LoadIssue::Newer { path, .. } | LoadIssue::Unreadable { path, .. } => named(path),
    });
    if let Some(issue) = found {
        return Some(issue.to_string());
    }
    // moved aside by an earlier run: `quarantine/<id>.ron.<time>`
    let earlier = std::fs::read_dir(dir.quarantine())
        .ok()?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{file_name}.")))
        })
        .max()?;
    Some(format!(
        "its file could not be read and was moved to {}",
        earlier.display()
    ))
}

#[derive(serde::Serialize)]
struct SessionLine {
    id: String,
    date: String,
    mode: &'static str,
    candidate: String,
    title: String,
    rounds: Vec<&'static str>,
    questions: usize,
    answered: usize,
    used_secs: u64,
    target_secs: u64,
    self_mean: Option<f32>,
    panel_mean: Option<f32>,
    /// As stored: `Finished`, `InProgress` or `Abandoned`.
    status: Status,
    /// In progress with no window running it (offered for resuming when the app opens).
    interrupted: bool,
    /// Delivery of each recorded and measured answer (left out when there is none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    delivery: Vec<DeliveryLine>,
}

/// One measured answer's delivery in `panelist sessions --json`.
#[derive(serde::Serialize)]
struct DeliveryLine {
    /// The question's global id.
    question: String,
    /// The answer clock's time.
    answer_ms: u64,
    /// Words were counted (a transcript exists): pace and fillers mean something.
    transcribed: bool,
    metrics: crate::speech::DeliveryMetrics,
}

fn delivery_lines(session: &Session) -> Vec<DeliveryLine> {
    session
        .questions
        .iter()
        .filter_map(|q| {
            let spoken = q.spoken.as_ref()?;
            Some(DeliveryLine {
                question: q.global_id.clone(),
                answer_ms: q.answer_ms,
                transcribed: spoken.transcript.is_some(),
                metrics: spoken.metrics.clone()?,
            })
        })
        .collect()
}

impl SessionLine {
    fn new(s: SessionSummary, session: &Session, interrupted: bool) -> Self {
        Self {
            delivery: delivery_lines(session),
            status: session.status,
            interrupted,
            date: s.date.to_string(),
            mode: s.mode.label(),
            rounds: s.rounds.iter().map(|r| r.ron_name()).collect(),
            id: s.id,
            candidate: s.candidate,
            title: s.title,
            questions: s.questions,
            answered: s.answered,
            used_secs: s.used_secs,
            target_secs: s.target_secs,
            self_mean: s.self_mean,
            panel_mean: s.panel_mean,
        }
    }
}

/// Lists sessions, newest first: id, date, mode, title, questions, answer time,
/// mean (labelled self or panel) and status, tab-separated.
pub fn sessions(cli: &Cli, json: bool, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let dir = data_dir(cli)?;
    let sessions = load_sessions(&dir, err)?.sessions;
    let running = window_running(&dir);
    let rows = list(&sessions, &SessionFilter::default(), SortKey::NewestFirst);
    let by_id: std::collections::HashMap<&str, &Session> =
        sessions.iter().map(|s| (s.id.as_str(), s)).collect();
    let session_of = |id: &str| by_id.get(id).copied();
    if json {
        let lines: Vec<SessionLine> = rows
            .into_iter()
            .filter_map(|row| {
                let session = session_of(&row.id)?;
                let interrupted = session.status == Status::InProgress && !running;
                Some(SessionLine::new(row, session, interrupted))
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &lines).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(0);
    }
    for row in rows {
        let Some(session) = session_of(&row.id) else {
            continue;
        };
        let time = if row.answered == 0 {
            "nothing answered".to_owned()
        } else {
            format!(
                "{} of {}",
                format_clock(row.used_secs),
                format_clock(row.target_secs)
            )
        };
        let mean = match (row.panel_mean, row.self_mean) {
            (Some(m), _) => format!("panel mean {m:.2}"),
            (None, Some(m)) => format!("self mean {m:.2}"),
            (None, None) => "no scores".to_owned(),
        };
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{time}\t{mean}\t{}",
            row.id,
            row.date,
            row.mode_label(),
            row.title,
            plural(row.questions, "question"),
            status_label(session, running)
        )?;
    }
    Ok(0)
}

fn parse_date(text: Option<&str>, flag: &str) -> Result<Option<NaiveDate>, String> {
    text.map(|t| {
        NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_err(|_| format!("{flag} \"{t}\" is not a date; write it as YYYY-MM-DD"))
    })
    .transpose()
}

/// Exports sessions to stdout or a file; 1 for unknown ids, bad dates or a refused write, 2 for usage.
/// An empty selection writes the empty export and says so (0).
pub fn export(
    cli: &Cli,
    args: &ExportArgs<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(format) = Format::parse(args.format) else {
        writeln!(
            err,
            "panelist: unknown format \"{}\"; formats are md, html, json, csv, pdf, svg",
            args.format
        )?;
        return Ok(2);
    };
    let paper = match args.paper.map(|p| (p, Paper::parse(p))) {
        None => Paper::from_environment(),
        Some((_, Some(paper))) => paper,
        Some((typed, None)) => {
            writeln!(
                err,
                "panelist: unknown paper \"{typed}\"; papers are a4 and letter"
            )?;
            return Ok(2);
        }
    };
    if format == Format::Pdf && args.output.is_none() {
        writeln!(
            err,
            "panelist: a PDF report is written to a file; add -o FILE (for example -o report.pdf)"
        )?;
        return Ok(2);
    }
    if args.all != args.ids.is_empty() {
        writeln!(
            err,
            "panelist: give session ids or --all (not both); `panelist sessions` lists the ids"
        )?;
        return Ok(2);
    }
    let (since, until) = match (
        parse_date(args.since, "--since"),
        parse_date(args.until, "--until"),
    ) {
        (Ok(since), Ok(until)) => (since, until),
        (Err(message), _) | (_, Err(message)) => {
            writeln!(err, "panelist: {message}")?;
            return Ok(1);
        }
    };
    let dir = data_dir(cli)?;
    let loaded = load_sessions(&dir, err)?;
    let selection = Selection {
        ids: args.ids.to_vec(),
        all: args.all,
        since,
        until,
    };
    let chosen = match selection.apply(&loaded.sessions) {
        Ok(chosen) => chosen,
        Err(ExportError::UnknownSession(id)) => {
            match why_not_loaded(&id, &loaded.issues, &dir) {
                Some(why) => writeln!(err, "panelist: session \"{id}\" cannot be exported: {why}")?,
                None => writeln!(
                    err,
                    "panelist: no session with id \"{id}\"; `panelist sessions` lists the ids"
                )?,
            }
            return Ok(1);
        }
        Err(e) => {
            writeln!(err, "panelist: {e}")?;
            return Ok(1);
        }
    };
    if chosen.is_empty() {
        writeln!(
            err,
            "panelist: no sessions match; the {} export is empty",
            format.label()
        )?;
    }
    let catalog = Catalog::load(&crate::config::configured_sources(&dir, &cli.questions));
    let options = FileOptions {
        paper,
        board_phases: args.phases,
    };
    match args.output {
        None => {
            let phases = document::Options { board_phases: true };
            let text = match format {
                Format::Html if args.phases => Ok(html_with(&chosen, Some(&catalog), phases)),
                Format::Markdown if args.phases => Ok(markdown_with(&chosen, Some(&catalog), phases)),
                _ => render(format, &chosen, Some(&catalog)),
            };
            match text {
                Ok(text) => out.write_all(text.as_bytes())?,
                Err(e) => {
                    writeln!(err, "panelist: {e}")?;
                    return Ok(1);
                }
            }
        }
        Some(path) => {
            let written = match export_file(path, format, &chosen, Some(&catalog), options, args.force) {
                Ok(written) => written,
                Err(e) => {
                    let hint = if matches!(e, ExportError::Exists { .. }) {
                        " (add --force to replace it)"
                    } else {
                        ""
                    };
                    writeln!(err, "panelist: {e}{hint}")?;
                    return Ok(1);
                }
            };
            for board in &written.beside {
                writeln!(err, "Wrote the board {}", board.display())?;
            }
            writeln!(
                err,
                "Wrote {} to {} ({})",
                plural(chosen.len(), "session"),
                path.display(),
                format.label()
            )?;
        }
    }
    Ok(0)
}

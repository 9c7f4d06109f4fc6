//! `panelist sessions` and `panelist export`: saved sessions from the command line.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Cli, data_dir};
use crate::bank::Catalog;
use crate::export::{Format, Selection, render, suggested_file_name, write_export};
use crate::history::{SessionFilter, SessionSummary, SortKey, list};
use crate::session::{Session, format_clock};
use crate::store::SessionStore;

/// What `panelist export` was asked to do.
pub struct ExportArgs<'a> {
    pub ids: &'a [String],
    pub all: bool,
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
    pub format: &'a str,
    pub output: Option<&'a PathBuf>,
    pub force: bool,
}

fn load_sessions(cli: &Cli, err: &mut dyn Write) -> std::io::Result<Vec<Session>> {
    // another Panelist may hold the data folder: then read only, and move nothing
    let (store, _lock) = SessionStore::for_reader(data_dir(cli)?);
    let loaded = store.load_all();
    for issue in &loaded.issues {
        writeln!(err, "panelist: {issue}")?;
    }
    Ok(loaded.sessions)
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
}

impl From<SessionSummary> for SessionLine {
    fn from(s: SessionSummary) -> Self {
        Self {
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

/// Lists sessions, newest first.
pub fn sessions(cli: &Cli, json: bool, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let sessions = load_sessions(cli, err)?;
    let rows = list(&sessions, &SessionFilter::default(), SortKey::NewestFirst);
    if json {
        let lines: Vec<SessionLine> = rows.into_iter().map(SessionLine::from).collect();
        serde_json::to_writer_pretty(&mut *out, &lines).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(0);
    }
    for row in rows {
        let mean = row
            .shown_mean()
            .map_or_else(|| "–".to_owned(), |m| format!("{m:.2}"));
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{} questions\t{} of {}\tmean {mean}",
            row.id,
            row.date,
            row.mode_label(),
            row.title,
            row.questions,
            format_clock(row.used_secs),
            format_clock(row.target_secs)
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
pub fn export(
    cli: &Cli,
    args: &ExportArgs<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let Some(format) = Format::parse(args.format) else {
        writeln!(
            err,
            "panelist: unknown format \"{}\"; formats are md, html, json, csv",
            args.format
        )?;
        return Ok(2);
    };
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
    let sessions = load_sessions(cli, err)?;
    let selection = Selection {
        ids: args.ids.to_vec(),
        all: args.all,
        since,
        until,
    };
    let chosen = match selection.apply(&sessions) {
        Ok(chosen) => chosen,
        Err(e) => {
            writeln!(err, "panelist: {e}; `panelist sessions` lists the ids")?;
            return Ok(1);
        }
    };
    if chosen.is_empty() {
        writeln!(err, "panelist: no sessions match")?;
        return Ok(1);
    }
    let catalog = Catalog::load(&crate::config::configured_sources(
        &data_dir(cli)?,
        &cli.questions,
    ));
    let text = match render(format, &chosen, Some(&catalog)) {
        Ok(text) => text,
        Err(e) => {
            writeln!(err, "panelist: {e}")?;
            return Ok(1);
        }
    };
    match args.output {
        None => out.write_all(text.as_bytes())?,
        Some(path) => {
            if let Err(e) = write_export(path, &text, args.force) {
                let hint = if path.exists() {
                    " (add --force to replace it)"
                } else {
                    ""
                };
                writeln!(err, "panelist: {e}{hint}")?;
                return Ok(1);
            }
            writeln!(
                err,
                "exported {} to {} (suggested name {})",
                super::plural(chosen.len(), "session"),
                path.display(),
                suggested_file_name(&chosen, format)
            )?;
        }
    }
    Ok(0)
}

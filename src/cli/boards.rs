//! `panelist export --format svg`: a session's whiteboards as SVG files, one per question.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::sessions::ExportArgs;
use super::{Cli, data_dir};
use crate::board::svg::board_svg;
use crate::export::{Selection, write_export};
use crate::store::SessionStore;

pub use crate::export::document::board_file_name;

/// Writes the boards of the chosen sessions into `args.output` (a folder; default the
/// current one). 1 when a session is unknown, has no board, or a file could not be written.
pub fn export_svg(
    cli: &Cli,
    args: &ExportArgs<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    if args.all != args.ids.is_empty() {
        writeln!(
            err,
            "panelist: give session ids or --all (not both); `panelist sessions` lists the ids"
        )?;
        return Ok(2);
    }
    let date = |text: Option<&str>, flag: &str| {
        text.map(|t| {
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| format!("{flag} \"{t}\" is not a date; write it as YYYY-MM-DD"))
        })
        .transpose()
    };
    let (since, until) = match (date(args.since, "--since"), date(args.until, "--until")) {
        (Ok(since), Ok(until)) => (since, until),
        (Err(message), _) | (_, Err(message)) => {
            writeln!(err, "panelist: {message}")?;
            return Ok(1);
        }
    };
    let loaded = SessionStore::new(data_dir(cli)?).load_all();
    for issue in &loaded.issues {
        writeln!(err, "panelist: {issue}")?;
    }
    let selection = Selection {
        ids: args.ids.to_vec(),
        all: args.all,
        since,
        until,
    };
    let chosen = match selection.apply(&loaded.sessions) {
        Ok(chosen) => chosen,
        Err(e) => {
            writeln!(err, "panelist: {e}; `panelist sessions` lists the ids")?;
            return Ok(1);
        }
    };
    let folder = args.output.cloned().unwrap_or_else(|| PathBuf::from("."));
    if !folder.is_dir() {
        writeln!(
            err,
            "panelist: {} is not a folder; with --format svg, -o names the folder for the boards",
            folder.display()
        )?;
        return Ok(1);
    }
    let mut written = 0;
    let mut failed = false;
    for session in &chosen {
        for (question, error) in session.unreadable_boards() {
            writeln!(
                err,
                "panelist: session {}, question {question}: the board could not be read ({error}); it is kept in the session file as it was",
                session.id
            )?;
        }
        for (index, record) in session.questions.iter().enumerate() {
            let Some(board) = record.board() else { continue };
            let path = folder.join(board_file_name(session, index));
            let title = format!("{} · {}", session.title, record.question.title);
            match write_board(&path, &board_svg(board, &title), args.force) {
                Ok(()) => {
                    writeln!(out, "{}", path.display())?;
                    written += 1;
                }
                Err(message) => {
                    writeln!(err, "panelist: {message}")?;
                    failed = true;
                }
            }
        }
    }
    if written == 0 && !failed {
        writeln!(err, "panelist: no boards in the chosen sessions")?;
        return Ok(1);
    }
    Ok(u8::from(failed))
}

fn write_board(path: &Path, svg: &str, force: bool) -> Result<(), String> {
    write_export(path, svg, force).map_err(|e| {
        let hint = if path.exists() {
            " (add --force to replace it)"
        } else {
            ""
        };
        format!("{e}{hint}")
    })
}

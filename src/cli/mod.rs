//! The command line: `panelist` with no command opens the window.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::bank::{BankSource, Catalog, Problem, Round};
use crate::config::configured_sources;
use crate::paths::DataDir;
use crate::text::plural;

mod boards;
mod import;
mod panel;
mod sessions;
mod speech;

pub use panel::PanelCommand;

#[derive(Debug, Parser)]
#[command(
    name = "panelist",
    version = crate::VERSION,
    about = "Practise Director of Engineering interview loops."
)]
pub struct Cli {
    /// The data folder (default: $PANELIST_DATA_DIR, else the platform's data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Also load the bank file, or every *.ron in the folder (repeatable).
    #[arg(long = "questions", global = true, value_name = "PATH")]
    pub questions: Vec<PathBuf>,
    /// Show frame timings in the window.
    #[arg(long)]
    pub frame_stats: bool,
    /// Open this file in the window: a question bank (.ron) to check and import, a panel
    /// folder or its panel.ron to join, or exported sessions (.json) to view.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check bank files (or, with no PATH, every configured bank) and report every problem.
    Validate {
        /// Bank files or folders of them.
        paths: Vec<PathBuf>,
    },
    /// List the loaded banks with their question counts per round.
    Banks,
    /// List questions, one a line, or as JSON.
    Questions {
        /// Only this round (SystemsDesign, Leadership, OrgDesign, ReverseInterview, Career).
        #[arg(long)]
        round: Option<String>,
        /// Only questions assessing this competency id.
        #[arg(long)]
        competency: Option<String>,
        /// Only questions with this tag.
        #[arg(long)]
        tag: Option<String>,
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// As CSV with a header row, to edit in a spreadsheet and bring back with `import`.
        #[arg(long)]
        csv: bool,
    },
    /// Make a bank from a spreadsheet (.csv with a header row) or a Markdown list (.md).
    Import {
        /// The .csv or .md file.
        file: PathBuf,
        /// The bank file to write, e.g. questions/mine.ron.
        #[arg(long, value_name = "BANK.ron")]
        to: PathBuf,
        /// The round of rows that name none (SystemsDesign, Leadership, OrgDesign, ReverseInterview, Career).
        #[arg(long)]
        round: Option<String>,
        /// Replace BANK.ron if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a commented starter bank that validates (never overwrites a file).
    NewBank {
        /// The bank file to create, e.g. my-questions.ron.
        file: PathBuf,
    },
    /// List saved sessions, newest first (tab-separated, or JSON).
    Sessions {
        #[arg(long)]
        json: bool,
    },
    /// Export sessions as Markdown, HTML, JSON or CSV (to stdout unless -o), or their
    /// whiteboards as SVG files (one per question, into the folder -o names).
    Export {
        /// Session ids (see `panelist sessions`).
        ids: Vec<String>,
        /// Every session.
        #[arg(long)]
        all: bool,
        /// Only sessions on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only sessions on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// md, html, json, csv or svg.
        #[arg(long)]
        format: String,
        /// Write to this file instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Transcribe an audio file (WAV or FLAC) on this machine and measure the delivery,
    /// or (re)transcribe a saved session's recorded answers and save them into it.
    Transcribe {
        /// A saved session's id (see `panelist sessions`): its recorded answers.
        #[arg(
            value_name = "SESSION-ID",
            required_unless_present = "file",
            conflicts_with = "file"
        )]
        session: Option<String>,
        /// Only this question of the session (1 is the first).
        #[arg(long, value_name = "N", requires = "session")]
        question: Option<usize>,
        /// The audio file.
        #[arg(long, value_name = "AUDIO")]
        file: Option<PathBuf>,
        /// The model folder (default: the first model installed in the data folder).
        #[arg(long, value_name = "PATH")]
        model: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// List the installed speech-recognition models.
    Models,
    /// A mock panel shared through a synced folder: status, merge, create, join.
    Panel {
        #[command(subcommand)]
        command: PanelCommand,
    },
}

/// Runs a command; returns the process exit code (0 fine, 1 problems found, 2 usage).
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = match command {
        Command::Validate { paths } => validate(cli, paths, out),
        Command::Banks => with_catalog(cli, err, |catalog| banks(catalog, out)),
        Command::Questions {
            round,
            competency,
            tag,
            json,
            csv,
        } => {
            let round = match round.as_deref().map(|r| (r, Round::parse_loose(r))) {
                Some((text, None)) => {
                    let _ = writeln!(
                        err,
                        "panelist: unknown round \"{text}\"; rounds are SystemsDesign, Leadership, OrgDesign, ReverseInterview, Career"
                    );
                    return 2;
                }
                Some((_, round)) => round,
                None => None,
            };
            let format = if *csv {
                ListFormat::Csv
            } else if *json {
                ListFormat::Json
            } else {
                ListFormat::Lines
            };
            with_catalog(cli, err, |catalog| {
                questions(catalog, round, competency.as_deref(), tag.as_deref(), format, out)
            })
        }
        Command::Import {
            file,
            to,
            round,
            force,
        } => import::import(file, to, round.as_deref(), *force, out, err),
        Command::NewBank { file } => new_bank(file, out, err),
        Command::Sessions { json } => sessions::sessions(cli, *json, out, err),
        Command::Export {
            ids,
            all,
            since,
            until,
            format,
            output,
            force,
        } => {
            let args = sessions::ExportArgs {
                ids,
                all: *all,
                since: since.as_deref(),
                until: until.as_deref(),
                format,
                output: output.as_ref(),
                force: *force,
            };
            if format == "svg" {
                boards::export_svg(cli, &args, out, err)
            } else {
                sessions::export(cli, &args, out, err)
            }
        }
        Command::Transcribe {
            session: Some(id),
            question,
            model,
            json,
            ..
        } => speech::transcribe_session(cli, id, *question, model.as_ref(), *json, out, err),
        Command::Transcribe {
            file: Some(file),
            model,
            json,
            ..
        } => speech::transcribe(cli, file, model.as_ref(), *json, out, err),
        Command::Transcribe { .. } => {
            writeln!(err, "panelist: transcribe needs a SESSION-ID or --file AUDIO").map(|()| 2)
        }
        Command::Models => speech::models(cli, out),
        Command::Panel { command } => panel::run(cli, command, out, err),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "panelist: {e}");
            1
        }
    }
}

fn data_dir(cli: &Cli) -> std::io::Result<DataDir> {
    DataDir::resolve(cli.data_dir.as_deref()).map_err(std::io::Error::other)
}

fn with_catalog(
    cli: &Cli,
    err: &mut dyn Write,
    body: impl FnOnce(&Catalog) -> std::io::Result<u8>,
) -> std::io::Result<u8> {
    let catalog = Catalog::load(&configured_sources(&data_dir(cli)?, &cli.questions));
    for problem in &catalog.problems {
        writeln!(err, "{problem}")?;
    }
    body(&catalog)
}

fn validate(cli: &Cli, paths: &[PathBuf], out: &mut dyn Write) -> std::io::Result<u8> {
    let sources: Vec<BankSource> = if paths.is_empty() {
        configured_sources(&data_dir(cli)?, &cli.questions)
    } else {
        paths.iter().flat_map(|p| BankSource::expand(p)).collect()
    };
    let mut catalog = Catalog::load(&sources);
    // guidance for authors: warnings where a bank falls short of the shipped banks' bar
    let mut guidance = Vec::new();
    let evidence_in = |bank: &crate::bank::Bank| {
        bank.questions
            .iter()
            .any(|q| q.style == crate::bank::Style::Evidence)
    };
    for loaded in &catalog.banks {
        let evidence_elsewhere = catalog
            .banks
            .iter()
            .any(|other| other.path != loaded.path && evidence_in(&other.bank));
        let text = match &loaded.file {
            Some(file) => std::fs::read_to_string(file).unwrap_or_default(),
            None => crate::bank::SHIPPED_BANKS
                .iter()
                .find(|(name, _)| *name == loaded.path)
                .map(|(_, text)| (*text).to_owned())
                .unwrap_or_default(),
        };
        guidance.extend(crate::bank::guidance(
            &loaded.path,
            &text,
            &loaded.bank,
            evidence_elsewhere,
        ));
    }
    catalog.problems.extend(guidance);
    catalog
        .problems
        .sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    for problem in &catalog.problems {
        writeln!(out, "{problem}")?;
    }
    writeln!(out, "{}", summary(&catalog))?;
    Ok(if catalog.error_count() > 0 { 1 } else { 0 })
}

/// `N banks, M questions, E errors, W warnings`.
pub fn summary(catalog: &Catalog) -> String {
    format!(
        "{}, {}, {}, {}",
        plural(catalog.files_read, "bank"),
        plural(catalog.question_count(), "question"),
        plural(catalog.error_count(), "error"),
        plural(catalog.warning_count(), "warning"),
    )
}

fn banks(catalog: &Catalog, out: &mut dyn Write) -> std::io::Result<u8> {
    for loaded in &catalog.banks {
        let counts: Vec<String> = Catalog::round_counts(&loaded.bank)
            .iter()
            .map(|(round, n)| format!("{} {n}", round.ron_name()))
            .collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            loaded.path,
            loaded.bank.id,
            loaded.bank.title,
            plural(loaded.bank.questions.len(), "question"),
            counts.join(", ")
        )?;
    }
    let failed = catalog.files_with_errors();
    if !failed.is_empty() {
        writeln!(out, "not loaded (errors): {}", failed.join(", "))?;
    }
    Ok(if catalog.error_count() > 0 { 1 } else { 0 })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListFormat {
    Lines,
    Json,
    Csv,
}

#[derive(serde::Serialize)]
struct QuestionLine<'a> {
    id: String,
    bank: &'a str,
    round: &'static str,
    title: &'a str,
    minutes: u32,
    prep_minutes: u32,
    difficulty: &'static str,
    style: &'static str,
    competencies: &'a [String],
    tags: &'a [String],
    /// What each score looks like, for each of the question's competencies that has levels.
    levels: std::collections::BTreeMap<&'a str, &'a crate::bank::Levels>,
    file: &'a str,
}

fn questions(
    catalog: &Catalog,
    round: Option<Round>,
    competency: Option<&str>,
    tag: Option<&str>,
    format: ListFormat,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let refs: Vec<_> = catalog
        .questions()
        .filter(|q| round.is_none_or(|r| q.question.round == r))
        .filter(|q| competency.is_none_or(|c| q.question.competencies.iter().any(|x| x == c)))
        .filter(|q| tag.is_none_or(|t| q.question.tags.iter().any(|x| x == t)))
        .collect();
    if format == ListFormat::Csv {
        out.write_all(crate::bank::questions_csv(refs.iter().map(|q| q.question)).as_bytes())?;
        return Ok(0);
    }
    let json = format == ListFormat::Json;
    let selected: Vec<QuestionLine<'_>> = refs
        .iter()
        .map(|q| QuestionLine {
            id: q.global_id(),
            bank: &q.bank.bank.id,
            round: q.question.round.ron_name(),
            title: &q.question.title,
            minutes: q.question.minutes,
            prep_minutes: q.question.prep_minutes,
            difficulty: match q.question.difficulty {
                crate::bank::Difficulty::Warmup => "Warmup",
                crate::bank::Difficulty::Core => "Core",
                crate::bank::Difficulty::Stretch => "Stretch",
            },
            style: q.question.style.label(),
            competencies: &q.question.competencies,
            tags: &q.question.tags,
            levels: q
                .question
                .competencies
                .iter()
                .filter_map(|c| Some((c.as_str(), catalog.levels_for(q.question, c)?)))
                .collect(),
            file: &q.bank.path,
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &selected).map_err(std::io::Error::other)?;
        writeln!(out)?;
    } else {
        for q in &selected {
            writeln!(out, "{}\t{}\t{} min\t{}", q.id, q.round, q.minutes, q.title)?;
        }
    }
    Ok(0)
}

/// Prints problems to a writer, one a line (used by the app's log too).
pub fn print_problems(problems: &[Problem], out: &mut dyn Write) -> std::io::Result<()> {
    for problem in problems {
        writeln!(out, "{problem}")?;
    }
    Ok(())
}

/// `panelist new-bank FILE`: a starter bank whose id comes from the file name.
fn new_bank(file: &std::path::Path, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    if file.exists() {
        writeln!(
            err,
            "panelist: {} already exists; choose another name",
            file.display()
        )?;
        return Ok(1);
    }
    let id = crate::bank::bank_id_for(file);
    crate::store::write_atomic(file, crate::bank::starter_bank(&id).as_bytes())?;
    writeln!(
        out,
        "Wrote {} (bank id \"{id}\"). Check it with: panelist validate {}",
        file.display(),
        file.display()
    )?;
    Ok(0)
}

//! `panelist panel …`: a mock panel shared through a synced folder (docs/panel-sharing.md).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Local;
use clap::Subcommand;

use super::{Cli, data_dir};
use crate::bank::Catalog;
use crate::config::configured_sources;
use crate::panel_share::{
    FolderReader, FolderView, HostFile, HostWriter, LiveState, PanelistWriter, SHARE_FORMAT, SharedPanelist,
    SharedQuestion, load_host, merge_into, panelist_id, session_from_host,
};
use crate::session::{PanelRole, Session, new_session_id};
use crate::store::{DataLock, SessionStore, StoreError};

#[derive(Debug, Subcommand)]
pub enum PanelCommand {
    /// Who has joined, who submitted what per question, and any problem files.
    Status {
        /// The panel folder.
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Merge every submitted card and note into the session in the data folder.
    Merge {
        /// The panel folder.
        dir: PathBuf,
    },
    /// Create a panel in a folder (the host).
    Create {
        /// The panel folder (created if missing).
        dir: PathBuf,
        #[arg(long)]
        candidate: String,
        /// "Name:Role" (role: vpe, em, ic, recruiter or other), once per panelist.
        #[arg(long = "panelist", value_name = "NAME:ROLE", required = true)]
        panelists: Vec<String>,
        /// Question ids (bank/question), in order; see `panelist questions`.
        #[arg(long = "question", value_name = "ID", required = true)]
        question_ids: Vec<String>,
        /// The round's title.
        #[arg(long, default_value = "Mock panel")]
        title: String,
    },
    /// Join a panel as one of its panelists (writes your joined.ron).
    Join {
        /// The panel folder.
        dir: PathBuf,
        /// Your panelist id, as `panelist panel status` lists it.
        #[arg(long = "as", value_name = "ID")]
        id: String,
    },
}

pub fn run(
    cli: &Cli,
    command: &PanelCommand,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    match command {
        PanelCommand::Status { dir, json } => status(dir, *json, out, err),
        PanelCommand::Merge { dir } => merge(cli, dir, out, err),
        PanelCommand::Create {
            dir,
            candidate,
            panelists,
            question_ids,
            title,
        } => {
            let catalog = Catalog::load(&configured_sources(&data_dir(cli)?, &cli.questions));
            let mut questions = Vec::new();
            for id in question_ids {
                match catalog.question(id) {
                    Some(q) => questions.push(SharedQuestion {
                        global_id: q.global_id(),
                        question: q.question.clone(),
                    }),
                    None => {
                        writeln!(err, "panelist: no question \"{id}\"; see `panelist questions`")?;
                        return Ok(2);
                    }
                }
            }
            create(dir, candidate, title, panelists, questions, out, err)
        }
        PanelCommand::Join { dir, id } => join(dir, id, out, err),
    }
}

fn parse_role(text: &str) -> Option<PanelRole> {
    let text = text.trim().to_ascii_lowercase();
    Some(match text.as_str() {
        "vpe" | "vp" | "vp of engineering" => PanelRole::VpEngineering,
        "em" | "engineering manager" => PanelRole::EngineeringManager,
        "ic" | "senior ic" | "senior ic engineer" => PanelRole::SeniorIc,
        "recruiter" => PanelRole::Recruiter,
        "other" => PanelRole::Other,
        _ => return None,
    })
}

fn create(
    dir: &Path,
    candidate: &str,
    title: &str,
    specs: &[String],
    questions: Vec<SharedQuestion>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let mut panelists: Vec<SharedPanelist> = Vec::new();
    for spec in specs {
        let (name, role) = match spec.rsplit_once(':') {
            Some((name, role)) => (name.trim(), parse_role(role)),
            None => (spec.trim(), Some(PanelRole::SeniorIc)),
        };
        let Some(role) = role.filter(|_| !name.is_empty()) else {
            writeln!(
                err,
                "panelist: \"{spec}\" is not NAME:ROLE (roles: vpe, em, ic, recruiter, other)"
            )?;
            return Ok(2);
        };
        let taken: Vec<String> = panelists.iter().map(|p| p.id.clone()).collect();
        panelists.push(SharedPanelist {
            id: panelist_id(name, &taken),
            name: name.to_owned(),
            role,
        });
    }
    let now = Local::now().fixed_offset();
    let salt = u64::from(std::process::id()) ^ now.timestamp_subsec_nanos() as u64;
    let file = HostFile {
        format: SHARE_FORMAT,
        panel_id: new_session_id(now, salt),
        created: now,
        title: title.trim().to_owned(),
        candidate: candidate.trim().to_owned(),
        time_scale: 1.0,
        panelists,
        questions,
        live: LiveState::default(),
    };
    if dir.join(crate::panel_share::HOST_FILE).exists() {
        writeln!(
            err,
            "panelist: {} already holds a panel; choose an empty folder",
            dir.display()
        )?;
        return Ok(1);
    }
    let writer = HostWriter::create(dir, file).map_err(std::io::Error::other)?;
    let file = writer.file();
    writeln!(
        out,
        "Created panel {} for {} in {} ({} questions). Panelists join with:",
        file.panel_id,
        file.candidate,
        dir.display(),
        file.questions.len()
    )?;
    for p in &file.panelists {
        writeln!(
            out,
            "  panelist panel join {} --as {}\t{} ({})",
            dir.display(),
            p.id,
            p.name,
            p.role.label()
        )?;
    }
    Ok(0)
}

fn join(dir: &Path, id: &str, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    match PanelistWriter::join(dir, id, Local::now().fixed_offset()) {
        Ok(writer) => {
            writeln!(out, "Joined the panel in {} as {}", dir.display(), writer.id())?;
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "panelist: {e}")?;
            Ok(1)
        }
    }
}

fn read(dir: &Path, err: &mut dyn Write) -> std::io::Result<Option<(HostFile, FolderView)>> {
    let host = match load_host(dir) {
        Ok(Some(host)) => host,
        Ok(None) => {
            writeln!(
                err,
                "panelist: {} holds no panel.ron (not a panel folder, or it has not synced yet)",
                dir.display()
            )?;
            return Ok(None);
        }
        Err(e) => {
            writeln!(err, "panelist: {e}")?;
            return Ok(None);
        }
    };
    let view = FolderReader::new(dir).scan(Duration::ZERO);
    Ok(Some((host, view)))
}

#[derive(serde::Serialize)]
struct StatusJson<'a> {
    panel_id: &'a str,
    candidate: &'a str,
    title: &'a str,
    current: usize,
    stage: String,
    panelists: Vec<PanelistJson<'a>>,
    questions: Vec<QuestionJson<'a>>,
    notes: usize,
    problems: Vec<ProblemJson>,
    arriving: Vec<String>,
}

#[derive(serde::Serialize)]
struct PanelistJson<'a> {
    id: &'a str,
    name: &'a str,
    role: &'static str,
    joined: bool,
    notes: usize,
}

#[derive(serde::Serialize)]
struct QuestionJson<'a> {
    index: usize,
    id: &'a str,
    title: &'a str,
    submitted: Vec<&'a str>,
    missing: Vec<&'a str>,
    revealed: bool,
}

#[derive(serde::Serialize)]
struct ProblemJson {
    kind: &'static str,
    path: String,
    message: String,
}

fn status(dir: &Path, json: bool, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let Some((host, view)) = read(dir, err)? else {
        return Ok(1);
    };
    let report = StatusJson {
        panel_id: &host.panel_id,
        candidate: &host.candidate,
        title: &host.title,
        current: host.live.current,
        stage: format!("{:?}", host.live.stage),
        panelists: host
            .panelists
            .iter()
            .map(|p| PanelistJson {
                id: &p.id,
                name: &p.name,
                role: p.role.label(),
                joined: view.joined.contains_key(&p.id),
                notes: view.notes.keys().filter(|(id, _)| *id == p.id).count(),
            })
            .collect(),
        questions: host
            .questions
            .iter()
            .enumerate()
            .map(|(index, q)| QuestionJson {
                index,
                id: &q.global_id,
                title: &q.question.title,
                submitted: host
                    .panelists
                    .iter()
                    .filter(|p| view.has_submitted(&p.id, index))
                    .map(|p| p.id.as_str())
                    .collect(),
                missing: host
                    .panelists
                    .iter()
                    .filter(|p| !view.has_submitted(&p.id, index))
                    .map(|p| p.id.as_str())
                    .collect(),
                revealed: host.live.reveal_of(index).is_some(),
            })
            .collect(),
        notes: view.notes.len(),
        problems: view
            .problems
            .iter()
            .map(|p| ProblemJson {
                kind: p.kind(),
                path: p.path().display().to_string(),
                message: p.to_string(),
            })
            .collect(),
        arriving: view.arriving.iter().map(|p| p.display().to_string()).collect(),
    };
    let code = if view.problems.is_empty() && view.arriving.is_empty() {
        0
    } else {
        1
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(code);
    }
    writeln!(
        out,
        "Panel {} for {}: {}, question {} of {}, {}",
        report.panel_id,
        report.candidate,
        report.title,
        host.live.current + 1,
        host.questions.len(),
        report.stage
    )?;
    writeln!(out, "Panelists:")?;
    for p in &report.panelists {
        let joined = if p.joined { "joined" } else { "not joined" };
        writeln!(
            out,
            "  {}\t{} ({})\t{joined}\t{} notes",
            p.id, p.name, p.role, p.notes
        )?;
    }
    writeln!(out, "Scorecards:")?;
    for q in &report.questions {
        let missing = if q.missing.is_empty() {
            "all submitted".to_owned()
        } else {
            format!("waiting for {}", q.missing.join(", "))
        };
        let revealed = if q.revealed { ", revealed" } else { "" };
        writeln!(
            out,
            "  {}. {}\tsubmitted: {}\t{missing}{revealed}",
            q.index + 1,
            q.id,
            if q.submitted.is_empty() {
                "none".to_owned()
            } else {
                q.submitted.join(", ")
            }
        )?;
    }
    for path in &report.arriving {
        writeln!(out, "still arriving or damaged: {path}")?;
    }
    for p in &report.problems {
        writeln!(out, "problem: {}", p.message)?;
    }
    Ok(code)
}

/// True when `session` is the host's session of this panel (same id, questions and panel).
fn is_same_panel(session: &Session, host: &HostFile) -> bool {
    session.panel.as_ref().is_some_and(|panel| {
        panel.panelists.len() == host.panelists.len()
            && panel
                .panelists
                .iter()
                .zip(&host.panelists)
                .all(|(a, b)| a.name == b.name)
    }) && session.questions.len() == host.questions.len()
        && session
            .questions
            .iter()
            .zip(&host.questions)
            .all(|(a, b)| a.global_id == b.global_id)
}

fn merge(cli: &Cli, dir: &Path, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let Some((host, view)) = read(dir, err)? else {
        return Ok(1);
    };
    if !host.has_safe_id() {
        writeln!(
            err,
            "panelist: {}: the panel id \"{}\" is not a safe file name; nothing was written",
            dir.join(crate::panel_share::HOST_FILE).display(),
            host.panel_id
        )?;
        return Ok(1);
    }
    let data = data_dir(cli)?;
    let _lock = match DataLock::acquire(data.root()) {
        Ok(lock) => lock,
        Err(e) => {
            writeln!(
                err,
                "panelist: {e}; close it and merge again. Nothing was written"
            )?;
            return Ok(1);
        }
    };
    let store = SessionStore::new(data);
    let (mut session, existed) = match store.load(&host.panel_id) {
        Ok(session) if is_same_panel(&session, &host) => (session, true),
        Ok(_) => {
            writeln!(
                err,
                "panelist: {} holds a different session with the id {}; nothing was written",
                store.path_of(&host.panel_id).display(),
                host.panel_id
            )?;
            return Ok(1);
        }
        Err(StoreError::NotFound(_)) => (session_from_host(&host), false),
        Err(e) => {
            writeln!(err, "panelist: {e}; nothing was written")?;
            return Ok(1);
        }
    };
    for problem in &view.problems {
        writeln!(err, "panelist: {problem}")?;
    }
    for path in &view.arriving {
        writeln!(
            err,
            "panelist: {} is still arriving or damaged; not merged",
            path.display()
        )?;
    }
    let report = merge_into(&mut session, &host, &view);
    for (question, panelist) in &report.late_cards {
        writeln!(
            out,
            "Late card: {panelist} submitted question {} after it was revealed; kept",
            question + 1
        )?;
    }
    for (question, panelist) in &report.differing_cards {
        writeln!(
            err,
            "panelist: {panelist}'s card for question {} differs from the one already merged; the merged one is kept",
            question + 1
        )?;
    }
    let path = store.path_of(&session.id);
    if existed && !report.changed() {
        writeln!(out, "Nothing new to merge into {}", path.display())?;
    } else {
        if report.changed() {
            session.updated = Local::now().fixed_offset();
        }
        store.save(&session).map_err(std::io::Error::other)?;
        writeln!(
            out,
            "Merged {} cards and {} notes into {} ({})",
            report.cards_added,
            report.notes_added,
            path.display(),
            if existed { "updated" } else { "new session" }
        )?;
    }
    Ok(if view.problems.is_empty() { 0 } else { 1 })
}

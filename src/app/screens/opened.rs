//! A file the window was opened with (`panelist FILE`, a double-click): a question bank
//! checked and offered for import, a panel shown before joining, or exported sessions
//! shown read-only.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, Effect, ViewCommand};
use crate::app::screens::ScreenId;
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::bank::ImportCheck;
use crate::open::{OpenFile, read_panel, read_sessions};
use crate::panel_share::{FolderReader, HostFile};
use crate::session::{Session, format_clock};
use crate::text::plural;

/// The opened file and what was read from it.
#[derive(Debug)]
pub struct OpenedScreen {
    pub file: OpenFile,
    /// A bank's check against the loaded banks; `None` until the banks have loaded.
    pub bank_check: Option<ImportCheck>,
    /// A panel: its host file and who has joined, or why it cannot be read.
    pub panel: Option<Result<PanelSummary, String>>,
    /// Sessions, or why they cannot be read.
    pub sessions: Option<Result<Vec<Session>, String>>,
}

/// What the join flow shows of a panel before joining.
#[derive(Debug)]
pub struct PanelSummary {
    pub host: HostFile,
    /// Ids of the panelists who have joined.
    pub joined: Vec<String>,
}

impl OpenedScreen {
    /// Reads a panel or sessions at once; a bank waits for the catalog ([`Self::check_bank`]).
    pub fn new(file: OpenFile) -> Self {
        let panel = match &file {
            OpenFile::JoinPanel(folder) => Some(read_panel(folder).map(|host| {
                let view = FolderReader::new(folder).scan(std::time::Duration::ZERO);
                PanelSummary {
                    joined: view.joined.keys().cloned().collect(),
                    host,
                }
            })),
            _ => None,
        };
        let sessions = match &file {
            OpenFile::ViewSessions(path) => Some(read_sessions(path)),
            _ => None,
        };
        Self {
            file,
            bank_check: None,
            panel,
            sessions,
        }
    }

    /// Whether this is a bank still waiting for its check.
    pub fn needs_bank_check(&self) -> bool {
        matches!(self.file, OpenFile::ImportBank(_)) && self.bank_check.is_none()
    }

    pub fn title(&self) -> &'static str {
        match self.file {
            OpenFile::ImportBank(_) => "Import a question bank",
            OpenFile::JoinPanel(_) => "Join a panel",
            OpenFile::ViewSessions(_) => "Exported sessions",
        }
    }

    pub fn tab(&self) -> ScreenId {
        match self.file {
            OpenFile::ImportBank(_) => ScreenId::Browser,
            OpenFile::JoinPanel(_) => ScreenId::Home,
            OpenFile::ViewSessions(_) => ScreenId::History,
        }
    }
}

pub fn opened_ui(ui: &mut egui::Ui, screen: &OpenedScreen, state: &AppState, commands: &mut Commands) {
    ui.heading(screen.title());
    ui.label(RichText::new(screen.file.path().display().to_string()).monospace());
    ui.add_space(theme::SECTION_GAP);
    match &screen.file {
        OpenFile::ImportBank(path) => bank_ui(ui, path, screen.bank_check.as_ref(), state, commands),
        OpenFile::JoinPanel(folder) => {
            if let Some(panel) = &screen.panel {
                panel_ui(ui, folder, panel, commands);
            }
        }
        OpenFile::ViewSessions(_) => {
            if let Some(sessions) = &screen.sessions {
                sessions_ui(ui, sessions, state, commands);
            }
        }
    }
}

fn bank_ui(
    ui: &mut egui::Ui,
    path: &std::path::Path,
    check: Option<&ImportCheck>,
    state: &AppState,
    commands: &mut Commands,
) {
    let palette = Palette::current(ui);
    let Some(check) = check else {
        ui.label("Checking the bank against your banks…");
        return;
    };
    let (problems, ready) = match check {
        ImportCheck::Invalid(problems) => (problems, None),
        ImportCheck::Exists { dest, report } | ImportCheck::Ready { dest, report } => (report, Some(dest)),
    };
    match ready {
        Some(dest) => {
            ui.label(format!(
                "The bank has no errors. Importing copies it to {}, among your banks.",
                dest.display()
            ));
            if matches!(check, ImportCheck::Exists { .. }) {
                ui.colored_label(
                    palette.warn,
                    "A bank of that name is already there: you will be asked before it is replaced.",
                );
            }
            ui.horizontal(|ui| {
                let import = ui.add_enabled(!state.read_only(), egui::Button::new("Import into my banks"));
                if import.clicked() {
                    commands.push(ViewCommand::Navigate(ScreenId::Browser));
                    commands.push(Effect::Import(path.to_path_buf()));
                }
                if ui.button("Not now").clicked() {
                    commands.push(ViewCommand::Navigate(ScreenId::Home));
                }
            });
        }
        None => {
            ui.colored_label(
                palette.over,
                "Not imported: the file has problems. Fix them and open it again.",
            );
            if ui.button("Close").clicked() {
                commands.push(ViewCommand::Navigate(ScreenId::Home));
            }
        }
    }
    if !problems.is_empty() {
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new(plural(problems.len(), "problem")).strong());
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            for problem in problems {
                let colour = if problem.is_error() {
                    palette.over
                } else {
                    palette.warn
                };
                ui.add(egui::Label::new(RichText::new(problem.to_string()).monospace().color(colour)).wrap());
            }
        });
    }
}

fn panel_ui(
    ui: &mut egui::Ui,
    folder: &std::path::Path,
    panel: &Result<PanelSummary, String>,
    commands: &mut Commands,
) {
    let palette = Palette::current(ui);
    let summary = match panel {
        Ok(summary) => summary,
        Err(problem) => {
            ui.colored_label(palette.over, problem);
            if ui.button("Close").clicked() {
                commands.push(ViewCommand::Navigate(ScreenId::Home));
            }
            return;
        }
    };
    let host = &summary.host;
    ui.label(RichText::new(&host.title).strong().size(17.0));
    ui.label(format!(
        "Candidate: {} · {} · stage: {:?}",
        host.candidate,
        plural(host.questions.len(), "question"),
        host.live.stage
    ));
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new("Panelists").strong());
    egui::Grid::new("opened-panelists")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            for p in &host.panelists {
                ui.label(&p.name);
                ui.label(p.role.label());
                ui.label(RichText::new(&p.id).monospace());
                ui.label(if summary.joined.contains(&p.id) {
                    "joined"
                } else {
                    "not joined yet"
                });
                ui.end_row();
            }
        });
    ui.add_space(theme::SECTION_GAP);
    ui.label(RichText::new("Questions").strong());
    for (i, q) in host.questions.iter().enumerate() {
        ui.label(format!("{}. {}", i + 1, q.question.title));
    }
    ui.add_space(theme::SECTION_GAP);
    ui.label("To join, choose your panelist id above and run:");
    ui.label(RichText::new(format!("panelist panel join \"{}\" --as ID", folder.display())).monospace());
    if ui.button("Close").clicked() {
        commands.push(ViewCommand::Navigate(ScreenId::Home));
    }
}

fn sessions_ui(
    ui: &mut egui::Ui,
    sessions: &Result<Vec<Session>, String>,
    state: &AppState,
    commands: &mut Commands,
) {
    let palette = Palette::current(ui);
    ui.horizontal(|ui| {
        if ui.button("Close").clicked() {
            commands.push(ViewCommand::Navigate(ScreenId::History));
        }
        if let Ok(sessions) = sessions {
            ui.label(
                RichText::new(format!(
                    "{}, read-only: your history is unchanged",
                    plural(sessions.len(), "session")
                ))
                .color(palette.muted),
            );
        }
    });
    ui.separator();
    let sessions = match sessions {
        Ok(sessions) => sessions,
        Err(problem) => {
            ui.colored_label(palette.over, problem);
            return;
        }
    };
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 120.0);
        for session in sessions {
            session_ui(ui, session, state);
            ui.add_space(theme::SECTION_GAP);
        }
    });
}

/// One session as the review shows it, without the editing.
fn session_ui(ui: &mut egui::Ui, session: &Session, state: &AppState) {
    let palette = Palette::current(ui);
    ui.heading(format!(
        "{} — {}",
        session.title,
        session.created.format("%a %-d %b %Y %H:%M")
    ));
    let (used, target) = session.time_used_vs_target();
    let who = if session.candidate.trim().is_empty() {
        session.mode.label().to_owned()
    } else {
        format!("{} · {}", session.mode.label(), session.candidate)
    };
    ui.label(
        RichText::new(format!(
            "{who} · {:?} · answer time {} of {} · mean self-score {}",
            session.status,
            format_clock(used),
            format_clock(target),
            session
                .self_mean()
                .map_or_else(|| "–".to_owned(), |m| format!("{m:.2}"))
        ))
        .color(palette.muted),
    );
    if !session.notes.trim().is_empty() {
        ui.label(&session.notes);
    }
    for (index, record) in session.questions.iter().enumerate() {
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!("{}. {}", index + 1, record.question.title))
                    .strong()
                    .size(17.0),
            );
            ui.label(
                RichText::new(format!(
                    "{} · {} · {:?} · answer {} of {}",
                    record.question.round.label(),
                    record.global_id,
                    record.state,
                    format_clock(record.answer_ms / 1000),
                    format_clock(record.answer_target_secs.into())
                ))
                .color(palette.muted),
            );
            if !record.scratchpad.trim().is_empty() {
                ui.label(RichText::new(&record.scratchpad).monospace());
            }
            for (competency, score) in &record.self_scores {
                ui.label(format!(
                    "{}: {} ({})",
                    state.catalog.competency_name(competency),
                    score.value(),
                    score.short_label()
                ));
            }
            if !record.notes.trim().is_empty() {
                ui.label(format!("What I would change: {}", record.notes));
            }
        });
    }
    if let Some(panel) = &session.panel {
        let names: Vec<&str> = panel.panelists.iter().map(|p| p.name.as_str()).collect();
        ui.label(format!(
            "Panel: {} · decision: {}",
            names.join(", "),
            panel.decision.label()
        ));
    }
}

//! The host's console when panelists sit on their own machines: who has joined, who has
//! submitted per question, and anything wrong in the shared folder (by file name).

use eframe::egui::{self, RichText};

use super::scorecards::next_ui;
use crate::app::command::Commands;
use crate::app::theme::{self, Palette};
use crate::panel_share::{FolderView, HostFile};
use crate::session::Runner;

/// What the host's console shows of the shared folder.
pub struct HostStatus<'a> {
    pub folder: &'a std::path::Path,
    pub file: &'a HostFile,
    pub view: &'a FolderView,
    pub error: Option<&'a str>,
}

/// The side column's block: the folder, each panelist joined or not and whether they
/// submitted the current question, then the folder's problems.
pub fn remote_status_ui(ui: &mut egui::Ui, status: &HostStatus<'_>, question: usize) {
    let palette = Palette::current(ui);
    ui.label(RichText::new("Panelists on their own machines").strong());
    ui.add(egui::Label::new(RichText::new(status.folder.display().to_string()).color(palette.muted)).wrap());
    ui.add_space(4.0);
    for panelist in &status.file.panelists {
        let joined = status.view.joined.contains_key(&panelist.id);
        let submitted = status.view.has_submitted(&panelist.id, question);
        let notes = status
            .view
            .notes
            .keys()
            .filter(|(who, _)| *who == panelist.id)
            .count();
        let (text, colour) = match (joined, submitted) {
            (_, true) => (
                format!("{}: submitted question {}", panelist.name, question + 1),
                palette.ok,
            ),
            (true, false) => (format!("{}: joined", panelist.name), ui.visuals().text_color()),
            (false, false) => (format!("{}: not joined yet", panelist.name), palette.muted),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(text).color(colour));
            if notes > 0 {
                ui.label(RichText::new(crate::text::plural(notes, "note")).color(palette.muted));
            }
        });
    }
    problems_ui(ui, status.view, status.error);
}

/// Conflict copies, unreadable files and the like, by name; never merged.
pub fn problems_ui(ui: &mut egui::Ui, view: &FolderView, error: Option<&str>) {
    let palette = Palette::current(ui);
    if let Some(error) = error {
        ui.colored_label(palette.warn, error);
    }
    if !view.arriving.is_empty() {
        ui.label(
            RichText::new(format!(
                "{} still arriving from the sync tool",
                crate::text::plural(view.arriving.len(), "file")
            ))
            .color(palette.muted),
        );
    }
    for problem in &view.problems {
        ui.add(egui::Label::new(RichText::new(problem.to_string()).color(palette.warn)).wrap());
    }
}

/// While the panelists score on their machines: who has submitted, then move on.
pub fn remote_scoring_ui(
    ui: &mut egui::Ui,
    runner: &Runner,
    status: &HostStatus<'_>,
    commands: &mut Commands,
) {
    let session = runner.session();
    let question = session.current;
    let Some(record) = session.questions.get(question) else {
        return;
    };
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 120.0);
        let palette = Palette::current(ui);
        ui.label(RichText::new(format!("Scorecards · question {}", question + 1)).color(palette.muted));
        ui.add(egui::Label::new(RichText::new(&record.question.title).heading()).wrap());
        ui.label(
            RichText::new(
                "Each panelist scores blind on their own machine; their cards reach this console \
                 through the folder. The debrief merges them all.",
            )
            .color(palette.muted),
        );
        ui.add_space(8.0);
        let waiting: Vec<&str> = status
            .file
            .panelists
            .iter()
            .filter(|p| !status.view.has_submitted(&p.id, question))
            .map(|p| p.name.as_str())
            .collect();
        if waiting.is_empty() {
            ui.colored_label(palette.ok, "Every panelist has submitted.");
        } else {
            ui.label(format!("Waiting for {}", waiting.join(", ")));
        }
        ui.add_space(8.0);
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            remote_status_ui(ui, status, question);
        });
        ui.add_space(theme::SECTION_GAP);
        next_ui(ui, runner, question, commands);
    });
}

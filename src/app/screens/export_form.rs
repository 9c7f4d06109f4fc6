//! "Export…" with a native save dialog or a typed path, "PDF report…" (the same form,
//! with the PDF chosen) and "Copy as Markdown".

use std::path::PathBuf;
use std::sync::mpsc;

use eframe::egui;

use crate::app::command::{Commands, Effect};
use crate::app::state::AppState;
use crate::app::theme::Palette;
use crate::export::{Format, markdown, suggested_file_name};

/// The export controls' state on a screen.
#[derive(Debug)]
pub struct ExportForm {
    pub open: bool,
    pub format: Format,
    /// The typed path (filled in by the dialog too).
    pub path: String,
    /// The sessions the last export was asked for.
    pub ids: Vec<String>,
    /// The native dialog's answer, when one is open.
    pub dialog: Option<mpsc::Receiver<Option<PathBuf>>>,
    /// The file exists: ask before replacing it.
    pub confirm_overwrite: Option<PathBuf>,
    pub message: Option<String>,
}

impl Default for ExportForm {
    fn default() -> Self {
        Self {
            open: false,
            format: Format::Markdown,
            path: String::new(),
            ids: Vec::new(),
            dialog: None,
            confirm_overwrite: None,
            message: None,
        }
    }
}

/// The "Export…" and "Copy as Markdown" buttons and, when open, the form; `ids` are the sessions.
pub fn export_ui(
    ui: &mut egui::Ui,
    form: &mut ExportForm,
    ids: &[String],
    state: &AppState,
    commands: &mut Commands,
) {
    ui.horizontal(|ui| {
        let label = if ids.len() == 1 {
            "Export…".to_owned()
        } else {
            format!("Export {} sessions…", ids.len())
        };
        if ui
            .add_enabled(!ids.is_empty(), egui::Button::new(label))
            .clicked()
        {
            form.open = !form.open;
        }
        let report = if ids.len() == 1 {
            "PDF report…".to_owned()
        } else {
            format!("PDF report of {} sessions…", ids.len())
        };
        if ui
            .add_enabled(!ids.is_empty(), egui::Button::new(report))
            .on_hover_text(
                "A printable report for a mentor: questions, timings, scores, notes, boards and progress",
            )
            .clicked()
        {
            form.format = Format::Pdf;
            form.open = true;
        }
        if ui
            .add_enabled(!ids.is_empty(), egui::Button::new("Copy as Markdown"))
            .on_hover_text("Copy the sessions as Markdown to the clipboard")
            .clicked()
        {
            let chosen: Vec<&crate::session::Session> =
                state.history.iter().filter(|s| ids.contains(&s.id)).collect();
            ui.ctx().copy_text(markdown(&chosen, Some(&state.catalog)));
        }
    });
    if !form.open {
        return;
    }
    let palette = Palette::current(ui);
    crate::app::theme::card(ui).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label("Format:");
            for format in Format::ALL {
                ui.radio_value(&mut form.format, format, format.label());
            }
        });
        let suggested = {
            let chosen: Vec<&crate::session::Session> =
                state.history.iter().filter(|s| ids.contains(&s.id)).collect();
            suggested_file_name(&chosen, form.format)
        };
        ui.horizontal(|ui| {
            let label = ui.label("File:");
            ui.add(
                egui::TextEdit::singleline(&mut form.path)
                    .hint_text(suggested.as_str())
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
            let choosing = form.dialog.is_some();
            if ui.add_enabled(!choosing, egui::Button::new("Choose…")).clicked() {
                form.ids = ids.to_vec();
                commands.push(Effect::ChooseExportPath {
                    format: form.format,
                    suggested: suggested.clone(),
                });
            }
            let typed = form.path.trim();
            if ui
                .add_enabled(!typed.is_empty(), egui::Button::new("Save export"))
                .clicked()
            {
                form.ids = ids.to_vec();
                commands.push(Effect::Export {
                    ids: ids.to_vec(),
                    format: form.format,
                    path: expand_home(typed),
                    overwrite: false,
                });
            }
            if choosing {
                ui.spinner();
            }
        });
        if let Some(path) = form.confirm_overwrite.clone() {
            ui.colored_label(
                palette.warn,
                format!("{} already exists. Replace it?", path.display()),
            );
            ui.horizontal(|ui| {
                if ui.button("Replace file").clicked() {
                    commands.push(Effect::Export {
                        ids: form.ids.clone(),
                        format: form.format,
                        path,
                        overwrite: true,
                    });
                }
                if ui.button("Keep existing file").clicked() {
                    form.confirm_overwrite = None;
                }
            });
        }
        if let Some(message) = &form.message {
            ui.colored_label(palette.muted, message);
        }
    });
}

/// `~/x` to the home folder's `x`.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(typed),
    }
}

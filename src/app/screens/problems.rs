//! Every bank problem, grouped by file, in the spec's `path:line:col` form.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, ModelCommand, ViewCommand};
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::bank::{Catalog, Problem};
use crate::text::plural;

pub fn problems_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    let catalog = &state.catalog;
    let palette = Palette::current(ui);
    ui.horizontal(|ui| {
        crate::app::widgets::a11y::page_heading(ui, "Bank problems");
        if ui.button("Reload banks").clicked() {
            commands.push(ModelCommand::ReloadBanks);
        }
        if ui.button("Back to questions").clicked() {
            commands.push(ViewCommand::Navigate(crate::app::ScreenId::Browser));
        }
    });
    ui.label(RichText::new(summary(catalog)).color(palette.muted));
    if catalog.problems.is_empty() {
        ui.label("Every bank loaded without problems.");
        return;
    }
    ui.add_space(8.0);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        let failed = catalog.files_with_errors();
        for (file, problems) in by_file(&catalog.problems) {
            theme::card(ui).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(RichText::new(file).strong().monospace());
                if failed.contains(&file) {
                    ui.colored_label(
                        palette.over,
                        "Not loaded: fix the errors below and save; the bank reloads by itself.",
                    );
                }
                for problem in problems {
                    let colour = if problem.is_error() {
                        palette.over
                    } else {
                        palette.warn
                    };
                    ui.add(
                        egui::Label::new(RichText::new(problem.to_string()).monospace().color(colour)).wrap(),
                    );
                }
            });
            ui.add_space(6.0);
        }
    });
}

/// `E errors, W warnings in F files`.
pub fn summary(catalog: &Catalog) -> String {
    format!(
        "{}, {} in {}",
        plural(catalog.error_count(), "error"),
        plural(catalog.warning_count(), "warning"),
        plural(by_file(&catalog.problems).len(), "file")
    )
}

/// Problems grouped by file, files in the order they were read.
pub fn by_file(problems: &[Problem]) -> Vec<(&str, Vec<&Problem>)> {
    let mut groups: Vec<(&str, Vec<&Problem>)> = Vec::new();
    for problem in problems {
        match groups.iter_mut().find(|(file, _)| *file == problem.path) {
            Some((_, list)) => list.push(problem),
            None => groups.push((&problem.path, vec![problem])),
        }
    }
    groups
}

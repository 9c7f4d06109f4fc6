//! Join a panel shared through a folder: choose the folder, then who you are (one of
//! the host's panelists, or the candidate).

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use eframe::egui::{self, RichText};

use super::setup::expand_home;
use crate::app::command::{Commands, Effect, FolderFor, RemoteEffect, ViewCommand};
use crate::app::screens::ScreenId;
use crate::app::theme::{self, Palette};
use crate::panel_share::HostFile;

#[derive(Default)]
pub struct JoinState {
    /// The folder, as typed or chosen.
    pub folder: String,
    /// The panel read from the folder's `panel.ron`.
    pub host: Option<HostFile>,
    /// Why the folder could not be opened.
    pub error: Option<String>,
    /// The folder dialog's answer, while it is open.
    pub dialog: Option<Receiver<Option<PathBuf>>>,
}

pub fn join_ui(ui: &mut egui::Ui, join: &mut JoinState, read_only: bool, commands: &mut Commands) {
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 120.0);
        let palette = Palette::current(ui);
        ui.heading("Join a panel");
        ui.add(
            egui::Label::new(
                RichText::new(
                    "The host shares the panel through a folder your sync tool keeps on this \
                     machine. Open it, then pick who you are: you take your own notes and score \
                     blind here; the host's console sees who has submitted.",
                )
                .color(palette.muted),
            )
            .wrap(),
        );
        ui.add_space(theme::SECTION_GAP);
        ui.horizontal(|ui| {
            let label = ui.label("Panel folder");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut join.folder)
                        .hint_text("e.g. ~/Sync/panel-sam")
                        .desired_width(360.0),
                )
                .labelled_by(label.id);
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let typed = !join.folder.trim().is_empty();
            if ui.add_enabled(typed, egui::Button::new("Open panel")).clicked() || (entered && typed) {
                commands.push(Effect::Remote(RemoteEffect::OpenPanel(expand_home(
                    join.folder.trim(),
                ))));
            }
            if ui
                .add_enabled(join.dialog.is_none(), egui::Button::new("Choose folder…"))
                .clicked()
            {
                commands.push(Effect::Remote(RemoteEffect::ChooseFolder(FolderFor::Join)));
            }
        });
        if let Some(error) = &join.error {
            ui.colored_label(palette.warn, error);
        }
        if let Some(host) = &join.host {
            ui.add_space(theme::SECTION_GAP);
            let candidate = if host.candidate.is_empty() {
                "a candidate".to_owned()
            } else {
                host.candidate.clone()
            };
            ui.label(RichText::new(format!("{} · mock panel for {candidate}", host.title)).strong());
            ui.label(
                RichText::new(format!("{} questions · who are you?", host.questions.len()))
                    .color(palette.muted),
            );
            if read_only {
                ui.colored_label(
                    palette.warn,
                    "This window is read-only: another Panelist window is using the data folder.",
                );
            }
            for panelist in &host.panelists {
                let text = format!("I am {} ({})", panelist.name, panelist.role.label());
                if ui
                    .add_enabled(
                        !read_only,
                        egui::Button::new(text).min_size(egui::vec2(260.0, 30.0)),
                    )
                    .clicked()
                {
                    commands.push(Effect::Remote(RemoteEffect::JoinAs(panelist.id.clone())));
                }
            }
            ui.add_space(8.0);
            if ui
                .button("Join as candidate")
                .on_hover_text("Only the question and the clock, as the host runs them")
                .clicked()
            {
                commands.push(Effect::Remote(RemoteEffect::JoinAsCandidate));
            }
        }
        ui.add_space(theme::SECTION_GAP);
        if ui.button("Back").clicked() {
            commands.push(ViewCommand::Navigate(ScreenId::Home));
        }
    });
}

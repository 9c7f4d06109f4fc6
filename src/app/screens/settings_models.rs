//! Settings → Speech models: what is installed, downloading one (its address and size
//! named before it starts; progress, cancel, resume, checksum), or using a model folder
//! the user already has.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, Effect};
use crate::app::settings::Settings;
use crate::app::state::AppState;
use crate::app::theme::Palette;
use crate::speech::models::CATALOGUE;

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// The models section; changes the chosen model in `s`.
pub fn speech_models_ui(ui: &mut egui::Ui, s: &mut Settings, state: &AppState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    let speech = &state.speech;
    ui.label(
        RichText::new(
            "Answers you record are transcribed on this machine by a Whisper speech model. \
             Nothing is sent anywhere; only a download you start reaches the network.",
        )
        .color(palette.muted),
    );
    let installed = speech.models.as_deref().unwrap_or_default();
    if installed.is_empty() {
        ui.label("No speech model is installed: recordings, replay, talk time and pauses work without one; transcripts, pace and filler words need one.");
    } else {
        let chosen = speech.model_to_use().map(|m| m.name.clone());
        egui::Grid::new("installed-models")
            .num_columns(4)
            .spacing([14.0, 4.0])
            .show(ui, |ui| {
                for heading in ["Model", "Size", "Languages", ""] {
                    ui.label(RichText::new(heading).strong());
                }
                ui.end_row();
                for m in installed {
                    ui.label(&m.name).on_hover_text(m.path.display().to_string());
                    ui.label(megabytes(m.size));
                    ui.label(m.languages.to_string());
                    let selected = chosen.as_deref() == Some(m.name.as_str());
                    let radio = ui.radio(selected, "Use for transcription");
                    crate::app::widgets::names::set_accessible_name(&radio, format!("Use {}", m.name));
                    if radio.clicked() && !selected {
                        s.speech_model = Some(m.name.clone());
                    }
                    ui.end_row();
                }
            });
    }
    ui.add_space(6.0);
    let confirm_id = egui::Id::unique("confirm-model-download");
    let confirming = ui.data(|d| d.get_temp::<&'static str>(confirm_id));
    for entry in CATALOGUE {
        let have = installed.iter().any(|m| m.name == entry.name);
        ui.label(RichText::new(entry.name).strong());
        ui.label(entry.description);
        match &speech.download {
            Some(d) if d.name == entry.name => {
                let fraction = if d.total == 0 {
                    0.0
                } else {
                    d.done as f32 / d.total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .text(format!("{} of {}", megabytes(d.done), megabytes(d.total)))
                        .desired_width(320.0),
                );
                if ui
                    .button("Cancel download")
                    .on_hover_text("What came so far is kept: the next download resumes from there")
                    .clicked()
                {
                    commands.push(Effect::CancelDownload);
                }
            }
            _ if confirming == Some(entry.name) => {
                ui.label(format!(
                    "Download {} from {} and check its SHA-256 before using it?",
                    megabytes(entry.size),
                    entry.url
                ));
                ui.horizontal(|ui| {
                    if ui.button("Download").clicked() {
                        commands.push(Effect::DownloadModel(entry.name.to_owned()));
                        ui.data_mut(|d| d.remove::<&'static str>(confirm_id));
                    }
                    if ui.button("Not now").clicked() {
                        ui.data_mut(|d| d.remove::<&'static str>(confirm_id));
                    }
                });
            }
            _ => {
                let label = if have {
                    format!("Download {} again…", entry.name)
                } else {
                    format!("Download {}…", entry.name)
                };
                let button = ui
                    .add_enabled(
                        speech.download.is_none() && !state.read_only(),
                        egui::Button::new(label),
                    )
                    .on_hover_text(format!("{} from {}", megabytes(entry.size), entry.url));
                if button.clicked() {
                    ui.data_mut(|d| d.insert_temp(confirm_id, entry.name));
                }
            }
        }
    }
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let button = ui
            .add_enabled(
                !speech.installing && !state.read_only(),
                egui::Button::new("Use a model folder I already have…"),
            )
            .on_hover_text(
                "A Whisper model in CTranslate2 format: a folder with model.bin, config.json and vocabulary.txt. It is copied into the data folder.",
            );
        if button.clicked() {
            commands.push(Effect::ChooseModelFolder);
        }
        if speech.installing {
            ui.spinner();
            ui.label("Checking and copying the model…");
        }
        if ui.button("Look again").on_hover_text("Read the models folder again").clicked() {
            commands.push(Effect::RescanModels);
        }
    });
    ui.label(
        RichText::new(format!("Models folder: {}", state.config.data.models().display()))
            .small()
            .monospace()
            .color(palette.muted),
    );
    if let Some((error, text)) = &speech.message {
        ui.colored_label(if *error { palette.over } else { palette.ok }, text);
    }
}

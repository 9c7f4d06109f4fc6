//! Settings → Microphone: the input to record from, a test with a live level meter, the
//! "Record my answers" preference, and the space recordings take.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, Effect, SoundCommand};
use crate::app::settings::Settings;
use crate::app::sound::mic::format_bytes;
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::app::widgets::player::level_meter_ui;

/// The Microphone section; edits `s` (the settings being changed) and pushes commands.
pub fn microphone_ui(ui: &mut egui::Ui, s: &mut Settings, state: &AppState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    let mic = &state.sound.mic;
    if mic.devices.is_none() && !mic.is_listing() {
        commands.push(Effect::Sound(SoundCommand::RefreshMicrophones));
    }
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Microphone").strong());
        match &mic.devices {
            None => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Looking for microphones…");
                });
            }
            Some(Err(problem)) => {
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "No microphone can be used: {problem}. Rounds work as before; recording needs a sound server (PulseAudio or PipeWire) with an input."
                        ))
                        .color(palette.warn),
                    )
                    .wrap(),
                );
            }
            Some(Ok(devices)) => {
                let chosen = s
                    .microphone
                    .as_ref()
                    .and_then(|name| devices.iter().find(|d| &d.name == name))
                    .map_or_else(
                        || "The system's default".to_owned(),
                        |d| d.description.clone(),
                    );
                egui::ComboBox::from_label("Record from")
                    .selected_text(chosen)
                    .width(320.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut s.microphone, None, "The system's default");
                        for device in devices {
                            let mut text = device.description.clone();
                            if device.is_default {
                                text.push_str(" (default)");
                            }
                            if device.is_monitor {
                                text.push_str(" (what an output plays, not a microphone)");
                            }
                            ui.selectable_value(&mut s.microphone, Some(device.name.clone()), text);
                        }
                    });
                if let Some(name) = &s.microphone
                    && !devices.iter().any(|d| &d.name == name)
                {
                    ui.colored_label(
                        palette.warn,
                        format!("\"{name}\" is not connected now; recording uses it when it is back."),
                    );
                }
            }
        }
        ui.horizontal(|ui| {
            if ui.button("Look for microphones again").clicked() {
                commands.push(Effect::Sound(SoundCommand::RefreshMicrophones));
            }
            if mic.is_testing() {
                if ui.button("Stop the test").clicked() {
                    commands.push(Effect::Sound(SoundCommand::StopMicTest));
                }
            } else if ui
                .button("Say something to test")
                .on_hover_text("Listens to the microphone for the meter; nothing is kept")
                .clicked()
            {
                commands.push(Effect::Sound(SoundCommand::StartMicTest));
            }
        });
        if mic.is_testing() {
            match mic.test_error() {
                Some(error) => {
                    ui.add(egui::Label::new(RichText::new(error).color(palette.over)).wrap());
                }
                None => {
                    ui.horizontal(|ui| {
                        ui.label("Level:");
                        level_meter_ui(ui, mic.test_level().unwrap_or_default(), "Microphone test level");
                    });
                    ui.label(
                        RichText::new("Speak as you would in a round: the bar should move well into the green.")
                            .small()
                            .color(palette.muted),
                    );
                }
            }
        }
        ui.add_space(4.0);
        ui.checkbox(&mut s.record_answers, "Record my answers")
            .on_hover_text("A new round's Record switch starts on. Recordings stay on this machine.");
        recordings_space_ui(ui, state, commands);
    });
    ui.add_space(theme::SECTION_GAP / 2.0);
}

/// The space `<data>/recordings` takes, and "Delete all recordings" after a confirmation.
fn recordings_space_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    let confirm_id = egui::Id::unique("confirm-delete-recordings");
    let confirming = ui.data(|d| d.get_temp::<bool>(confirm_id)).unwrap_or(false);
    let folder = state.config.data.recordings().display().to_string();
    let space = state.sound.mic.space;
    ui.horizontal_wrapped(|ui| {
        ui.label(match space {
            Some(bytes) => format!("Recordings use {}:", format_bytes(bytes)),
            None => "Recordings are kept in".to_owned(),
        });
        ui.label(RichText::new(&folder).monospace());
    });
    if space.unwrap_or(0) == 0 {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        if confirming {
            ui.label("Delete every recording for good? Scores, notes and transcripts stay.");
            if ui.button("Delete all recordings").clicked() {
                commands.push(Effect::Sound(SoundCommand::DeleteAllRecordings));
                ui.data_mut(|d| d.insert_temp(confirm_id, false));
            }
            if ui.button("Keep them").clicked() {
                ui.data_mut(|d| d.insert_temp(confirm_id, false));
            }
        } else if ui
            .add_enabled(!state.read_only(), egui::Button::new("Delete all recordings…"))
            .clicked()
        {
            ui.data_mut(|d| d.insert_temp(confirm_id, true));
        }
    });
}

/// Scrolls the page to a widget that Tab has just focused: egui leaves it where it is, and
/// Settings is longer than a small window. Call at the end of the scroll area's content.
pub fn keep_focus_in_view(ui: &mut egui::Ui) {
    let seen_id = egui::Id::unique("settings-focus-seen");
    let focused = ui.memory(|m| m.focused());
    let seen = ui.data(|d| d.get_temp::<Option<egui::Id>>(seen_id)).flatten();
    if focused == seen {
        return;
    }
    ui.data_mut(|d| d.insert_temp(seen_id, focused));
    if let Some(response) = focused.and_then(|id| ui.ctx().read_response(id)) {
        ui.scroll_to_rect(response.rect, None);
    }
}

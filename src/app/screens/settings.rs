//! Settings: theme, sizes, timing, and where data lives.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, Effect, ViewCommand};
use crate::app::settings::{Settings, ThemeChoice};
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::app::widgets::a11y;
use crate::session::TimeAnnouncements;

/// Edits a copy of the settings; any change is sent as one command.
pub fn settings_ui(
    ui: &mut egui::Ui,
    current: &Settings,
    state: &AppState,
    voice: &crate::app::VoiceState,
    commands: &mut Commands,
) {
    let mut s = current.clone();
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 0.0);
        a11y::page_heading(ui, "Settings");
        ui.add_space(8.0);
        section(ui, "Appearance", |ui| {
            ui.horizontal(|ui| {
                ui.label("Theme:");
                for choice in ThemeChoice::ALL {
                    ui.radio_value(&mut s.theme, choice, choice.label());
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("Text size:");
                ui.add(
                    egui::Slider::new(&mut s.text_scale, 0.7..=2.0)
                        .step_by(0.1)
                        .fixed_decimals(1)
                        .suffix("x"),
                )
                .labelled_by(label.id)
                .on_hover_text("Ctrl + and Ctrl - change it anywhere; Ctrl 0 resets it");
            });
            ui.horizontal(|ui| {
                let label = ui.label("Clock size:");
                ui.add(
                    egui::Slider::new(&mut s.clock_scale, 0.5..=2.0)
                        .step_by(0.1)
                        .fixed_decimals(1)
                        .suffix("x"),
                )
                .labelled_by(label.id);
            });
        });
        section(ui, "Timing", |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Time allowed:");
                ui.add(
                    egui::Slider::new(&mut s.time_scale, 0.5..=1.5)
                        .step_by(0.05)
                        .fixed_decimals(2)
                        .suffix("x"),
                )
                .labelled_by(label.id)
                .on_hover_text(
                    "Scale every question's minutes: 0.8x practises under pressure. Applies to new rounds.",
                );
            });
            // one row for both cues, so the screen reader row below costs the page no height
            ui.horizontal(|ui| {
                ui.checkbox(&mut s.warn_at_75, "Warn at 75% of the time");
                ui.checkbox(&mut s.warn_at_100, "Warn when time is up");
            });
            ui.checkbox(&mut s.favour_new, "Prefer questions I have never practised");
            a11y::group(
                ui,
                egui::Role::RadioGroup,
                "Screen reader: say the time left",
                |ui| {
                    ui.horizontal(|ui| {
                        a11y::caption(ui, "Screen reader: say the time left").on_hover_text(
                            "Milestones: a change of phase, 75% and 100% of the time, each minute over",
                        );
                        for choice in TimeAnnouncements::ALL {
                            ui.radio_value(&mut s.announce_time, choice, choice.label());
                        }
                    });
                },
            );
        });
        // folded by default, so the page's own settings stay in view
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let open_id = egui::Id::unique("interviewer-voice-settings-open");
            let mut open = ui.data(|d| d.get_temp::<bool>(open_id)).unwrap_or(false);
            if ui
                .toggle_value(&mut open, RichText::new("Interviewer voice").strong())
                .on_hover_text("Show or hide the interviewer's voice settings")
                .changed()
            {
                ui.data_mut(|d| d.insert_temp(open_id, open));
            }
            if open {
                super::settings_voice::voice_settings_ui(ui, &mut s.voice, voice, commands);
            }
        });
        ui.add_space(theme::SECTION_GAP / 2.0);
        // folded by default: the page stays short, and the summary says what is installed
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let summary = match state.speech.model_to_use() {
                Some(m) => format!("Speech models: {} in use", m.name),
                None => "Speech models: none installed".to_owned(),
            };
            let open_id = egui::Id::unique("speech-models-open");
            let mut open = ui.data(|d| d.get_temp::<bool>(open_id)).unwrap_or(false);
            ui.horizontal(|ui| {
                ui.label(RichText::new(summary).strong());
                // a button, not a collapsing header: it shows its keyboard focus
                if ui.button(if open { "Hide" } else { "Show models" }).clicked() {
                    open = !open;
                    ui.data_mut(|d| d.insert_temp(open_id, open));
                }
            });
            if open {
                super::settings_models::speech_models_ui(ui, &mut s, state, commands);
            }
        });
        ui.add_space(theme::SECTION_GAP / 2.0);
        section(ui, "Data", |ui| {
            let root = state.config.data.root().display().to_string();
            ui.horizontal_wrapped(|ui| {
                ui.label("Data folder:");
                ui.label(RichText::new(&root).monospace());
            });
            if ui
                .button("Open data folder")
                .on_hover_text("In the system's file manager")
                .clicked()
            {
                commands.push(Effect::OpenDataFolder);
            }
            ui.add_space(4.0);
            ui.label("Question banks are read from:");
            ui.label("the banks shipped with Panelist");
            ui.label(RichText::new(state.config.data.questions().display().to_string()).monospace());
            for extra in &state.config.extra_banks {
                ui.label(RichText::new(extra.display().to_string()).monospace());
            }
            if state.read_only() {
                ui.colored_label(
                    Palette::current(ui).warn,
                    "This window is read-only: another Panelist is using the data folder.",
                );
            }
            ui.add_space(4.0);
            trash_ui(ui, state, commands);
        });
        super::settings_mic::microphone_ui(ui, &mut s, state, commands);
        if ui.button("Restore defaults").clicked() {
            s = Settings {
                welcomed: true,
                ..Settings::default()
            };
        }
        super::settings_mic::keep_focus_in_view(ui);
    });
    if s != *current {
        commands.push(ViewCommand::SetSettings(Box::new(s)));
    }
}

/// Deleted sessions wait in the trash (History offers to undo a deletion); emptying it erases
/// them for good, after a confirmation.
fn trash_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    let confirm_id = egui::Id::unique("confirm-empty-trash");
    let confirming = ui.data(|d| d.get_temp::<bool>(confirm_id)).unwrap_or(false);
    let count = state.trashed;
    ui.label(match count {
        0 => "The trash is empty.".to_owned(),
        n => format!("{} in the trash.", crate::text::plural(n, "deleted session")),
    });
    if count == 0 {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        if confirming {
            ui.label("Erase them for good? This cannot be undone.");
            if ui.button("Erase deleted sessions").clicked() {
                commands.push(Effect::EmptyTrash);
                ui.data_mut(|d| d.insert_temp(confirm_id, false));
            }
            if ui.button("Keep them").clicked() {
                ui.data_mut(|d| d.insert_temp(confirm_id, false));
            }
        } else if ui
            .add_enabled(!state.read_only(), egui::Button::new("Empty the trash…"))
            .clicked()
        {
            ui.data_mut(|d| d.insert_temp(confirm_id, true));
        }
    });
}

fn section(ui: &mut egui::Ui, title: &str, body: impl FnOnce(&mut egui::Ui)) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(title).strong());
        body(ui);
    });
    ui.add_space(theme::SECTION_GAP / 2.0);
}

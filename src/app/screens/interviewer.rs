//! The interviewer's controls beside the clock: what it is doing, repeat, stop; and the
//! panel host's "Play question to the room".

use eframe::egui::{self, RichText};

use crate::app::VoiceSettings;
use crate::app::command::{Commands, Effect, VoiceEffect};
use crate::app::theme::Palette;
use crate::session::Runner;

/// Under the clock of a solo round in interviewer mode.
pub fn interviewer_ui(ui: &mut egui::Ui, runner: &Runner, voice: &VoiceSettings, commands: &mut Commands) {
    if !(voice.enabled && voice.interviewer_mode) {
        return;
    }
    ui.add_space(10.0);
    ui.label(RichText::new("Interviewer").strong());
    if runner.is_held() {
        ui.add(
            egui::Label::new(
                RichText::new("Reading the question; the clock starts when the reading ends.")
                    .color(Palette::current(ui).muted),
            )
            .wrap(),
        );
    }
    let wide = egui::vec2(ui.available_width(), 28.0);
    if ui
        .add(egui::Button::new("Repeat the question").min_size(wide))
        .on_hover_text("R")
        .clicked()
    {
        commands.push(Effect::Voice(VoiceEffect::AskQuestion));
    }
    let stop = if runner.is_held() {
        "Stop reading and start the clock"
    } else {
        "Stop speaking"
    };
    if ui
        .add(egui::Button::new(stop).min_size(wide))
        .on_hover_text("X")
        .clicked()
    {
        commands.push(Effect::Voice(VoiceEffect::Stop));
    }
}

/// A mock panel's host plays the question to the room through the speakers.
pub fn play_to_room_ui(ui: &mut egui::Ui, voice: &VoiceSettings, commands: &mut Commands) {
    if !voice.enabled {
        return;
    }
    let wide = egui::vec2(ui.available_width(), 32.0);
    if ui
        .add(egui::Button::new("Play question to the room").min_size(wide))
        .on_hover_text("R · the interviewer's voice reads the question aloud")
        .clicked()
    {
        commands.push(Effect::Voice(VoiceEffect::AskQuestion));
    }
}

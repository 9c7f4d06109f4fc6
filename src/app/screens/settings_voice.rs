//! Settings → Interviewer voice: on or off, the voice, its rate and volume, a test, and
//! when the interviewer asks a follow-up by itself.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, Effect, VoiceEffect};
use crate::app::theme::Palette;
use crate::app::{EngineStatus, VoiceSettings, VoiceState};

/// Edits `s` (a copy of the settings' voice part); the caller sends the change.
pub fn voice_settings_ui(
    ui: &mut egui::Ui,
    s: &mut VoiceSettings,
    voice: &VoiceState,
    commands: &mut Commands,
) {
    let palette = Palette::current(ui);
    match &voice.status {
        EngineStatus::NotChecked => {
            commands.push(Effect::Voice(VoiceEffect::FindVoices));
            ui.label(RichText::new("Looking for a voice…").color(palette.muted));
        }
        EngineStatus::Checking(_) => {
            ui.label(RichText::new("Looking for a voice…").color(palette.muted));
        }
        EngineStatus::Ready { name, .. } => {
            ui.label(RichText::new(format!("Voice engine: {name}, on this machine")).color(palette.muted));
        }
        EngineStatus::Missing(hint) => {
            ui.colored_label(palette.warn, hint);
        }
    }
    ui.checkbox(&mut s.enabled, "Speak questions and follow-ups aloud");
    ui.add_enabled_ui(s.enabled, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label("Voice:");
            let voices = voice.voices();
            let current = match &s.voice {
                None => "The engine's default".to_owned(),
                Some(id) => voices
                    .iter()
                    .find(|v| &v.id == id)
                    .map_or_else(|| id.clone(), |v| v.name.clone()),
            };
            egui::ComboBox::from_id_salt("interviewer-voice")
                .selected_text(current)
                .width(280.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut s.voice, None, "The engine's default");
                    for v in voices {
                        ui.selectable_value(&mut s.voice, Some(v.id.clone()), &v.name);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let label = ui.label("Rate:");
            ui.add(
                egui::Slider::new(
                    &mut s.rate_wpm,
                    crate::voice::MIN_RATE_WPM..=crate::voice::MAX_RATE_WPM,
                )
                .step_by(5.0)
                .suffix(" words a minute"),
            )
            .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let label = ui.label("Volume:");
            let mut percent = (s.volume * 100.0).round();
            if ui
                .add(
                    egui::Slider::new(&mut percent, 0.0..=100.0)
                        .step_by(5.0)
                        .suffix(" %"),
                )
                .labelled_by(label.id)
                .changed()
            {
                s.volume = percent / 100.0;
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Ask a follow-up after a silence of:");
            ui.add(egui::Slider::new(&mut s.silence_secs, 5..=120).suffix(" s"))
                .labelled_by(label.id)
                .on_hover_text("In interviewer mode, while your answer is recorded");
        });
        ui.checkbox(&mut s.interviewer_mode, "Interviewer mode for solo rounds")
            .on_hover_text(
                "The question is read aloud before its clock starts; follow-ups are asked aloud \
                 when a phase changes or runs out of time, and after a long silence when recording",
            );
        ui.horizontal(|ui| {
            let ready = !matches!(voice.status, EngineStatus::Missing(_));
            if ui
                .add_enabled(ready, egui::Button::new("Test voice"))
                .on_hover_text("Say a sample sentence with these settings")
                .clicked()
            {
                commands.push(Effect::Voice(VoiceEffect::Test));
            }
            if voice.is_speaking() && ui.button("Stop speaking").clicked() {
                commands.push(Effect::Voice(VoiceEffect::Stop));
            }
        });
    });
}

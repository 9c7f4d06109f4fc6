//! The recording widgets: the Record switch with its indicator and level meter, and the
//! player of a recorded answer (play/pause, a seek bar with phase and follow-up markers,
//! speeds, back 10 seconds). They draw from what `app/sound/` reports and push commands.

use eframe::egui::{self, RichText, Sense, Stroke, pos2, vec2};

use crate::app::command::{Commands, Effect, ReplayCommand, SoundCommand};
use crate::app::sound::replay::PlayerView;
use crate::app::sound::{RecordStatus, ReplayState, format_ms};
use crate::app::theme::Palette;
use crate::app::widgets::names::set_accessible_name;
use crate::audio::{Level, MarkerKind, RecordingInfo, Speed};

/// The player's keys, for the F1 sheet (they work wherever a recording is open).
pub const SHORTCUTS: [(&str, &str); 3] = [
    ("P", "Play or pause the recording (review, self-assessment)"),
    ("B", "Back 10 seconds in the recording"),
    ("X", "Recording speed: 1x, 1.5x, 2x"),
];

fn sound(command: impl Into<SoundCommand>) -> Effect {
    Effect::Sound(command.into())
}

impl From<ReplayCommand> for SoundCommand {
    fn from(command: ReplayCommand) -> Self {
        SoundCommand::Replay(command)
    }
}

/// A microphone level as a bar, with its level in dB; `name` for screen readers.
pub fn level_meter_ui(ui: &mut egui::Ui, level: Level, name: &str) {
    let palette = Palette::current(ui);
    let fill = if level.peak_dbfs > -1.0 {
        palette.over
    } else if level.rms_dbfs > -50.0 {
        palette.ok
    } else {
        palette.muted
    };
    let text = if level.rms_dbfs <= crate::audio::FLOOR_DBFS + 0.5 {
        "silence".to_owned()
    } else {
        format!("{:.0} dB", level.rms_dbfs)
    };
    let bar = ui.add(
        egui::ProgressBar::new(level.rms_fraction())
            .desired_width(160.0)
            .desired_height(12.0)
            .fill(fill)
            .text(RichText::new(text).small()),
    );
    set_accessible_name(&bar, name);
}

/// The Record switch and, while it runs, a red dot and "Recording" with the time recorded and the
/// microphone's level.
pub fn record_switch_ui(
    ui: &mut egui::Ui,
    status: &RecordStatus,
    level: Option<Level>,
    position_ms: Option<u64>,
    commands: &mut Commands,
) {
    let palette = Palette::current(ui);
    let mut on = *status != RecordStatus::Off;
    if ui
        .checkbox(&mut on, "Record my answer")
        .on_hover_text(
            "Records the microphone while the answer clock runs; the recording stays on this machine",
        )
        .changed()
    {
        commands.push(sound(SoundCommand::SetRecord(on)));
    }
    match status {
        RecordStatus::Off => {}
        RecordStatus::Waiting => {
            ui.label(
                RichText::new("Recording starts with the answer clock.")
                    .small()
                    .color(palette.muted),
            );
        }
        RecordStatus::Recording | RecordStatus::Paused => {
            let recording = *status == RecordStatus::Recording;
            ui.horizontal(|ui| {
                let time = format_ms(position_ms.unwrap_or(0));
                let (text, colour) = if recording {
                    (format!("Recording {time}"), palette.over)
                } else {
                    (format!("Recording paused {time}"), palette.muted)
                };
                // the red dot of a recorder, drawn (the fonts have no such glyph)
                let (dot, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
                if recording {
                    ui.painter().circle_filled(dot.center(), 5.0, colour);
                } else {
                    ui.painter()
                        .circle_stroke(dot.center(), 4.5, Stroke::new(1.5, colour));
                }
                ui.label(RichText::new(text).strong().color(colour));
            });
            if let Some(level) = level {
                level_meter_ui(ui, level, "Microphone level");
            }
        }
        RecordStatus::Stopped(reason) => {
            ui.add(
                egui::Label::new(RichText::new(format!("Not recording: {reason}")).color(palette.warn))
                    .wrap(),
            );
        }
    }
}

/// The player of a recorded answer: `key` names it, `state` is what `Replay` reports for it.
pub fn player_ui(
    ui: &mut egui::Ui,
    session: &str,
    question: usize,
    recording: &RecordingInfo,
    state: &ReplayState,
    commands: &mut Commands,
) {
    let palette = Palette::current(ui);
    let open = |play: bool| {
        sound(ReplayCommand::Open {
            session: session.to_owned(),
            question,
            recording: Box::new(recording.clone()),
            play,
        })
    };
    match state {
        ReplayState::Closed => {
            ui.horizontal(|ui| {
                let play = ui.button("Play recording");
                if play.clicked() {
                    commands.push(open(true));
                }
                ui.label(
                    RichText::new(format!("Recording {}", format_ms(recording.duration_ms)))
                        .color(palette.muted),
                );
            });
        }
        ReplayState::Loading => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Reading the recording…");
            });
        }
        ReplayState::Failed(message) => {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("The recording cannot be played: {message}")).color(palette.over),
                )
                .wrap(),
            );
        }
        ReplayState::Open(view) => open_player_ui(ui, view, commands),
    }
}

fn open_player_ui(ui: &mut egui::Ui, view: &PlayerView, commands: &mut Commands) {
    let palette = Palette::current(ui);
    ui.horizontal(|ui| {
        let name = if view.playing {
            "Pause recording"
        } else {
            "Play recording"
        };
        let play = ui.button(name).on_hover_text("P");
        if play.clicked() {
            commands.push(sound(ReplayCommand::TogglePlay));
        }
        let back = ui.button("Back 10 s").on_hover_text("B: back 10 seconds");
        set_accessible_name(&back, "Skip back 10 seconds");
        if back.clicked() {
            commands.push(sound(ReplayCommand::SkipBack));
        }
        ui.label("Speed:");
        for speed in Speed::ALL {
            let chosen = ui
                .selectable_label(view.speed == speed, speed.label())
                .on_hover_text("X changes the speed");
            set_accessible_name(&chosen, format!("Speed {}", speed.label()));
            if chosen.clicked() && view.speed != speed {
                commands.push(sound(ReplayCommand::SetSpeed(speed)));
            }
        }
        ui.label(
            RichText::new(format!(
                "{} / {}",
                format_ms(view.position_ms),
                format_ms(view.duration_ms)
            ))
            .monospace(),
        );
    });
    seek_bar_ui(ui, view, commands);
    if !view.markers.is_empty() {
        ui.horizontal_wrapped(|ui| {
            for marker in &view.markers {
                let kind = match marker.kind {
                    MarkerKind::Phase => "Phase",
                    MarkerKind::FollowUp => "Follow-up",
                };
                let short: String = marker.label.chars().take(40).collect();
                let text = format!("{} {kind}: {short}", format_ms(marker.at_ms));
                if ui.small_button(text).on_hover_text(&marker.label).clicked() {
                    commands.push(sound(ReplayCommand::Seek(marker.at_ms)));
                }
            }
        });
    }
    if !view.complete {
        ui.label(
            RichText::new(
                "This recording was cut short (Panelist stopped while recording); it plays up to the cut.",
            )
            .small()
            .color(palette.muted),
        );
    }
    if let Some(error) = &view.output_error {
        ui.label(RichText::new(error).small().color(palette.warn));
    }
}

/// The position as a bar: click or drag to move; phases and follow-ups are ticks on it.
fn seek_bar_ui(ui: &mut egui::Ui, view: &PlayerView, commands: &mut Commands) {
    let palette = Palette::current(ui);
    let width = ui.available_width().min(640.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, 22.0), Sense::click_and_drag());
    let duration = view.duration_ms.max(1);
    response.widget_info(|| {
        egui::WidgetInfo::slider(true, view.position_ms as f64 / 1000.0, "Recording position")
    });
    if (response.clicked() || response.dragged())
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let fraction = ((pointer.x - rect.left()) / rect.width()).clamp(0.0, 1.0);
        commands.push(sound(ReplayCommand::Seek(
            (fraction as f64 * duration as f64) as u64,
        )));
    }
    if response.has_focus() {
        let step = ui.input(|i| {
            if i.key_pressed(egui::Key::ArrowRight) {
                Some(5_000i64)
            } else if i.key_pressed(egui::Key::ArrowLeft) {
                Some(-5_000)
            } else {
                None
            }
        });
        if let Some(step) = step {
            let to = (view.position_ms as i64 + step).clamp(0, duration as i64) as u64;
            commands.push(sound(ReplayCommand::Seek(to)));
        }
    }
    let painter = ui.painter_at(rect);
    let track = egui::Rect::from_center_size(rect.center(), vec2(rect.width(), 6.0));
    painter.rect_filled(track, 3.0, palette.phase_todo);
    let x_of = |ms: u64| rect.left() + rect.width() * (ms.min(duration) as f32 / duration as f32);
    let played = egui::Rect::from_min_max(track.min, pos2(x_of(view.position_ms), track.max.y));
    painter.rect_filled(played, 3.0, palette.accent);
    for marker in &view.markers {
        let colour = match marker.kind {
            MarkerKind::Phase => palette.ok,
            MarkerKind::FollowUp => palette.warn,
        };
        let x = x_of(marker.at_ms);
        painter.line_segment(
            [pos2(x, rect.top() + 1.0), pos2(x, rect.bottom() - 1.0)],
            Stroke::new(2.0, colour),
        );
    }
    painter.circle_filled(pos2(x_of(view.position_ms), rect.center().y), 6.0, palette.accent);
    if response.has_focus() {
        painter.rect_stroke(rect, 2.0, ui.visuals().selection.stroke, egui::StrokeKind::Inside);
    }
    response.on_hover_text("Click or drag to move; Left and Right move 5 seconds when it has the focus");
}

/// Under the running question's clock (solo or panel): the Record switch, and while it
/// records, a red dot and "Recording" with the time recorded and the microphone's level.
pub fn round_record_ui(
    ui: &mut egui::Ui,
    runner: &crate::session::Runner,
    sound: &crate::app::sound::Sound,
    commands: &mut Commands,
) {
    let recording = &sound.recording;
    let status = recording.status(Some(runner));
    record_switch_ui(ui, &status, recording.level(), recording.position_ms(), commands);
}

/// A saved answer's recording in the session review: a card under the question's.
pub fn recorded_answer_ui(
    ui: &mut egui::Ui,
    session: &str,
    question: usize,
    recording: &RecordingInfo,
    state: &crate::app::state::AppState,
    commands: &mut Commands,
) {
    let replay = state.sound.replay.state(&(session.to_owned(), question));
    crate::app::theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(format!("Q{} recording", question + 1)).strong());
        player_ui(ui, session, question, recording, &replay, commands);
    });
}

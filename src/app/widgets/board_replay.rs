//! The board's replay in the session review: a scrubber over the answer clock with the
//! phases marked on it, play and pause, and buttons to jump to the end of each phase. The
//! board shown is `Board::at(time)`, read-only.
//!
//! Where the replay stands lives in egui's memory (it is only on screen); the slider and
//! buttons are ordinary widgets, so the keyboard works them and each has a name.

use eframe::egui::{self, Stroke};

use crate::app::command::Commands;
use crate::app::theme::Palette;
use crate::board::Board;
use crate::session::format_clock;

/// A replay plays in about this long, however long the answer was.
const PLAY_SECONDS: f32 = 20.0;

#[derive(Debug, Clone, Copy, Default)]
struct ReplayState {
    at_ms: u64,
    playing: bool,
    /// Set once the position was first placed (at the end).
    placed: bool,
}

/// The replay of `board`; `phases` are (name, end on the answer clock); `key` tells this
/// board apart from others on the screen; `name` prefixes the controls' names ("Q1").
pub fn replay_ui(ui: &mut egui::Ui, board: &Board, phases: &[(String, u64)], key: &str, name: &str) {
    let id = ui.make_persistent_id(("board-replay", key));
    let end = board
        .last_edit_ms()
        .unwrap_or(0)
        .max(phases.last().map_or(0, |p| p.1));
    let mut state: ReplayState = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    if !state.placed {
        state.at_ms = end;
        state.placed = true;
    }
    if state.playing {
        let dt = ui.input(|i| i.stable_dt).min(0.25);
        let step = (end as f32 / PLAY_SECONDS * dt).max(1.0) as u64;
        state.at_ms = (state.at_ms + step).min(end);
        if state.at_ms >= end {
            state.playing = false;
        }
        // The next frame of the replay, at the screen's pace.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(16));
    }
    let palette = Palette::current(ui);
    ui.horizontal(|ui| {
        let (label, hint) = if state.playing {
            ("Pause", "Pause the replay")
        } else {
            ("Play", "Play how the board was drawn")
        };
        let play = ui.button(label).on_hover_text(hint);
        crate::app::widgets::names::set_accessible_name(
            &play,
            format!("{name} replay {}", label.to_lowercase()),
        );
        if play.clicked() {
            if !state.playing && state.at_ms >= end {
                state.at_ms = 0;
            }
            state.playing = !state.playing;
        }
        let label = ui.label("Time:");
        let mut seconds = state.at_ms as f64 / 1000.0;
        let slider = ui
            .add(
                egui::Slider::new(&mut seconds, 0.0..=(end as f64 / 1000.0).max(0.001))
                    .custom_formatter(|v, _| format_clock(v as u64))
                    .show_value(true),
            )
            .labelled_by(label.id);
        crate::app::widgets::names::set_accessible_name(&slider, format!("{name} replay time"));
        if slider.changed() {
            state.at_ms = (seconds * 1000.0).round() as u64;
            state.playing = false;
        }
        // The phases' ends as ticks on the scrubber's rail.
        if end > 0 {
            let rail = slider.rect;
            let width = ui.spacing().slider_width;
            let handle = rail.height() / 2.0;
            for (_, phase_end) in phases {
                let x = rail.left() + handle + (width - 2.0 * handle) * (*phase_end as f32 / end as f32);
                ui.painter().line_segment(
                    [egui::pos2(x, rail.top()), egui::pos2(x, rail.top() + 5.0)],
                    Stroke::new(2.0, palette.accent),
                );
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Jump to:").color(palette.muted));
        let start = ui.button("Start");
        crate::app::widgets::names::set_accessible_name(&start, format!("{name} replay start"));
        if start.clicked() {
            state.at_ms = 0;
            state.playing = false;
        }
        for (phase, phase_end) in phases {
            let text = format!("End of {phase} ({})", format_clock(phase_end / 1000));
            let button = ui
                .button(&text)
                .on_hover_text("The board as it stood when this phase ended");
            crate::app::widgets::names::set_accessible_name(&button, format!("{name} {text}"));
            if button.clicked() {
                state.at_ms = *phase_end;
                state.playing = false;
            }
        }
        let last = ui.button("End");
        crate::app::widgets::names::set_accessible_name(&last, format!("{name} replay end"));
        if last.clicked() {
            state.at_ms = end;
            state.playing = false;
        }
    });
    ui.data_mut(|d| d.insert_temp(id, state));
    let shown = board.at(state.at_ms);
    let mut ignored = Commands::default();
    crate::app::widgets::board::board_ui(ui, &shown, key, state.at_ms, false, &mut ignored);
}

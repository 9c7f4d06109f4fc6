//! The large question clock and the phase timeline.

use eframe::egui::{self, FontId, RichText, Sense, Stroke, StrokeKind};

use crate::app::theme::{self, Palette};
use crate::app::widgets::a11y;
use crate::session::{
    ClockMark, ClockView, Stage, TimeAnnouncements, clock_announcement, clock_words, format_clock,
};

/// Cues at 75% and 100% of the time, as the settings ask.
#[derive(Debug, Clone, Copy)]
pub struct ClockStyle {
    pub scale: f32,
    pub warn_at_75: bool,
    pub warn_at_100: bool,
    /// How often a screen reader hears the time.
    pub announce: TimeAnnouncements,
}

/// The big clock: stage, time left (or "+m:ss over"), the target, a progress bar.
pub fn clock_ui(ui: &mut egui::Ui, view: &ClockView, style: ClockStyle) {
    let palette = Palette::current(ui);
    let colour = if view.is_over() && style.warn_at_100 {
        palette.over
    } else if view.fraction() >= 0.75 && style.warn_at_75 {
        palette.warn
    } else {
        ui.visuals().strong_text_color()
    };
    let stage = match view.stage {
        Stage::Prep => "Prep time",
        _ => "Answer",
    };
    let status = if view.running {
        stage.to_owned()
    } else {
        format!("{stage} · paused")
    };
    ui.label(RichText::new(status).color(palette.muted));
    let text = view.digits();
    let size = theme::CLOCK_SIZE * style.scale;
    let digits = ui.add(
        egui::Label::new(RichText::new(&text).font(FontId::monospace(size)).color(colour))
            .selectable(false)
            .sense(Sense::focusable_noninteractive()),
    );
    timer_node(ui, &digits, view, style.announce);
    a11y::focus_ring(ui, &digits);
    digits.on_hover_text(if view.is_over() {
        "Time is up: keep going, but wrap up."
    } else {
        "Time left"
    });
    let used = format_clock(view.elapsed_ms / 1000);
    let target = format_clock(view.target_ms / 1000);
    // the progress bar below says this to a screen reader, in words
    a11y::unread(&ui.label(RichText::new(format!("{used} used of {target}")).color(palette.muted)));
    let bar = egui::ProgressBar::new(view.fraction().min(1.0))
        .desired_height(8.0)
        .fill(colour);
    ui.scope(|ui| {
        // the bar's track is egui's text-field colour, white on the light theme's panel
        ui.visuals_mut().extreme_bg_color = palette.phase_todo;
        let bar = ui.add(bar);
        // a screen reader hears seconds used of the target, not a bare percentage
        let (used_s, target_s) = (view.elapsed_ms / 1000, view.target_ms / 1000);
        let name = match view.stage {
            Stage::Prep => "Prep time used",
            _ => "Answer time used",
        };
        let value_text = format!(
            "{} of {}",
            crate::session::duration_words(used_s),
            crate::session::duration_words(target_s)
        );
        ui.ctx().accesskit_node_builder(bar.id, |node| {
            node.set_label(name);
            node.set_min_numeric_value(0.0);
            node.set_max_numeric_value(target_s as f64);
            node.set_numeric_value(used_s.min(target_s) as f64);
            node.set_value(value_text);
        });
    });
    if view.is_over() && style.warn_at_100 {
        ui.colored_label(palette.over, RichText::new("Over time").strong());
    } else if view.fraction() >= 0.75 && style.warn_at_75 {
        ui.colored_label(palette.warn, "Three quarters of the time used");
    }
}

/// The big clock's node: a timer named in words ("4 minutes 58 seconds left, Clarify
/// phase"), which changes every second and so is no live region; the milestones are
/// announced apart, as `announce` asks.
fn timer_node(ui: &egui::Ui, digits: &egui::Response, view: &ClockView, announce: TimeAnnouncements) {
    let words = clock_words(view);
    ui.ctx().accesskit_node_builder(digits.id, |node| {
        node.set_role(egui::Role::Timer);
        node.clear_value();
        node.set_label(words);
    });
    let mark_id = digits.id.with("announced-mark");
    let before = ui.data(|d| d.get_temp::<ClockMark>(mark_id));
    let (now, said) = clock_announcement(before, view, announce);
    ui.data_mut(|d| d.insert_temp(mark_id, now));
    if let Some(said) = said {
        a11y::announce(ui.ctx(), said);
    }
}

/// A phase's row in words: "Design: 1 minute 5 seconds of 10 minutes, current phase".
fn phase_words(phase: &crate::session::PhaseView) -> String {
    let mut words = format!(
        "{}: {} of {}",
        phase.name,
        crate::session::duration_words(phase.used_ms / 1000),
        crate::session::duration_words(phase.budget_ms / 1000)
    );
    if phase.is_over() {
        words.push_str(&format!(
            ", {} over",
            crate::session::duration_words((phase.used_ms - phase.budget_ms) / 1000)
        ));
    }
    if phase.current {
        words.push_str(", current phase");
    }
    words
}

/// Each phase as a bar proportional to its budget, filled by time used, with the
/// current phase outlined.
pub fn phases_ui(ui: &mut egui::Ui, view: &ClockView) {
    if view.phases.is_empty() {
        return;
    }
    let palette = Palette::current(ui);
    let total: u64 = view.phases.iter().map(|p| p.budget_ms).sum::<u64>().max(1);
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 18.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let mut x = rect.left();
    for phase in &view.phases {
        let w = width * phase.budget_ms as f32 / total as f32;
        let slot = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w - 2.0, rect.height()));
        painter.rect_filled(slot, 3.0, palette.phase_todo);
        let filled = (phase.used_ms as f32 / phase.budget_ms.max(1) as f32).min(1.0);
        let fill = if phase.is_over() {
            palette.over
        } else {
            palette.phase_done
        };
        painter.rect_filled(
            egui::Rect::from_min_size(slot.min, egui::vec2(slot.width() * filled, slot.height())),
            3.0,
            fill,
        );
        if phase.current {
            painter.rect_stroke(slot, 3.0, Stroke::new(2.0, palette.accent), StrokeKind::Inside);
        }
        x += w;
    }
    egui::Grid::new("phase-table")
        .num_columns(3)
        .spacing([12.0, 2.0])
        .show(ui, |ui| {
            for phase in &view.phases {
                // the current phase is marked by colour, as in the bar above: a "(now)" suffix
                // made the table wider than the clock panel, which then covered the panel's left edge
                let name = if phase.current {
                    ui.label(RichText::new(&phase.name).strong().color(palette.accent))
                        .on_hover_text("The current phase")
                } else {
                    ui.label(&phase.name)
                };
                // a screen reader reads the row as one line; the figures' own labels are left out
                let said = phase_words(phase);
                ui.ctx()
                    .accesskit_node_builder(name.id, |node| node.set_value(said));
                let used = format!(
                    "{} / {}",
                    format_clock(phase.used_ms / 1000),
                    format_clock(phase.budget_ms / 1000)
                );
                let colour = if phase.is_over() {
                    palette.over
                } else {
                    ui.visuals().text_color()
                };
                a11y::unread(&ui.label(RichText::new(used).monospace().color(colour)));
                a11y::unread(&ui.label(if phase.is_over() {
                    RichText::new(format!(
                        "+{}",
                        format_clock((phase.used_ms - phase.budget_ms) / 1000)
                    ))
                    .color(palette.over)
                } else {
                    RichText::new("")
                }));
                ui.end_row();
            }
        });
}

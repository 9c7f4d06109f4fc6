//! A main column with a fixed-width side column to its right, in reading order.
//!
//! An egui side panel has to be drawn before the central panel, so Tab would visit the
//! side column (the clock and its buttons) before the question on the left. Here the
//! main column is laid out first, then the side one, in rects split by hand.

use eframe::egui::{self, Rect, Sense, UiBuilder, pos2, vec2};

use crate::app::theme;

/// Which column a [`main_and_side`] callback is drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Main,
    Side,
}

/// The widest the main column gets: a reading column and the margin beside it. On a wide
/// window the side column follows it, rather than sitting at the far edge.
const MAX_MAIN_WIDTH: f32 = theme::READING_WIDTH + 40.0;

/// Splits the space left in `ui` into a main column and a side column `side_width` wide,
/// draws `column(ui, Column::Main)` then `column(ui, Column::Side)`, with a rule between.
pub fn main_and_side(ui: &mut egui::Ui, side_width: f32, mut column: impl FnMut(&mut egui::Ui, Column)) {
    let full = ui.available_rect_before_wrap();
    let gap = ui.spacing().item_spacing.x * 2.0;
    let side_width = side_width.min(full.width() / 2.0);
    let main_width = (full.width() - side_width - gap).min(MAX_MAIN_WIDTH);
    let main = Rect::from_min_size(full.min, vec2(main_width, full.height()));
    let side = Rect::from_min_size(
        pos2(main.right() + gap, full.top()),
        vec2(side_width, full.height()),
    );
    ui.scope_builder(UiBuilder::new().max_rect(main), |ui| column(ui, Column::Main));
    let rule = ui.visuals().widgets.noninteractive.bg_stroke;
    ui.painter().vline(side.left() - gap / 2.0, full.y_range(), rule);
    ui.scope_builder(UiBuilder::new().max_rect(side), |ui| column(ui, Column::Side));
    ui.allocate_rect(full, Sense::hover());
}

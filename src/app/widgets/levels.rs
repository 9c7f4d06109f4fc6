//! Score buttons that say what each score looks like: the level's text as the button's
//! hover and accessible description, and the chosen level's text under the buttons.

use eframe::egui::{self, RichText};

use crate::app::theme::Palette;
use crate::bank::Levels;
use crate::session::Score;

/// A selectable score button showing `text`, named `accessible` for screen readers, with
/// the level's text (when there are levels) as its hover and accessible description.
pub fn score_button(
    ui: &mut egui::Ui,
    score: Score,
    selected: bool,
    text: &str,
    accessible: &str,
    levels: Option<&Levels>,
) -> egui::Response {
    let level = levels.and_then(|l| l.for_score(score.value()));
    let response = ui.selectable_label(selected, text);
    let response = match level {
        Some(level) => response.on_hover_ui(|ui| {
            ui.set_max_width(320.0);
            ui.label(RichText::new(score.label()).strong());
            ui.label(level);
        }),
        None => response.on_hover_text(score.label()),
    };
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, accessible));
    if let Some(level) = level {
        let description = level.to_owned();
        response
            .ctx
            .accesskit_node_builder(response.id, |node| node.set_description(description));
    }
    response
}

/// The chosen score's level text, small and muted under the buttons; nothing when no
/// score is chosen or the competency has no levels.
pub fn chosen_level(ui: &mut egui::Ui, levels: Option<&Levels>, current: Option<Score>) {
    let Some(text) = current.and_then(|score| levels?.for_score(score.value())) else {
        return;
    };
    let palette = Palette::current(ui);
    ui.add(egui::Label::new(RichText::new(text).small().color(palette.muted)).wrap());
}

//! The first-run welcome: what a practice loop looks like, and the two ways in.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, ViewCommand};
use crate::app::theme::{self, Palette};

const STEPS: [(&str, &str); 4] = [
    (
        "Pick a round",
        "A full Director loop, a leadership drill, one quick question, or your own mix.",
    ),
    (
        "Answer against the clock",
        "Out loud, as in the room. The clock shows time left, phases, and overrun.",
    ),
    (
        "Score yourself",
        "Per competency, on the four-point scale a panel uses, against the rubric's signals.",
    ),
    (
        "Review",
        "History, progress per competency, and a review queue that brings weak questions back.",
    ),
];

pub fn welcome_ui(ui: &mut egui::Ui, commands: &mut Commands) {
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.vertical_centered(|ui| {
            theme::reading_column(ui, 0.0);
            ui.add_space(24.0);
            crate::app::widgets::a11y::heading_label(
                ui,
                1,
                RichText::new("Welcome to Panelist").size(30.0).strong(),
                true,
            );
            ui.add_space(6.0);
            ui.label(
                RichText::new("Practise Director of Engineering interview loops: systems design, leadership scenarios, org design and hiring, your questions to the employer, and your career story.")
                    .color(Palette::current(ui).muted),
            );
            ui.add_space(theme::SECTION_GAP);
        });
        ui.vertical_centered(|ui| {
            theme::reading_column(ui, 0.0);
            for (i, (title, text)) in STEPS.iter().enumerate() {
                theme::card(ui).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(format!("{}", i + 1)).size(24.0).color(Palette::current(ui).accent));
                        ui.vertical(|ui| {
                            ui.label(RichText::new(*title).strong());
                            ui.add(egui::Label::new(*text).wrap());
                        });
                    });
                });
            }
            ui.add_space(theme::SECTION_GAP);
            ui.horizontal(|ui| {
                let big = egui::vec2(200.0, 40.0);
                if ui.add(egui::Button::new(RichText::new("Practise alone").strong()).min_size(big)).clicked() {
                    commands.push(ViewCommand::FinishWelcome { panel: false });
                }
                if ui.add(egui::Button::new(RichText::new("Run a mock panel").strong()).min_size(big)).clicked() {
                    commands.push(ViewCommand::FinishWelcome { panel: true });
                }
            });
            ui.add_space(8.0);
            ui.label(
                RichText::new("You can see this again from Help > Show welcome. Press F1 for keyboard shortcuts.")
                    .small()
                    .color(Palette::current(ui).muted),
            );
        });
    });
}

//! What the candidate sees in the second window: the question and the clock, large.
//! It takes only what it may show, so it cannot leak signals, follow-ups, notes or scores.

use eframe::egui::{self, RichText};

use crate::app::theme::{self, Palette};
use crate::app::widgets::clock::{ClockStyle, clock_ui};
use crate::session::ClockView;

/// Draws the candidate's view. `question` is (title, prompt), `None` between questions.
/// Returns true when the candidate window's own "Close" button was clicked.
pub fn candidate_ui(
    ui: &mut egui::Ui,
    question: Option<(&str, &str)>,
    clock: Option<&ClockView>,
    clock_scale: f32,
) -> bool {
    let mut close = false;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Candidate view").color(Palette::current(ui).muted));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            close = ui
                .button("Close candidate window")
                .on_hover_text("The console can open it again")
                .clicked();
        });
    });
    ui.add_space(theme::SECTION_GAP);
    let Some((title, prompt)) = question else {
        ui.heading("Waiting for the next question…");
        return close;
    };
    if let Some(view) = clock {
        ui.vertical_centered(|ui| {
            clock_ui(
                ui,
                view,
                ClockStyle {
                    scale: clock_scale.max(1.0) * 1.6,
                    warn_at_75: true,
                    warn_at_100: true,
                    // the console's own clock speaks; the candidate's window does not repeat it
                    announce: crate::session::TimeAnnouncements::Off,
                },
            );
        });
        ui.add_space(theme::SECTION_GAP);
    }
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.add(egui::Label::new(RichText::new(title).heading().size(30.0)).wrap());
        ui.add_space(10.0);
        ui.add(egui::Label::new(RichText::new(prompt).size(22.0)).wrap());
    });
    close
}

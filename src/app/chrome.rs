//! What surrounds every screen: the top bar, notices, the window title.

use eframe::egui::{self, RichText};

use super::command::Command;
use super::screens::{Screen, ScreenId};
use super::state::{AppState, NoticeLevel};
use super::theme::Palette;

/// The main screens, in the order the top bar shows them. Add a screen here to give it a tab.
const TABS: [(&str, ScreenId); 3] = [
    ("Home", ScreenId::Home),
    ("History", ScreenId::History),
    ("Progress", ScreenId::Progress),
];

pub fn top_bar_ui(ui: &mut egui::Ui, screen: &Screen, state: &AppState, commands: &mut Vec<Command>) {
    egui::Panel::top("top-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Panelist").strong().size(18.0));
            ui.separator();
            for (label, id) in TABS {
                if ui.selectable_label(screen.id() == id, label).clicked() {
                    commands.push(Command::Navigate(id));
                }
            }
            let running = state.runner.as_ref().is_some_and(|r| !r.session().is_finished());
            if running
                && ui
                    .selectable_label(screen.id() == ScreenId::Round, "Current round")
                    .clicked()
            {
                commands.push(Command::Navigate(ScreenId::Round));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if state.read_only() {
                    ui.colored_label(Palette::current(ui).warn, "Read-only");
                }
            });
        });
    });
}

/// Notices and the failed-save banner. Sticky ones stay until dismissed.
pub fn notices_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    if state.notices.is_empty() && state.save.failing.is_none() {
        return;
    }
    egui::Panel::top("notices").show(ui, |ui| {
        let palette = Palette::current(ui);
        if let Some(failing) = &state.save.failing {
            ui.colored_label(
                palette.over,
                RichText::new(format!("Not saved: {failing}")).strong(),
            );
        }
        for (i, notice) in state.notices.iter().enumerate() {
            ui.horizontal(|ui| {
                let colour = match notice.level {
                    NoticeLevel::Info => palette.ok,
                    NoticeLevel::Warning => palette.warn,
                    NoticeLevel::Error => palette.over,
                };
                if ui
                    .small_button("Dismiss")
                    .on_hover_text("Hide this message")
                    .clicked()
                {
                    commands.push(Command::DismissNotice(i));
                }
                ui.add(egui::Label::new(RichText::new(&notice.text).color(colour)).wrap());
            });
        }
    });
}

/// "Panelist — <screen or round>", sent only when it changes (a viewport command repaints).
pub fn window_title(ctx: &egui::Context, screen: &Screen, state: &AppState, last: &mut String) {
    let title = match (screen, &state.runner) {
        (Screen::Round, Some(runner)) => format!("Panelist — {}", runner.session().title),
        _ => format!("Panelist — {}", screen.title()),
    };
    if *last != title {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        *last = title;
    }
}

//! What surrounds every screen: the top bar, notices, the window title.

use eframe::egui::{self, RichText};

use super::command::{Commands, HelpWindow, ViewCommand};
use super::screens::{Screen, ScreenId};
use super::state::{AppState, NoticeLevel};
use super::theme::Palette;

/// The main screens, in the order the top bar shows them. Add a screen here to give it a tab.
const TABS: [(&str, ScreenId); 6] = [
    ("Home", ScreenId::Home),
    ("Questions", ScreenId::Browser),
    ("History", ScreenId::History),
    ("Progress", ScreenId::Progress),
    ("Prep kit", ScreenId::Prep),
    ("Settings", ScreenId::Settings),
];

/// Returns the id of the current screen's tab, where the focus goes on a screen that has
/// no title of its own.
pub fn top_bar_ui(
    ui: &mut egui::Ui,
    screen: &Screen,
    state: &AppState,
    frame_stats_shown: bool,
    commands: &mut Commands,
) -> Option<egui::Id> {
    let mut current = None;
    egui::Panel::top("top-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new("Panelist").strong().size(18.0));
            ui.separator();
            for (label, id) in TABS {
                let tab = ui.selectable_label(screen.id() == id, label);
                if screen.id() == id {
                    current = Some(tab.id);
                }
                if tab.clicked() {
                    commands.push(ViewCommand::Navigate(id));
                }
            }
            let running = state.runner.as_ref().is_some_and(|r| !r.session().is_finished());
            if running {
                let tab = ui.selectable_label(screen.id() == ScreenId::Round, "Current round");
                if screen.id() == ScreenId::Round {
                    current = Some(tab.id);
                }
                if tab.clicked() {
                    commands.push(ViewCommand::Navigate(ScreenId::Round));
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                help_menu_ui(ui, frame_stats_shown, commands);
                if state.read_only() {
                    ui.colored_label(Palette::current(ui).warn, "Read-only");
                }
            });
        });
    });
    current
}

/// Notices and the failed-save banner. Sticky ones stay until dismissed.
pub fn notices_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
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
                    commands.push(ViewCommand::DismissNotice(i));
                }
                ui.add(egui::Label::new(RichText::new(&notice.text).color(colour)).wrap());
            });
        }
    });
}

/// "Panelist — <screen or round>", sent only when it changes (a viewport command repaints),
/// and given to the accessibility tree's window node every frame, so that a screen reader
/// names the window as its title bar does.
pub fn window_title(ctx: &egui::Context, screen: &Screen, state: &AppState, last: &mut String) {
    let title = match (screen, &state.runner) {
        (Screen::Round, Some(runner)) => format!("Panelist — {}", runner.session().title),
        _ => format!("Panelist — {}", screen.title()),
    };
    if *last != title {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        *last = title.clone();
    }
    ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(title));
}

/// What the window shows, as far as the keyboard focus goes: when this changes, the new
/// page's title takes the focus (see `widgets::a11y::begin_page`).
pub fn page_key(screen: &Screen, state: &AppState) -> String {
    match (screen, &state.runner) {
        (Screen::Round, Some(runner)) => format!(
            "round {} {:?} {}",
            runner.session().id,
            runner.stage(),
            runner.session().current
        ),
        _ => screen.title().to_owned(),
    }
}

fn help_menu_ui(ui: &mut egui::Ui, frame_stats_shown: bool, commands: &mut Commands) {
    ui.menu_button("Help", |ui| {
        if ui.button("Keyboard shortcuts (F1)").clicked() {
            commands.push(ViewCommand::ToggleHelp(HelpWindow::Shortcuts));
        }
        if ui.button("Show welcome").clicked() {
            commands.push(ViewCommand::ShowWelcome);
        }
        if ui.button("About Panelist").clicked() {
            commands.push(ViewCommand::ToggleHelp(HelpWindow::About));
        }
        ui.separator();
        let stats = if frame_stats_shown {
            "Hide frame statistics"
        } else {
            "Show frame statistics"
        };
        if ui
            .button(stats)
            .on_hover_text("What each frame costs in CPU time, at the bottom of the window")
            .clicked()
        {
            commands.push(ViewCommand::ToggleFrameStats);
        }
    });
}

/// Every shortcut, as the shortcuts sheet lists it.
pub const SHORTCUTS: [(&str, &str); 14] = [
    ("F1 or ?", "Show or hide this sheet"),
    (
        "Enter",
        "Start the round (set-up); finish the answer (running); next question (scoring)",
    ),
    ("Space", "Pause or resume the clock"),
    ("Esc", "Pause the clock; leave a text field"),
    ("F", "Ask me a follow-up (said aloud in interviewer mode)"),
    ("N", "Next phase"),
    ("S", "Skip the question"),
    (
        "R",
        "Read the question aloud again (a panel: play it to the room)",
    ),
    ("X", "Stop speaking; a clock waiting for the reading starts"),
    ("Up / Down", "Choose the competency to score"),
    ("1 2 3 4", "Score the chosen competency"),
    ("0", "Leave it unscored"),
    ("Ctrl + / Ctrl -", "Larger or smaller text; Ctrl 0 resets"),
    (
        "Tab / Shift Tab",
        "Move between buttons and fields; Enter or Space presses the one in focus. \
         While a widget has focus, Enter, Space, Up and Down are its own; Esc leaves it",
    ),
];

/// "Using Panelist with a screen reader", as the shortcuts sheet ends (docs/accessibility.md
/// says the same at length).
pub const SCREEN_READER_NOTES: [&str; 5] = [
    "Each new screen puts the focus on its title, so the screen reader says where you are.",
    "Tab to the clock to hear the time left in words. It speaks up by itself at a change of \
     phase, at 75% and 100% of the time and at each minute over: Settings, Timing, \
     \"Screen reader: say the time left\" makes that every minute, or never.",
    "Ask me a follow-up (F): the new follow-up is read out and the focus stays on the button.",
    "Scoring: Up and Down choose a competency and 1 to 4 score it; each is read out, the \
     competency and its score, and Enter still moves on.",
    "Headings mark each screen's sections; the question banks on Home are a table.",
];

pub fn help_windows_ui(
    ctx: &egui::Context,
    shortcuts: bool,
    about: bool,
    data: &str,
    commands: &mut Commands,
) {
    if shortcuts {
        let mut open = true;
        // below the top bar, and never taller than the window: the sheet scrolls instead of
        // covering the menu
        let content = ctx.content_rect();
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .pivot(egui::Align2::CENTER_TOP)
            .default_pos([content.center().x, content.top() + 48.0])
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height((content.height() - 140.0).max(200.0))
                    .show(ui, shortcut_sheet_ui);
            });
        if !open {
            commands.push(ViewCommand::ToggleHelp(HelpWindow::Shortcuts));
        }
    }
    if about {
        let mut open = true;
        egui::Window::new("About Panelist")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(RichText::new(format!("Panelist {}", crate::VERSION)).strong());
                ui.label("Practise Director of Engineering interview loops.");
                ui.label("No network connection; your data stays on this machine.");
                ui.add_space(6.0);
                ui.label("Data folder:");
                ui.label(RichText::new(data).monospace());
            });
        if !open {
            commands.push(ViewCommand::ToggleHelp(HelpWindow::About));
        }
    }
}

/// The F1 sheet's content: every shortcut, and how to use Panelist with a screen reader.
fn shortcut_sheet_ui(ui: &mut egui::Ui) {
    egui::Grid::new("shortcut-sheet")
        .num_columns(2)
        .striped(true)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            for &(keys, action) in SHORTCUTS
                .iter()
                .chain(&crate::app::widgets::board::SHORTCUTS)
                .chain(&crate::app::widgets::player::SHORTCUTS)
            {
                ui.label(RichText::new(keys).monospace().strong());
                ui.label(action);
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    // closed at first, so that the sheet keeps its size and place
    egui::CollapsingHeader::new("Using Panelist with a screen reader").show(ui, |ui| {
        ui.set_max_width(560.0);
        for note in SCREEN_READER_NOTES {
            ui.add(egui::Label::new(note).wrap());
        }
    });
}

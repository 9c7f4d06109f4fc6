//! What the window shows, apart from the model: the screen and its state, the help
//! windows, the browser's and the panel console's selections. Changed only by view
//! commands (`apply_view.rs`).

use super::screens::{self, Screen};

pub struct View {
    pub screen: Screen,
    pub browser: screens::browser::BrowserState,
    /// Mock panel console state: active panelist, note draft, candidate window.
    pub panel_view: screens::panel::PanelView,
    /// The competency that keys 1-4 score on the self-assessment screen.
    pub assess_focus: usize,
    pub show_shortcuts: bool,
    pub show_about: bool,
    /// The window title last sent, so it is sent only when it changes.
    pub window_title: String,
    /// The last "play from here" asked for: (question's global id, ms into its recording).
    /// The recording's player takes it (and clears it) when it shows that question.
    pub play_request: Option<(String, u64)>,
}

impl View {
    pub fn new(screen: Screen) -> Self {
        Self {
            screen,
            browser: Default::default(),
            panel_view: Default::default(),
            assess_focus: 0,
            show_shortcuts: false,
            show_about: false,
            window_title: String::new(),
            play_request: None,
        }
    }
}

//! One module per screen; the app shows one at a time.

pub mod export_form;
pub mod history;
pub mod home;
pub mod progress;
pub mod review;
pub mod round;
pub mod setup;

use crate::session::RoundPlan;

/// Which screen is showing, with its own state.
pub enum Screen {
    Home,
    Setup(Box<setup::SetupState>),
    Round,
    History(Box<history::HistoryScreen>),
    Review(Box<review::ReviewScreen>),
    Progress,
}

/// Screens a command can navigate to without extra state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenId {
    Home,
    Round,
    History,
    Progress,
}

impl Screen {
    pub fn title(&self) -> &'static str {
        match self {
            Screen::Home => "Home",
            Screen::Setup(_) => "Set up a round",
            Screen::Round => "Round",
            Screen::History(_) => "History",
            Screen::Review(_) => "Session review",
            Screen::Progress => "Progress",
        }
    }

    /// Which tab this screen belongs to.
    pub fn id(&self) -> ScreenId {
        match self {
            Screen::Home | Screen::Setup(_) => ScreenId::Home,
            Screen::Round => ScreenId::Round,
            Screen::History(_) | Screen::Review(_) => ScreenId::History,
            Screen::Progress => ScreenId::Progress,
        }
    }

    pub fn history() -> Screen {
        Screen::History(Box::default())
    }

    pub fn setup(plan: RoundPlan) -> Screen {
        Screen::Setup(Box::new(setup::SetupState::new(plan)))
    }
}

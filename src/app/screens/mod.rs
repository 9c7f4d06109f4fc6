//! One module per screen; the app shows one at a time.

pub mod home;
pub mod panel;
pub mod round;
pub mod setup;

use crate::session::RoundPlan;

/// Which screen is showing, with its own state.
pub enum Screen {
    Home,
    Setup(Box<setup::SetupState>),
    Round,
    /// Set up a mock panel: candidate and panelists, before choosing the round.
    PanelSetup(Box<panel::PanelSetupState>),
}

/// Screens a command can navigate to without extra state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenId {
    Home,
    Round,
}

impl Screen {
    pub fn title(&self) -> &'static str {
        match self {
            Screen::Home => "Home",
            Screen::Setup(_) => "Set up a round",
            Screen::Round => "Round",
            Screen::PanelSetup(_) => "Set up a mock panel",
        }
    }

    /// Which tab this screen belongs to.
    pub fn id(&self) -> ScreenId {
        match self {
            Screen::Home | Screen::Setup(_) | Screen::PanelSetup(_) => ScreenId::Home,
            Screen::Round => ScreenId::Round,
        }
    }

    pub fn setup(plan: RoundPlan) -> Screen {
        Screen::Setup(Box::new(setup::SetupState::new(plan)))
    }
}

//! One module per screen; the app shows one at a time.

pub mod browser;
pub mod editor;
pub mod export_form;
pub mod history;
pub mod home;
pub mod interviewer;
pub mod opened;
pub mod panel;
pub mod prep;
pub mod problems;
pub mod progress;
pub mod question_detail;
pub mod round;
pub mod session_review;
pub mod settings;
pub mod settings_mic;
pub mod settings_models;
pub mod settings_voice;
pub mod setup;
pub mod welcome;

use crate::session::RoundPlan;

/// Which screen is showing, with its own state.
pub enum Screen {
    Welcome,
    Home,
    Settings,
    Prep(Box<prep::PrepScreen>),
    Setup(Box<setup::SetupState>),
    Round,
    Browser,
    Problems,
    Editor(Box<editor::EditorState>),
    History(Box<history::HistoryScreen>),
    Review(Box<session_review::ReviewScreen>),
    Progress,
    /// Set up a mock panel: candidate and panelists, before choosing the round.
    PanelSetup(Box<panel::PanelSetupState>),
    /// Join a panel shared through a folder: choose the folder, then who you are.
    JoinPanel(Box<panel::JoinState>),
    /// A remote panelist's (or the candidate's) console, following the host.
    RemotePanel,
    /// The file the window was opened with: a bank to import, a panel, exported sessions.
    Opened(Box<opened::OpenedScreen>),
}

/// Screens a command can navigate to without extra state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenId {
    Home,
    Round,
    Settings,
    Prep,
    Browser,
    History,
    Progress,
}

impl Screen {
    pub fn title(&self) -> &'static str {
        match self {
            Screen::Welcome => "Welcome",
            Screen::Home => "Home",
            Screen::Settings => "Settings",
            Screen::Prep(_) => "Prep kit",
            Screen::Setup(_) => "Set up a round",
            Screen::Round => "Round",
            Screen::Browser => "Questions",
            Screen::Problems => "Bank problems",
            Screen::Editor(_) => "Edit question",
            Screen::History(_) => "History",
            Screen::Review(_) => "Session review",
            Screen::Progress => "Progress",
            Screen::PanelSetup(_) => "Set up a mock panel",
            Screen::JoinPanel(_) => "Join a panel",
            Screen::RemotePanel => "Panel",
            Screen::Opened(opened) => opened.title(),
        }
    }

    /// Which tab this screen belongs to.
    pub fn id(&self) -> ScreenId {
        match self {
            Screen::Welcome
            | Screen::Home
            | Screen::Setup(_)
            | Screen::PanelSetup(_)
            | Screen::JoinPanel(_) => ScreenId::Home,
            Screen::RemotePanel => ScreenId::Round,
            Screen::Settings => ScreenId::Settings,
            Screen::Prep(_) => ScreenId::Prep,
            Screen::Round => ScreenId::Round,
            Screen::Browser | Screen::Problems | Screen::Editor(_) => ScreenId::Browser,
            Screen::History(_) | Screen::Review(_) => ScreenId::History,
            Screen::Progress => ScreenId::Progress,
            Screen::Opened(opened) => opened.tab(),
        }
    }

    pub fn history() -> Screen {
        Screen::History(Box::default())
    }

    pub fn setup(plan: RoundPlan) -> Screen {
        Screen::Setup(Box::new(setup::SetupState::new(plan)))
    }
}

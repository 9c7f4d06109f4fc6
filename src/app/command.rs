//! What screens ask for. Screens push commands while drawing; `PanelistApp::apply`
//! carries them out after the frame is drawn, in one place.
//!
//! A feature with many commands gets its own enum, wrapped in one variant here
//! (`Command::Panel(PanelCommand)`), and its own `apply_*.rs` beside `apply.rs`.

use crate::prep::{Role, Story};
use crate::session::{RoundKind, Score, Slot};

use super::screens::ScreenId;
use super::settings::Settings;

/// An action on the running question's clock and flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    TogglePause,
    Pause,
    StartAnswer,
    NextPhase,
    FinishAnswer,
    NextQuestion,
    Skip,
    EndRound,
}

#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Navigate(ScreenId),
    /// Pick questions for a round and show them before starting.
    PlanRound(RoundKind),
    /// Re-pick a custom round with new filters and count.
    SetCustomFilter {
        count: usize,
        filter: Slot,
    },
    /// Add a hand-picked question to the custom round being set up.
    HandPick(String),
    RemovePick(usize),
    Reroll(usize),
    SetFavourNew(bool),
    StartRound,
    Flow(Flow),
    ShowFollowUp,
    SetSelfScore {
        question: usize,
        competency: String,
        score: Option<Score>,
    },
    ToggleSignal {
        question: usize,
        strong: bool,
        index: usize,
    },
    /// A text field of the running session changed; save soon.
    Edited,
    Resume(String),
    DeclineResume(String),
    /// Leave the finished round for Home.
    CloseRound,
    DismissNotice(usize),
    /// Leave the welcome screen, for solo practice or to set up a panel.
    FinishWelcome {
        panel: bool,
    },
    ShowWelcome,
    SetSettings(Box<Settings>),
    OpenDataFolder,
    /// Show or hide a help window.
    ToggleHelp(HelpWindow),
    /// Show or hide the frame statistics bar (as `--frame-stats` does, without the log).
    ToggleFrameStats,
    /// Keyboard scoring on the self-assessment screen: move the focused competency.
    FocusCompetency(isize),
    Prep(PrepCommand),
    /// The question browser, bank problems, import and the question editor.
    Bank(BankCommand),
    /// History, review, progress and export.
    History(super::apply_history::HistoryCommand),
    /// Mock panel mode (`apply_panel.rs`).
    Panel(super::screens::panel::PanelCommand),
}

/// Stories and role checklists.
#[derive(Debug, Clone, PartialEq)]
pub enum PrepCommand {
    /// Adds a story (its id is made from the title) and selects it.
    AddStory(Box<Story>),
    /// Replaces the story with the same id.
    SaveStory(Box<Story>),
    DeleteStory(String),
    AddRole(String),
    SaveRole(Box<Role>),
    DeleteRole(String),
    /// A ReverseInterview round on the checks still unanswered for a role.
    PractiseRole(String),
    /// Marks a story as used (or not) in the answer to a question of the running round.
    ToggleStoryLink {
        question: usize,
        story: String,
    },
}

/// The small windows the Help menu opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpWindow {
    Shortcuts,
    About,
}

/// What the question browser, the problems panel and the editor ask for.
#[derive(Debug, Clone, PartialEq)]
pub enum BankCommand {
    /// Show a question (global id) in the detail pane.
    Select(String),
    /// Start a one-question round now.
    PractiseNow(String),
    /// Open (or extend) the custom round setup with this question.
    AddToCustomRound(String),
    Reload,
    ShowProblems,
    /// Pick a bank file with the native dialog.
    ImportDialog,
    Import(std::path::PathBuf),
    /// Replace the existing file the pending import would overwrite.
    ConfirmReplace,
    CancelImport,
    NewQuestion,
    Edit(String),
    CopyToMyBank(String),
    SaveQuestion,
    CloseEditor,
}

//! What screens ask for. Screens push commands while drawing; `PanelistApp::apply`
//! carries them out after the frame is drawn, in one place.
//!
//! A feature with many commands gets its own enum, wrapped in one variant here
//! (`Command::Panel(PanelCommand)`), and its own `apply_*.rs` beside `apply.rs`.

use crate::session::{RoundKind, Score, Slot};

use super::screens::ScreenId;

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
    /// Mock panel mode (`apply_panel.rs`).
    Panel(super::screens::panel::PanelCommand),
}

//! Mock panel mode: setup, the interviewer console, the candidate window, blind
//! scorecards and the debrief. Shown instead of the solo round when the running
//! session's mode is `Mode::Panel`.

mod candidate;
mod console;
mod debrief;
mod join;
mod remote_console;
mod remote_host;
mod scorecards;
mod setup;

pub use candidate::candidate_ui;
pub use console::console_ui;
pub use debrief::debrief_ui;
pub use join::{JoinState, join_ui};
pub(crate) use remote_console::remote_console_ui;
pub use remote_host::{HostStatus, remote_scoring_ui, remote_status_ui};
pub use scorecards::scorecards_ui;
pub use setup::{PanelSetupState, panel_banner_ui, panel_setup_ui};

use eframe::egui;
use egui_commonmark::CommonMarkCache;

use crate::app::command::{Commands, PanelViewCommand, ViewCommand};
use crate::app::settings::Settings;
use crate::app::theme;
use crate::session::{Runner, Stage};

/// What the console remembers between frames (not saved: the session holds the data).
#[derive(Debug, Default)]
pub struct PanelView {
    /// The panelist whose notes are being taken.
    pub note_taker: usize,
    pub note_draft: String,
    /// The panelist filling their scorecard, as picked, with the question it was picked
    /// for; otherwise the first one who has not submitted yet (so a resumed round or the
    /// next question opens on someone still to score).
    pub scorer: Option<(usize, usize)>,
    /// A question being scored from the debrief (scoring "at the end").
    pub scoring_from_debrief: Option<usize>,
    pub candidate_window: bool,
}

/// What the panel's screens read besides the round: the host's microphone and player,
/// transcription, and the shared folder's status when panelists are on their own machines.
#[derive(Clone, Copy)]
pub struct PanelReads<'a> {
    pub sound: &'a crate::app::sound::Sound,
    /// Transcription's jobs and model, for a recorded answer's transcript.
    pub speech: &'a crate::app::speech::SpeechStatus,
    pub remote: Option<&'a HostStatus<'a>>,
}

/// The round screen of a panel session, by stage; plus the candidate window when open.
pub fn panel_round_ui(
    ui: &mut egui::Ui,
    runner: &Runner,
    view: &mut PanelView,
    settings: &Settings,
    markdown: &mut CommonMarkCache,
    reads: PanelReads<'_>,
    commands: &mut Commands,
) {
    let remote = reads.remote;
    match runner.stage() {
        Stage::Ready | Stage::Prep | Stage::Answer => {
            console_ui(ui, runner, view, settings, markdown, reads, commands)
        }
        Stage::Assess if remote.is_some() => {
            egui::CentralPanel::default().show(ui, |ui| {
                if let Some(status) = remote {
                    remote_scoring_ui(ui, runner, status, commands);
                }
            });
        }
        Stage::Assess => {
            let question = runner.session().current;
            egui::CentralPanel::default().show(ui, |ui| {
                scorecards_ui(ui, runner, view, question, reads, commands);
            });
        }
        Stage::Summary => {
            egui::CentralPanel::default().show(ui, |ui| match view.scoring_from_debrief {
                Some(question) => scorecards_ui(ui, runner, view, question, reads, commands),
                None => debrief_ui(ui, runner, reads, commands),
            });
        }
    }
    if view.candidate_window {
        candidate_window(ui.ctx(), runner, settings, commands);
    }
}

/// The second native window: only the prompt and the clock. Follows the console
/// because it is drawn from the same runner on every frame of the main window.
fn candidate_window(ctx: &egui::Context, runner: &Runner, settings: &Settings, commands: &mut Commands) {
    let clock = match runner.stage() {
        Stage::Prep | Stage::Answer => runner.clock_view(),
        _ => None,
    };
    let question = match runner.stage() {
        Stage::Summary => None,
        _ => runner
            .current()
            .map(|r| (r.question.title.as_str(), r.question.prompt.as_str())),
    };
    let board = match runner.stage() {
        Stage::Summary => None,
        _ => runner
            .current()
            .and_then(|r| r.board().map(|b| (r.global_id.as_str(), b))),
    };
    let builder = egui::ViewportBuilder::default()
        .with_title("Panelist · candidate view")
        .with_inner_size([960.0, 640.0]);
    let close = ctx.show_viewport_immediate(
        egui::ViewportId::from_hash_of("panelist-candidate-window"),
        builder,
        |ui, _class| {
            let mut close = ui.input(|i| i.viewport().close_requested());
            // eframe clears a second window to transparent black, not to the app's clear
            // colour, so this panel paints the background itself
            let background = theme::background(ui.visuals());
            let frame = egui::Frame::central_panel(ui.style()).fill(background);
            egui::CentralPanel::default().frame(frame).show(ui, |ui| {
                close |= candidate_ui(ui, question, board, clock.as_ref(), settings.clock_scale);
            });
            close
        },
    );
    if close {
        commands.push(ViewCommand::Panel(PanelViewCommand::CloseCandidateWindow));
    }
}

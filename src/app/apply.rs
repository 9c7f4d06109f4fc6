//! The one place commands are carried out, and the keyboard shortcuts that emit them.
//!
//! `apply` only routes: view commands to `apply_view.rs`, model commands to
//! `apply_model.rs`, effects to `effects.rs`.

use eframe::egui;

use super::PanelistApp;
use super::command::{
    Command, Effect, HelpWindow, ModelCommand, ReplayCommand, SoundCommand, ViewCommand, VoiceEffect,
};
use super::screens::Screen;
use crate::session::{Flow, SessionEdit, Stage};

impl PanelistApp {
    pub(super) fn apply_commands(&mut self) {
        for command in self.commands.take() {
            self.apply(command);
        }
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: impl Into<Command>) {
        match command.into() {
            Command::View(command) => self.apply_view(command),
            Command::Model(command) => self.apply_model(command),
            Command::Effect(effect) => self.run_effect(effect),
        }
    }

    /// Keyboard shortcuts; typing in a text field never triggers them.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.key_pressed(egui::Key::F1)) {
            self.commands.push(ViewCommand::ToggleHelp(HelpWindow::Shortcuts));
        }
        // The whiteboard's own keys (tools, Enter, arrows) while its canvas has the focus.
        if crate::app::widgets::board::board_has_focus(ctx) {
            return;
        }
        if ctx.text_edit_focused() {
            if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
                ctx.memory_mut(|m| m.stop_text_input());
            }
            return;
        }
        let pressed = |key| shortcut_pressed(ctx, key);
        if pressed(egui::Key::Questionmark) {
            self.commands.push(ViewCommand::ToggleHelp(HelpWindow::Shortcuts));
        }
        // the player's keys, while a recording is open (review, self-assessment)
        if self.state.sound.replay.open_key().is_some() {
            let replay = if pressed(egui::Key::P) {
                Some(ReplayCommand::TogglePlay)
            } else if pressed(egui::Key::B) {
                Some(ReplayCommand::SkipBack)
            } else if pressed(egui::Key::X) {
                Some(ReplayCommand::NextSpeed)
            } else {
                None
            };
            if let Some(replay) = replay {
                self.commands.push(Effect::Sound(SoundCommand::Replay(replay)));
                return;
            }
        }
        match (&self.view.screen, self.state.stage()) {
            (Screen::Round, Some(Stage::Prep | Stage::Answer)) => {
                if pressed(egui::Key::Space) {
                    self.commands.push(ModelCommand::Flow(Flow::TogglePause));
                } else if pressed(egui::Key::Escape) {
                    self.commands.push(ModelCommand::Flow(Flow::Pause));
                } else if pressed(egui::Key::Enter) {
                    self.commands.push(ModelCommand::Flow(Flow::FinishAnswer));
                } else if pressed(egui::Key::F) {
                    if let Some(question) = self
                        .state
                        .runner
                        .as_ref()
                        .and_then(|r| r.current())
                        .map(|r| r.global_id.clone())
                    {
                        self.commands
                            .push(ModelCommand::Edit(SessionEdit::ShowFollowUp { question }));
                    }
                } else if pressed(egui::Key::N) {
                    self.commands.push(ModelCommand::Flow(Flow::NextPhase));
                } else if pressed(egui::Key::S) {
                    self.commands.push(ModelCommand::Flow(Flow::Skip));
                } else if pressed(egui::Key::R) && self.settings.voice.enabled {
                    self.commands.push(Effect::Voice(VoiceEffect::AskQuestion));
                } else if pressed(egui::Key::X) {
                    self.commands.push(Effect::Voice(VoiceEffect::Stop));
                }
            }
            // a panel's scorecards are left with their own buttons and keys, never by a stray Enter
            (Screen::Round, Some(Stage::Assess)) if !self.is_panel_round() => self.assess_shortcuts(ctx),
            (Screen::Setup(setup), _) if pressed(egui::Key::Enter) => {
                if let Some(start) = setup.round_start(self.settings.time_scale) {
                    self.commands.push(ModelCommand::StartRound(start));
                }
            }
            _ => {}
        }
    }
}

impl PanelistApp {
    pub(super) fn is_panel_round(&self) -> bool {
        self.state
            .runner
            .as_ref()
            .is_some_and(|r| r.session().mode == crate::session::Mode::Panel)
    }

    /// Up/Down choose a competency; 1-4 score it; 0 clears; Enter moves on.
    fn assess_shortcuts(&mut self, ctx: &egui::Context) {
        let pressed = |key| shortcut_pressed(ctx, key);
        if pressed(egui::Key::Enter) {
            self.commands.push(ModelCommand::Flow(Flow::NextQuestion));
            return;
        }
        if pressed(egui::Key::ArrowDown) {
            self.commands.push(ViewCommand::FocusCompetency(1));
        } else if pressed(egui::Key::ArrowUp) {
            self.commands.push(ViewCommand::FocusCompetency(-1));
        }
        let keys = [
            (egui::Key::Num0, 0),
            (egui::Key::Num1, 1),
            (egui::Key::Num2, 2),
            (egui::Key::Num3, 3),
            (egui::Key::Num4, 4),
        ];
        let Some(value) = keys.iter().find(|(key, _)| pressed(*key)).map(|(_, v)| *v) else {
            return;
        };
        let Some(runner) = self.state.runner.as_ref() else {
            return;
        };
        let Some(record) = runner.current() else {
            return;
        };
        let Some(competency) = record.question.competencies.get(self.view.assess_focus) else {
            return;
        };
        self.commands.push(ModelCommand::Edit(SessionEdit::SelfScore {
            question: record.global_id.clone(),
            competency: competency.clone(),
            score: crate::session::Score::new(value),
        }));
    }
}

/// A shortcut key was pressed. Enter and Space belong to the widget Tab has focused (they
/// press it), and the arrow keys move that focus, so the screen's own Enter, Space, Up and
/// Down wait until no widget one can press has focus. A focused title or timer (where the
/// focus goes on a new page, for a screen reader) presses nothing, and leaves them to the screen.
fn shortcut_pressed(ctx: &egui::Context, key: egui::Key) -> bool {
    use egui::Key::{ArrowDown, ArrowUp, Enter, Space};
    let taken = matches!(key, Enter | Space | ArrowUp | ArrowDown)
        && ctx.memory(|m| m.focused()).is_some_and(|id| {
            ctx.read_response(id)
                .is_none_or(|r| r.sense.senses_click() || r.sense.senses_drag())
        });
    !taken && ctx.input(|i| i.key_pressed(key))
}

//! The one place commands are carried out, and the keyboard shortcuts that emit them.

use eframe::egui;

use super::PanelistApp;
use super::command::{Command, Flow, HelpWindow};
use super::screens::{Screen, ScreenId};
use super::state::NoticeLevel;
use crate::session::{Mode, RoundKind, RoundPlan, RoundSpec, Session, Stage, Status, new_session_id};

impl PanelistApp {
    pub(super) fn apply_commands(&mut self) {
        for command in std::mem::take(&mut self.commands) {
            self.apply(command);
        }
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Navigate(ScreenId::Home) => self.screen = Screen::Home,
            Command::Navigate(ScreenId::Round) => self.screen = Screen::Round,
            Command::Navigate(ScreenId::Settings) => self.screen = Screen::Settings,
            Command::Navigate(ScreenId::Prep) => self.screen = Screen::Prep(Box::default()),
            Command::Prep(command) => self.apply_prep(command),
            Command::FinishWelcome { panel } => {
                self.settings.welcomed = true;
                self.screen = Screen::Home;
                if panel {
                    self.apply(Command::Panel(super::screens::panel::PanelCommand::OpenSetup));
                }
            }
            Command::ShowWelcome => self.screen = Screen::Welcome,
            Command::SetSettings(settings) => self.settings = settings.sanitised(),
            Command::OpenDataFolder => self.open_data_folder(),
            Command::ToggleHelp(HelpWindow::Shortcuts) => self.show_shortcuts = !self.show_shortcuts,
            Command::ToggleHelp(HelpWindow::About) => self.show_about = !self.show_about,
            Command::ToggleFrameStats => {
                self.frame_stats = match self.frame_stats {
                    Some(_) => None,
                    None => Some(super::frame_stats::FrameStats::new(false)),
                }
            }
            Command::FocusCompetency(step) => {
                let count = self
                    .state
                    .runner
                    .as_ref()
                    .and_then(|r| r.current())
                    .map_or(1, |r| r.question.competencies.len());
                let next = self.assess_focus as isize + step;
                self.assess_focus = next.clamp(0, count.saturating_sub(1) as isize) as usize;
            }
            Command::Navigate(ScreenId::Browser) => self.open_browser(),
            Command::Bank(command) => self.apply_bank(command),
            Command::Navigate(ScreenId::History) => self.screen = Screen::history(),
            Command::Navigate(ScreenId::Progress) => self.screen = Screen::Progress,
            Command::PlanRound(kind) => self.plan_round(kind),
            Command::SetCustomFilter { count, filter } => {
                let last = self.state.last_practised();
                if let Screen::Setup(setup) = &mut self.screen {
                    let spec = RoundSpec::custom(count, filter);
                    setup.plan =
                        RoundPlan::pick(spec, &self.state.catalog, &last, setup.plan.favour_new, seed());
                }
            }
            Command::HandPick(id) => {
                if let Screen::Setup(setup) = &mut self.screen {
                    let mut ids: Vec<String> = if setup.plan.spec.slots.iter().all(|s| s.fixed.is_some()) {
                        setup.plan.picked()
                    } else {
                        Vec::new()
                    };
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                    self.set_hand_picked(ids);
                }
            }
            Command::RemovePick(slot) => {
                if let Screen::Setup(setup) = &self.screen {
                    let mut ids = setup.plan.picked();
                    if slot < ids.len() {
                        ids.remove(slot);
                    }
                    self.set_hand_picked(ids);
                }
            }
            Command::Reroll(slot) => {
                let last = self.state.last_practised();
                if let Screen::Setup(setup) = &mut self.screen {
                    setup.plan.reroll(slot, &self.state.catalog, &last);
                }
            }
            Command::SetFavourNew(on) => {
                self.settings.favour_new = on;
                let last = self.state.last_practised();
                if let Screen::Setup(setup) = &mut self.screen {
                    let spec = setup.plan.spec.clone();
                    setup.plan = RoundPlan::pick(spec, &self.state.catalog, &last, on, seed());
                }
            }
            Command::StartRound => self.start_round(),
            Command::Flow(flow) => self.flow(flow),
            Command::ShowFollowUp => {
                if let Some(runner) = self.state.runner.as_mut() {
                    let index = runner.session().current;
                    if let Some(record) = runner.session_mut().questions.get_mut(index)
                        && record.follow_ups_shown < record.question.follow_ups.len()
                    {
                        record.follow_ups_shown += 1;
                        self.state.save_now();
                    }
                }
            }
            Command::SetSelfScore {
                question,
                competency,
                score,
            } => {
                if let Some(record) = self.record_mut(question) {
                    match score {
                        Some(score) => record.self_scores.insert(competency, score),
                        None => record.self_scores.remove(&competency),
                    };
                    self.state.save_now();
                }
            }
            Command::ToggleSignal {
                question,
                strong,
                index,
            } => {
                if let Some(record) = self.record_mut(question) {
                    let set = if strong {
                        &mut record.strong_shown
                    } else {
                        &mut record.weak_shown
                    };
                    if !set.remove(&index) {
                        set.insert(index);
                    }
                    self.state.save_now();
                }
            }
            Command::Edited => self.state.mark_dirty(),
            Command::Resume(id) => {
                self.state.resume_offer = None;
                self.panel_view = Default::default();
                match self.state.store.load(&id) {
                    Ok(session) => {
                        self.state.start_runner(session);
                        self.screen = Screen::Round;
                    }
                    Err(err) => self
                        .state
                        .notify(NoticeLevel::Error, format!("Cannot resume: {err}"), true),
                }
            }
            Command::DeclineResume(id) => {
                self.state.resume_offer = None;
                if let Some(mut session) = self.state.history.iter().find(|s| s.id == id).cloned() {
                    session.status = Status::Abandoned;
                    if let Err(err) = self.state.store.save(&session) {
                        self.state.notify(NoticeLevel::Error, err.to_string(), true);
                    }
                    self.state.remember(session);
                }
            }
            Command::CloseRound => {
                if self.state.runner.is_some() {
                    self.state.save_now();
                }
                if self.state.save.failing.is_none() {
                    self.state.runner = None;
                }
                self.screen = Screen::Home;
            }
            Command::Panel(command) => self.apply_panel(command),
            Command::DismissNotice(index) => {
                if index < self.state.notices.len() {
                    self.state.notices.remove(index);
                }
            }
            Command::History(command) => self.apply_history(command),
        }
    }

    fn record_mut(&mut self, question: usize) -> Option<&mut crate::session::QuestionRecord> {
        self.state
            .runner
            .as_mut()?
            .session_mut()
            .questions
            .get_mut(question)
    }

    pub(super) fn plan_round(&mut self, kind: RoundKind) {
        let last = self.state.last_practised();
        let spec = match kind {
            RoundKind::Custom => RoundSpec::custom(3, Default::default()),
            other => RoundSpec::ready_made(other),
        };
        let plan = RoundPlan::pick(spec, &self.state.catalog, &last, self.settings.favour_new, seed());
        self.screen = Screen::setup(plan);
    }

    fn set_hand_picked(&mut self, ids: Vec<String>) {
        if let Screen::Setup(setup) = &mut self.screen {
            let last = self.state.last_practised();
            let spec = if ids.is_empty() {
                RoundSpec::custom(setup.count, setup.filter.clone())
            } else {
                RoundSpec::hand_picked(RoundKind::Custom, RoundKind::Custom.label(), ids)
            };
            setup.plan = RoundPlan::pick(spec, &self.state.catalog, &last, setup.plan.favour_new, seed());
        }
    }

    fn start_round(&mut self) {
        let Screen::Setup(setup) = &self.screen else {
            return;
        };
        let questions: Vec<_> = setup
            .plan
            .picked()
            .iter()
            .filter_map(|id| self.state.catalog.question(id))
            .map(|q| (q.global_id(), q.question.clone()))
            .collect();
        if questions.is_empty() {
            return;
        }
        if let Some(runner) = self.state.runner.take() {
            // a round left open is kept, unfinished
            let mut old = runner.into_session();
            if old.status == Status::InProgress {
                old.status = Status::Abandoned;
            }
            if let Err(err) = self.state.store.save(&old) {
                self.state.notify(NoticeLevel::Error, err.to_string(), true);
            }
            self.state.remember(old);
        }
        let now = self.state.wall();
        let title = setup.plan.spec.title.clone();
        let panel_start = setup.panel.clone();
        let mut session = Session::new(
            new_session_id(now),
            now,
            Mode::Solo,
            title,
            self.settings.time_scale,
            questions,
        );
        if let Some(start) = panel_start {
            start.apply_to(&mut session);
        }
        self.state.start_runner(session);
        if let Some(runner) = self.state.runner.as_mut() {
            runner.start_current();
        }
        self.state.save_now();
        self.screen = Screen::Round;
    }

    fn flow(&mut self, flow: Flow) {
        let Some(runner) = self.state.runner.as_mut() else {
            return;
        };
        match flow {
            Flow::TogglePause => runner.toggle_pause(),
            Flow::Pause => runner.pause(),
            Flow::StartAnswer => runner.start_answer(),
            Flow::NextPhase => runner.next_phase(),
            Flow::FinishAnswer => runner.finish_answer(),
            Flow::NextQuestion => {
                runner.next_question();
                self.assess_focus = 0;
            }
            Flow::Skip => runner.skip(),
            Flow::EndRound => runner.end_round(),
        }
        self.state.save_now();
    }

    /// Keyboard shortcuts; typing in a text field never triggers them.
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.key_pressed(egui::Key::F1)) {
            self.commands.push(Command::ToggleHelp(HelpWindow::Shortcuts));
        }
        if ctx.text_edit_focused() {
            if ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
                ctx.memory_mut(|m| m.stop_text_input());
            }
            return;
        }
        let pressed = |key| shortcut_pressed(ctx, key);
        if pressed(egui::Key::Questionmark) {
            self.commands.push(Command::ToggleHelp(HelpWindow::Shortcuts));
        }
        match (&self.screen, self.state.stage()) {
            (Screen::Round, Some(Stage::Prep | Stage::Answer)) => {
                if pressed(egui::Key::Space) {
                    self.commands.push(Command::Flow(Flow::TogglePause));
                } else if pressed(egui::Key::Escape) {
                    self.commands.push(Command::Flow(Flow::Pause));
                } else if pressed(egui::Key::Enter) {
                    self.commands.push(Command::Flow(Flow::FinishAnswer));
                } else if pressed(egui::Key::F) {
                    self.commands.push(Command::ShowFollowUp);
                } else if pressed(egui::Key::N) {
                    self.commands.push(Command::Flow(Flow::NextPhase));
                } else if pressed(egui::Key::S) {
                    self.commands.push(Command::Flow(Flow::Skip));
                }
            }
            // a panel's scorecards are left with their own buttons and keys, never by a stray Enter
            (Screen::Round, Some(Stage::Assess)) if !self.is_panel_round() => self.assess_shortcuts(ctx),
            (Screen::Setup(_), _) if pressed(egui::Key::Enter) => self.commands.push(Command::StartRound),
            _ => {}
        }
    }
}

impl PanelistApp {
    /// Up/Down choose a competency; 1-4 score it; 0 clears; Enter moves on.
    fn assess_shortcuts(&mut self, ctx: &egui::Context) {
        let pressed = |key| shortcut_pressed(ctx, key);
        if pressed(egui::Key::Enter) {
            self.commands.push(Command::Flow(Flow::NextQuestion));
            return;
        }
        if pressed(egui::Key::ArrowDown) {
            self.commands.push(Command::FocusCompetency(1));
        } else if pressed(egui::Key::ArrowUp) {
            self.commands.push(Command::FocusCompetency(-1));
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
        let question = runner.session().current;
        let Some(competency) = runner
            .current()
            .and_then(|r| r.question.competencies.get(self.assess_focus))
        else {
            return;
        };
        self.commands.push(Command::SetSelfScore {
            question,
            competency: competency.clone(),
            score: crate::session::Score::new(value),
        });
    }

    fn open_data_folder(&mut self) {
        let root = self.state.config.data.root().to_path_buf();
        if let Err(err) = crate::store::ensure_private_dir(&root) {
            self.state.notify(
                NoticeLevel::Error,
                format!("Cannot create {}: {err}", root.display()),
                true,
            );
            return;
        }
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        // spawn, never wait: the file manager runs on its own
        if let Err(err) = std::process::Command::new(opener).arg(&root).spawn() {
            self.state.notify(
                NoticeLevel::Warning,
                format!(
                    "Could not open {} with {opener}: {err}. Open it from your file manager.",
                    root.display()
                ),
                true,
            );
        }
    }
}

/// A seed for picking that differs between rounds.
fn seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.as_nanos() as u64)
}

/// A shortcut key was pressed. Enter and Space belong to the widget Tab has focused (they
/// press it), and the arrow keys move that focus, so the screen's own Enter, Space, Up and
/// Down wait until no widget has focus.
fn shortcut_pressed(ctx: &egui::Context, key: egui::Key) -> bool {
    use egui::Key::{ArrowDown, ArrowUp, Enter, Space};
    let taken = matches!(key, Enter | Space | ArrowUp | ArrowDown) && ctx.memory(|m| m.focused().is_some());
    !taken && ctx.input(|i| i.key_pressed(key))
}

//! Carries out mock panel commands.

use super::PanelistApp;
use super::screens::Screen;
use super::screens::panel::{PanelCommand, PanelSetupState};
use super::state::NoticeLevel;
use crate::session::{Panel, PanelNote, Panelist};
use crate::store::{PanelSetup, load_panel_setups, save_panel_setups};

impl PanelistApp {
    pub(super) fn apply_panel(&mut self, command: PanelCommand) {
        match command {
            PanelCommand::OpenSetup => {
                let path = self.state.config.data.panels_file();
                let setup = match load_panel_setups(&path) {
                    Ok(saved) => PanelSetupState::new(saved, false),
                    Err(err) => {
                        self.state.notify(
                            NoticeLevel::Warning,
                            format!("Saved panels are unavailable: {err}"),
                            true,
                        );
                        PanelSetupState::new(Vec::new(), true)
                    }
                };
                self.screen = Screen::PanelSetup(Box::new(setup));
            }
            PanelCommand::AddPanelist => self.with_panel_setup(|setup| {
                let n = setup.panelists.len() + 1;
                setup.panelists.push(Panelist {
                    name: format!("Panelist {n}"),
                    role: Default::default(),
                });
            }),
            PanelCommand::RemovePanelist(i) => self.with_panel_setup(|setup| {
                if i < setup.panelists.len() && setup.panelists.len() > 1 {
                    setup.panelists.remove(i);
                }
            }),
            PanelCommand::SetRole(i, role) => self.with_panel_setup(|setup| {
                if let Some(p) = setup.panelists.get_mut(i) {
                    p.role = role;
                }
            }),
            PanelCommand::SaveSetup => self.save_panel_setup(),
            PanelCommand::UseSavedSetup(i) => self.with_panel_setup(|setup| {
                if let Some(saved) = setup.saved.get(i) {
                    setup.panelists = saved.panelists.clone();
                    setup.setup_name = saved.name.clone();
                }
            }),
            PanelCommand::DeleteSavedSetup(i) => {
                let Screen::PanelSetup(setup) = &mut self.screen else {
                    return;
                };
                if i >= setup.saved.len() {
                    return;
                }
                let mut saved = setup.saved.clone();
                saved.remove(i);
                self.write_panel_setups(saved);
            }
            PanelCommand::PlanRound(kind) => {
                let Screen::PanelSetup(setup) = &self.screen else {
                    return;
                };
                let start = setup.start();
                self.plan_round(kind);
                if let Screen::Setup(round_setup) = &mut self.screen {
                    round_setup.panel = Some(start);
                }
                self.panel_view = Default::default();
            }
            PanelCommand::SelectNoteTaker(i) => self.panel_view.note_taker = i,
            PanelCommand::AddNote { evidence } => self.add_note(evidence),
            PanelCommand::SelectScorer { question, panelist } => {
                self.panel_view.scorer = Some((question, panelist))
            }
            PanelCommand::SetScore {
                question,
                panelist,
                competency,
                score,
            } => self.edit_card(question, panelist, |card| match score {
                Some(score) => {
                    card.scores.insert(competency, score);
                }
                None => {
                    card.scores.remove(&competency);
                }
            }),
            PanelCommand::SetEvidence {
                question,
                panelist,
                competency,
                text,
            } => self.edit_card(question, panelist, |card| {
                card.evidence.insert(competency, text);
            }),
            PanelCommand::SetRecommendation {
                question,
                panelist,
                recommendation,
            } => self.edit_card(question, panelist, |card| card.recommendation = recommendation),
            PanelCommand::Submit { question, panelist } => {
                let now = self.state.wall();
                if let Some(panel) = self.panel_mut()
                    && panel.submit(question, panelist, now)
                {
                    // hand the console to the next panelist still to score (or stay when all have)
                    let all = panel.all_submitted(question);
                    self.panel_view.scorer = all.then_some((question, panelist));
                    self.state.save_now();
                }
            }
            PanelCommand::Reveal(question) => {
                if let Some(panel) = self.panel_mut() {
                    if panel.reveal(question) {
                        self.state.save_now();
                    } else {
                        self.state.notify(
                            NoticeLevel::Info,
                            "Every panelist must submit before the scorecards are revealed.".to_owned(),
                            false,
                        );
                    }
                }
            }
            PanelCommand::ScoreFromDebrief(question) => self.panel_view.scoring_from_debrief = question,
            PanelCommand::SetDecision(decision) => {
                if let Some(panel) = self.panel_mut() {
                    panel.decision = decision;
                    self.state.save_now();
                }
            }
            PanelCommand::OpenCandidateWindow => self.panel_view.candidate_window = true,
            PanelCommand::CloseCandidateWindow => self.panel_view.candidate_window = false,
        }
    }

    pub(super) fn is_panel_round(&self) -> bool {
        self.state
            .runner
            .as_ref()
            .is_some_and(|r| r.session().mode == crate::session::Mode::Panel)
    }

    fn with_panel_setup(&mut self, change: impl FnOnce(&mut PanelSetupState)) {
        if let Screen::PanelSetup(setup) = &mut self.screen {
            change(setup);
        }
    }

    fn panel_mut(&mut self) -> Option<&mut Panel> {
        self.state.runner.as_mut()?.session_mut().panel.as_mut()
    }

    /// Edits a draft scorecard (a submitted one is final) and saves soon.
    fn edit_card(
        &mut self,
        question: usize,
        panelist: usize,
        change: impl FnOnce(&mut crate::session::Scorecard),
    ) {
        if let Some(card) = self.panel_mut().and_then(|p| p.draft_mut(question, panelist)) {
            change(card);
            self.state.mark_dirty();
        }
    }

    fn add_note(&mut self, evidence: bool) {
        let text = self.panel_view.note_draft.trim().to_owned();
        if text.is_empty() && !evidence {
            return;
        }
        let Some(runner) = self.state.runner.as_mut() else {
            return;
        };
        let at_ms = runner.clock_view().map_or(0, |v| v.elapsed_ms);
        let question = runner.session().current;
        let panelist = self.panel_view.note_taker;
        if let Some(panel) = runner.session_mut().panel.as_mut()
            && panelist < panel.panelists.len()
        {
            panel.notes.push(PanelNote {
                panelist,
                question,
                at_ms,
                text,
                evidence,
            });
            self.panel_view.note_draft.clear();
            self.state.save_now();
        }
    }

    fn save_panel_setup(&mut self) {
        let Screen::PanelSetup(setup) = &self.screen else {
            return;
        };
        let name = setup.setup_name.trim().to_owned();
        if name.is_empty() || !setup.is_ready() {
            return;
        }
        let mut saved = setup.saved.clone();
        let entry = PanelSetup {
            name: name.clone(),
            panelists: setup.panelists.clone(),
        };
        match saved.iter_mut().find(|s| s.name == name) {
            Some(existing) => *existing = entry,
            None => saved.push(entry),
        }
        self.write_panel_setups(saved);
    }

    fn write_panel_setups(&mut self, saved: Vec<PanelSetup>) {
        let unreadable = matches!(&self.screen, Screen::PanelSetup(s) if s.saved_unreadable);
        if self.state.read_only() || unreadable {
            return;
        }
        let path = self.state.config.data.panels_file();
        match save_panel_setups(&path, &saved) {
            Ok(()) => self.with_panel_setup(|setup| setup.saved = saved),
            Err(err) => self.state.notify(NoticeLevel::Error, err.to_string(), true),
        }
    }
}

//! Carries out view commands: which screen shows and with what selections. These read
//! the model (to pick a round's questions, say) but never change it or touch the disk.

use super::PanelistApp;
use super::command::{BankView, HelpWindow, PanelViewCommand, SetupCommand, ViewCommand};
use super::screens::editor::EditorState;
use super::screens::panel::PanelSetupState;
use super::screens::{Screen, ScreenId};
use super::state::NoticeLevel;
use crate::bank::{QuestionDraft, empty_user_bank};
use crate::prep::questions_for_unanswered;
use crate::session::{Panelist, RoundKind, RoundPlan, RoundSpec};

/// The user's bank that new questions go into when they have none.
pub const MY_BANK_FILE: &str = "my-questions.ron";

/// How many questions a role's practice round takes at most.
const ROLE_ROUND_QUESTIONS: usize = 5;

impl PanelistApp {
    pub(super) fn apply_view(&mut self, command: ViewCommand) {
        match command {
            ViewCommand::Navigate(id) => self.navigate(id),
            ViewCommand::PlanRound { kind, panel } => {
                self.remote_folder = match &self.view.screen {
                    Screen::PanelSetup(setup) if panel.is_some() => setup.shared_folder(),
                    _ => None,
                };
                let spec = match kind {
                    RoundKind::Custom => RoundSpec::custom(3, Default::default()),
                    other => RoundSpec::ready_made(other),
                };
                self.plan_spec(spec, self.settings.favour_new);
                if let Screen::Setup(setup) = &mut self.view.screen {
                    setup.panel = panel;
                }
                self.view.panel_view = Default::default();
            }
            ViewCommand::PlanDueForReview => {
                let today = self.state.wall().date_naive();
                match self.state.insights.due_round(today, &self.state.catalog) {
                    Some(spec) => self.plan_spec(spec, false),
                    None => self.state.notify(
                        NoticeLevel::Info,
                        "Nothing is due for review today.".to_owned(),
                        false,
                    ),
                }
            }
            ViewCommand::PlanWeakest => match self.state.insights.weakest_round(&self.state.catalog) {
                Some(spec) => self.plan_spec(spec, false),
                None => self.state.notify(
                    NoticeLevel::Info,
                    "Score a few answers first: the weakest competency comes from your scores.".to_owned(),
                    false,
                ),
            },
            ViewCommand::PractiseRole(id) => self.practise_role(&id),
            ViewCommand::Setup(command) => self.apply_setup(command),
            ViewCommand::FinishWelcome { panel } => {
                self.settings.welcomed = true;
                self.view.screen = Screen::Home;
                if panel {
                    self.apply(super::command::Effect::OpenPanelSetup);
                }
            }
            ViewCommand::ShowWelcome => self.view.screen = Screen::Welcome,
            ViewCommand::SetSettings(settings) => self.settings = settings.sanitised(),
            ViewCommand::SetInterviewerMode(on) => self.settings.voice.interviewer_mode = on,
            ViewCommand::ToggleHelp(HelpWindow::Shortcuts) => {
                self.view.show_shortcuts = !self.view.show_shortcuts
            }
            ViewCommand::ToggleHelp(HelpWindow::About) => self.view.show_about = !self.view.show_about,
            ViewCommand::PlayFrom { question, at_ms } => {
                self.play_from(&question, at_ms);
                self.view.play_request = Some((question, at_ms));
            }
            ViewCommand::ToggleFrameStats => {
                self.frame_stats = match self.frame_stats {
                    Some(_) => None,
                    None => Some(super::frame_stats::FrameStats::new(false)),
                }
            }
            ViewCommand::FocusCompetency(step) => {
                let count = self
                    .state
                    .runner
                    .as_ref()
                    .and_then(|r| r.current())
                    .map_or(1, |r| r.question.competencies.len());
                let next = self.view.assess_focus as isize + step;
                self.view.assess_focus = next.clamp(0, count.saturating_sub(1) as isize) as usize;
            }
            ViewCommand::DismissNotice(index) => {
                if index < self.state.notices.len() {
                    self.state.notices.remove(index);
                }
            }
            ViewCommand::Bank(command) => self.apply_bank_view(command),
            ViewCommand::OpenSession(id) => match self.state.history.iter().find(|s| s.id == id) {
                Some(_) => {
                    self.view.screen =
                        Screen::Review(Box::new(super::screens::session_review::ReviewScreen::new(id)))
                }
                None => self
                    .state
                    .notify(NoticeLevel::Error, format!("no session with id \"{id}\""), false),
            },
            ViewCommand::BackToHistory => self.view.screen = Screen::history(),
            ViewCommand::ShowDeleted(id) => {
                let mut list = Screen::history();
                if let Screen::History(history) = &mut list {
                    history.undo = Some(id);
                }
                self.view.screen = list;
            }
            ViewCommand::Panel(command) => self.apply_panel_view(command),
        }
    }

    fn navigate(&mut self, id: ScreenId) {
        self.view.screen = match id {
            ScreenId::Home => Screen::Home,
            ScreenId::Round => Screen::Round,
            ScreenId::Settings => Screen::Settings,
            ScreenId::Prep => Screen::Prep(Box::default()),
            ScreenId::History => Screen::history(),
            ScreenId::Progress => Screen::Progress,
            ScreenId::Browser => {
                let previous = std::mem::replace(&mut self.view.screen, Screen::Browser);
                if let Screen::Setup(setup) = previous
                    && setup.plan.spec.kind == RoundKind::Custom
                {
                    self.view.browser.parked_setup = Some(setup);
                }
                return;
            }
        };
    }

    /// Picks the questions of `spec` and shows them for starting.
    fn plan_spec(&mut self, spec: RoundSpec, favour_new: bool) {
        let last = self.state.last_practised();
        let plan = RoundPlan::pick(spec, &self.state.catalog, &last, favour_new, self.state.seed());
        self.view.screen = Screen::setup(plan);
    }

    fn apply_setup(&mut self, command: SetupCommand) {
        let last = self.state.last_practised();
        let seed = self.state.seed();
        let catalog = &self.state.catalog;
        if let SetupCommand::SetFavourNew(on) = command {
            self.settings.favour_new = on;
        }
        let Screen::Setup(setup) = &mut self.view.screen else {
            return;
        };
        match command {
            SetupCommand::SetCustomFilter { count, filter } => {
                let spec = RoundSpec::custom(count, filter);
                setup.plan = RoundPlan::pick(spec, catalog, &last, setup.plan.favour_new, seed);
            }
            SetupCommand::HandPick(id) => {
                let mut ids = if setup.plan.spec.slots.iter().all(|s| s.fixed.is_some()) {
                    setup.plan.picked()
                } else {
                    Vec::new()
                };
                if !ids.contains(&id) {
                    ids.push(id);
                }
                setup.set_hand_picked(ids, catalog, &last, seed);
            }
            SetupCommand::RemovePick(slot) => {
                let mut ids = setup.plan.picked();
                if slot < ids.len() {
                    ids.remove(slot);
                }
                setup.set_hand_picked(ids, catalog, &last, seed);
            }
            SetupCommand::Reroll(slot) => setup.plan.reroll(slot, catalog, &last),
            SetupCommand::SetFavourNew(on) => {
                let spec = setup.plan.spec.clone();
                setup.plan = RoundPlan::pick(spec, catalog, &last, on, seed);
            }
        }
    }

    fn practise_role(&mut self, id: &str) {
        let Some(role) = self.state.prep.roles.get(id) else {
            return;
        };
        let picked = questions_for_unanswered(role, &self.state.catalog, ROLE_ROUND_QUESTIONS);
        if picked.is_empty() {
            let text = format!(
                "Every check for {} is answered, or no question matches what is left.",
                role.company
            );
            self.state.notify(NoticeLevel::Info, text, false);
            return;
        }
        let title = format!("Questions for {}", role.company);
        let spec = RoundSpec::hand_picked(RoundKind::Custom, &title, picked);
        self.plan_spec(spec, false);
    }

    fn apply_bank_view(&mut self, command: BankView) {
        match command {
            BankView::Select(id) => self.view.browser.selected = Some(id),
            BankView::AddToCustomRound(id) => {
                match self.view.browser.parked_setup.take() {
                    Some(setup) => self.view.screen = Screen::Setup(setup),
                    None => self.apply_view(ViewCommand::PlanRound {
                        kind: RoundKind::Custom,
                        panel: None,
                    }),
                }
                self.apply_setup(SetupCommand::HandPick(id));
            }
            BankView::ShowProblems => self.view.screen = Screen::Problems,
            BankView::CancelImport => self.view.browser.confirm_replace = None,
            BankView::NewQuestion => self.new_question(None),
            BankView::CopyToMyBank(id) => self.new_question(Some(id)),
            BankView::Edit(id) => self.edit_question(&id),
            BankView::CloseEditor => self.view.screen = Screen::Browser,
        }
    }

    /// Opens the editor on a new question (or a copy of `copy_of`) in the user's first bank.
    fn new_question(&mut self, copy_of: Option<String>) {
        let questions = self.state.config.data.questions();
        let mine = self
            .state
            .catalog
            .banks
            .iter()
            .find(|b| b.file.as_ref().is_some_and(|f| f.starts_with(&questions)));
        let (file, bank) = match mine {
            Some(loaded) => (loaded.file.clone().unwrap_or_default(), loaded.bank.clone()),
            None => (
                questions.join(MY_BANK_FILE),
                empty_user_bank("my-questions", "My questions"),
            ),
        };
        let draft = match copy_of.as_deref().and_then(|id| self.state.catalog.question(id)) {
            Some(q) => {
                let mut draft = QuestionDraft::from_question(q.question);
                let mut id = q.question.id.clone();
                while bank.questions.iter().any(|existing| existing.id == id) {
                    id.push_str("-copy");
                }
                draft.id = id;
                draft
            }
            None => QuestionDraft::default(),
        };
        self.view.screen = Screen::Editor(Box::new(EditorState::new(file, bank, None, draft)));
    }

    fn edit_question(&mut self, id: &str) {
        let Some(q) = self.state.catalog.question(id) else {
            return;
        };
        let Some(file) = q.bank.file.clone() else { return };
        let index = q.bank.bank.questions.iter().position(|x| x.id == q.question.id);
        let draft = QuestionDraft::from_question(q.question);
        let bank = q.bank.bank.clone();
        self.view.screen = Screen::Editor(Box::new(EditorState::new(file, bank, index, draft)));
    }

    fn apply_panel_view(&mut self, command: PanelViewCommand) {
        let with_setup = |screen: &mut Screen, change: &mut dyn FnMut(&mut PanelSetupState)| {
            if let Screen::PanelSetup(setup) = screen {
                change(setup);
            }
        };
        match command {
            PanelViewCommand::AddPanelist => with_setup(&mut self.view.screen, &mut |setup| {
                let n = setup.panelists.len() + 1;
                setup.panelists.push(Panelist {
                    name: format!("Panelist {n}"),
                    role: Default::default(),
                });
            }),
            PanelViewCommand::RemovePanelist(i) => with_setup(&mut self.view.screen, &mut |setup| {
                if i < setup.panelists.len() && setup.panelists.len() > 1 {
                    setup.panelists.remove(i);
                }
            }),
            PanelViewCommand::SetRole(i, role) => with_setup(&mut self.view.screen, &mut |setup| {
                if let Some(p) = setup.panelists.get_mut(i) {
                    p.role = role;
                }
            }),
            PanelViewCommand::UseSavedSetup(i) => with_setup(&mut self.view.screen, &mut |setup| {
                if let Some(saved) = setup.saved.get(i) {
                    setup.panelists = saved.panelists.clone();
                    setup.setup_name = saved.name.clone();
                }
            }),
            PanelViewCommand::SelectNoteTaker(i) => self.view.panel_view.note_taker = i,
            PanelViewCommand::SelectScorer { question, panelist } => {
                self.view.panel_view.scorer = Some((question, panelist))
            }
            PanelViewCommand::ScoreFromDebrief(question) => {
                self.view.panel_view.scoring_from_debrief = question
            }
            PanelViewCommand::OpenCandidateWindow => self.view.panel_view.candidate_window = true,
            PanelViewCommand::CloseCandidateWindow => self.view.panel_view.candidate_window = false,
            PanelViewCommand::OpenJoin => self.view.screen = Screen::JoinPanel(Box::default()),
            PanelViewCommand::SetRemote(on) => {
                with_setup(&mut self.view.screen, &mut |setup| setup.remote = on)
            }
            PanelViewCommand::DraftScore {
                question,
                competency,
                score,
            } => self.draft_score(question, competency, score),
            PanelViewCommand::DraftRecommendation {
                question,
                recommendation,
            } => self.draft_recommendation(question, recommendation),
        }
    }
}

//! Carries out model commands: the running round, saved sessions and the prep kit change
//! through the model's own methods (`AppState`, `Runner`, `Session::apply`); saving then
//! follows on the store's background writer. Afterwards a command may show a screen.

use super::PanelistApp;
use super::command::{ModelCommand, PrepCommand, ViewCommand};
use super::screens::Screen;
use super::state::NoticeLevel;
use crate::prep::{Role, save_prep_file};
use crate::session::{EditError, Flow, PanelEdit, SessionEdit};

impl PanelistApp {
    pub(super) fn apply_model(&mut self, command: ModelCommand) {
        match command {
            ModelCommand::StartRound(start) => {
                if self.state.start_round(start) {
                    self.view.assess_focus = 0;
                    self.view.screen = Screen::Round;
                }
            }
            ModelCommand::Flow(flow) => {
                if flow == Flow::NextQuestion {
                    self.view.assess_focus = 0;
                }
                self.state.flow(flow);
            }
            ModelCommand::Edit(edit) => {
                let result = self.state.edit_running(&edit);
                if let (
                    Ok(crate::session::Saving::Now),
                    SessionEdit::Panel(PanelEdit::Submit { question, panelist }),
                ) = (&result, &edit)
                {
                    self.hand_console_on(question, *panelist);
                }
                self.report_edit(result);
            }
            ModelCommand::PanelNote {
                panelist,
                text,
                evidence,
            } => {
                let result = self.state.panel_note(panelist, text, evidence);
                self.report_edit(result);
            }
            ModelCommand::EditSaved { session, edit } => {
                let result = self.state.edit_saved(&session, &edit);
                self.report_edit(result);
            }
            ModelCommand::SaveNow(id) => {
                if self.state.has_unsaved_edits(&id) {
                    self.state.save_now();
                    self.state
                        .notify(NoticeLevel::Info, "Changes saved.".to_owned(), false);
                }
            }
            ModelCommand::Resume(id) => {
                self.view.panel_view = Default::default();
                match self.state.resume(&id) {
                    Ok(()) => self.view.screen = Screen::Round,
                    Err(err) => self.state.notify(NoticeLevel::Error, err, true),
                }
            }
            ModelCommand::DeclineResume(id) => self.state.decline_resume(&id),
            ModelCommand::CloseRound => {
                if self.state.runner.is_some() {
                    self.state.save_now();
                }
                // a round whose save is failing stays open, so it is not lost from memory
                if self.state.save.failing.is_none() {
                    self.state.runner = None;
                }
                self.view.screen = Screen::Home;
            }
            ModelCommand::DeleteSession(id) => self.delete_session(id),
            ModelCommand::RestoreSession(id) => self.restore_session(&id),
            ModelCommand::Prep(command) => self.apply_prep(command),
            ModelCommand::ReloadBanks => self.reload_banks(),
            ModelCommand::Transcribe { session, question } => self.transcribe(&session, &question, true),
        }
    }

    /// After a panelist submits, the console goes to the next panelist still to score,
    /// or stays when everyone has.
    fn hand_console_on(&mut self, question: &str, panelist: usize) {
        let Some(session) = self.state.runner.as_ref().map(|r| r.session()) else {
            return;
        };
        let Some(question) = session.question_index(question) else {
            return;
        };
        let all = session.panel.as_ref().is_some_and(|p| p.all_submitted(question));
        self.view.panel_view.scorer = all.then_some((question, panelist));
    }

    /// An edit the model refused is told to the user; nothing changed.
    fn report_edit(&mut self, result: Result<crate::session::Saving, EditError>) {
        match result {
            Ok(_) => {}
            Err(EditError::NotAllSubmitted) => self.state.notify(
                NoticeLevel::Info,
                "Every panelist must submit before the scorecards are revealed.".to_owned(),
                false,
            ),
            Err(err) => self
                .state
                .notify(NoticeLevel::Warning, format!("Not changed: {err}."), false),
        }
    }

    fn delete_session(&mut self, id: String) {
        if self.state.runner.as_ref().is_some_and(|r| r.session().id == id) {
            self.state.notify(
                NoticeLevel::Warning,
                "This session is the round in progress; close it before deleting.".to_owned(),
                false,
            );
            return;
        }
        if self.state.refuse_if_read_only() {
            return;
        }
        // an edit still waiting would bring the file back after it went to the trash
        self.state.save.edited.retain(|e| *e != id);
        self.state.settle_saves();
        match self.state.store.trash(&id) {
            Ok(()) => {
                self.state.forget(&id);
                self.state.trashed += 1;
                self.apply_view(ViewCommand::ShowDeleted(id));
            }
            Err(err) => self
                .state
                .notify(NoticeLevel::Error, format!("Cannot delete: {err}"), true),
        }
    }

    fn restore_session(&mut self, id: &str) {
        match self.state.store.restore(id) {
            Ok(session) => {
                self.state.trashed = self.state.trashed.saturating_sub(1);
                self.state.remember(session);
                std::sync::Arc::make_mut(&mut self.state.history)
                    .sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
                if let Screen::History(history) = &mut self.view.screen {
                    history.undo = None;
                }
            }
            Err(err) => self.state.notify(
                NoticeLevel::Error,
                format!("Cannot restore the session: {err}"),
                true,
            ),
        }
    }

    fn apply_prep(&mut self, command: PrepCommand) {
        if self.state.refuse_if_read_only() {
            return;
        }
        match command {
            PrepCommand::AddStory(story) => {
                let id = self.state.prep.stories.add(*story);
                if let Screen::Prep(prep) = &mut self.view.screen {
                    prep.select_story(self.state.prep.stories.get(&id));
                }
                self.save_stories();
            }
            PrepCommand::SaveStory(story) => {
                if let Some(existing) = self
                    .state
                    .prep
                    .stories
                    .stories
                    .iter_mut()
                    .find(|s| s.id == story.id)
                {
                    *existing = *story;
                    self.save_stories();
                }
            }
            PrepCommand::DeleteStory(id) => {
                self.state.prep.stories.stories.retain(|s| s.id != id);
                if let Screen::Prep(prep) = &mut self.view.screen {
                    prep.select_story(None);
                }
                self.save_stories();
            }
            PrepCommand::AddRole(company) => {
                let id = self.state.prep.roles.add(Role::new(&company));
                if let Screen::Prep(prep) = &mut self.view.screen {
                    prep.select_role(self.state.prep.roles.get(&id));
                }
                self.save_roles();
            }
            PrepCommand::SaveRole(role) => {
                if let Some(existing) = self.state.prep.roles.roles.iter_mut().find(|r| r.id == role.id) {
                    *existing = *role;
                    self.save_roles();
                }
            }
            PrepCommand::DeleteRole(id) => {
                self.state.prep.roles.roles.retain(|r| r.id != id);
                if let Screen::Prep(prep) = &mut self.view.screen {
                    prep.select_role(None);
                }
                self.save_roles();
            }
        }
    }

    fn save_stories(&mut self) {
        if let Some(error) = &self.state.prep.stories_error {
            let text = format!("Stories are not saved: {error}");
            self.state.notify(NoticeLevel::Error, text, true);
            return;
        }
        let path = self.state.config.data.stories_file();
        if let Err(err) = save_prep_file(&path, &self.state.prep.stories) {
            self.state.notify(NoticeLevel::Error, err.to_string(), true);
        }
    }

    fn save_roles(&mut self) {
        if let Some(error) = &self.state.prep.roles_error {
            let text = format!("Roles are not saved: {error}");
            self.state.notify(NoticeLevel::Error, text, true);
            return;
        }
        let path = self.state.config.data.roles_file();
        if let Err(err) = save_prep_file(&path, &self.state.prep.roles) {
            self.state.notify(NoticeLevel::Error, err.to_string(), true);
        }
    }
}

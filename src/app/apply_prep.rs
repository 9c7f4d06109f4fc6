//! Carrying out prep-kit commands: edit, save atomically, report failures.

use super::PanelistApp;
use super::command::PrepCommand;
use super::screens::Screen;
use super::state::NoticeLevel;
use crate::prep::{Role, questions_for_unanswered, save_prep_file};
use crate::session::{RoundKind, RoundPlan, RoundSpec};

/// How many questions a role's practice round takes at most.
const ROLE_ROUND_QUESTIONS: usize = 5;

impl PanelistApp {
    pub(super) fn apply_prep(&mut self, command: PrepCommand) {
        match command {
            PrepCommand::AddStory(story) => {
                let id = self.state.prep.stories.add(*story);
                if let Screen::Prep(prep) = &mut self.screen {
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
                if let Screen::Prep(prep) = &mut self.screen {
                    prep.select_story(None);
                }
                self.save_stories();
            }
            PrepCommand::AddRole(company) => {
                let id = self.state.prep.roles.add(Role::new(&company));
                if let Screen::Prep(prep) = &mut self.screen {
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
                if let Screen::Prep(prep) = &mut self.screen {
                    prep.select_role(None);
                }
                self.save_roles();
            }
            PrepCommand::PractiseRole(id) => self.practise_role(&id),
            PrepCommand::ToggleStoryLink { question, story } => {
                if let Some(runner) = self.state.runner.as_mut()
                    && let Some(record) = runner.session_mut().questions.get_mut(question)
                {
                    if let Some(at) = record.stories.iter().position(|s| *s == story) {
                        record.stories.remove(at);
                    } else {
                        record.stories.push(story);
                    }
                    self.state.save_now();
                }
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
        let plan = RoundPlan::pick(spec, &self.state.catalog, &self.state.last_practised(), false, 1);
        self.screen = Screen::setup(plan);
    }

    fn save_stories(&mut self) {
        if let Some(error) = &self.state.prep.stories_error {
            let text = format!("Stories are not saved: {error}");
            self.state.notify(NoticeLevel::Error, text, true);
            return;
        }
        if self.state.read_only() {
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
        if self.state.read_only() {
            return;
        }
        let path = self.state.config.data.roles_file();
        if let Err(err) = save_prep_file(&path, &self.state.prep.roles) {
            self.state.notify(NoticeLevel::Error, err.to_string(), true);
        }
    }
}

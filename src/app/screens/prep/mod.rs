//! The prep kit: stories, their coverage of the competencies, and role checklists.

mod coverage;
mod roles;
mod stories;

use eframe::egui;

use crate::app::command::Commands;
use crate::app::state::AppState;
use crate::prep::{Role, Story};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrepTab {
    Stories,
    Coverage,
    Roles,
}

/// What the prep screen is editing. Edits stay in the drafts until saved.
pub struct PrepScreen {
    pub tab: PrepTab,
    pub story: Option<Story>,
    pub new_story_title: String,
    pub tags_text: String,
    pub date_text: String,
    pub role: Option<Role>,
    pub new_role_company: String,
    pub base_text: String,
}

impl Default for PrepScreen {
    fn default() -> Self {
        Self {
            tab: PrepTab::Stories,
            story: None,
            new_story_title: String::new(),
            tags_text: String::new(),
            date_text: String::new(),
            role: None,
            new_role_company: String::new(),
            base_text: String::new(),
        }
    }
}

impl PrepScreen {
    pub fn select_story(&mut self, story: Option<&Story>) {
        self.story = story.cloned();
        self.tags_text = story.map(|s| s.tags.join(", ")).unwrap_or_default();
        self.date_text = story
            .and_then(|s| s.happened)
            .map(|d| d.to_string())
            .unwrap_or_default();
        self.tab = PrepTab::Stories;
    }

    pub fn select_role(&mut self, role: Option<&Role>) {
        self.role = role.cloned();
        self.base_text = role
            .and_then(|r| r.compensation)
            .map(|c| (c.base / 1000).to_string())
            .unwrap_or_default();
        self.tab = PrepTab::Roles;
    }
}

pub fn prep_ui(ui: &mut egui::Ui, screen: &mut PrepScreen, state: &AppState, commands: &mut Commands) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut screen.tab, PrepTab::Stories, "Stories");
        ui.selectable_value(&mut screen.tab, PrepTab::Coverage, "Coverage");
        ui.selectable_value(&mut screen.tab, PrepTab::Roles, "Roles");
    });
    ui.separator();
    match screen.tab {
        PrepTab::Stories => stories::stories_ui(ui, screen, state, commands),
        PrepTab::Coverage => coverage::coverage_ui(ui, state),
        PrepTab::Roles => roles::roles_ui(ui, screen, state, commands),
    }
}

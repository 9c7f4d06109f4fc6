//! Stories told in leadership and career rounds, and how well they cover the competencies.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::PREP_FORMAT;
use crate::session::Session;

/// How wide the story's impact was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Myself,
    #[default]
    Team,
    SeveralTeams,
    Organisation,
}

impl Scope {
    pub const ALL: [Scope; 4] = [
        Scope::Myself,
        Scope::Team,
        Scope::SeveralTeams,
        Scope::Organisation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Scope::Myself => "Self",
            Scope::Team => "One team",
            Scope::SeveralTeams => "Several teams",
            Scope::Organisation => "Organisation",
        }
    }
}

/// One STAR story.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub situation: String,
    #[serde(default)]
    pub task: String,
    #[serde(default)]
    pub actions: String,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub scope: Scope,
    /// Competency ids the story evidences.
    #[serde(default)]
    pub competencies: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// When it happened.
    #[serde(default)]
    pub happened: Option<NaiveDate>,
}

/// `<data>/stories.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryBank {
    pub format: u32,
    #[serde(default)]
    pub stories: Vec<Story>,
}

impl Default for StoryBank {
    fn default() -> Self {
        Self {
            format: PREP_FORMAT,
            stories: Vec::new(),
        }
    }
}

impl StoryBank {
    pub fn get(&self, id: &str) -> Option<&Story> {
        self.stories.iter().find(|s| s.id == id)
    }

    /// Adds a story with a fresh id made from its title; returns the id.
    pub fn add(&mut self, mut story: Story) -> String {
        story.id = super::make_id(&story.title, |id| self.get(id).is_some());
        let id = story.id.clone();
        self.stories.push(story);
        id
    }
}

/// Competencies × stories, and how often each story was used in practice.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// For each competency id (in the order given): the ids of the stories evidencing it.
    pub by_competency: Vec<(String, Vec<String>)>,
    /// How many answered questions used each story.
    pub uses: BTreeMap<String, usize>,
}

/// A story is leaned on too often when it carried at least this many answers…
pub const OVERUSE_MIN: usize = 3;
/// …and more than this share of all the answers that used a story.
pub const OVERUSE_SHARE: f32 = 0.4;

impl Coverage {
    /// Competencies no story evidences.
    pub fn gaps(&self) -> Vec<&str> {
        self.by_competency
            .iter()
            .filter(|(_, s)| s.is_empty())
            .map(|(c, _)| c.as_str())
            .collect()
    }

    /// Competencies only one story evidences.
    pub fn thin(&self) -> Vec<&str> {
        self.by_competency
            .iter()
            .filter(|(_, s)| s.len() == 1)
            .map(|(c, _)| c.as_str())
            .collect()
    }

    /// Stories leaned on too often: at least [`OVERUSE_MIN`] uses and more than
    /// [`OVERUSE_SHARE`] of all the answers that used a story.
    pub fn overused(&self) -> Vec<&str> {
        let total: usize = self.uses.values().sum();
        self.uses
            .iter()
            .filter(|(_, n)| **n >= OVERUSE_MIN && **n as f32 > OVERUSE_SHARE * total as f32)
            .map(|(id, _)| id.as_str())
            .collect()
    }

    pub fn uses_of(&self, story: &str) -> usize {
        self.uses.get(story).copied().unwrap_or(0)
    }
}

/// The coverage of `competencies` by `stories`, with uses counted from the sessions.
pub fn coverage(stories: &StoryBank, competencies: &[String], sessions: &[Session]) -> Coverage {
    let by_competency = competencies
        .iter()
        .map(|c| {
            let ids = stories
                .stories
                .iter()
                .filter(|s| s.competencies.contains(c))
                .map(|s| s.id.clone())
                .collect();
            (c.clone(), ids)
        })
        .collect();
    let mut uses: BTreeMap<String, usize> = stories.stories.iter().map(|s| (s.id.clone(), 0)).collect();
    for record in sessions.iter().flat_map(|s| &s.questions) {
        for story in &record.stories {
            if let Some(n) = uses.get_mut(story) {
                *n += 1;
            }
        }
    }
    Coverage { by_competency, uses }
}

//! Choosing the questions of a round: ready-made rounds, custom filters, and picks
//! that avoid what the candidate practised recently.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use crate::bank::{Catalog, Difficulty, QuestionRef, Round};

/// The ready-made rounds and the custom one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RoundKind {
    FullLoop,
    LeadershipDrill,
    Quick,
    Custom,
    DueForReview,
    WeakestCompetency,
}

impl RoundKind {
    pub fn label(self) -> &'static str {
        match self {
            RoundKind::FullLoop => "Full Director loop",
            RoundKind::LeadershipDrill => "Leadership drill",
            RoundKind::Quick => "Quick question",
            RoundKind::Custom => "Custom round",
            RoundKind::DueForReview => "Due for review",
            RoundKind::WeakestCompetency => "Weakest competency",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            RoundKind::FullLoop => {
                "Systems design, two leadership questions, an org-design exercise, a career question and a question to ask."
            }
            RoundKind::LeadershipDrill => "Four leadership scenarios back to back.",
            RoundKind::Quick => "One question from any round.",
            RoundKind::Custom => "Choose rounds, difficulty, competencies and tags, or hand-pick.",
            RoundKind::DueForReview => "Questions your review schedule brings back today.",
            RoundKind::WeakestCompetency => "Questions on the competency you score lowest.",
        }
    }
}

/// What one question of a round must be.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slot {
    /// A hand-picked question (global id); the filters below are then ignored.
    pub fixed: Option<String>,
    pub rounds: Vec<Round>,
    pub difficulties: Vec<Difficulty>,
    pub competencies: Vec<String>,
    pub tags: Vec<String>,
}

impl Slot {
    pub fn round(round: Round) -> Self {
        Self {
            rounds: vec![round],
            ..Self::default()
        }
    }

    pub fn fixed(global_id: String) -> Self {
        Self {
            fixed: Some(global_id),
            ..Self::default()
        }
    }

    pub fn accepts(&self, q: &QuestionRef<'_>) -> bool {
        if let Some(fixed) = &self.fixed {
            return q.global_id() == *fixed;
        }
        let question = q.question;
        (self.rounds.is_empty() || self.rounds.contains(&question.round))
            && (self.difficulties.is_empty() || self.difficulties.contains(&question.difficulty))
            && (self.competencies.is_empty()
                || question
                    .competencies
                    .iter()
                    .any(|c| self.competencies.contains(c)))
            && (self.tags.is_empty() || question.tags.iter().any(|t| self.tags.contains(t)))
    }
}

/// A round to be picked: its kind, title and slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSpec {
    pub kind: RoundKind,
    pub title: String,
    pub slots: Vec<Slot>,
}

impl RoundSpec {
    /// A ready-made round.
    pub fn ready_made(kind: RoundKind) -> Self {
        let slots = match kind {
            RoundKind::FullLoop => vec![
                Slot::round(Round::SystemsDesign),
                Slot::round(Round::Leadership),
                Slot::round(Round::Leadership),
                Slot::round(Round::OrgDesign),
                // references from former EMs and the first 90 days weigh heavily for a Director
                Slot::round(Round::Career),
                Slot::round(Round::ReverseInterview),
            ],
            RoundKind::LeadershipDrill => vec![Slot::round(Round::Leadership); 4],
            _ => vec![Slot::default()],
        };
        Self {
            kind,
            title: kind.label().to_owned(),
            slots,
        }
    }

    /// `count` questions matching the same filters.
    pub fn custom(count: usize, filter: Slot) -> Self {
        Self {
            kind: RoundKind::Custom,
            title: RoundKind::Custom.label().to_owned(),
            slots: vec![filter; count.max(1)],
        }
    }

    /// Exactly these questions, in this order.
    pub fn hand_picked(kind: RoundKind, title: &str, global_ids: Vec<String>) -> Self {
        Self {
            kind,
            title: title.to_owned(),
            slots: global_ids.into_iter().map(Slot::fixed).collect(),
        }
    }
}

/// A round with its picks, shown before it starts so each pick can be rerolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundPlan {
    pub spec: RoundSpec,
    /// One global id per slot; `None` where no question matches.
    pub picks: Vec<Option<String>>,
    /// Prefer questions never practised.
    pub favour_new: bool,
    seed: u64,
}

impl RoundPlan {
    /// Picks a question for every slot. `last_practised` maps global ids to when they were last practised.
    pub fn pick(
        spec: RoundSpec,
        catalog: &Catalog,
        last_practised: &HashMap<String, DateTime<FixedOffset>>,
        favour_new: bool,
        seed: u64,
    ) -> Self {
        let mut plan = Self {
            picks: vec![None; spec.slots.len()],
            spec,
            favour_new,
            seed,
        };
        for slot in 0..plan.picks.len() {
            plan.picks[slot] = plan.choose(slot, catalog, last_practised);
        }
        plan
    }

    /// Picks another question for one slot.
    pub fn reroll(
        &mut self,
        slot: usize,
        catalog: &Catalog,
        last_practised: &HashMap<String, DateTime<FixedOffset>>,
    ) {
        if slot >= self.picks.len() {
            return;
        }
        self.seed = self
            .seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let previous = self.picks[slot].take();
        let choice = self.choose_excluding(slot, catalog, last_practised, previous.as_deref());
        self.picks[slot] = choice.or(previous);
    }

    fn choose(
        &mut self,
        slot: usize,
        catalog: &Catalog,
        log: &HashMap<String, DateTime<FixedOffset>>,
    ) -> Option<String> {
        self.choose_excluding(slot, catalog, log, None)
    }

    fn choose_excluding(
        &mut self,
        slot: usize,
        catalog: &Catalog,
        log: &HashMap<String, DateTime<FixedOffset>>,
        exclude: Option<&str>,
    ) -> Option<String> {
        let taken: Vec<&str> = self
            .picks
            .iter()
            .flatten()
            .map(String::as_str)
            .chain(exclude)
            .collect();
        let candidates: Vec<(String, u8)> = catalog
            .questions()
            .filter(|q| self.spec.slots[slot].accepts(q))
            .map(|q| q.global_id())
            .filter(|id| !taken.contains(&id.as_str()))
            .map(|id| {
                let tier = tier(log.get(&id), log.values().max(), self.favour_new);
                (id, tier)
            })
            .collect();
        let best = candidates.iter().map(|(_, t)| *t).min()?;
        let pool: Vec<&String> = candidates
            .iter()
            .filter(|(_, t)| *t == best)
            .map(|(id, _)| id)
            .collect();
        let index = (self.next_random() % pool.len() as u64) as usize;
        Some(pool[index].clone())
    }

    fn next_random(&mut self) -> u64 {
        // xorshift64*: good enough to vary picks, and reproducible from a seed in tests
        let mut x = self.seed | 1;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.seed = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11
    }

    /// The picked questions, in order, skipping empty slots.
    pub fn picked(&self) -> Vec<String> {
        self.picks.iter().flatten().cloned().collect()
    }
}

/// Lower is better: never practised (when favoured), then not in the last week, then the rest.
fn tier(
    last: Option<&DateTime<FixedOffset>>,
    newest: Option<&DateTime<FixedOffset>>,
    favour_new: bool,
) -> u8 {
    match (last, newest) {
        (None, _) => {
            if favour_new {
                0
            } else {
                1
            }
        }
        (Some(last), Some(newest)) if (*newest - *last).num_days() >= 7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::BankSource;

    #[test]
    fn the_full_director_loop_asks_a_career_question() {
        let catalog = Catalog::load(&BankSource::shipped());
        let plan = RoundPlan::pick(
            RoundSpec::ready_made(RoundKind::FullLoop),
            &catalog,
            &HashMap::new(),
            true,
            7,
        );
        let rounds: Vec<Round> = plan
            .picks
            .iter()
            .map(|pick| {
                let id = pick.as_deref().expect("every slot of the full loop is filled");
                catalog
                    .question(id)
                    .expect("picked from the catalog")
                    .question
                    .round
            })
            .collect();
        assert_eq!(
            rounds,
            [
                Round::SystemsDesign,
                Round::Leadership,
                Round::Leadership,
                Round::OrgDesign,
                Round::Career,
                Round::ReverseInterview,
            ]
        );
        assert!(RoundKind::FullLoop.description().contains("career question"));
    }
}

//! What each score looks like on each built-in competency, at Director scope, and the
//! levels that apply to one question: its own, else its competency's.
//!
//! The texts describe what an interviewer would see or hear, not adjectives. The low
//! levels are mistakes real Director candidates make (often habits that served them well
//! as engineering managers), not strawmen.

use std::sync::LazyLock;

use super::{Competency, Levels, Question};

/// `(competency id, [strong no hire, lean no hire, hire, strong hire])`, in the order of
/// [`super::BUILT_IN_COMPETENCIES`].
const BUILT_IN_TEXTS: [(&str, [&str; 4]); 8] = [
    (
        "org-design",
        [
            "Proposes a new structure within minutes of hearing the problem, drawn around people or headcount, and cannot say which hand-off or bottleneck it removes.",
            "Draws a sound team shape but stops there: no transition plan, nothing on on-call, ownership of the old systems, or how the EMs and engineers hear about it.",
            "Starts from the work and its dependencies, weighs two or three shapes on ownership, cognitive load and team size, and sequences the change with the EMs and a check a quarter later.",
            "Also designs for the next 12 to 18 months of hiring, names the measure that will show it worked (lead time, cross-team tickets, attrition) and what would make them undo it.",
        ],
    ),
    (
        "technical-depth",
        [
            "Either stays at the level of product names (\"microservices and Kafka\") with no numbers, or disappears into code-level detail and loses the system; does not spot the risky part.",
            "Gives a workable design with rough numbers but takes the team's estimate or approach at face value; misses the failure mode or migration cost a staff engineer would raise.",
            "Sizes the problem with quick arithmetic, names the two or three decisions that matter and their trade-offs, and asks the questions that expose a weak estimate or a hidden risk.",
            "Also knows where to stop and hand over to staff engineers, ties technical choices to team ownership and cost, and says how the decision gets revisited (a decision record, a review, a metric).",
        ],
    ),
    (
        "delivery-cadence",
        [
            "Manages by exception: when work slips, steps in personally or adds status meetings; no standing rhythm and no early warning before a date is missed.",
            "Lists rituals (planning, reviews, post-mortems) but cannot say what decision each one feeds or which ones they dropped when they stopped helping.",
            "Runs a small set of rituals, each tied to a decision, watches a few leading indicators and acts on slippage weeks before the date, with EMs owning their teams' part.",
            "Also tunes the rhythm to the organisation's size, removes rituals that have become drag, and shows results over several quarters: predictability, fewer repeat incidents, EMs who run it without them.",
        ],
    ),
    (
        "manager-coaching",
        [
            "Does the EM's job for them (holds the hard conversation themselves, goes around the EM to the team) or moves straight to replacing the EM with no record of coaching.",
            "Coaches in general terms (\"give feedback and support them\") with no specific expectations, time frame or way to tell whether the EM improved; avoids the performance conversation.",
            "Separates skill from will from circumstance, agrees specific behaviours and a time frame with the EM, watches the EM at work and follows through, including a formal process when coaching fails.",
            "Also builds capability across the whole management group (calibration, peer coaching, a successor for each EM) and names managers they developed who were promoted or now coach others.",
        ],
    ),
    (
        "hiring",
        [
            "Answers with a number of engineers wanted, not a plan: no link to the roadmap, no order of hires, nothing on who interviews or onboards them.",
            "Has a plausible plan but leaves hiring to recruiters, uses one loop for every level, or hires managers before deciding the team shape they will run.",
            "Ties each hire to the roadmap and the org design, hires senior and manager roles first, calibrates interviewers to a clear bar and tracks the funnel and ramp-up time.",
            "Also weighs hiring against internal moves and contractors, has a plan for a cut budget, holds the bar under pressure to fill seats, and shows a loop they improved from its data.",
        ],
    ),
    (
        "cross-functional",
        [
            "Speaks for engineering alone: treats product and design as suppliers of requirements, escalates disagreements upward, or lets each team negotiate with its own product manager.",
            "Keeps partners happy by agreeing to every request, then lets teams discover the plan does not fit; cannot say how priorities are traded between product areas.",
            "Agrees shared goals and decision rights with product, design and data leads, brings trade-offs with options and their costs, disagrees openly and then commits to the plan.",
            "Also shapes the programme with partners before planning starts, keeps relationships that survive bad news, and gives an example of a partner changing course because of them.",
        ],
    ),
    (
        "strategy",
        [
            "Talks only about this quarter's delivery; a multi-year question gets a list of projects with no view of the business, the market or what to stop doing.",
            "Offers a vision statement with no path to it: cannot turn it into bets, an order or trade-offs, or describes strategy as something the VP hands down.",
            "Links engineering bets (platform, build or buy, debt, tooling) to business outcomes over one to three years, says what they will not do and how they would know a bet is failing.",
            "Also puts it in the executive team's terms (cost, risk, revenue), influences peers beyond their own domain, and describes changing a strategy of their own when the evidence turned.",
        ],
    ),
    (
        "communication",
        [
            "Wanders: the answer arrives last or not at all, the interviewer has to dig out the facts, and every audience gets the same level of detail.",
            "Structured but long: everything at the same depth, no check on what the listener needs, bad news buried in the middle.",
            "Leads with the answer, backs it with two or three points and numbers, checks what the listener needs and adjusts; states bad news and the request plainly.",
            "Also reshapes the same message for engineers, peers and executives on the spot, handles a pointed interruption and returns to the point, and ends on a decision or next step.",
        ],
    ),
];

static BUILT_IN: LazyLock<Vec<(&'static str, Levels)>> = LazyLock::new(|| {
    BUILT_IN_TEXTS
        .iter()
        .map(|(id, [one, two, three, four])| {
            let levels = Levels {
                strong_no_hire: (*one).to_owned(),
                lean_no_hire: (*two).to_owned(),
                hire: (*three).to_owned(),
                strong_hire: (*four).to_owned(),
            };
            (*id, levels)
        })
        .collect()
});

/// The built-in levels of a built-in competency.
pub fn built_in_levels(competency: &str) -> Option<&'static Levels> {
    BUILT_IN
        .iter()
        .find(|(id, _)| *id == competency)
        .map(|(_, levels)| levels)
}

/// The levels that apply when `question` is scored on `competency`: the question's own,
/// else those of the competency as declared (`declared`, from a bank or the catalog),
/// else the built-in ones.
pub fn levels_for<'a>(
    question: &'a Question,
    competency: &str,
    declared: Option<&'a Competency>,
) -> Option<&'a Levels> {
    question
        .levels
        .get(competency)
        .or_else(|| declared.and_then(|c| c.levels.as_ref()))
        .or_else(|| built_in_levels(competency))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{BUILT_IN_COMPETENCIES, generate::generated};

    #[test]
    fn every_built_in_competency_has_four_distinct_levels() {
        assert_eq!(BUILT_IN_TEXTS.len(), BUILT_IN_COMPETENCIES.len());
        for (id, _) in BUILT_IN_COMPETENCIES {
            let levels = built_in_levels(id).unwrap_or_else(|| panic!("no levels for {id}"));
            let texts: Vec<&str> = levels.texts().iter().map(|(_, t)| *t).collect();
            for text in &texts {
                assert!(
                    text.len() > 60,
                    "{id}: a level too short to be observable: {text}"
                );
            }
            let mut unique = texts.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), 4, "{id} repeats a level");
        }
        assert_eq!(built_in_levels("incident-command"), None);
    }

    #[test]
    fn a_question_overrides_its_competency_which_overrides_the_built_in() {
        let bank = generated("lv", 10, 1);
        let with_own = bank
            .questions
            .iter()
            .find(|q| !q.levels.is_empty())
            .expect("the generator gives some questions levels");
        let (competency, own) = with_own.levels.iter().next().expect("one");
        assert_eq!(levels_for(with_own, competency, None), Some(own));

        let mut plain = with_own.clone();
        plain.levels.clear();
        assert_eq!(levels_for(&plain, competency, None), built_in_levels(competency));
        let declared = Competency {
            id: competency.clone(),
            name: "Declared".to_owned(),
            description: String::new(),
            levels: Some(Levels {
                strong_no_hire: "a".to_owned(),
                lean_no_hire: "b".to_owned(),
                hire: "c".to_owned(),
                strong_hire: "d".to_owned(),
            }),
        };
        assert_eq!(
            levels_for(&plain, competency, Some(&declared)).and_then(|l| l.for_score(3)),
            Some("c")
        );
        assert_eq!(levels_for(&plain, "not-a-competency", None), None);
    }
}

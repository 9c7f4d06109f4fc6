//! A question as the editor's form holds it: text fields, converted to and from [`Question`].

use std::collections::BTreeMap;

use super::{
    Bank, Difficulty, FollowUpTiming, Levels, Phase, Problem, Question, Round, Style, parse_bank, to_ron,
};

/// Every field of a question as editable text. Lists are one item a line; competencies
/// and tags are comma-separated; phases are `Name = minutes` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionDraft {
    pub id: String,
    pub round: Round,
    pub title: String,
    pub prompt: String,
    pub minutes: String,
    pub prep_minutes: String,
    pub difficulty: Difficulty,
    pub style: Style,
    pub competencies: String,
    pub phases: String,
    pub follow_ups: String,
    pub strong_signals: String,
    pub weak_signals: String,
    pub tags: String,
    /// The question's own levels, kept as they are: the form does not edit them.
    pub levels: BTreeMap<String, Levels>,
    /// When each follow-up is asked, kept as written in the file: the form does not edit it.
    pub follow_up_timing: Vec<FollowUpTiming>,
}

impl Default for QuestionDraft {
    fn default() -> Self {
        Self::from_question(&Question {
            id: String::new(),
            round: Round::Leadership,
            title: String::new(),
            prompt: String::new(),
            minutes: 8,
            prep_minutes: 0,
            difficulty: Difficulty::Core,
            style: Style::Scenario,
            competencies: Vec::new(),
            phases: Vec::new(),
            follow_ups: Vec::new(),
            strong_signals: Vec::new(),
            weak_signals: Vec::new(),
            tags: Vec::new(),
            levels: BTreeMap::new(),
            follow_up_timing: Vec::new(),
        })
    }
}

impl QuestionDraft {
    pub fn from_question(q: &Question) -> Self {
        Self {
            id: q.id.clone(),
            round: q.round,
            title: q.title.clone(),
            prompt: q.prompt.clone(),
            minutes: q.minutes.to_string(),
            prep_minutes: q.prep_minutes.to_string(),
            difficulty: q.difficulty,
            style: q.style,
            competencies: q.competencies.join(", "),
            phases: q
                .phases
                .iter()
                .map(|p| format!("{} = {}", p.name, p.minutes))
                .collect::<Vec<_>>()
                .join("\n"),
            follow_ups: q.follow_ups.join("\n"),
            strong_signals: q.strong_signals.join("\n"),
            weak_signals: q.weak_signals.join("\n"),
            tags: q.tags.join(", "),
            levels: q.levels.clone(),
            follow_up_timing: q.follow_up_timing.clone(),
        }
    }

    /// The question, or the first field that is not even well-formed text.
    pub fn to_question(&self) -> Result<Question, String> {
        let number = |text: &str, field: &str| {
            let text = text.trim();
            if text.is_empty() {
                return Ok(0);
            }
            text.parse::<u32>()
                .map_err(|_| format!("{field}: \"{text}\" is not a whole number of minutes"))
        };
        let mut phases = Vec::new();
        for line in lines(&self.phases) {
            let (name, minutes) = line
                .rsplit_once('=')
                .ok_or_else(|| format!("phases: write \"{line}\" as `Name = minutes`"))?;
            phases.push(Phase {
                name: name.trim().to_owned(),
                minutes: number(minutes, "phase minutes")?,
            });
        }
        let competencies = commas(&self.competencies);
        let follow_ups = lines(&self.follow_ups);
        // a timing follows its follow-up: follow-ups taken off take their timings with them
        let mut follow_up_timing = self.follow_up_timing.clone();
        follow_up_timing.truncate(follow_ups.len());
        Ok(Question {
            id: self.id.trim().to_owned(),
            round: self.round,
            title: self.title.trim().to_owned(),
            prompt: self.prompt.clone(),
            minutes: number(&self.minutes, "minutes")?,
            prep_minutes: number(&self.prep_minutes, "prep minutes")?,
            difficulty: self.difficulty,
            style: self.style,
            phases,
            follow_ups,
            follow_up_timing,
            strong_signals: lines(&self.strong_signals),
            weak_signals: lines(&self.weak_signals),
            tags: commas(&self.tags),
            // levels follow the competencies: a competency taken off the question takes its
            // levels with it, and putting it back brings them back (the draft keeps them all)
            levels: self
                .levels
                .iter()
                .filter(|(id, _)| competencies.contains(id))
                .map(|(id, levels)| (id.clone(), levels.clone()))
                .collect(),
            competencies,
        })
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn commas(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `bank` with the draft put at `index` (or appended), written as text and checked by the
/// same parser and validator that load banks. Returns the text when it has no errors.
pub fn check_draft(
    bank: &Bank,
    index: Option<usize>,
    draft: &QuestionDraft,
    path: &str,
) -> (Option<String>, Vec<Problem>) {
    let question = match draft.to_question() {
        Ok(question) => question,
        Err(message) => return (None, vec![Problem::error(path, None, message)]),
    };
    let mut edited = bank.clone();
    match index.and_then(|i| edited.questions.get_mut(i)) {
        Some(slot) => *slot = question,
        None => edited.questions.push(question),
    }
    let text = to_ron(&edited);
    let parsed = parse_bank(path, text.as_bytes());
    let ok = parsed.bank.is_some();
    (ok.then_some(text), parsed.problems)
}

/// A new, empty user bank.
pub fn empty_user_bank(id: &str, title: &str) -> Bank {
    Bank {
        format: super::BANK_FORMAT,
        id: id.to_owned(),
        title: title.to_owned(),
        description: String::new(),
        competencies: Vec::new(),
        questions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::generate::generated;

    #[test]
    fn draft_round_trips_every_field() {
        for question in generated("rt", 30, 5).questions {
            let draft = QuestionDraft::from_question(&question);
            assert_eq!(draft.to_question(), Ok(question));
        }
    }

    #[test]
    fn follow_up_timing_is_kept_and_follows_its_follow_ups() {
        let mut question = generated("rt", 1, 1).questions.remove(0);
        question.follow_ups = vec!["one?".to_owned(), "two?".to_owned()];
        question.follow_up_timing = vec![FollowUpTiming::AfterMinutes(1), FollowUpTiming::Untimed];
        let mut draft = QuestionDraft::from_question(&question);
        assert_eq!(draft.to_question(), Ok(question.clone()));
        draft.follow_ups = "one?".to_owned();
        let edited = draft.to_question().expect("valid");
        assert_eq!(edited.follow_up_timing, vec![FollowUpTiming::AfterMinutes(1)]);
    }

    #[test]
    fn check_reports_rule_breaks_and_bad_numbers() {
        let bank = empty_user_bank("mine", "Mine");
        let mut draft = QuestionDraft {
            id: "new-one".to_owned(),
            title: "A title".to_owned(),
            prompt: "Ask it.".to_owned(),
            competencies: "hiring".to_owned(),
            ..QuestionDraft::default()
        };
        let (text, problems) = check_draft(&bank, None, &draft, "mine.ron");
        assert!(problems.is_empty(), "{problems:?}");
        assert!(text.is_some());
        draft.competencies = "hirin".to_owned();
        let (text, problems) = check_draft(&bank, None, &draft, "mine.ron");
        assert!(text.is_none());
        assert!(
            problems[0].message.contains("did you mean \"hiring\""),
            "{problems:?}"
        );
        draft.minutes = "ten".to_owned();
        let (_, problems) = check_draft(&bank, None, &draft, "mine.ron");
        assert!(problems[0].message.contains("not a whole number"));
    }
}

//! Property tests: generated sessions save and load back equal; generated valid banks
//! validate clean; breaking exactly one rule gives exactly that one error.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use panelist::bank::{
    BANK_FORMAT, BUILT_IN_COMPETENCIES, Bank, Competency, Difficulty, Levels, MAX_MINUTES, MAX_PROMPT_BYTES,
    Phase, Question, Round, Style, parse_bank,
};
use panelist::paths::DataDir;
use panelist::session::{QuestionState, Score, Session, Status};
use panelist::store::SessionStore;

// ---- sessions ----

fn any_text() -> impl Strategy<Value = String> {
    // any Unicode, control characters, quotes and backslashes included
    prop_oneof![".{0,40}", "[\"\\\\\n\t ]{0,8}", Just(String::new())]
}

fn record_edits() -> impl Strategy<Value = RecordEdits> {
    (
        (
            prop::sample::select(vec![
                QuestionState::Pending,
                QuestionState::Prep,
                QuestionState::Answering,
                QuestionState::Answered,
                QuestionState::Skipped,
            ]),
            any::<u64>(),
            any::<u64>(),
            any::<u32>(),
            any::<bool>(),
        ),
        (
            any_text(),
            any_text(),
            prop::collection::btree_map("[a-z-]{1,12}", 1u8..=4, 0..4),
            prop::collection::btree_set(0usize..8, 0..4),
            prop::collection::btree_set(0usize..8, 0..4),
            prop::collection::vec("[a-z0-9-]{1,10}", 0..3),
        ),
    )
        .prop_map(
            |(
                (state, prep_ms, answer_ms, pauses, paused),
                (scratchpad, notes, scores, strong, weak, stories),
            )| {
                RecordEdits {
                    state,
                    prep_ms,
                    answer_ms,
                    pauses,
                    paused,
                    scratchpad,
                    notes,
                    scores,
                    strong,
                    weak,
                    stories,
                }
            },
        )
}

#[derive(Debug, Clone)]
struct RecordEdits {
    state: QuestionState,
    prep_ms: u64,
    answer_ms: u64,
    pauses: u32,
    paused: bool,
    scratchpad: String,
    notes: String,
    scores: BTreeMap<String, u8>,
    strong: BTreeSet<usize>,
    weak: BTreeSet<usize>,
    stories: Vec<String>,
}

fn any_session() -> impl Strategy<Value = Session> {
    (
        "[a-z0-9][a-z0-9-]{0,20}",
        any_text(),
        any_text(),
        any_text(),
        prop::sample::select(vec![Status::InProgress, Status::Finished, Status::Abandoned]),
        (any::<bool>(), 0.1f32..3.0, 0usize..4),
        prop::collection::vec(record_edits(), 1..4),
    )
        .prop_map(
            |(id, title, candidate, notes, status, (ended_early, time_scale, current), edits)| {
                let picks = ["ledger", "slipping-em", "span", "why-director"];
                let mut session = common::sample_session(&id, &picks[..edits.len()]);
                session.title = title;
                session.candidate = candidate;
                session.notes = notes;
                session.status = status;
                session.ended_early = ended_early;
                session.time_scale = time_scale;
                session.current = current.min(edits.len() - 1);
                for (record, edit) in session.questions.iter_mut().zip(edits) {
                    record.state = edit.state;
                    record.prep_ms = edit.prep_ms;
                    record.answer_ms = edit.answer_ms;
                    record.pauses = edit.pauses;
                    record.paused = edit.paused;
                    record.scratchpad = edit.scratchpad;
                    record.notes = edit.notes;
                    record.self_scores = edit
                        .scores
                        .into_iter()
                        .filter_map(|(k, v)| Score::new(v).map(|s| (k, s)))
                        .collect();
                    record.strong_shown = edit.strong;
                    record.weak_shown = edit.weak;
                    record.stories = edit.stories;
                }
                session
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_session_saves_and_loads_back_equal(session in any_session()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SessionStore::new(DataDir::new(dir.path()));
        store.save(&session).expect("save");
        prop_assert_eq!(&store.load(&session.id).expect("load"), &session);
        let all = store.load_all();
        prop_assert!(all.issues.is_empty(), "{:?}", all.issues);
        prop_assert_eq!(all.sessions, vec![session]);
    }
}

// ---- banks ----

fn one_line() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,.?'()&:-]{0,40}"
}

fn block_text() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,.?'()\n\"\\\\#*-]{0,200}"
}

fn built_in_ids() -> Vec<&'static str> {
    BUILT_IN_COMPETENCIES.iter().map(|(id, _)| *id).collect()
}

fn any_levels() -> impl Strategy<Value = Levels> {
    (one_line(), one_line(), block_text(), one_line()).prop_map(
        |(strong_no_hire, lean_no_hire, hire, strong_hire)| Levels {
            strong_no_hire,
            lean_no_hire,
            hire,
            strong_hire,
        },
    )
}

fn any_question() -> impl Strategy<Value = Question> {
    (
        (
            prop::sample::select(Round::ALL.to_vec()),
            one_line(),
            block_text(),
            1u32..=MAX_MINUTES,
            0u32..=MAX_MINUTES,
            prop::sample::select(Difficulty::ALL.to_vec()),
        ),
        (
            prop::sample::subsequence(built_in_ids(), 1..4),
            prop::collection::vec(one_line(), 0..3),
            prop::collection::vec(one_line(), 0..3),
            prop::collection::vec(one_line(), 0..3),
            prop::collection::vec("[a-z][a-z0-9-]{0,10}", 0..3),
            0usize..4,
        ),
        (
            prop::sample::select(Style::ALL.to_vec()),
            prop::option::of(any_levels()),
        ),
    )
        .prop_map(
            |(
                (round, title, prompt, minutes, prep_minutes, difficulty),
                (competencies, follow_ups, strong, weak, tags, phase_count),
                (style, levels),
            )| {
                // phases, when present, split the minutes exactly
                let parts = phase_count.min(minutes as usize);
                let phases = (0..parts)
                    .map(|i| {
                        let share = minutes / parts as u32;
                        let extra = if i == 0 { minutes % parts as u32 } else { 0 };
                        Phase {
                            name: format!("Part {}", i + 1),
                            minutes: share + extra,
                        }
                    })
                    .collect();
                Question {
                    id: String::new(),
                    round,
                    title,
                    prompt,
                    minutes,
                    prep_minutes,
                    difficulty,
                    style,
                    // levels, when present, are for the question's first competency
                    levels: levels
                        .map(|levels| (competencies[0].to_owned(), levels))
                        .into_iter()
                        .collect(),
                    competencies: competencies.into_iter().map(str::to_owned).collect(),
                    phases,
                    follow_ups,
                    follow_up_timing: Vec::new(),
                    strong_signals: strong,
                    weak_signals: weak,
                    tags,
                }
            },
        )
}

fn any_valid_bank() -> impl Strategy<Value = Bank> {
    (
        "[a-z0-9][a-z0-9-]{0,15}",
        one_line(),
        block_text(),
        prop::collection::vec(one_line(), 0..3),
        prop::collection::vec(any_question(), 1..6),
    )
        .prop_map(|(id, title, description, custom, mut questions)| {
            let competencies: Vec<Competency> = custom
                .into_iter()
                .enumerate()
                .map(|(i, name)| Competency {
                    id: format!("custom-{i}"),
                    levels: (i % 2 == 0).then(|| Levels {
                        strong_no_hire: format!("{name} one"),
                        lean_no_hire: format!("{name} two"),
                        hire: format!("{name} three"),
                        strong_hire: format!("{name} four"),
                    }),
                    name,
                    description: String::new(),
                })
                .collect();
            for (i, question) in questions.iter_mut().enumerate() {
                question.id = format!("q{i}");
                if let Some(custom) = competencies.get(i) {
                    question.competencies.push(custom.id.clone());
                }
            }
            Bank {
                format: BANK_FORMAT,
                id,
                title,
                description,
                competencies,
                questions,
            }
        })
}

fn bank_text(bank: &Bank) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    ron::ser::to_string_pretty(bank, config).expect("encode")
}

/// One rule broken on purpose, and words the one error must contain.
#[derive(Debug, Clone, Copy)]
enum Break {
    EmptyTitle,
    MultiLineTitle,
    EmptyPrompt,
    HugePrompt,
    ZeroMinutes,
    TooManyMinutes,
    TooMuchPrep,
    NoCompetency,
    UnknownCompetency,
    DuplicateId,
    BadQuestionId,
    BadBankId,
    EmptyBankTitle,
    PhasesOffBy,
    EmptySignal,
    NewerFormat,
    UnlistedLevels,
    EmptyLevelText,
}

const BREAKS: [Break; 18] = [
    Break::EmptyTitle,
    Break::MultiLineTitle,
    Break::EmptyPrompt,
    Break::HugePrompt,
    Break::ZeroMinutes,
    Break::TooManyMinutes,
    Break::TooMuchPrep,
    Break::NoCompetency,
    Break::UnknownCompetency,
    Break::DuplicateId,
    Break::BadQuestionId,
    Break::BadBankId,
    Break::EmptyBankTitle,
    Break::PhasesOffBy,
    Break::EmptySignal,
    Break::NewerFormat,
    Break::UnlistedLevels,
    Break::EmptyLevelText,
];

fn level_texts(mark: &str) -> Levels {
    Levels {
        strong_no_hire: format!("{mark} one"),
        lean_no_hire: format!("{mark} two"),
        hire: format!("{mark} three"),
        strong_hire: format!("{mark} four"),
    }
}

/// Breaks one rule in `bank` (in question `index`); returns what the error must say.
fn break_rule(bank: &mut Bank, rule: Break, index: usize) -> String {
    let index = index % bank.questions.len();
    let q = &mut bank.questions[index];
    let id = q.id.clone();
    match rule {
        Break::EmptyTitle => {
            q.title = "  ".to_owned();
            format!("empty title in question \"{id}\"")
        }
        Break::MultiLineTitle => {
            q.title.push_str("\nsecond line");
            format!("title of question \"{id}\" must be one line")
        }
        Break::EmptyPrompt => {
            q.prompt = " \n ".to_owned();
            format!("empty prompt in question \"{id}\"")
        }
        Break::HugePrompt => {
            q.prompt = "p".repeat(MAX_PROMPT_BYTES + 1);
            "a prompt may be at most 64 KB".to_owned()
        }
        Break::ZeroMinutes => {
            q.minutes = 0;
            q.phases.clear();
            format!("minutes must be 1..={MAX_MINUTES}, not 0 in question \"{id}\"")
        }
        Break::TooManyMinutes => {
            q.minutes = MAX_MINUTES + 1;
            q.phases.clear();
            format!("not {} in question \"{id}\"", MAX_MINUTES + 1)
        }
        Break::TooMuchPrep => {
            q.prep_minutes = MAX_MINUTES + 7;
            format!("prep_minutes must be 0..={MAX_MINUTES}")
        }
        Break::NoCompetency => {
            q.competencies.clear();
            format!("question \"{id}\" needs at least one competency")
        }
        Break::UnknownCompetency => {
            q.competencies.push("zzzz-not-a-competency".to_owned());
            "unknown competency \"zzzz-not-a-competency\"".to_owned()
        }
        Break::DuplicateId => {
            if bank.questions.len() < 2 {
                let mut copy = bank.questions[0].clone();
                copy.title = "Copy".to_owned();
                bank.questions.push(copy);
            }
            let last = bank.questions.len() - 1;
            let first_id = bank.questions[0].id.clone();
            bank.questions[last].id = first_id.clone();
            format!("duplicate question id \"{first_id}\"")
        }
        Break::BadQuestionId => {
            q.id = format!("Bad {id}");
            format!("question id \"Bad {id}\" must match")
        }
        Break::BadBankId => {
            bank.id = format!("-{}", bank.id.to_uppercase());
            "bank id".to_owned()
        }
        Break::EmptyBankTitle => {
            bank.title = String::new();
            "bank title is empty".to_owned()
        }
        Break::PhasesOffBy => {
            q.phases = vec![Phase {
                name: "All of it".to_owned(),
                minutes: q.minutes + 1,
            }];
            format!("phases of question \"{id}\" sum to")
        }
        Break::EmptySignal => {
            q.strong_signals.push("   ".to_owned());
            format!("empty text in strong_signals of question \"{id}\"")
        }
        Break::NewerFormat => {
            bank.format = BANK_FORMAT + 1;
            "was written by a newer Panelist".to_owned()
        }
        Break::UnlistedLevels => {
            q.levels.insert("zzzz-unlisted".to_owned(), level_texts("A"));
            format!("levels for \"zzzz-unlisted\" in question \"{id}\", which does not list")
        }
        Break::EmptyLevelText => {
            let mut levels = level_texts("B");
            levels.hire = " ".to_owned();
            q.levels.insert(q.competencies[0].clone(), levels);
            format!(
                "empty `hire` text in the levels for \"{}\" of question \"{id}\"",
                q.competencies[0]
            )
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_valid_bank_validates_clean(bank in any_valid_bank()) {
        let text = bank_text(&bank);
        let parsed = parse_bank("gen.ron", text.as_bytes());
        prop_assert!(parsed.problems.is_empty(), "{:#?}\n{}", parsed.problems, text);
        prop_assert_eq!(parsed.bank, Some(bank));
    }

    #[test]
    fn breaking_one_rule_gives_exactly_that_error(
        mut bank in any_valid_bank(),
        rule in prop::sample::select(BREAKS.to_vec()),
        index in 0usize..8,
    ) {
        let expected = break_rule(&mut bank, rule, index);
        let text = bank_text(&bank);
        let parsed = parse_bank("gen.ron", text.as_bytes());
        prop_assert!(parsed.bank.is_none());
        prop_assert_eq!(parsed.problems.len(), 1, "{:?}: {:#?}", rule, parsed.problems);
        let problem = &parsed.problems[0];
        prop_assert!(problem.is_error());
        prop_assert!(problem.message.contains(&expected), "{:?}: {} lacks {}", rule, problem.message, expected);
    }
}

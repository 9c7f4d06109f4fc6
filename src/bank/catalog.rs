//! All loaded banks merged into one catalog of questions and competencies.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::competency::BUILT_IN_COMPETENCIES;
use super::parse::parse_bank;
use super::{Bank, Competency, Levels, Problem, Question, Round, SHIPPED_BANKS};

/// Where a bank comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankSource {
    /// Compiled into the binary; `name` reads like `questions/leadership.ron`.
    Shipped { name: String, text: &'static str },
    /// A file on disk.
    File(PathBuf),
}

impl BankSource {
    /// The shipped banks, in file-name order.
    pub fn shipped() -> Vec<BankSource> {
        SHIPPED_BANKS
            .iter()
            .map(|(name, text)| BankSource::Shipped {
                name: (*name).to_owned(),
                text,
            })
            .collect()
    }

    /// A file as it is, or every `*.ron` file in a folder, sorted by name.
    /// A path that cannot be listed is returned as a file, whose read error is then reported.
    pub fn expand(path: &Path) -> Vec<BankSource> {
        if !path.is_dir() {
            return vec![BankSource::File(path.to_path_buf())];
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "ron"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files.into_iter().map(BankSource::File).collect()
    }

    pub fn display(&self) -> String {
        match self {
            BankSource::Shipped { name, .. } => name.clone(),
            BankSource::File(path) => path.display().to_string(),
        }
    }
}

/// A bank that loaded without errors.
#[derive(Debug, Clone)]
pub struct LoadedBank {
    pub bank: Bank,
    /// How problems and the UI name the file.
    pub path: String,
    /// The file on disk; `None` for a shipped bank.
    pub file: Option<PathBuf>,
}

impl LoadedBank {
    pub fn is_shipped(&self) -> bool {
        self.file.is_none()
    }
}

/// A question together with the bank it came from.
#[derive(Debug, Clone, Copy)]
pub struct QuestionRef<'a> {
    pub bank: &'a LoadedBank,
    pub question: &'a Question,
}

impl QuestionRef<'_> {
    /// `bank/question`, unique across the catalog.
    pub fn global_id(&self) -> String {
        global_id(&self.bank.bank.id, &self.question.id)
    }
}

pub fn global_id(bank: &str, question: &str) -> String {
    format!("{bank}/{question}")
}

/// Every loaded bank, every problem found while loading, and lookups over them.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub banks: Vec<LoadedBank>,
    pub problems: Vec<Problem>,
    /// How many files (or shipped banks) were read.
    pub files_read: usize,
    competencies: Vec<Competency>,
    index: HashMap<String, (usize, usize)>,
}

impl Catalog {
    /// Loads and validates every source; a bank with errors is skipped and the others load.
    pub fn load(sources: &[BankSource]) -> Catalog {
        let mut catalog = Catalog {
            competencies: BUILT_IN_COMPETENCIES
                .iter()
                .map(|(id, name)| Competency {
                    id: (*id).to_owned(),
                    name: (*name).to_owned(),
                    description: String::new(),
                    levels: super::built_in_levels(id).cloned(),
                })
                .collect(),
            ..Catalog::default()
        };
        let mut declared_in: HashMap<String, String> = HashMap::new();
        for source in sources {
            catalog.files_read += 1;
            let path = source.display();
            let bytes: std::borrow::Cow<'_, [u8]> = match source {
                BankSource::Shipped { text, .. } => text.as_bytes().into(),
                BankSource::File(file) => match read_limited(file) {
                    Ok(bytes) => bytes.into(),
                    Err((at, message)) => {
                        catalog.problems.push(Problem::error(&path, at, message));
                        continue;
                    }
                },
            };
            let parsed = parse_bank(&path, &bytes);
            catalog.problems.extend(parsed.problems);
            let Some(bank) = parsed.bank else { continue };
            if let Some(other) = catalog.banks.iter().find(|b| b.bank.id == bank.id) {
                catalog.problems.push(Problem::error(
                    &path,
                    parsed.id_at,
                    format!(
                        "duplicate bank id \"{}\": {} already defines it; this bank was not loaded",
                        bank.id, other.path
                    ),
                ));
                continue;
            }
            if let Some(conflict) = bank.competencies.iter().find_map(|c| {
                let existing = catalog.competencies.iter().find(|k| k.id == c.id)?;
                (existing.name != c.name).then(|| (c.clone(), existing.name.clone()))
            }) {
                let (declared, existing_name) = conflict;
                let other = declared_in.get(&declared.id).cloned().unwrap_or_default();
                catalog.problems.push(Problem::error(
                    &path,
                    parsed.id_at,
                    format!(
                        "competency \"{}\" is named \"{}\" here but \"{existing_name}\" in {other}; this bank was not loaded",
                        declared.id, declared.name
                    ),
                ));
                continue;
            }
            for competency in &bank.competencies {
                if !catalog.competencies.iter().any(|k| k.id == competency.id) {
                    declared_in.insert(competency.id.clone(), path.clone());
                    catalog.competencies.push(competency.clone());
                }
            }
            let file = match source {
                BankSource::Shipped { .. } => None,
                BankSource::File(file) => Some(file.clone()),
            };
            catalog.banks.push(LoadedBank { bank, path, file });
        }
        catalog.reindex();
        catalog
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (b, loaded) in self.banks.iter().enumerate() {
            for (q, question) in loaded.bank.questions.iter().enumerate() {
                self.index
                    .insert(global_id(&loaded.bank.id, &question.id), (b, q));
            }
        }
    }

    /// A question by its global id `bank/question`.
    pub fn question(&self, global_id: &str) -> Option<QuestionRef<'_>> {
        let (b, q) = *self.index.get(global_id)?;
        let bank = &self.banks[b];
        Some(QuestionRef {
            bank,
            question: &bank.bank.questions[q],
        })
    }

    /// Every loaded question, bank by bank, in file order.
    pub fn questions(&self) -> impl Iterator<Item = QuestionRef<'_>> {
        self.banks.iter().flat_map(|bank| {
            bank.bank
                .questions
                .iter()
                .map(move |question| QuestionRef { bank, question })
        })
    }

    pub fn question_count(&self) -> usize {
        self.index.len()
    }

    /// Built-in competencies first, then the ones banks declare.
    pub fn competencies(&self) -> &[Competency] {
        &self.competencies
    }

    /// What each score looks like when `question` is scored on `competency`: the question's
    /// own levels, else the competency's (declared or built in).
    pub fn levels_for<'a>(&'a self, question: &'a Question, competency: &str) -> Option<&'a Levels> {
        let declared = self.competencies.iter().find(|c| c.id == competency);
        super::levels_for(question, competency, declared)
    }

    /// A competency's name, or its id when no bank names it.
    pub fn competency_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.competencies
            .iter()
            .find(|c| c.id == id)
            .map_or(id, |c| c.name.as_str())
    }

    pub fn error_count(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.problems.len() - self.error_count()
    }

    /// Questions per round in one bank.
    pub fn round_counts(bank: &Bank) -> Vec<(Round, usize)> {
        Round::ALL
            .iter()
            .map(|round| {
                (
                    *round,
                    bank.questions.iter().filter(|q| q.round == *round).count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Files whose banks did not load, with their problems.
    pub fn files_with_errors(&self) -> Vec<&str> {
        let mut files: Vec<&str> = self
            .problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| p.path.as_str())
            .collect();
        files.dedup();
        files
    }
}

/// Why a file cannot be read, and where (a refused size is placed at 1:1).
type Unreadable = (Option<(usize, usize)>, String);

/// The file's bytes, or why it cannot be read.
fn read_limited(file: &Path) -> Result<Vec<u8>, Unreadable> {
    let unreadable = |e: std::io::Error| (None, format!("cannot read the file: {e}"));
    let meta = std::fs::metadata(file).map_err(unreadable)?;
    if meta.is_dir() {
        return Err((None, "is a folder, not a bank file".to_owned()));
    }
    if meta.len() > super::MAX_BANK_BYTES as u64 {
        return Err((
            Some((1, 1)),
            format!(
                "the file is {:.1} MB; a bank may be at most {} MB",
                meta.len() as f64 / 1_048_576.0,
                super::MAX_BANK_BYTES / 1_048_576
            ),
        ));
    }
    std::fs::read(file).map_err(unreadable)
}

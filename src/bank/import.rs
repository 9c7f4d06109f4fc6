//! Importing a bank file into the data folder: validated first, never replacing silently.
//! A spreadsheet (`.csv`) or Markdown list (`.md`) is turned into a bank on the way.

use std::path::{Path, PathBuf};

use super::{Bank, Catalog, Problem, import_questions, is_question_list, parse_bank};

/// What importing a file would do.
#[derive(Debug, PartialEq)]
pub enum ImportCheck {
    /// The file has errors (or cannot be read): nothing may be copied.
    Invalid(Vec<Problem>),
    /// A file of this name is already in the folder: ask before replacing it.
    /// `report`: rows of a spreadsheet or list that could not be used (warnings).
    Exists {
        dest: PathBuf,
        report: Vec<Problem>,
    },
    Ready {
        dest: PathBuf,
        report: Vec<Problem>,
    },
}

/// A bank read for importing: the bank, its bytes as they will be written, where its id
/// stands (for a RON file), and the rows of a list that could not be used.
struct ReadBank {
    bank: Bank,
    bytes: Vec<u8>,
    id_at: Option<(usize, usize)>,
    report: Vec<Problem>,
}

/// The bank a file holds or makes: a RON bank as it is, a `.csv` or `.md` list converted.
fn read_bank(source: &Path) -> Result<ReadBank, Vec<Problem>> {
    let path = source.display().to_string();
    let bytes = std::fs::read(source).map_err(|err| {
        vec![Problem::error(
            &path,
            None,
            format!("cannot read the file: {err}"),
        )]
    })?;
    if is_question_list(source) {
        let id = bank_id_for(source);
        let title = format!(
            "Imported from {}",
            source.file_name().and_then(|n| n.to_str()).unwrap_or("a list")
        );
        let imported = import_questions(&path, &bytes, &id, &title, None)?;
        return Ok(ReadBank {
            bank: imported.bank,
            bytes: imported.text.into_bytes(),
            id_at: None,
            report: imported.skipped,
        });
    }
    let parsed = parse_bank(&path, &bytes);
    match parsed.bank {
        Some(bank) => Ok(ReadBank {
            bank,
            bytes,
            id_at: parsed.id_at,
            report: Vec::new(),
        }),
        None => Err(parsed.problems),
    }
}

/// A bank id from a file name: `Team Questions.csv` gives `team-questions`.
pub fn bank_id_for(file: &Path) -> String {
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("my-questions");
    let id: String = stem
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let id = id.trim_matches('-');
    if id.is_empty() {
        "my-questions".to_owned()
    } else {
        id.to_owned()
    }
}

/// Reads and validates `source` for copying into `questions_dir`.
pub fn check_import(source: &Path, questions_dir: &Path, catalog: &Catalog) -> ImportCheck {
    let path = source.display().to_string();
    let ReadBank {
        bank, id_at, report, ..
    } = match read_bank(source) {
        Ok(read) => read,
        Err(problems) => return ImportCheck::Invalid(problems),
    };
    let Some(name) = source.file_name() else {
        return ImportCheck::Invalid(vec![Problem::error(&path, None, "not a file")]);
    };
    let dest = if is_question_list(source) {
        questions_dir.join(name).with_extension("ron")
    } else {
        questions_dir.join(name)
    };
    if let Some(other) = catalog
        .banks
        .iter()
        .find(|b| b.bank.id == bank.id && b.file.as_deref() != Some(dest.as_path()))
    {
        return ImportCheck::Invalid(vec![Problem::error(
            &path,
            id_at,
            format!("bank id \"{}\" is already used by {}", bank.id, other.path),
        )]);
    }
    if dest.exists() {
        ImportCheck::Exists { dest, report }
    } else {
        ImportCheck::Ready { dest, report }
    }
}

/// Copies `source` (converted, if a spreadsheet or list) to `dest` atomically (the caller
/// has checked it).
pub fn copy_bank(source: &Path, dest: &Path) -> std::io::Result<()> {
    let ReadBank { bytes, .. } = read_bank(source).map_err(|problems| {
        let first = problems.first().map(ToString::to_string).unwrap_or_default();
        std::io::Error::other(first)
    })?;
    if let Some(dir) = dest.parent() {
        crate::store::ensure_private_dir(dir)?;
    }
    crate::store::write_atomic(dest, &bytes)
}

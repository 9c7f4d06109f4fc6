//! Importing a bank file into the data folder: validated first, never replacing silently.

use std::path::{Path, PathBuf};

use super::{Catalog, Problem, parse_bank};

/// What importing a file would do.
#[derive(Debug, PartialEq)]
pub enum ImportCheck {
    /// The file has errors (or cannot be read): nothing may be copied.
    Invalid(Vec<Problem>),
    /// A file of this name is already in the folder: ask before replacing it.
    Exists {
        dest: PathBuf,
    },
    Ready {
        dest: PathBuf,
    },
}

/// Reads and validates `source` for copying into `questions_dir`.
pub fn check_import(source: &Path, questions_dir: &Path, catalog: &Catalog) -> ImportCheck {
    let path = source.display().to_string();
    let bytes = match std::fs::read(source) {
        Ok(bytes) => bytes,
        Err(err) => {
            return ImportCheck::Invalid(vec![Problem::error(
                &path,
                None,
                format!("cannot read the file: {err}"),
            )]);
        }
    };
    let parsed = parse_bank(&path, &bytes);
    let Some(bank) = parsed.bank else {
        return ImportCheck::Invalid(parsed.problems);
    };
    let Some(name) = source.file_name() else {
        return ImportCheck::Invalid(vec![Problem::error(&path, None, "not a file")]);
    };
    let dest = questions_dir.join(name);
    if let Some(other) = catalog
        .banks
        .iter()
        .find(|b| b.bank.id == bank.id && b.file.as_deref() != Some(dest.as_path()))
    {
        return ImportCheck::Invalid(vec![Problem::error(
            &path,
            parsed.id_at,
            format!("bank id \"{}\" is already used by {}", bank.id, other.path),
        )]);
    }
    if dest.exists() {
        ImportCheck::Exists { dest }
    } else {
        ImportCheck::Ready { dest }
    }
}

/// Copies `source` to `dest` atomically (the caller has checked it).
pub fn copy_bank(source: &Path, dest: &Path) -> std::io::Result<()> {
    let bytes = std::fs::read(source)?;
    if let Some(dir) = dest.parent() {
        crate::store::ensure_private_dir(dir)?;
    }
    crate::store::write_atomic(dest, &bytes)
}

//! The prep kit: the candidate's stories mapped to competencies, and a checklist for
//! each role applied to. Stored as versioned RON files in the data folder.

mod roles;
mod stories;

pub use crate::store::VersionedFileError as PrepFileError;

/// Reads `stories.ron` or `roles.ron`; a missing file is `Ok(None)`.
pub fn load_prep_file<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
) -> Result<Option<T>, PrepFileError> {
    crate::store::load_versioned(path, PREP_FORMAT)
}

/// Writes a prep-kit file atomically.
pub fn save_prep_file<T: serde::Serialize>(path: &std::path::Path, value: &T) -> Result<(), PrepFileError> {
    crate::store::save_versioned(path, value)
}
pub use roles::{
    Band, Check, CheckKind, Compensation, Currency, Flag, Role, RoleBook, questions_for_unanswered,
};
pub use stories::{Coverage, Scope, Story, StoryBank, coverage};

/// The prep-kit file format this build reads and writes.
pub const PREP_FORMAT: u32 = 1;

/// A short id made from a title and a number, safe in files: "hard-call-at-acme-3".
pub fn make_id(title: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    if base.is_empty() {
        base = "item".to_owned();
    }
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests;

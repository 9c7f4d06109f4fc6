//! Where Panelist keeps the user's data.

use std::path::{Path, PathBuf};

/// The environment variable that overrides the data folder (after `--data-dir`).
pub const DATA_DIR_ENV: &str = "PANELIST_DATA_DIR";

/// The data folder and the fixed layout inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    #[error("no data folder: the platform has no home directory; pass --data-dir DIR or set {DATA_DIR_ENV}")]
    NoPlatformDir,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// `--data-dir`, else `$PANELIST_DATA_DIR`, else the platform's data directory.
    pub fn resolve(flag: Option<&Path>) -> Result<Self, DataDirError> {
        if let Some(dir) = flag {
            return Ok(Self::new(dir));
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
            return Ok(Self::new(PathBuf::from(dir)));
        }
        directories::ProjectDirs::from("", "", "Panelist")
            .map(|dirs| Self::new(dirs.data_dir()))
            .ok_or(DataDirError::NoPlatformDir)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The user's own banks.
    pub fn questions(&self) -> PathBuf {
        self.root.join("questions")
    }

    pub fn sessions(&self) -> PathBuf {
        self.root.join("sessions")
    }

    /// Recorded answers: `recordings/<session-id>/<question-index>.flac`.
    pub fn recordings(&self) -> PathBuf {
        self.root.join("recordings")
    }

    /// Deleted sessions, kept until the user empties the trash.
    pub fn trash(&self) -> PathBuf {
        self.root.join("trash")
    }

    /// Files that could not be read, moved aside.
    pub fn quarantine(&self) -> PathBuf {
        self.root.join("quarantine")
    }

    /// Speech-recognition models, one folder each (`models/<name>/model.bin`, …).
    pub fn models(&self) -> PathBuf {
        self.root.join("models")
    }

    pub fn panels_file(&self) -> PathBuf {
        self.root.join("panels.ron")
    }

    pub fn stories_file(&self) -> PathBuf {
        self.root.join("stories.ron")
    }

    pub fn roles_file(&self) -> PathBuf {
        self.root.join("roles.ron")
    }

    pub fn lock_file(&self) -> PathBuf {
        self.root.join(".panelist.lock")
    }
}

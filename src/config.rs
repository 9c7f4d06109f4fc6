//! Where banks come from: the configuration shared by the window and the command line.

use std::path::PathBuf;

use crate::bank::BankSource;
use crate::paths::DataDir;

/// Every bank source: shipped, the data folder's `questions/`, then each `--questions` path.
pub fn configured_sources(data: &DataDir, extra: &[PathBuf]) -> Vec<BankSource> {
    let mut sources = BankSource::shipped();
    sources.extend(user_sources(data, extra));
    sources
}

/// The user's banks only: the data folder's `questions/`, then each `--questions` path.
pub fn user_sources(data: &DataDir, extra: &[PathBuf]) -> Vec<BankSource> {
    let mut sources = Vec::new();
    // the user's own banks; a data folder without a questions/ folder simply has none
    if data.questions().is_dir() {
        sources.extend(BankSource::expand(&data.questions()));
    }
    for path in extra {
        sources.extend(BankSource::expand(path));
    }
    sources
}

/// How the window is opened: what the command line said, without the command line's types.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// `--data-dir`; `None` means `$PANELIST_DATA_DIR`, else the platform's data directory.
    pub data_dir: Option<PathBuf>,
    /// Each `--questions` path.
    pub questions: Vec<PathBuf>,
    /// `--frame-stats`.
    pub frame_stats: bool,
    /// `panelist FILE`: what to open, as [`crate::open::classify`] told it.
    pub open: Option<OpenFile>,
}

pub use crate::open::{OpenError, OpenFile};

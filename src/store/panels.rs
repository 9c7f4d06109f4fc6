//! Saved panel setups (`<data>/panels.ron`), so a mentor reuses the same panel.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::session::Panelist;

/// The panels file format this build writes.
pub const PANELS_FORMAT: u32 = 1;

/// One reusable panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelSetup {
    /// What the mentor calls it, e.g. "Acme Director loop".
    pub name: String,
    pub panelists: Vec<Panelist>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelsFile {
    pub format: u32,
    #[serde(default)]
    pub setups: Vec<PanelSetup>,
}

#[derive(Debug, thiserror::Error)]
pub enum PanelsError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}:{col}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{path}: panels format {found} is newer than this Panelist understands ({PANELS_FORMAT})")]
    Newer { path: PathBuf, found: u32 },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// The saved setups; none when the file does not exist yet.
pub fn load_panel_setups(path: &Path) -> Result<Vec<PanelSetup>, PanelsError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(PanelsError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let file: PanelsFile = ron::from_str(&text).map_err(|e| PanelsError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    })?;
    if file.format > PANELS_FORMAT {
        return Err(PanelsError::Newer {
            path: path.to_path_buf(),
            found: file.format,
        });
    }
    Ok(file.setups)
}

/// Writes the setups atomically.
pub fn save_panel_setups(path: &Path, setups: &[PanelSetup]) -> Result<(), PanelsError> {
    let file = PanelsFile {
        format: PANELS_FORMAT,
        setups: setups.to_vec(),
    };
    let config = ron::ser::PrettyConfig::new().indentor("  ".to_owned());
    let text = ron::ser::to_string_pretty(&file, config).map_err(|e| PanelsError::Write {
        path: path.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    if let Some(dir) = path.parent() {
        super::ensure_private_dir(dir).map_err(|source| PanelsError::Write {
            path: path.to_path_buf(),
            source,
        })?;
    }
    super::write_atomic(path, text.as_bytes()).map_err(|source| PanelsError::Write {
        path: path.to_path_buf(),
        source,
    })
}

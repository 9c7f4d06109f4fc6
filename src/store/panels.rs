//! Saved panel setups (`<data>/panels.ron`), so a mentor reuses the same panel.

use std::path::Path;

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

/// A panels file that cannot be read or written, named with its path (and line and column).
pub type PanelsError = super::VersionedFileError;

/// The saved setups; none when the file does not exist yet.
pub fn load_panel_setups(path: &Path) -> Result<Vec<PanelSetup>, PanelsError> {
    Ok(super::load_versioned::<PanelsFile>(path, PANELS_FORMAT)?
        .map(|file| file.setups)
        .unwrap_or_default())
}

/// Writes the setups atomically.
pub fn save_panel_setups(path: &Path, setups: &[PanelSetup]) -> Result<(), PanelsError> {
    super::save_versioned(
        path,
        &PanelsFile {
            format: PANELS_FORMAT,
            setups: setups.to_vec(),
        },
    )
}

//! Small versioned RON files (prep kit, saved panels): read with a located error,
//! refused when written by a newer Panelist, written atomically.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{format_of, write_atomic};

#[derive(Debug, thiserror::Error)]
pub enum VersionedFileError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}:{line}:{col}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{path} was written by a newer Panelist (format {format}); it is left untouched")]
    Newer { path: PathBuf, format: u32 },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot encode {path}: {message}")]
    Encode { path: PathBuf, message: String },
}

/// Reads a file written for format `current` or older; a missing file is `Ok(None)`. Callers must not overwrite a file
/// that failed to load (the error names it), so nothing is lost.
pub fn load_versioned<T: DeserializeOwned>(
    path: &Path,
    current: u32,
) -> Result<Option<T>, VersionedFileError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(VersionedFileError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let parse = |e: ron::error::SpannedError| {
        let (line, col, message) = super::format::describe_parse_error(&text, &e);
        VersionedFileError::Parse {
            path: path.to_path_buf(),
            line,
            col,
            message,
        }
    };
    if let Some(format) = format_of(&text).map_err(parse)?
        && format > current
    {
        return Err(VersionedFileError::Newer {
            path: path.to_path_buf(),
            format,
        });
    }
    ron::from_str(&text).map(Some).map_err(parse)
}

pub fn save_versioned<T: Serialize>(path: &Path, value: &T) -> Result<(), VersionedFileError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ".to_owned());
    let text = ron::ser::to_string_pretty(value, config).map_err(|e| VersionedFileError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    write_atomic(path, text.as_bytes()).map_err(|source| VersionedFileError::Write {
        path: path.to_path_buf(),
        source,
    })
}

//! Exports of saved sessions: Markdown, self-contained HTML, JSON and CSV
//! (`docs/export.md`). Pure functions from sessions to text, plus a guarded file write.
//!
//! Markdown, HTML and the PDF report are renderings of one export document
//! (`document/`): the content is decided once, as the document is built, and Markdown
//! and HTML write it as it comes.

mod csv_rows;
pub mod document;
mod html;
mod json;
mod markdown;
pub mod pdf;
mod swar;

pub use csv_rows::{CSV_HEADER, csv, spreadsheet_safe};
pub use document::Document;
pub use html::{html, html_with};
pub use json::json;
pub use markdown::{markdown, markdown_with};
pub use pdf::{Paper, pdf};

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::bank::Catalog;
use crate::session::Session;

/// The JSON export's format version.
pub const EXPORT_FORMAT: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no session with id \"{0}\"")]
    UnknownSession(String),
    #[error("{path} already exists; choose another file or allow overwriting")]
    Exists { path: PathBuf },
    #[error("{path} is a folder; give the name of a file to write")]
    IsFolder { path: PathBuf },
    #[error("cannot write {path}: there is no folder {folder} (an export never creates folders)")]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("cannot encode: {0}")]
    Encode(String),
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    Markdown,
    Html,
    Json,
    Csv,
    /// The printable report (binary: see [`render_file`]).
    Pdf,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::Csv,
        Format::Pdf,
    ];
    /// The formats [`render`] writes as text (all but the PDF report).
    pub const TEXT: [Format; 4] = [Format::Markdown, Format::Html, Format::Json, Format::Csv];

    /// Reads `md`, `markdown`, `html`, `json`, `csv` or `pdf`.
    pub fn parse(text: &str) -> Option<Format> {
        match text.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Pdf => "pdf",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Json => "JSON",
            Format::Csv => "CSV",
            Format::Pdf => "PDF report",
        }
    }
}

/// The JSON export: a versioned envelope around the sessions, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonExport {
    pub format: u32,
    pub kind: String,
    pub sessions: Vec<Session>,
}

/// Reads a JSON export back.
pub fn from_json(text: &str) -> Result<JsonExport, serde_json::Error> {
    serde_json::from_str(text)
}

/// The sessions in a text `format`; `catalog` names competencies (ids are used without
/// it). A PDF is not text: [`render_file`] writes every format.
pub fn render(
    format: Format,
    sessions: &[&Session],
    catalog: Option<&Catalog>,
) -> Result<String, ExportError> {
    match format {
        Format::Markdown => Ok(markdown(sessions, catalog)),
        Format::Html => Ok(html(sessions, catalog)),
        Format::Json => json(sessions),
        Format::Csv => csv(sessions),
        Format::Pdf => Err(ExportError::Encode(
            "a PDF report is not text; write it to a file".to_owned(),
        )),
    }
}

/// How an export to a file is made beyond its format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileOptions {
    /// The PDF report's paper.
    pub paper: Paper,
    /// Boards also as they stood at the end of each phase (HTML, Markdown and PDF).
    pub board_phases: bool,
}

/// What an export to a file wrote: the file, and the board drawings beside it (Markdown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub beside: Vec<PathBuf>,
}

/// Exports `sessions` to the file `path` in `format`. A Markdown export writes each board
/// as an SVG file beside it and links it; nothing is replaced unless `overwrite`.
pub fn export_file(
    path: &Path,
    format: Format,
    sessions: &[&Session],
    catalog: Option<&Catalog>,
    options: FileOptions,
    overwrite: bool,
) -> Result<Written, ExportError> {
    let doc_options = document::Options {
        board_phases: options.board_phases,
    };
    match format {
        Format::Pdf => {
            let document = Document::with_options(sessions, catalog, doc_options);
            let bytes = pdf::render(&document, options.paper)?;
            write_export_bytes(path, &bytes, overwrite)?;
            Ok(Written::default())
        }
        Format::Html => write_export(path, &html_with(sessions, catalog, doc_options), overwrite)
            .map(|()| Written::default()),
        Format::Markdown => {
            // Boards become links to SVG files written beside the export.
            let mut writer = markdown::Writer::default();
            let mut externalised = document::Externalised {
                inner: &mut writer,
                files: Vec::new(),
            };
            Document::write(sessions, catalog, doc_options, &mut externalised);
            let boards = externalised.files;
            let folder = path.parent().unwrap_or(Path::new(""));
            let beside: Vec<PathBuf> = boards.iter().map(|(name, _)| folder.join(name)).collect();
            if !overwrite && let Some(taken) = beside.iter().find(|p| p.exists()) {
                return Err(ExportError::Exists { path: taken.clone() });
            }
            // The file first: its checks (folder, overwrite) apply before anything is written.
            write_export(path, &writer.finish(), overwrite)?;
            for ((_, svg), file) in boards.iter().zip(&beside) {
                write_export(file, svg, true)?;
            }
            Ok(Written { beside })
        }
        Format::Json | Format::Csv => {
            write_export(path, &render(format, sessions, catalog)?, overwrite).map(|()| Written::default())
        }
    }
}

/// What to export: given ids (in that order) or every session, optionally within dates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub ids: Vec<String>,
    pub all: bool,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Selection {
    /// The chosen sessions, oldest first when `all`, else in the order given, each once.
    /// An unknown id is an error.
    pub fn apply<'a>(&self, sessions: &'a [Session]) -> Result<Vec<&'a Session>, ExportError> {
        let mut chosen: Vec<&Session> = if self.all {
            let mut all: Vec<&Session> = sessions.iter().collect();
            all.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
            all
        } else {
            let mut seen = std::collections::HashSet::new();
            self.ids
                .iter()
                .filter(|id| seen.insert(id.as_str()))
                .map(|id| {
                    sessions
                        .iter()
                        .find(|s| s.id == *id)
                        .ok_or_else(|| ExportError::UnknownSession(id.clone()))
                })
                .collect::<Result<_, _>>()?
        };
        chosen.retain(|s| {
            let day = s.created.date_naive();
            self.since.is_none_or(|d| day >= d) && self.until.is_none_or(|d| day <= d)
        });
        Ok(chosen)
    }
}

/// Writes an export atomically; refuses to replace an existing file unless `overwrite`,
/// to replace a folder at all, or to create a missing folder.
pub fn write_export(path: &Path, text: &str, overwrite: bool) -> Result<(), ExportError> {
    write_export_bytes(path, text.as_bytes(), overwrite)
}

/// [`write_export`] for bytes (a PDF).
pub fn write_export_bytes(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), ExportError> {
    if path.is_dir() {
        return Err(ExportError::IsFolder {
            path: path.to_path_buf(),
        });
    }
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder
        && !folder.is_dir()
    {
        return Err(ExportError::NoFolder {
            path: path.to_path_buf(),
            folder: folder.to_path_buf(),
        });
    }
    if path.exists() && !overwrite {
        return Err(ExportError::Exists {
            path: path.to_path_buf(),
        });
    }
    crate::store::write_atomic(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// A competency's name: the catalog's, else the built-in one, else its id.
pub(crate) fn competency_label(catalog: Option<&Catalog>, id: &str) -> String {
    match catalog {
        Some(catalog) => catalog.competency_name(id).to_owned(),
        None => crate::bank::competency_name(id).unwrap_or(id).to_owned(),
    }
}

/// A suggested file name for an export of these sessions.
pub fn suggested_file_name(sessions: &[&Session], format: Format) -> String {
    match sessions {
        [one] => format!("panelist-{}.{}", one.id, format.extension()),
        _ => format!("panelist-sessions.{}", format.extension()),
    }
}

#[cfg(test)]
#[path = "delivery_tests.rs"]
mod delivery_tests;

//! A file Panelist is asked to open (`panelist FILE`, a double-click in a file manager):
//! what kind it is, told from its contents, and reading the kinds that are only viewed.
//!
//! A question bank goes to the import flow, a panel folder's `panel.ron` to the join
//! flow, exported sessions (JSON) or a session file (RON) to a read-only view. The kind
//! comes from the file's root: RON files name their root struct (`Bank(`, `HostFile(`,
//! `Session(`) after any comments, and a JSON export says `"kind": "panelist-sessions"`.
//! Anything else is refused with a message naming the file. No egui here.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::export::JsonExport;
use crate::panel_share::{HOST_FILE, HostFile, load_host};
use crate::session::Session;
use crate::store::session_from_ron;

/// How much of a file is read to tell its kind: a bank's root follows its header
/// comments, which are never this long.
const SNIFF_BYTES: u64 = 64 * 1024;

/// Exports and session files larger than this are refused rather than read.
pub const MAX_VIEW_BYTES: u64 = 64 * 1024 * 1024;

/// What the window does with a file it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenFile {
    /// A question bank: check it, show its problems or offer to import it.
    ImportBank(PathBuf),
    /// A panel: the folder holding `panel.ron`. Join it.
    JoinPanel(PathBuf),
    /// Exported sessions (JSON) or one session file (RON): view them, read-only.
    ViewSessions(PathBuf),
}

impl OpenFile {
    /// The file or folder as given.
    pub fn path(&self) -> &Path {
        match self {
            OpenFile::ImportBank(path) | OpenFile::JoinPanel(path) | OpenFile::ViewSessions(path) => path,
        }
    }
}

/// Why a file cannot be opened; the message names it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpenError {
    #[error("cannot open {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error(
        "{0} is a folder without a panel.ron; Panelist opens a question bank (.ron), a panel folder or its panel.ron, and exported sessions (.json)"
    )]
    FolderWithoutPanel(PathBuf),
    #[error(
        "{path} is not a file Panelist opens ({found}); it opens a question bank (.ron), a panel folder's panel.ron, and exported sessions (.json)"
    )]
    NotPanelist { path: PathBuf, found: String },
}

/// Tells what `path` is from its contents (and, for an unnamed RON root, its name).
pub fn classify(path: &Path) -> Result<OpenFile, OpenError> {
    let unreadable = |e: std::io::Error| OpenError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return if path.join(HOST_FILE).is_file() {
            Ok(OpenFile::JoinPanel(path.to_path_buf()))
        } else {
            Err(OpenError::FolderWithoutPanel(path.to_path_buf()))
        };
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(SNIFF_BYTES).read_to_end(&mut head))
        .map_err(unreadable)?;
    let text = String::from_utf8_lossy(&head);
    let not_ours = |found: &str| OpenError::NotPanelist {
        path: path.to_path_buf(),
        found: found.to_owned(),
    };
    if text.trim().is_empty() {
        return Err(not_ours("an empty file"));
    }
    let named_panel = path.file_name().is_some_and(|n| n == HOST_FILE);
    let folder = || {
        path.parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    };
    if text.trim_start().starts_with('{') {
        return if is_sessions_export(&text) {
            Ok(OpenFile::ViewSessions(path.to_path_buf()))
        } else {
            Err(not_ours("JSON, but not sessions exported by Panelist"))
        };
    }
    match ron_root(&text) {
        Some(RonRoot::Named("Bank")) => Ok(OpenFile::ImportBank(path.to_path_buf())),
        Some(RonRoot::Named("HostFile")) => Ok(OpenFile::JoinPanel(folder())),
        Some(RonRoot::Named("Session")) => Ok(OpenFile::ViewSessions(path.to_path_buf())),
        Some(RonRoot::Named(other)) => Err(not_ours(&format!("RON holding {other}(…)"))),
        // a RON struct without its name: the file name says which
        Some(RonRoot::Unnamed) if named_panel => Ok(OpenFile::JoinPanel(folder())),
        Some(RonRoot::Unnamed) if path.extension().is_some_and(|e| e == "ron") => {
            Ok(OpenFile::ImportBank(path.to_path_buf()))
        }
        _ => Err(not_ours("not a question bank, a panel or sessions")),
    }
}

/// The export's envelope, as far as telling its kind needs.
fn is_sessions_export(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Envelope {
        kind: String,
    }
    // the kind is near the top; a large export is cut off by the sniff, so fall back to
    // the key itself when the whole text does not parse
    match serde_json::from_str::<Envelope>(text) {
        Ok(envelope) => envelope.kind == "panelist-sessions",
        Err(_) => {
            let top: String = text.chars().take(512).collect();
            top.contains("\"kind\": \"panelist-sessions\"") || top.contains("\"kind\":\"panelist-sessions\"")
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum RonRoot<'a> {
    Named(&'a str),
    Unnamed,
}

/// The root of a RON text: the struct name before its `(`, after comments and
/// `#![enable(...)]` attributes; `Unnamed` for a bare `(`; `None` for anything else.
fn ron_root(text: &str) -> Option<RonRoot<'_>> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, next)| next);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, next)| next);
        } else if rest.starts_with("#![") {
            rest = rest.split_once(']').map_or("", |(_, next)| next);
        } else {
            break;
        }
    }
    if rest.starts_with('(') {
        return Some(RonRoot::Unnamed);
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(end);
    let starts_well = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    (starts_well && after.trim_start().starts_with('(')).then_some(RonRoot::Named(name))
}

/// The panel in `folder`, for the join flow; the message names the file.
pub fn read_panel(folder: &Path) -> Result<HostFile, String> {
    match load_host(folder) {
        Ok(Some(host)) => Ok(host),
        Ok(None) => Err(format!(
            "{} holds no panel.ron (not a panel folder, or it has not synced yet)",
            folder.display()
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// The sessions in an export (JSON) or a session file (RON), for viewing; the message
/// names the file (and line:col where the parser gives one).
pub fn read_sessions(path: &Path) -> Result<Vec<Session>, String> {
    let name = path.display();
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {name}: {e}"))?
        .len();
    if size > MAX_VIEW_BYTES {
        return Err(format!(
            "{name} is {size} bytes; Panelist views files of at most {} MB",
            MAX_VIEW_BYTES / 1_048_576
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    if text.trim_start().starts_with('{') {
        let export: JsonExport = crate::export::from_json(&text)
            .map_err(|e| format!("{name}:{}:{}: {e}", e.line(), e.column()))?;
        if export.kind != "panelist-sessions" {
            return Err(format!(
                "{name} is not a sessions export (kind \"{}\")",
                export.kind
            ));
        }
        if export.format > 1 {
            return Err(format!(
                "{name} was exported by a newer Panelist (format {}; this version reads format 1)",
                export.format
            ));
        }
        Ok(export.sessions)
    } else {
        session_from_ron(path, &text)
            .map(|session| vec![session])
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    #[test]
    fn a_bank_goes_to_the_import_flow() {
        let dir = tempfile::tempdir().expect("temp");
        let bank = write(
            dir.path(),
            "mine.ron",
            "// my questions\n/* drafts */\nBank(\n  format: 1,\n  id: \"mine\",\n)\n",
        );
        assert_eq!(classify(&bank), Ok(OpenFile::ImportBank(bank.clone())));
        // a bank whose root has no name is told by its extension
        let bare = write(dir.path(), "bare.ron", "(format: 1, id: \"bare\")");
        assert_eq!(classify(&bare), Ok(OpenFile::ImportBank(bare.clone())));
        let attrs = write(
            dir.path(),
            "attrs.ron",
            "#![enable(implicit_some)]\nBank(format: 1)",
        );
        assert_eq!(classify(&attrs), Ok(OpenFile::ImportBank(attrs.clone())));
    }

    #[test]
    fn a_panel_file_or_folder_goes_to_the_join_flow() {
        let dir = tempfile::tempdir().expect("temp");
        let folder = dir.path().join("panel");
        std::fs::create_dir(&folder).expect("mkdir");
        let host = write(&folder, "panel.ron", "HostFile(\n  format: 1,\n)\n");
        assert_eq!(classify(&host), Ok(OpenFile::JoinPanel(folder.clone())));
        assert_eq!(classify(&folder), Ok(OpenFile::JoinPanel(folder.clone())));
        // an unnamed root is a panel when the file is called panel.ron
        write(&folder, "panel.ron", "(format: 1)");
        assert_eq!(classify(&host), Ok(OpenFile::JoinPanel(folder.clone())));
    }

    #[test]
    fn sessions_go_to_the_viewer() {
        let dir = tempfile::tempdir().expect("temp");
        let export = write(
            dir.path(),
            "export.json",
            "{\n  \"format\": 1,\n  \"kind\": \"panelist-sessions\",\n  \"sessions\": []\n}\n",
        );
        assert_eq!(classify(&export), Ok(OpenFile::ViewSessions(export.clone())));
        assert_eq!(read_sessions(&export), Ok(Vec::new()));
        let session = write(dir.path(), "s.ron", "Session(\n  format: 1,\n)\n");
        assert_eq!(classify(&session), Ok(OpenFile::ViewSessions(session.clone())));
    }

    #[test]
    fn anything_else_is_refused_naming_the_file() {
        let dir = tempfile::tempdir().expect("temp");
        let cases = [
            ("notes.txt", "Remember the STAR format.", "not a question bank"),
            ("data.json", "{\"kind\": \"other\"}", "JSON, but not sessions"),
            ("settings.ron", "Settings(theme: Dark)", "RON holding Settings(…)"),
            ("empty.ron", "", "an empty file"),
        ];
        for (name, text, found) in cases {
            let path = write(dir.path(), name, text);
            let message = classify(&path).expect_err(name).to_string();
            assert!(message.contains(&path.display().to_string()), "{message}");
            assert!(message.contains(found), "{message}");
        }
        let missing = dir.path().join("missing.ron");
        let message = classify(&missing).expect_err("missing").to_string();
        assert!(
            message.starts_with(&format!("cannot open {}", missing.display())),
            "{message}"
        );
        let message = classify(dir.path()).expect_err("folder").to_string();
        assert!(message.contains("a folder without a panel.ron"), "{message}");
    }

    #[test]
    fn a_broken_export_is_reported_with_its_place() {
        let dir = tempfile::tempdir().expect("temp");
        let path = write(
            dir.path(),
            "broken.json",
            "{\n  \"format\": 1,\n  \"kind\": \"panelist-sessions\",\n  \"sessions\": [ 3 ]\n}\n",
        );
        assert_eq!(classify(&path), Ok(OpenFile::ViewSessions(path.clone())));
        let message = read_sessions(&path).expect_err("broken");
        assert!(
            message.starts_with(&format!("{}:4:", path.display())),
            "{message}"
        );
    }

    #[test]
    fn ron_roots() {
        assert_eq!(ron_root("Bank("), Some(RonRoot::Named("Bank")));
        assert_eq!(
            ron_root("  // a\n// b\nHostFile ("),
            Some(RonRoot::Named("HostFile"))
        );
        assert_eq!(ron_root("/* x */ (a: 1)"), Some(RonRoot::Unnamed));
        assert_eq!(ron_root("[1, 2]"), None);
        assert_eq!(ron_root("Bank"), None);
        assert_eq!(ron_root("1abc("), None);
    }
}

//! A located problem in a bank file, printed as `path:line:col: error: message`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file as the user named it (or `questions/…` for a shipped bank).
    pub path: String,
    /// 1-based line and column, when the problem has a place in the file.
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn error(path: &str, at: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        Self::new(path, at, Severity::Error, message)
    }

    pub fn warning(path: &str, at: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        Self::new(path, at, Severity::Warning, message)
    }

    fn new(path: &str, at: Option<(usize, usize)>, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            line: at.map(|(line, _)| line),
            col: at.map(|(_, col)| col),
            severity,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` (or just `path`).
    pub fn location(&self) -> String {
        match (self.line, self.col) {
            (Some(line), Some(col)) => format!("{}:{line}:{col}", self.path),
            (Some(line), None) => format!("{}:{line}", self.path),
            _ => self.path.clone(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {severity}: {}", self.location(), self.message)
    }
}

//! Panelist: practise Director of Engineering interview loops.
//!
//! The model (banks, sessions, timers, scoring, storage, export) knows nothing of
//! egui; the `app` module draws it.

pub mod app;
pub mod audio;
pub mod bank;
pub mod board;
pub mod cli;
pub mod config;
pub mod export;
pub mod history;
pub mod open;
pub mod panel_share;
pub mod paths;
pub mod prep;
pub mod session;
pub mod speech;
pub mod store;
pub mod text;

/// The version `--version` and Help → About show: the package version, and the git
/// commit when the binary was built from a checkout (`build.rs`).
pub const VERSION: &str = env!("PANELIST_VERSION");

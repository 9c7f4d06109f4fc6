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
pub mod panel_share;
pub mod paths;
pub mod prep;
pub mod session;
pub mod speech;
pub mod store;
pub mod text;
pub mod voice;

//! Widgets shared by several screens.

pub mod board;
pub mod clock;
pub mod columns;
pub mod levels;
pub mod names;
pub mod player;
pub mod transcript;

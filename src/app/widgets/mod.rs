//! Widgets shared by several screens.

pub mod a11y;
pub mod board;
pub mod board_replay;
pub mod clock;
pub mod columns;
pub mod levels;
pub mod names;
pub mod player;
pub mod transcript;

//! Widgets shared by several screens.

pub mod board;
pub mod board_replay;
pub mod clock;
pub mod columns;
pub mod levels;
pub mod names;

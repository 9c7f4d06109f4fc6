//! Widgets shared by several screens.

pub mod clock;
pub mod columns;
pub mod names;

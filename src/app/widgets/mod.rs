//! Widgets shared by several screens.

pub mod clock;
pub mod names;

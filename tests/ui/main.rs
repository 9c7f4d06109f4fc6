//! The real app driven through egui_kittest: clicks by label, a temporary data folder, a fake clock.

mod harness;
mod harness_session;
mod panel;
mod solo;

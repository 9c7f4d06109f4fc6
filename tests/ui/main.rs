//! The real app driven through egui_kittest: clicks by label, a temporary data folder, a fake clock.

mod accessibility;
mod board;
mod browser;
#[path = "../common/demo_history.rs"]
mod demo_history;
mod harness;
mod harness_session;
mod history;
mod keyboard;
mod levels;
mod native;
mod opened;
mod panel;
mod prep;
mod recording;
mod reliability;
mod remote_panel;
mod sizes;
mod solo;
mod transcript;
mod tree;
mod voice;

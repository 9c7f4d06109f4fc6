//! Panelist library.

//! The banks shipped in `questions/`, compiled in by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/shipped_banks.rs"));

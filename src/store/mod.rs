//! Files on disk: atomic writes, the session store, quarantine and the data-folder lock.

mod atomic;
mod format;
mod lock;
mod saver;
mod sessions;
mod versioned;
mod writer;

pub use atomic::{ensure_private_dir, is_stale_temp_name, remove_stale_temp_files, write_atomic};
pub use format::format_of;
pub use lock::{DataLock, LockError};
pub use saver::{SaveReport, Saver};
pub use sessions::{LoadIssue, LoadedSessions, SessionStore, StoreError, session_from_ron, session_to_ron};
pub use versioned::{VersionedFileError, load_versioned, save_versioned};
pub use writer::{AtomicWriter, FaultyWriter, FileWriter};

mod panels;
pub use panels::{PANELS_FORMAT, PanelSetup, PanelsError, PanelsFile, load_panel_setups, save_panel_setups};

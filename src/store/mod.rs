//! Files on disk: atomic writes, the session store, quarantine and the data-folder lock.

mod atomic;
mod lock;
mod sessions;

pub use atomic::{ensure_private_dir, write_atomic};
pub use lock::{DataLock, LockError};
pub use sessions::{LoadIssue, LoadedSessions, SessionStore, StoreError, session_from_ron, session_to_ron};

mod panels;
pub use panels::{PANELS_FORMAT, PanelSetup, PanelsError, PanelsFile, load_panel_setups, save_panel_setups};

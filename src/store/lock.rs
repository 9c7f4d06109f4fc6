//! One writer per data folder: a second Panelist on the same folder opens read-only.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Held for as long as this process may write to the data folder.
#[derive(Debug)]
pub struct DataLock {
    _file: File,
    pub path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another Panelist is using {0}; this window opens read-only")]
    Held(PathBuf),
    #[error("cannot lock {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl DataLock {
    /// Takes the lock file in `root` without waiting. The file is private (0600), like
    /// every file Panelist makes; one left readable by an older version is made private.
    pub fn acquire(root: &Path) -> Result<DataLock, LockError> {
        let path = root.join(".panelist.lock");
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        super::ensure_private_dir(root).map_err(io)?;
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&path).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if let Ok(meta) = file.metadata()
                && meta.permissions().mode() & 0o077 != 0
            {
                // best effort: the lock works whatever its mode
                let _ = file.set_permissions(std::fs::Permissions::from_mode(0o600));
            }
        }
        match file.try_lock() {
            Ok(()) => Ok(DataLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(LockError::Held(root.to_path_buf())),
            Err(TryLockError::Error(source)) => Err(io(source)),
        }
    }
}

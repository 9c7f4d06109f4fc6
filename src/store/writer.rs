//! How the store puts bytes on disk. The real writer is atomic; tests swap in one that fails.

use std::fmt::Debug;
use std::io;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::atomic::write_atomic;

/// Writes a whole file. Implementations must leave the old file intact when they fail.
pub trait FileWriter: Send + Sync + Debug {
    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
}

/// The real writer: [`write_atomic`].
#[derive(Debug, Default, Clone, Copy)]
pub struct AtomicWriter;

impl FileWriter for AtomicWriter {
    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        write_atomic(path, bytes)
    }
}

/// A writer that fails on demand with a chosen OS error, for fault tests (a full disk,
/// a read-only file system, a failing device). While healthy it writes atomically.
#[derive(Debug, Default)]
pub struct FaultyWriter {
    fault: Mutex<Option<i32>>,
    attempts: AtomicUsize,
    failures: AtomicUsize,
}

impl FaultyWriter {
    /// Every write from now on fails with this OS error number (e.g. 28 = ENOSPC, 30 = EROFS).
    pub fn fail_with(&self, os_error: i32) {
        *self.fault.lock().unwrap_or_else(|p| p.into_inner()) = Some(os_error);
    }

    /// Writes work again.
    pub fn heal(&self) {
        *self.fault.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Writes tried so far, failed or not.
    pub fn attempts(&self) -> usize {
        self.attempts.load(Ordering::Relaxed)
    }

    /// Writes that failed so far.
    pub fn failures(&self) -> usize {
        self.failures.load(Ordering::Relaxed)
    }
}

impl FileWriter for FaultyWriter {
    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        self.attempts.fetch_add(1, Ordering::Relaxed);
        let fault = *self.fault.lock().unwrap_or_else(|p| p.into_inner());
        match fault {
            Some(code) => {
                self.failures.fetch_add(1, Ordering::Relaxed);
                Err(io::Error::from_raw_os_error(code))
            }
            None => write_atomic(path, bytes),
        }
    }
}

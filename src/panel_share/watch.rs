//! When to read the panel folder again: on a `notify` event, and at least every
//! [`POLL_EVERY`] for folders where notifications never arrive (network shares, some
//! sync tools' virtual drives).

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

/// The longest a change waits to be seen when notifications do not arrive.
pub const POLL_EVERY: Duration = Duration::from_secs(2);

/// Tells the caller when to rescan. `now` is any monotonic time the caller uses.
pub struct FolderWatch {
    _watcher: Option<notify::RecommendedWatcher>,
    changed: Arc<AtomicBool>,
    last_scan: Option<Duration>,
}

impl FolderWatch {
    /// Watches `folder` recursively; `wake` is called on each change (the app's repaint
    /// request). When the watch cannot be set up, polling alone is used.
    pub fn new(folder: &Path, wake: impl Fn() + Send + 'static) -> Self {
        let changed = Arc::new(AtomicBool::new(true));
        let flag = Arc::clone(&changed);
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && !matches!(event.kind, EventKind::Access(_))
            {
                flag.store(true, Ordering::SeqCst);
                wake();
            }
        })
        .ok()
        .and_then(|mut w| w.watch(folder, RecursiveMode::Recursive).ok().map(|()| w));
        Self {
            _watcher: watcher,
            changed,
            last_scan: None,
        }
    }

    /// Polling only.
    pub fn polling() -> Self {
        Self {
            _watcher: None,
            changed: Arc::new(AtomicBool::new(true)),
            last_scan: None,
        }
    }

    pub fn is_watching(&self) -> bool {
        self._watcher.is_some()
    }

    /// True when the folder should be read now: something changed, or `POLL_EVERY`
    /// has passed since the last scan. Calling it with true counts as a scan.
    pub fn due(&mut self, now: Duration) -> bool {
        let polled = self
            .last_scan
            .is_none_or(|last| now.saturating_sub(last) >= POLL_EVERY);
        let changed = self.changed.swap(false, Ordering::SeqCst);
        if changed || polled {
            self.last_scan = Some(now);
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polling_is_due_at_most_every_two_seconds() {
        let mut watch = FolderWatch::polling();
        assert!(watch.due(Duration::from_secs(10)));
        assert!(!watch.due(Duration::from_millis(11_999)));
        assert!(watch.due(Duration::from_secs(12)));
    }

    #[test]
    fn a_change_is_noticed_by_the_watcher() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut watch = FolderWatch::new(dir.path(), || {});
        assert!(watch.is_watching());
        assert!(watch.due(Duration::ZERO));
        assert!(!watch.due(Duration::from_millis(1)));
        std::fs::write(dir.path().join("panel.ron"), "x").expect("write");
        let mut noticed = false;
        for step in 0..200 {
            std::thread::sleep(Duration::from_millis(10));
            if watch.due(Duration::from_millis(2 + step)) {
                noticed = true;
                break;
            }
        }
        assert!(noticed, "no notification within two seconds");
    }
}

//! Live reload: bank folders watched with `notify`; after a quiet moment the catalog is
//! reloaded on the watcher's thread and handed over through a channel.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::Catalog;

/// Changes closer together than this are reloaded once.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// Keeps the watch alive; dropping it stops the thread.
pub struct BankWatcher {
    _watcher: notify::RecommendedWatcher,
}

/// Watches `paths` (folders, or files through their folder). After each burst of changes
/// to `*.ron` files, `load` builds a new catalog, which is sent on `deliver`, and `wake`
/// is called (the app's repaint request).
pub fn watch_banks(
    paths: &[PathBuf],
    load: impl Fn() -> Catalog + Send + 'static,
    deliver: Sender<Catalog>,
    wake: impl Fn() + Send + 'static,
) -> notify::Result<BankWatcher> {
    let (events_tx, events) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && is_bank_change(&event)
        {
            let _ = events_tx.send(());
        }
    })?;
    for path in paths {
        let folder = if path.is_dir() {
            path.as_path()
        } else {
            path.parent().unwrap_or(Path::new("."))
        };
        watcher.watch(folder, RecursiveMode::NonRecursive)?;
    }
    std::thread::spawn(move || {
        while events.recv().is_ok() {
            loop {
                match events.recv_timeout(DEBOUNCE) {
                    Ok(()) => continue,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if deliver.send(load()).is_err() {
                return;
            }
            wake();
        }
    });
    Ok(BankWatcher { _watcher: watcher })
}

/// A bank file was created, changed or removed (reading one, as loading does, is not a change).
fn is_bank_change(event: &notify::Event) -> bool {
    !matches!(event.kind, EventKind::Access(_))
        && event
            .paths
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "ron"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::BankSource;
    use crate::bank::generate::generated_bank;

    #[test]
    fn a_saved_change_is_reloaded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().to_path_buf();
        std::fs::write(folder.join("a.ron"), generated_bank("a", 3, 1)).expect("write");
        let (tx, rx) = mpsc::channel();
        let load_from = folder.clone();
        let _watch = watch_banks(
            std::slice::from_ref(&folder),
            move || Catalog::load(&BankSource::expand(&load_from)),
            tx,
            || {},
        )
        .expect("watch");
        std::fs::write(folder.join("b.ron"), generated_bank("b", 4, 2)).expect("write");
        let catalog = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("reloaded within the timeout");
        assert_eq!(catalog.question_count(), 7);
    }
}

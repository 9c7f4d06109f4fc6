//! Settings → Microphone: the inputs to choose from, a test of the chosen one with a live
//! level meter, and the space recordings take.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::audio::{Chunk, InputDevice, Level, LevelMeter};
use crate::paths::DataDir;

use super::AudioHooks;

/// What Settings shows about the microphone and the recordings folder.
#[derive(Default)]
pub struct MicPanel {
    /// The inputs, or why they could not be listed; `None` until listed.
    pub devices: Option<Result<Vec<InputDevice>, String>>,
    /// Bytes in `<data>/recordings`; `None` until measured.
    pub space: Option<u64>,
    listing: Option<Receiver<Listing>>,
    test: Option<MicTest>,
}

struct Listing {
    devices: Result<Vec<InputDevice>, String>,
    space: u64,
}

/// The microphone heard on a thread, for its level only; nothing is kept.
struct MicTest {
    stop: Arc<AtomicBool>,
    level: Arc<Mutex<Level>>,
    error: Arc<Mutex<Option<String>>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for MicTest {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl MicPanel {
    /// Lists the inputs and measures the recordings folder, on a thread when `background`.
    pub fn refresh(&mut self, hooks: &AudioHooks, data: &DataDir, background: bool) {
        let devices = Arc::clone(&hooks.devices);
        let folder = data.recordings();
        let work = move || Listing {
            devices: devices().map_err(|e| e.to_string()),
            space: folder_size(&folder),
        };
        if background {
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                let _ = tx.send(work());
            });
            self.listing = Some(rx);
        } else {
            self.take(work());
        }
    }

    fn take(&mut self, listing: Listing) {
        self.devices = Some(listing.devices);
        self.space = Some(listing.space);
    }

    /// True while the inputs are being listed.
    pub fn is_listing(&self) -> bool {
        self.listing.is_some()
    }

    /// Takes the listing when it is ready; true when it arrived.
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.listing else {
            return false;
        };
        match rx.try_recv() {
            Ok(listing) => {
                self.listing = None;
                self.take(listing);
                true
            }
            Err(mpsc::TryRecvError::Empty) => false,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.listing = None;
                self.devices = Some(Err("listing the microphones failed unexpectedly".to_owned()));
                true
            }
        }
    }

    /// Starts hearing the microphone named (the default with `None`) for the meter.
    pub fn start_test(&mut self, hooks: &AudioHooks, device: Option<&str>) {
        self.stop_test();
        let stop = Arc::new(AtomicBool::new(false));
        let level = Arc::new(Mutex::new(Level::default()));
        let error = Arc::new(Mutex::new(None));
        let (source_of, device) = (Arc::clone(&hooks.source), device.map(str::to_owned));
        let (stop_flag, level_out, error_out) = (stop.clone(), level.clone(), error.clone());
        let thread = std::thread::Builder::new()
            .name("microphone test".into())
            .spawn(move || {
                let report = |message: String| {
                    if let Ok(mut slot) = error_out.lock() {
                        *slot = Some(message);
                    }
                };
                let mut source = match source_of(device.as_deref()) {
                    Ok(source) => source,
                    Err(err) => return report(format!("Cannot hear the microphone: {err}")),
                };
                let mut meter = LevelMeter::new(source.sample_rate());
                let mut chunk = Vec::new();
                while !stop_flag.load(Ordering::Relaxed) {
                    chunk.clear();
                    match source.next_chunk(&mut chunk, Duration::from_millis(50)) {
                        Ok(Chunk::Samples(_)) => {
                            meter.push(&chunk);
                            if let Ok(mut shown) = level_out.lock() {
                                *shown = meter.level();
                            }
                        }
                        Ok(Chunk::Pending) => {}
                        Ok(Chunk::End) => break,
                        Err(err) => return report(format!("The microphone stopped: {err}")),
                    }
                }
            });
        match thread {
            Ok(thread) => {
                self.test = Some(MicTest {
                    stop,
                    level,
                    error,
                    thread: Some(thread),
                })
            }
            Err(err) => self.devices = Some(Err(format!("cannot start the microphone test: {err}"))),
        }
    }

    /// Forgets the listing (Settings was left), so it is made afresh when it opens again.
    pub fn forget(&mut self) {
        self.devices = None;
        self.space = None;
        self.listing = None;
    }

    pub fn stop_test(&mut self) {
        self.test = None;
    }

    pub fn is_testing(&self) -> bool {
        self.test.is_some()
    }

    /// The level the test hears now.
    pub fn test_level(&self) -> Option<Level> {
        self.test.as_ref().and_then(|t| t.level.lock().ok().map(|l| *l))
    }

    /// Why the test cannot hear the microphone, if it cannot.
    pub fn test_error(&self) -> Option<String> {
        self.test
            .as_ref()
            .and_then(|t| t.error.lock().ok().and_then(|e| e.clone()))
    }
}

/// Bytes in the files under `folder` (0 when it does not exist).
pub fn folder_size(folder: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| match entry.file_type() {
            Ok(kind) if kind.is_dir() => folder_size(&entry.path()),
            Ok(_) => entry.metadata().map_or(0, |m| m.len()),
            Err(_) => 0,
        })
        .sum()
}

/// "12.3 MB", "850 kB", "0 bytes".
pub fn format_bytes(bytes: u64) -> String {
    match bytes {
        0 => "nothing".to_owned(),
        b if b < 1_000 => format!("{b} bytes"),
        b if b < 1_000_000 => format!("{:.0} kB", b as f64 / 1e3),
        b if b < 1_000_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b => format!("{:.2} GB", b as f64 / 1e9),
    }
}

//! UI preferences, kept in `<data>/settings.ron` (versioned, written atomically, private
//! like every other file) in the data folder in use, so a second profile (`--data-dir`)
//! and tests never share them. User data never goes here.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;

use crate::paths::DataDir;
use crate::session::TimeAnnouncements;
use crate::store::{VersionedFileError, load_versioned, save_versioned};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow the system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }
}

/// The settings file format this build writes.
pub const SETTINGS_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub format: u32,
    pub theme: ThemeChoice,
    /// Zoom factor for all text, 0.7..=2.0.
    pub text_scale: f32,
    /// Size of the running clock's digits, 0.5..=2.0.
    pub clock_scale: f32,
    /// Multiplier for every question's minutes (0.8 practises under pressure).
    pub time_scale: f32,
    /// Show a visual cue at 75% of the time.
    pub warn_at_75: bool,
    /// Show a visual cue when time is up.
    pub warn_at_100: bool,
    /// Prefer questions never practised when picking.
    pub favour_new: bool,
    /// How often a screen reader hears the running clock.
    pub announce_time: TimeAnnouncements,
    /// The welcome screen has been seen.
    pub welcomed: bool,
    /// The window's inner size when it was last closed, in points.
    pub window_size: Option<[f32; 2]>,
    /// The interviewer's voice and interviewer mode.
    pub voice: super::VoiceSettings,
    /// Record answers (the Record switch of a new round starts at this).
    pub record_answers: bool,
    /// The microphone to record from, by its name; `None`: the system's default.
    pub microphone: Option<String>,
    /// The installed speech model to transcribe with, by name (`None`: the first).
    pub speech_model: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            format: SETTINGS_FORMAT,
            theme: ThemeChoice::System,
            text_scale: 1.0,
            clock_scale: 1.0,
            time_scale: 1.0,
            warn_at_75: true,
            warn_at_100: true,
            favour_new: true,
            announce_time: TimeAnnouncements::default(),
            welcomed: false,
            window_size: None,
            voice: super::VoiceSettings::default(),
            record_answers: false,
            microphone: None,
            speech_model: None,
        }
    }
}

impl Settings {
    /// `<data>/settings.ron`.
    pub fn path(data: &DataDir) -> PathBuf {
        data.root().join("settings.ron")
    }

    /// The settings of a data folder: defaults when there are none. A file that cannot be
    /// read is moved to `quarantine/` and the message says so; a newer format's file is left
    /// alone (and `Loaded::keep_file` tells the writer not to replace it).
    pub fn load(data: &DataDir) -> LoadedSettings {
        let path = Self::path(data);
        match load_versioned::<Settings>(&path, SETTINGS_FORMAT) {
            Ok(found) => LoadedSettings {
                settings: found.unwrap_or_default().sanitised(),
                problem: None,
                keep_file: false,
            },
            Err(err @ VersionedFileError::Newer { .. }) => LoadedSettings {
                settings: Settings::default(),
                problem: Some(format!("{err}; default settings are used and not saved")),
                keep_file: true,
            },
            Err(err) => {
                let problem = match quarantine(data, &path) {
                    Ok(moved) => format!(
                        "{err}; the file was moved to {} and default settings are used",
                        moved.display()
                    ),
                    Err(move_err) => format!(
                        "{err}; moving it aside failed ({move_err}), so it is left as it is and not overwritten"
                    ),
                };
                LoadedSettings {
                    settings: Settings::default(),
                    problem: Some(problem),
                    keep_file: true,
                }
            }
        }
    }

    /// Values outside their ranges (a hand-edited file) are brought back in.
    pub fn sanitised(mut self) -> Self {
        let clamp =
            |v: f32, lo: f32, hi: f32, default: f32| if v.is_finite() { v.clamp(lo, hi) } else { default };
        self.text_scale = clamp(self.text_scale, 0.7, 2.0, 1.0);
        self.clock_scale = clamp(self.clock_scale, 0.5, 2.0, 1.0);
        self.time_scale = clamp(self.time_scale, 0.5, 1.5, 1.0);
        self.voice = self.voice.sanitised();
        self
    }
}

/// Settings as read from a data folder.
#[derive(Debug)]
pub struct LoadedSettings {
    pub settings: Settings,
    /// What went wrong reading the file, for a notice.
    pub problem: Option<String>,
    /// The file must not be replaced (a newer format, or one that could not be moved aside).
    pub keep_file: bool,
}

fn quarantine(data: &DataDir, path: &Path) -> std::io::Result<PathBuf> {
    let folder = data.quarantine();
    crate::store::ensure_private_dir(&folder)?;
    let mut target = folder.join("settings.ron");
    let mut n = 1;
    while target.exists() {
        target = folder.join(format!("settings.ron.{n}"));
        n += 1;
    }
    std::fs::rename(path, &target)?;
    Ok(target)
}

/// Writes settings on a thread of its own; of several changes in a row only the latest is
/// written. Dropping it writes what is pending and waits.
pub struct SettingsWriter {
    tx: Option<mpsc::Sender<Settings>>,
    errors: mpsc::Receiver<String>,
    thread: Option<JoinHandle<()>>,
}

impl SettingsWriter {
    pub fn start(path: PathBuf) -> Self {
        let (tx, rx) = mpsc::channel::<Settings>();
        let (error_tx, errors) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("panelist-settings".to_owned())
            .spawn(move || {
                while let Ok(mut latest) = rx.recv() {
                    while let Ok(newer) = rx.try_recv() {
                        latest = newer;
                    }
                    if let Err(err) = save_versioned(&path, &latest) {
                        let _ = error_tx.send(err.to_string());
                    }
                }
            })
            .ok();
        Self {
            tx: Some(tx),
            errors,
            thread,
        }
    }

    pub fn write(&self, settings: &Settings) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(settings.clone());
        }
    }

    /// Errors from writes since the last call.
    pub fn errors(&self) -> Vec<String> {
        self.errors.try_iter().collect()
    }

    /// Writes what is pending and stops.
    pub fn finish(&mut self) {
        self.tx = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for SettingsWriter {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_the_data_folder_and_the_file_is_private() {
        let dir = tempfile::tempdir().expect("temp");
        let data = DataDir::new(dir.path());
        let settings = Settings {
            theme: ThemeChoice::Dark,
            welcomed: true,
            window_size: Some([900.0, 700.0]),
            ..Settings::default()
        };
        let mut writer = SettingsWriter::start(Settings::path(&data));
        writer.write(&Settings::default());
        writer.write(&settings);
        writer.finish();
        assert!(writer.errors().is_empty());
        let loaded = Settings::load(&data);
        assert_eq!(loaded.settings, settings);
        assert!(loaded.problem.is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(Settings::path(&data))
                .expect("file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn an_unreadable_settings_file_is_moved_aside_and_reported() {
        let dir = tempfile::tempdir().expect("temp");
        let data = DataDir::new(dir.path());
        std::fs::write(Settings::path(&data), "Settings(theme: Purple)").expect("write");
        let loaded = Settings::load(&data);
        assert_eq!(loaded.settings, Settings::default());
        let problem = loaded.problem.expect("reported");
        assert!(problem.contains("settings.ron:1:"), "{problem}");
        assert!(problem.contains("moved to"), "{problem}");
        assert!(!Settings::path(&data).exists());
        assert_eq!(
            std::fs::read_to_string(data.quarantine().join("settings.ron")).expect("kept"),
            "Settings(theme: Purple)"
        );
    }

    #[test]
    fn a_newer_settings_file_is_left_alone() {
        let dir = tempfile::tempdir().expect("temp");
        let data = DataDir::new(dir.path());
        std::fs::write(Settings::path(&data), "Settings(format: 9)").expect("write");
        let loaded = Settings::load(&data);
        assert!(loaded.keep_file);
        assert!(loaded.problem.expect("reported").contains("newer"));
        assert!(Settings::path(&data).exists());
    }
}

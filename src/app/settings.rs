//! UI preferences, kept in eframe's storage. User data never goes here.

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
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
    /// The welcome screen has been seen.
    pub welcomed: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            text_scale: 1.0,
            clock_scale: 1.0,
            time_scale: 1.0,
            warn_at_75: true,
            warn_at_100: true,
            favour_new: true,
            welcomed: false,
        }
    }
}

impl Settings {
    pub const STORAGE_KEY: &'static str = "panelist-settings";

    /// Values outside their ranges (a hand-edited file) are brought back in.
    pub fn sanitised(mut self) -> Self {
        let clamp =
            |v: f32, lo: f32, hi: f32, default: f32| if v.is_finite() { v.clamp(lo, hi) } else { default };
        self.text_scale = clamp(self.text_scale, 0.7, 2.0, 1.0);
        self.clock_scale = clamp(self.clock_scale, 0.5, 2.0, 1.0);
        self.time_scale = clamp(self.time_scale, 0.5, 1.5, 1.0);
        self
    }
}

//! `--frame-stats`: what each frame costs, shown in the window and logged to stderr,
//! so a user can check that the app idles at zero frames and draws a frame in a few ms.

use std::collections::VecDeque;

use eframe::egui::{self, RichText};

use super::theme::Palette;

const KEPT: usize = 120;

#[derive(Debug, Default)]
pub struct FrameStats {
    /// Log every frame to stderr (`--frame-stats`; not when shown from the Help menu).
    pub log: bool,
    pub frames: u64,
    recent_ms: VecDeque<f32>,
}

impl FrameStats {
    pub fn new(log: bool) -> Self {
        Self {
            log,
            ..Self::default()
        }
    }

    /// Records the previous frame's CPU time (eframe measures it after painting).
    pub fn record(&mut self, cpu_seconds: Option<f32>) {
        self.frames += 1;
        if let Some(seconds) = cpu_seconds {
            let ms = seconds * 1000.0;
            if self.recent_ms.len() == KEPT {
                self.recent_ms.pop_front();
            }
            self.recent_ms.push_back(ms);
            if self.log {
                eprintln!("frame-stats: frame={} cpu_ms={ms:.3}", self.frames);
            }
        }
    }

    pub fn mean_ms(&self) -> f32 {
        if self.recent_ms.is_empty() {
            0.0
        } else {
            self.recent_ms.iter().sum::<f32>() / self.recent_ms.len() as f32
        }
    }

    pub fn max_ms(&self) -> f32 {
        self.recent_ms.iter().copied().fold(0.0, f32::max)
    }

    pub fn ui(&self, ui: &mut egui::Ui) {
        egui::Panel::bottom("frame-stats").show(ui, |ui| {
            let last = self.recent_ms.back().copied().unwrap_or_default();
            ui.label(
                RichText::new(format!(
                    "Frame {} · last {last:.2} ms CPU · mean {:.2} ms · max {:.2} ms over the last {}",
                    self.frames,
                    self.mean_ms(),
                    self.max_ms(),
                    self.recent_ms.len()
                ))
                .monospace()
                .small()
                .color(Palette::current(ui).muted),
            );
        });
    }
}

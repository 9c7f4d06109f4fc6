//! Renders every main screen of the real app, light and dark, at 800x600 and 1920x1080:
//! `cargo run --release --manifest-path tools/screenshots/Cargo.toml -- OUT_DIR [SCREEN...]`
//!
//! The app runs in egui_kittest on a temporary data folder (the shipped banks, eight weeks
//! of sessions, stories and roles) and is driven by clicking labels, as a user would. Each
//! screen is rendered four times in the same state, so the variants differ only in theme
//! and size. With SCREEN names, only those screens are written (the walk is the same).

mod data;
mod walk;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use panelist::app::{PanelistApp, ThemeChoice};

/// Window sizes in points; pixels per point is 1.
pub const SIZES: [(f32, f32); 2] = [(800.0, 600.0), (1920.0, 1080.0)];
/// The size the walk clicks at between shots.
pub const WALK_SIZE: (f32, f32) = (1920.0, 1080.0);

pub struct Shooter {
    out: PathBuf,
    only: Vec<String>,
    pub written: Vec<(PathBuf, u64)>,
}

impl Shooter {
    /// Renders the current screen in both themes at both sizes as `<name>-<theme>-<WxH>.png`.
    pub fn shoot(&mut self, harness: &mut Harness<'static, PanelistApp>, name: &str) -> anyhow::Result<()> {
        if !self.only.is_empty() && !self.only.iter().any(|o| o == name) {
            return Ok(());
        }
        harness.remove_cursor();
        harness.ctx.memory_mut(|m| m.stop_text_input());
        let original = harness.state().settings.theme;
        for (theme, theme_name) in [(ThemeChoice::Light, "light"), (ThemeChoice::Dark, "dark")] {
            harness.state_mut().settings.theme = theme;
            for (w, h) in SIZES {
                harness.set_size(egui::vec2(w, h));
                settle(harness);
                let image = harness
                    .render()
                    .map_err(|e| anyhow::anyhow!("render {name}: {e}"))?;
                let path = self.out.join(format!("{name}-{theme_name}-{w}x{h}.png"));
                let bytes = write_png(&path, &image)?;
                println!("{} {bytes}", path.display());
                self.written.push((path, bytes));
            }
        }
        harness.state_mut().settings.theme = original;
        harness.set_size(egui::vec2(WALK_SIZE.0, WALK_SIZE.1));
        settle(harness);
        Ok(())
    }
}

/// Lets layout settle after a change of size, theme or screen.
pub fn settle(harness: &mut Harness<'static, PanelistApp>) {
    harness.run();
    harness.step();
    harness.run();
}

/// Writes an opaque RGB PNG at the best compression; returns its size in bytes.
fn write_png(path: &Path, image: &image::RgbaImage) -> anyhow::Result<u64> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let rgb = image::DynamicImage::ImageRgba8(image.clone()).into_rgb8();
    let mut bytes = Vec::new();
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Best, FilterType::Adaptive).write_image(
        rgb.as_raw(),
        rgb.width(),
        rgb.height(),
        image::ExtendedColorType::Rgb8,
    )?;
    std::fs::write(path, &bytes)?;
    Ok(bytes.len() as u64)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        anyhow::bail!("usage: panelist-screenshots OUT_DIR [SCREEN...]");
    };
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out)?;
    let mut shooter = Shooter {
        out,
        only: args.collect(),
        written: Vec::new(),
    };
    let folder = tempfile::tempdir()?;
    data::write(folder.path())?;
    walk::walk(folder.path(), &mut shooter)?;
    let total: u64 = shooter.written.iter().map(|(_, b)| b).sum();
    println!(
        "{} screenshots, {:.1} MB",
        shooter.written.len(),
        total as f64 / 1_000_000.0
    );
    Ok(())
}

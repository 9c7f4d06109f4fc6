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

/// Writes the image as an 8-bit palette PNG; returns its size in bytes.
///
/// A screen has a few hundred to a few thousand colours, nearly all of them rare shades
/// at the edges of text and lines. The 256 most frequent colours become the palette and
/// every other colour is drawn with its nearest palette colour: the flat areas and the
/// text stay exact, and the files are about half the size of 24-bit ones.
fn write_png(path: &Path, image: &image::RgbaImage) -> anyhow::Result<u64> {
    let (palette, indices) = quantise(image);
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, image.width(), image.height());
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(palette.concat());
        encoder.set_compression(png::Compression::High);
        encoder.set_filter(png::Filter::NoFilter);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&indices)?;
    }
    std::fs::write(path, &bytes)?;
    Ok(bytes.len() as u64)
}

/// At most 256 colours (the most frequent) and each pixel's index among them.
fn quantise(image: &image::RgbaImage) -> (Vec<[u8; 3]>, Vec<u8>) {
    use std::collections::HashMap;
    let rgb = |p: &image::Rgba<u8>| [p.0[0], p.0[1], p.0[2]];
    let mut counts: HashMap<[u8; 3], u32> = HashMap::new();
    for pixel in image.pixels() {
        *counts.entry(rgb(pixel)).or_default() += 1;
    }
    let mut by_count: Vec<([u8; 3], u32)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let palette: Vec<[u8; 3]> = by_count.iter().take(256).map(|(c, _)| *c).collect();
    let distance = |a: [u8; 3], b: [u8; 3]| -> u32 {
        a.iter()
            .zip(b)
            .map(|(x, y)| (i32::from(*x) - i32::from(y)).pow(2) as u32)
            .sum()
    };
    let index: HashMap<[u8; 3], u8> = by_count
        .iter()
        .map(|(colour, _)| {
            let nearest = (0..palette.len())
                .min_by_key(|&i| distance(*colour, palette[i]))
                .unwrap_or(0);
            (*colour, nearest as u8)
        })
        .collect();
    let indices = image.pixels().map(|p| index[&rgb(p)]).collect();
    (palette, indices)
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
    // a fixed name, so that the Settings screen (which shows the folder) is the same every run
    let folder = tempfile::Builder::new()
        .prefix("panelist-screenshots")
        .rand_bytes(0)
        .tempdir()
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot create {}: {e} (left by an interrupted run? remove it)",
                std::env::temp_dir().join("panelist-screenshots").display()
            )
        })?;
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

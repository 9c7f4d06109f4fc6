//! Names and notes in other scripts (issue 15). egui's own fonts cover Latin, Greek,
//! Cyrillic and some emoji only; eframe's `system_fonts` feature (on in Cargo.toml) adds
//! `egui_system_font_provider`, which finds an installed system font for a character no
//! loaded font has, the first time that character is laid out. These tests check both
//! halves on a plain `egui::Context`, adding the provider by hand as eframe does.
//!
//! Which fonts exist depends on the machine: CI installs `fonts-noto-cjk` (CJK, and with
//! it Hebrew and Arabic via fonts-noto-core's dependencies) and `fonts-noto-color-emoji`.
//! Without them the system-font test prints "skipped: …" (or fails when
//! `PANELIST_REQUIRE_TOOLS=1`).

use std::sync::Arc;

use eframe::egui;
use egui_system_font_provider::SystemFontProvider;

/// One character per script that the issue found drawn as boxes.
const SAMPLES: [(&str, char); 5] = [
    ("Chinese/Japanese (Han)", '日'),
    ("Japanese (kana)", 'か'),
    ("Korean (Hangul)", '한'),
    ("Hebrew", 'ש'),
    ("Arabic", 'ع'),
];

/// Whether `family` has a glyph for `c` on this context (discovering a font if it can).
fn has_glyph(ctx: &egui::Context, c: char) -> bool {
    let font_id = egui::FontId::proportional(14.0);
    let mut found = false;
    let mut output = ctx.run_ui(Default::default(), |ui| {
        found = ui.fonts_mut(|fonts| fonts.has_glyph(&font_id, c));
    });
    output.textures_delta.clear();
    found
}

#[test]
fn egui_s_own_fonts_lack_these_scripts() {
    let ctx = egui::Context::default();
    for (script, c) in SAMPLES {
        assert!(
            !has_glyph(&ctx, c),
            "{script} {c:?} is in egui's own fonts after all"
        );
    }
    // and Latin is there, so the check itself works
    assert!(has_glyph(&ctx, 'é'));
}

/// A font file on this machine whose name says it covers CJK.
fn cjk_font_installed() -> bool {
    fn walk(dir: &std::path::Path) -> bool {
        std::fs::read_dir(dir).is_ok_and(|entries| {
            entries.filter_map(Result::ok).any(|entry| {
                let path = entry.path();
                if path.is_dir() {
                    return walk(&path);
                }
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                name.contains("CJK") || name.contains("wqy") || name.contains("DroidSansFallback")
            })
        })
    }
    ["/usr/share/fonts", "/usr/local/share/fonts"]
        .iter()
        .any(|dir| walk(std::path::Path::new(dir)))
}

#[test]
fn system_fonts_are_found_for_other_scripts_when_installed() {
    if !cjk_font_installed() {
        assert!(
            std::env::var("PANELIST_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "no CJK font is installed (apt-get install fonts-noto-cjk)"
        );
        println!("skipped: no CJK system font is installed (apt-get install fonts-noto-cjk)");
        return;
    }
    let ctx = egui::Context::default();
    ctx.add_font_provider(Arc::new(SystemFontProvider::new()));
    let mut missing = Vec::new();
    for (script, c) in SAMPLES {
        if !has_glyph(&ctx, c) {
            missing.push(script);
        }
    }
    assert!(missing.is_empty(), "no system font found for {missing:?}");
    let discovered: Vec<String> = ctx.fonts(|fonts| {
        fonts
            .discovered_fonts()
            .iter()
            .map(|font| font.name.clone())
            .collect()
    });
    println!("discovered fonts: {discovered:#?}");
    assert!(!discovered.is_empty());
}

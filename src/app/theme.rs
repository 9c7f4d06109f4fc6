//! Design tokens: every colour, size and spacing the screens use comes from here.

use eframe::egui::{self, Color32, FontFamily, FontId, TextStyle, Visuals};

/// Spacing between sections.
pub const SECTION_GAP: f32 = 14.0;
/// Widest a column of reading text gets, in points.
pub const READING_WIDTH: f32 = 760.0;
/// The running clock's digits at clock size 1.0.
pub const CLOCK_SIZE: f32 = 72.0;

/// Colours that mean something, chosen for light or dark backgrounds.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub accent: Color32,
    pub ok: Color32,
    pub warn: Color32,
    pub over: Color32,
    pub muted: Color32,
    pub card: Color32,
    pub phase_done: Color32,
    pub phase_todo: Color32,
}

impl Palette {
    pub fn of(visuals: &Visuals) -> Self {
        if visuals.dark_mode {
            Self {
                accent: Color32::from_rgb(110, 168, 255),
                ok: Color32::from_rgb(108, 201, 128),
                warn: Color32::from_rgb(240, 190, 90),
                over: Color32::from_rgb(255, 118, 108),
                muted: Color32::from_gray(150),
                card: Color32::from_gray(34),
                phase_done: Color32::from_rgb(70, 110, 170),
                phase_todo: Color32::from_gray(60),
            }
        } else {
            Self {
                accent: Color32::from_rgb(28, 94, 196),
                ok: Color32::from_rgb(22, 128, 58),
                warn: Color32::from_rgb(170, 105, 0),
                over: Color32::from_rgb(196, 32, 32),
                muted: Color32::from_gray(96),
                card: Color32::from_gray(246),
                phase_done: Color32::from_rgb(150, 185, 235),
                phase_todo: Color32::from_gray(222),
            }
        }
    }

    pub fn current(ui: &egui::Ui) -> Self {
        Self::of(ui.visuals())
    }

    /// Colour for a score of 1..=4 (or a mean).
    pub fn score(&self, value: f32) -> Color32 {
        if value >= 3.0 {
            self.ok
        } else if value >= 2.0 {
            self.warn
        } else {
            self.over
        }
    }
}

/// The window's background: egui's panel colour for each theme.
pub fn background(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Visuals::dark().panel_fill
    } else {
        Visuals::light().panel_fill
    }
}

/// Text sizes and spacing for both themes. With `window_clears_background`, panels are
/// left unfilled: the window is cleared to [`background`] instead, which costs nothing,
/// where filling a panel costs a software renderer a blended pixel for every pixel.
pub fn apply_style(ctx: &egui::Context, window_clears_background: bool) {
    ctx.all_styles_mut(|style| {
        if window_clears_background {
            style.visuals.panel_fill = Color32::TRANSPARENT;
        }
        style
            .text_styles
            .insert(TextStyle::Heading, FontId::new(22.0, FontFamily::Proportional));
        style
            .text_styles
            .insert(TextStyle::Body, FontId::new(15.0, FontFamily::Proportional));
        style
            .text_styles
            .insert(TextStyle::Button, FontId::new(15.0, FontFamily::Proportional));
        style
            .text_styles
            .insert(TextStyle::Small, FontId::new(12.5, FontFamily::Proportional));
        style
            .text_styles
            .insert(TextStyle::Monospace, FontId::new(14.0, FontFamily::Monospace));
        style.spacing.item_spacing = egui::vec2(8.0, 7.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 26.0;
    });
}

/// A card: a framed group with the theme's card colour.
pub fn card(ui: &egui::Ui) -> egui::Frame {
    egui::Frame::group(ui.style())
        .fill(Palette::current(ui).card)
        .inner_margin(egui::Margin::same(12))
        .corner_radius(6.0)
}

/// Keeps a scrolled column to a readable width, clear of the floating scroll bar.
pub fn reading_column(ui: &mut egui::Ui, extra: f32) {
    let width = (READING_WIDTH + extra).min(ui.available_width() - 14.0);
    ui.set_max_width(width.max(200.0));
}

//! The window: screens drawn with egui, commands applied in one place.

pub mod command;
pub mod screens;
pub mod settings;
pub mod sound;
pub mod speech;
pub mod state;
pub mod theme;
pub mod widgets;

mod apply;
mod apply_model;
mod apply_sound;
mod apply_speech;
mod apply_view;
mod chrome;
mod effects;
mod frame_stats;
pub(crate) mod remote;
mod view;
mod voice;

use eframe::egui;
use egui_commonmark::CommonMarkCache;

use crate::config::Launch;
use crate::paths::DataDir;
use crate::session::SystemClock;

pub use command::{
    BankView, Command, Commands, Effect, ModelCommand, PrepCommand, ReplayCommand, RoundStart, SetupCommand,
    SoundCommand, ViewCommand, VoiceEffect,
};
pub use screens::{Screen, ScreenId};
pub use settings::{Settings, ThemeChoice};
pub use state::{AppConfig, AppState, Notice, NoticeLevel};
pub use view::View;
pub use voice::{EngineStatus, VoiceBackend, VoiceSettings, VoiceState};

/// The app: the model (`state`), what is shown (`view`), the user's preferences, and the
/// background work that effects started (`shell`). Screens draw from `state` and `view`
/// and push commands; `apply` carries them out after the frame.
pub struct PanelistApp {
    pub state: AppState,
    pub view: View,
    pub settings: Settings,
    shell: effects::Shell,
    markdown: CommonMarkCache,
    commands: Commands,
    applied_settings: Option<Settings>,
    /// Writes `settings` to the data folder when they change (`None`: never, in tests and
    /// when the file must be kept).
    settings_writer: Option<settings::SettingsWriter>,
    saved_settings: Settings,
    frame_stats: Option<frame_stats::FrameStats>,
    /// See [`AppConfig::window_clears_background`].
    window_clears_background: bool,
    /// The largest texture the GPU takes, as eframe reported it on the first frame.
    gpu_texture_side: Option<usize>,
    /// The interviewer's voice: the engine, the speaker thread, interviewer mode.
    pub voice: VoiceState,
    /// Wakes the window when the voice has news (a no-op in tests).
    voice_wake: std::sync::Arc<dyn Fn() + Send + Sync>,
    /// A panel shared through a folder: this machine's side of it, when one runs.
    remote: Option<remote::Remote>,
    /// The folder a panel being set up is to be shared through (the host's choice).
    remote_folder: Option<std::path::PathBuf>,
    /// The window's context, for waking it from a folder worker.
    ctx: Option<egui::Context>,
}

impl PanelistApp {
    /// Builds the app; `settings` come from eframe's storage (or a test).
    pub fn new(config: AppConfig, settings: Settings) -> Self {
        let settings = settings.sanitised();
        let saved_settings = settings.clone();
        let frame_stats = config.frame_stats.then(|| frame_stats::FrameStats::new(true));
        let window_clears_background = config.window_clears_background;
        let config_data = config.data.clone();
        let first = match config.open.clone() {
            Some(file) => Screen::Opened(Box::new(screens::opened::OpenedScreen::new(file))),
            None if settings.welcomed => Screen::Home,
            None => Screen::Welcome,
        };
        Self {
            window_clears_background,
            gpu_texture_side: None,
            remote: None,
            remote_folder: None,
            ctx: None,
            state: AppState::new(config),
            view: View::new(first),
            settings,
            shell: Default::default(),
            markdown: CommonMarkCache::default(),
            commands: Commands::default(),
            applied_settings: None,
            settings_writer: Some(settings::SettingsWriter::start(Settings::path(&config_data))),
            saved_settings,
            frame_stats,
            voice: VoiceState::default(),
            voice_wake: std::sync::Arc::new(|| {}),
        }
    }

    /// Writes the settings now and waits for the file (as closing the window does).
    pub fn flush_settings(&mut self) {
        self.save_settings_if_changed();
        if let Some(writer) = &mut self.settings_writer {
            writer.finish();
            *writer = settings::SettingsWriter::start(Settings::path(&self.state.config.data));
        }
    }

    /// The app as eframe creates it: settings from the data folder, style applied.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        config: AppConfig,
        loaded: settings::LoadedSettings,
    ) -> Self {
        theme::apply_style(&cc.egui_ctx, config.window_clears_background);
        let mut app = Self::new(config, loaded.settings);
        if let Some(problem) = loaded.problem {
            app.state.notify(NoticeLevel::Warning, problem, true);
        }
        if loaded.keep_file {
            // a newer or unreadable file stays as it is: these settings are not saved
            app.settings_writer = None;
        }
        let ctx = cc.egui_ctx.clone();
        app.state
            .set_wake(std::sync::Arc::new(move || ctx.request_repaint()));
        let ctx = cc.egui_ctx.clone();
        app.voice_wake = std::sync::Arc::new(move || ctx.request_repaint());
        app
    }

    /// Writes the settings to the data folder when they changed (never from a read-only
    /// window: only the window holding the data folder changes it).
    fn save_settings_if_changed(&mut self) {
        if self.settings == self.saved_settings || self.state.read_only() {
            return;
        }
        let Some(writer) = &self.settings_writer else {
            return;
        };
        writer.write(&self.settings);
        for error in writer.errors() {
            self.state
                .notify(NoticeLevel::Error, format!("Settings not saved: {error}"), true);
        }
        self.saved_settings = self.settings.clone();
    }

    /// Remembers the window's size for the next start.
    fn remember_window_size(&mut self, ctx: &egui::Context) {
        let size = ctx.input(|i| {
            i.viewport()
                .inner_rect
                .map(|r| [r.width().round(), r.height().round()])
        });
        if let Some(size) = size
            && self.settings.window_size != Some(size)
            && size[0] > 0.0
            && size[1] > 0.0
        {
            self.settings.window_size = Some(size);
        }
    }

    fn apply_settings(&mut self, ctx: &egui::Context) {
        if self.applied_settings.as_ref() == Some(&self.settings) {
            return;
        }
        ctx.set_theme(match self.settings.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
        ctx.set_zoom_factor(self.settings.text_scale);
        self.applied_settings = Some(self.settings.clone());
    }

    /// A bank the window was opened with is checked once the banks have loaded (its id
    /// must not clash with theirs).
    fn check_opened_bank(&mut self) {
        if self.state.banks_loading() {
            return;
        }
        if let Screen::Opened(opened) = &mut self.view.screen
            && opened.needs_bank_check()
        {
            opened.bank_check = Some(crate::bank::check_import(
                opened.file.path(),
                &self.state.config.data.questions(),
                &self.state.catalog,
            ));
        }
    }

    /// Ctrl +/- change egui's zoom directly: remember it as the text size.
    fn remember_zoom(&mut self, ctx: &egui::Context) {
        let zoom = ctx.zoom_factor();
        if (zoom - self.settings.text_scale).abs() > 0.001 {
            self.settings.text_scale = zoom;
            self.applied_settings = Some(self.settings.clone());
        }
    }
}

/// The widest texture egui may make. Its glyph atlas is as wide as the GPU allows
/// (16,384 px on Mesa's software renderer), and every row of glyphs costs that width
/// twice over, in the app and in the driver: 8 MB for the first 128 rows. A narrower
/// atlas grows taller instead and holds the same glyphs in a fraction of the memory.
pub const MAX_TEXTURE_SIDE: usize = 2048;

impl PanelistApp {
    /// Whether this frame shows the candidate's second window. eframe gives that window
    /// the GPU's own texture limit, and egui rebuilds its fonts whenever the limit changes
    /// between the windows of one frame, which garbles text already laid out; so while it
    /// is open, the main window takes the GPU's limit too.
    fn shows_candidate_window(&self) -> bool {
        self.view.panel_view.candidate_window
            && matches!(self.view.screen, Screen::Round)
            && self
                .state
                .runner
                .as_ref()
                .is_some_and(|r| r.session().mode == crate::session::Mode::Panel)
    }
}

impl eframe::App for PanelistApp {
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        if self.window_clears_background {
            theme::background(visuals).to_normalized_gamma_f32()
        } else {
            egui::Color32::TRANSPARENT.to_normalized_gamma_f32()
        }
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        // eframe gives the GPU's limit on the first frame only; egui keeps the last one given
        if let Some(side) = raw_input.max_texture_side {
            self.gpu_texture_side = Some(side);
        }
        let gpu = self.gpu_texture_side.unwrap_or(MAX_TEXTURE_SIDE);
        raw_input.max_texture_side = Some(if self.shows_candidate_window() {
            gpu
        } else {
            gpu.min(MAX_TEXTURE_SIDE)
        });
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.remember_zoom(ctx);
        self.remember_window_size(ctx);
        self.apply_settings(ctx);
        self.save_settings_if_changed();
        let arrived = self.state.poll_loading() | self.state.poll_saves() | self.state.poll_insights();
        if arrived {
            ctx.request_repaint();
        }
        if self.state.is_loading() || self.state.banks_loading() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        if self.state.retry_lock() {
            ctx.request_repaint();
        }
        self.poll_banks(ctx);
        self.check_opened_bank();
        self.state.autosave();
        self.state.refresh_insights();
        self.poll_export_dialog(ctx);
        self.drive_voice();
        self.poll_remote(ctx);
        self.sync_sound(ctx);
        self.poll_speech(ctx);
        if let Some(after) = self.state.wake_after() {
            ctx.request_repaint_after(after);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if let Some(stats) = &mut self.frame_stats {
            stats.record(frame.info().cpu_usage);
            stats.ui(ui);
        }
        self.shortcuts(ui.ctx());
        widgets::a11y::begin_page(ui.ctx(), &chrome::page_key(&self.view.screen, &self.state));
        let current_tab = chrome::top_bar_ui(
            ui,
            &self.view.screen,
            &self.state,
            self.frame_stats.is_some(),
            &mut self.commands,
        );
        chrome::notices_ui(ui, &self.state, &mut self.commands);
        match &mut self.view.screen {
            Screen::Welcome => {
                egui::CentralPanel::default()
                    .show(ui, |ui| screens::welcome::welcome_ui(ui, &mut self.commands));
            }
            Screen::Prep(prep) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::prep::prep_ui(ui, prep, &self.state, &mut self.commands)
                });
            }
            Screen::Settings => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::settings::settings_ui(
                        ui,
                        &self.settings,
                        &self.state,
                        &self.voice,
                        &mut self.commands,
                    )
                });
            }
            Screen::Home => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::home::home_ui(ui, &self.state, &mut self.commands)
                });
            }
            Screen::Setup(setup) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::setup::setup_ui(
                        ui,
                        setup,
                        &self.state,
                        self.settings.time_scale,
                        self.settings.voice.interviewer_mode,
                        &mut self.commands,
                    )
                });
            }
            Screen::PanelSetup(setup) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::panel::panel_setup_ui(ui, setup, &self.state, &mut self.commands)
                });
            }
            Screen::Round => match self.state.runner.as_mut() {
                Some(runner) if runner.session().mode == crate::session::Mode::Panel => {
                    let status = match &self.remote {
                        Some(remote::Remote::Host(host)) => Some(screens::panel::HostStatus {
                            folder: host.link.folder(),
                            file: &host.file,
                            view: &host.view,
                            error: host.error.as_deref(),
                        }),
                        _ => None,
                    };
                    screens::panel::panel_round_ui(
                        ui,
                        runner,
                        &mut self.view.panel_view,
                        &self.settings,
                        &mut self.markdown,
                        screens::panel::PanelReads {
                            sound: &self.state.sound,
                            remote: status.as_ref(),
                        },
                        &mut self.commands,
                    )
                }
                Some(runner) => screens::round::round_ui(
                    ui,
                    runner,
                    &self.settings,
                    self.view.assess_focus,
                    screens::round::RoundReads {
                        stories: &self.state.prep.stories,
                        speech: &self.state.speech,
                        sound: &self.state.sound,
                    },
                    &mut self.markdown,
                    &mut self.commands,
                ),
                None => self.commands.push(ViewCommand::Navigate(ScreenId::Home)),
            },
            Screen::JoinPanel(join) => {
                let read_only = self.state.read_only();
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::panel::join_ui(ui, join, read_only, &mut self.commands)
                });
            }
            Screen::RemotePanel => match &mut self.remote {
                Some(remote::Remote::Follow(side)) => screens::panel::remote_console_ui(
                    ui,
                    side,
                    self.state.now(),
                    &self.settings,
                    &mut self.markdown,
                    &mut self.commands,
                ),
                _ => self.commands.push(ViewCommand::Navigate(ScreenId::Home)),
            },
            Screen::Browser => screens::browser::browser_ui(
                ui,
                &mut self.view.browser,
                &self.state,
                self.settings.time_scale,
                &mut self.markdown,
                &mut self.commands,
            ),
            Screen::Problems => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::problems::problems_ui(ui, &self.state, &mut self.commands)
                });
            }
            Screen::Editor(editor) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::editor::editor_ui(ui, editor, &mut self.commands)
                });
            }
            Screen::History(history) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::history::history_ui(ui, history, &self.state, &mut self.commands)
                });
            }
            Screen::Review(review) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::session_review::review_ui(ui, review, &self.state, &mut self.commands)
                });
            }
            Screen::Progress => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::progress::progress_ui(ui, &self.state, &mut self.commands)
                });
            }
            Screen::Opened(opened) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    screens::opened::opened_ui(ui, opened, &self.state, &mut self.commands)
                });
            }
        }
        widgets::a11y::finish_page(ui.ctx(), current_tab);
        let data = self.state.config.data.root().display().to_string();
        chrome::help_windows_ui(
            ui.ctx(),
            self.view.show_shortcuts,
            self.view.show_about,
            &data,
            &mut self.commands,
        );
        self.apply_commands();
        chrome::window_title(
            ui.ctx(),
            &self.view.screen,
            &self.state,
            &mut self.view.window_title,
        );
        widgets::a11y::announcer_ui(ui.ctx());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // the window is closing: the running round's time, every queued save and the
        // settings reach the disk
        self.state.flush_on_exit();
        if let Some(remote::Remote::Follow(side)) = &mut self.remote {
            side.keep_drafts_on_exit();
        }
        self.save_settings_if_changed();
        if let Some(writer) = &mut self.settings_writer {
            writer.finish();
        }
    }
}

/// Opens the window.
pub fn run_native(launch: &Launch) -> anyhow::Result<()> {
    let data = DataDir::resolve(launch.data_dir.as_deref())?;
    let loaded = Settings::load(&data);
    let size = loaded.settings.window_size.unwrap_or([1180.0, 780.0]);
    let mut config = AppConfig::new(data, launch.questions.clone(), SystemClock::shared());
    config.frame_stats = launch.frame_stats;
    config.open = launch.open.clone();
    config.window_clears_background = true;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Panelist")
            .with_app_id("panelist")
            .with_inner_size(size)
            .with_min_inner_size([720.0, 520.0])
            .with_icon(icon()),
        ..Default::default()
    };
    eframe::run_native(
        "Panelist",
        options,
        Box::new(move |cc| Ok(Box::new(PanelistApp::from_creation_context(cc, config, loaded)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

/// The window icon, from `assets/icon.png`.
fn icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).unwrap_or_default()
}

//! Carries out effects: what reaches outside the app at the user's request (folders,
//! native dialogs on their own threads, bank files, exports, saved panels), and the
//! background work that watches and reloads the banks.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use eframe::egui;

use super::PanelistApp;
use super::command::Effect;
use super::screens::Screen;
use super::screens::export_form::ExportForm;
use super::screens::panel::PanelSetupState;
use super::state::{NoticeLevel, load_catalog};
use crate::bank::{BankWatcher, Catalog, ImportCheck, check_import, copy_bank, watch_banks};
use crate::export::{ExportError, FileOptions, Format, Paper, Selection, export_file};
use crate::store::{PanelSetup, load_panel_setups, save_panel_setups};

/// Background work and dialogs the effects started: channels polled in `logic`.
pub struct Shell {
    watcher: Option<BankWatcher>,
    watch_failed: bool,
    reload_tx: Sender<Catalog>,
    reload_rx: Receiver<Catalog>,
    dialog: Option<Receiver<Option<PathBuf>>>,
    /// Transcription and model downloads.
    pub(super) speech: super::speech::SpeechWorker,
    /// The model folder dialog, while it is open.
    pub(super) model_dialog: Option<Receiver<Option<PathBuf>>>,
}

impl Default for Shell {
    fn default() -> Self {
        let (reload_tx, reload_rx) = mpsc::channel();
        Self {
            watcher: None,
            watch_failed: false,
            reload_tx,
            reload_rx,
            dialog: None,
            speech: Default::default(),
            model_dialog: None,
        }
    }
}

impl PanelistApp {
    pub(super) fn run_effect(&mut self, effect: Effect) {
        match effect {
            Effect::OpenDataFolder => self.open_data_folder(),
            Effect::Voice(effect) => self.voice_effect(effect),
            Effect::Sound(command) => self.apply_sound(command),
            Effect::EmptyTrash => {
                if self.state.refuse_if_read_only() {
                    return;
                }
                match self.state.store.empty_trash() {
                    Ok(n) => {
                        self.state.trashed = 0;
                        let text = format!("Erased {} from the trash.", crate::text::plural(n, "session"));
                        self.state.notify(NoticeLevel::Info, text, false);
                    }
                    Err(err) => {
                        self.state
                            .notify(NoticeLevel::Error, format!("Cannot empty the trash: {err}"), true)
                    }
                }
            }
            Effect::ImportDialog => self.open_import_dialog(),
            Effect::Import(path) => self.import(&path),
            Effect::ConfirmReplace => {
                if let Some((source, dest)) = self.view.browser.confirm_replace.take() {
                    self.finish_import(&source, &dest);
                }
            }
            Effect::SaveQuestion => self.save_question(),
            Effect::OpenPanelSetup => self.open_panel_setup(),
            Effect::SavePanelSetup => self.save_panel_setup(),
            Effect::DeleteSavedPanelSetup(i) => {
                let Screen::PanelSetup(setup) = &mut self.view.screen else {
                    return;
                };
                if i >= setup.saved.len() {
                    return;
                }
                let mut saved = setup.saved.clone();
                saved.remove(i);
                self.write_panel_setups(saved);
            }
            Effect::Remote(effect) => self.run_remote_effect(effect),
            Effect::ChooseExportPath { format, suggested } => self.choose_export_path(format, suggested),
            Effect::Export {
                ids,
                format,
                path,
                overwrite,
            } => self.export(&ids, format, path, overwrite),
            Effect::DownloadModel(name) => self.download_model(&name),
            Effect::CancelDownload => self.shell.speech.cancel_download(),
            Effect::ChooseModelFolder => self.choose_model_folder(),
            Effect::InstallModelFolder(folder) => self.install_model_folder(folder),
            Effect::RescanModels => self.state.speech.rescan(&self.state.config.data),
        }
    }

    fn open_panel_setup(&mut self) {
        let path = self.state.config.data.panels_file();
        let setup = match load_panel_setups(&path) {
            Ok(saved) => PanelSetupState::new(saved, false),
            Err(err) => {
                self.state.notify(
                    NoticeLevel::Warning,
                    format!("Saved panels are unavailable: {err}"),
                    true,
                );
                PanelSetupState::new(Vec::new(), true)
            }
        };
        self.view.screen = Screen::PanelSetup(Box::new(setup));
    }

    /// Starts watching once the first load is done; takes reloaded catalogs and dialog picks.
    pub(super) fn poll_banks(&mut self, ctx: &egui::Context) {
        if self.state.config.background_load
            && self.shell.watcher.is_none()
            && !self.shell.watch_failed
            && !self.state.is_loading()
        {
            self.start_watching(ctx);
        }
        let mut latest = None;
        while let Ok(catalog) = self.shell.reload_rx.try_recv() {
            latest = Some(catalog);
        }
        if let Some(catalog) = latest {
            self.replace_catalog(catalog);
        }
        if let Some(rx) = &self.shell.dialog {
            match rx.try_recv() {
                Ok(picked) => {
                    self.shell.dialog = None;
                    if let Some(path) = picked {
                        self.import(&path);
                    }
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => self.shell.dialog = None,
            }
        }
    }

    fn start_watching(&mut self, ctx: &egui::Context) {
        let config = self.state.config.clone();
        let questions = config.data.questions();
        let mut paths = vec![questions.clone()];
        paths.extend(config.extra_banks.iter().cloned());
        paths.retain(|p| p.exists() || *p == questions);
        if let Err(err) = crate::store::ensure_private_dir(&questions) {
            self.state.notify(
                NoticeLevel::Warning,
                format!("Cannot create {}: {err}", questions.display()),
                true,
            );
            paths.retain(|p| p.exists());
        }
        let wake = ctx.clone();
        match watch_banks(
            &paths,
            move || load_catalog(&config),
            self.shell.reload_tx.clone(),
            move || wake.request_repaint(),
        ) {
            Ok(watcher) => self.shell.watcher = Some(watcher),
            Err(err) => {
                self.shell.watch_failed = true;
                self.state.notify(
                    NoticeLevel::Warning,
                    format!("Bank files are not watched ({err}); use Reload banks after editing them."),
                    true,
                );
            }
        }
    }

    fn replace_catalog(&mut self, catalog: Catalog) {
        let errors = catalog.error_count();
        self.state.replace_catalog(catalog);
        if errors > 0 {
            self.state.notify(
                NoticeLevel::Warning,
                format!("Banks reloaded with {errors} errors: see Bank problems."),
                false,
            );
        }
    }

    /// Reloads the banks: on a worker thread in the real app, at once in tests.
    pub(super) fn reload_banks(&mut self) {
        if self.state.config.background_load {
            let (config, tx) = (self.state.config.clone(), self.shell.reload_tx.clone());
            std::thread::spawn(move || {
                let _ = tx.send(load_catalog(&config));
            });
        } else {
            let catalog = load_catalog(&self.state.config);
            self.replace_catalog(catalog);
        }
    }

    fn open_import_dialog(&mut self) {
        if self.shell.dialog.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let dialog = rfd::AsyncFileDialog::new()
                .set_title("Import a question bank")
                .add_filter("Question bank or list", &["ron", "csv", "md", "markdown"])
                .pick_file();
            let picked = block_on(dialog).map(|handle| handle.path().to_path_buf());
            let _ = tx.send(picked);
        });
        self.shell.dialog = Some(rx);
    }

    fn import(&mut self, source: &Path) {
        self.view.browser.import_problems.clear();
        self.view.browser.confirm_replace = None;
        match check_import(source, &self.state.config.data.questions(), &self.state.catalog) {
            ImportCheck::Invalid(problems) => self.view.browser.import_problems = problems,
            ImportCheck::Exists { dest, report } => {
                self.view.browser.import_problems = report;
                self.view.browser.confirm_replace = Some((source.to_path_buf(), dest))
            }
            ImportCheck::Ready { dest, report } => {
                self.view.browser.import_problems = report;
                self.finish_import(source, &dest)
            }
        }
    }

    fn finish_import(&mut self, source: &Path, dest: &Path) {
        match copy_bank(source, dest) {
            Ok(()) => {
                self.view.browser.import_path.clear();
                self.state
                    .notify(NoticeLevel::Info, format!("Imported {}.", dest.display()), false);
                self.reload_banks();
            }
            Err(err) => self.state.notify(
                NoticeLevel::Error,
                format!("Cannot copy {} to {}: {err}", source.display(), dest.display()),
                true,
            ),
        }
    }

    fn save_question(&mut self) {
        let Screen::Editor(editor) = &mut self.view.screen else {
            return;
        };
        let _ = editor.check();
        let Some(text) = editor.valid_text.clone() else {
            return;
        };
        match crate::store::write_atomic(&editor.file, text.as_bytes()) {
            Ok(()) => {
                let id = crate::bank::global_id(&editor.bank.id, editor.draft.id.trim());
                self.view.browser.selected = Some(id);
                self.view.screen = Screen::Browser;
                self.reload_banks();
            }
            Err(err) => {
                let message = format!("Cannot save {}: {err}", editor.file.display());
                self.state.notify(NoticeLevel::Error, message, true);
            }
        }
    }

    fn open_data_folder(&mut self) {
        let root = self.state.config.data.root().to_path_buf();
        if let Err(err) = crate::store::ensure_private_dir(&root) {
            self.state.notify(
                NoticeLevel::Error,
                format!("Cannot create {}: {err}", root.display()),
                true,
            );
            return;
        }
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        // spawn, never wait: the file manager runs on its own
        if let Err(err) = std::process::Command::new(opener).arg(&root).spawn() {
            self.state.notify(
                NoticeLevel::Warning,
                format!(
                    "Could not open {} with {opener}: {err}. Open it from your file manager.",
                    root.display()
                ),
                true,
            );
        }
    }

    fn export_form(&mut self) -> Option<&mut ExportForm> {
        match &mut self.view.screen {
            Screen::History(history) => Some(&mut history.export),
            Screen::Review(review) => Some(&mut review.export),
            _ => None,
        }
    }

    fn choose_export_path(&mut self, format: Format, suggested: String) {
        let (tx, rx) = mpsc::channel();
        let extension = format.extension();
        std::thread::spawn(move || {
            let dialog = rfd::AsyncFileDialog::new()
                .set_file_name(suggested)
                .add_filter(format.label(), &[extension])
                .save_file();
            let chosen = block_on(dialog).map(|handle| handle.path().to_path_buf());
            let _ = tx.send(chosen);
        });
        if let Some(form) = self.export_form() {
            form.dialog = Some(rx);
        }
    }

    /// Takes the save dialog's answer when it arrives, then exports to the chosen path.
    pub(super) fn poll_export_dialog(&mut self, ctx: &egui::Context) {
        let Some(form) = self.export_form() else { return };
        let Some(rx) = &form.dialog else { return };
        match rx.try_recv() {
            Ok(Some(path)) => {
                form.dialog = None;
                form.path = path.display().to_string();
                let (ids, format) = (form.ids.clone(), form.format);
                self.export(&ids, format, path, false);
                ctx.request_repaint();
            }
            Ok(None) => {
                form.dialog = None;
                form.message = Some("No file chosen; type a path instead.".to_owned());
                ctx.request_repaint();
            }
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(150))
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                form.dialog = None;
                form.message = Some("The file dialog is not available here; type a path instead.".to_owned());
            }
        }
    }

    fn export(&mut self, ids: &[String], format: Format, path: PathBuf, overwrite: bool) {
        let selection = Selection {
            ids: ids.to_vec(),
            ..Selection::default()
        };
        let options = FileOptions {
            paper: Paper::from_environment(),
            board_phases: false,
        };
        let result = selection.apply(&self.state.history).and_then(|chosen| {
            export_file(
                &path,
                format,
                &chosen,
                Some(&self.state.catalog),
                options,
                overwrite,
            )
            .map(|_| chosen.len())
        });
        match result {
            Ok(count) => {
                if let Some(form) = self.export_form() {
                    form.confirm_overwrite = None;
                    form.message = None;
                }
                self.state.notify(
                    NoticeLevel::Info,
                    format!(
                        "Exported {} to {}",
                        crate::text::plural(count, "session"),
                        path.display()
                    ),
                    false,
                );
            }
            Err(ExportError::Exists { path }) => {
                if let Some(form) = self.export_form() {
                    form.confirm_overwrite = Some(path);
                }
            }
            Err(err) => self
                .state
                .notify(NoticeLevel::Error, format!("Export failed: {err}"), true),
        }
    }

    fn save_panel_setup(&mut self) {
        let Screen::PanelSetup(setup) = &self.view.screen else {
            return;
        };
        let name = setup.setup_name.trim().to_owned();
        if name.is_empty() || !setup.is_ready() {
            return;
        }
        let mut saved = setup.saved.clone();
        let entry = PanelSetup {
            name: name.clone(),
            panelists: setup.panelists.clone(),
        };
        match saved.iter_mut().find(|s| s.name == name) {
            Some(existing) => *existing = entry,
            None => saved.push(entry),
        }
        self.write_panel_setups(saved);
    }

    fn write_panel_setups(&mut self, saved: Vec<PanelSetup>) {
        let unreadable = matches!(&self.view.screen, Screen::PanelSetup(s) if s.saved_unreadable);
        if unreadable || self.state.refuse_if_read_only() {
            return;
        }
        let path = self.state.config.data.panels_file();
        match save_panel_setups(&path, &saved) {
            Ok(()) => {
                if let Screen::PanelSetup(setup) = &mut self.view.screen {
                    setup.saved = saved;
                }
            }
            Err(err) => self.state.notify(NoticeLevel::Error, err.to_string(), true),
        }
    }
}

/// Runs a future to completion on this (background) thread.
pub(super) fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    struct ThreadWaker(std::thread::Thread);
    impl Wake for ThreadWaker {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(ThreadWaker(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

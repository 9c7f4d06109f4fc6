//! Carries out the browser's, problems panel's and editor's commands; live reload and import.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use eframe::egui;

use super::PanelistApp;
use super::command::{BankCommand, Command};
use super::screens::Screen;
use super::screens::editor::EditorState;
use super::state::{AppConfig, NoticeLevel};
use crate::bank::{
    BankWatcher, Catalog, ImportCheck, QuestionDraft, check_import, copy_bank, empty_user_bank, watch_banks,
};
use crate::config::{configured_sources, user_sources};
use crate::session::{RoundKind, RoundPlan, RoundSpec};

/// The user's bank that new questions go into when they have none.
pub const MY_BANK_FILE: &str = "my-questions.ron";

/// Live reload and the import dialog: channels polled in `logic`.
pub struct BankSync {
    watcher: Option<BankWatcher>,
    watch_failed: bool,
    reload_tx: Sender<Catalog>,
    reload_rx: Receiver<Catalog>,
    dialog: Option<Receiver<Option<PathBuf>>>,
}

impl Default for BankSync {
    fn default() -> Self {
        let (reload_tx, reload_rx) = mpsc::channel();
        Self {
            watcher: None,
            watch_failed: false,
            reload_tx,
            reload_rx,
            dialog: None,
        }
    }
}

/// Reads every configured bank again.
pub fn load_catalog(config: &AppConfig) -> Catalog {
    let sources = if config.shipped_banks {
        configured_sources(&config.data, &config.extra_banks)
    } else {
        user_sources(&config.data, &config.extra_banks)
    };
    Catalog::load(&sources)
}

impl PanelistApp {
    /// Starts watching once the first load is done; takes reloaded catalogs and dialog picks.
    pub(super) fn poll_banks(&mut self, ctx: &egui::Context) {
        if self.state.config.background_load
            && self.bank_sync.watcher.is_none()
            && !self.bank_sync.watch_failed
            && !self.state.is_loading()
        {
            self.start_watching(ctx);
        }
        let mut latest = None;
        while let Ok(catalog) = self.bank_sync.reload_rx.try_recv() {
            latest = Some(catalog);
        }
        if let Some(catalog) = latest {
            self.replace_catalog(catalog);
        }
        if let Some(rx) = &self.bank_sync.dialog {
            match rx.try_recv() {
                Ok(picked) => {
                    self.bank_sync.dialog = None;
                    if let Some(path) = picked {
                        self.apply_bank(BankCommand::Import(path));
                    }
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => self.bank_sync.dialog = None,
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
            self.bank_sync.reload_tx.clone(),
            move || wake.request_repaint(),
        ) {
            Ok(watcher) => self.bank_sync.watcher = Some(watcher),
            Err(err) => {
                self.bank_sync.watch_failed = true;
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
        self.state.catalog = catalog;
        self.state.catalog_generation += 1;
        if errors > 0 {
            self.state.notify(
                NoticeLevel::Warning,
                format!("Banks reloaded with {errors} errors: see Bank problems."),
                false,
            );
        }
    }

    /// Reloads the banks: on a worker thread in the real app, at once in tests.
    fn reload(&mut self) {
        if self.state.config.background_load {
            let (config, tx) = (self.state.config.clone(), self.bank_sync.reload_tx.clone());
            std::thread::spawn(move || {
                let _ = tx.send(load_catalog(&config));
            });
        } else {
            let catalog = load_catalog(&self.state.config);
            self.replace_catalog(catalog);
        }
    }

    pub(super) fn open_browser(&mut self) {
        let previous = std::mem::replace(&mut self.screen, Screen::Browser);
        if let Screen::Setup(setup) = previous
            && setup.plan.spec.kind == RoundKind::Custom
        {
            self.browser.parked_setup = Some(setup);
        }
    }

    pub(super) fn apply_bank(&mut self, command: BankCommand) {
        match command {
            BankCommand::Select(id) => self.browser.selected = Some(id),
            BankCommand::PractiseNow(id) => {
                let spec = RoundSpec::hand_picked(RoundKind::Custom, "Practise one question", vec![id]);
                let plan = RoundPlan::pick(spec, &self.state.catalog, &self.state.last_practised(), false, 0);
                self.screen = Screen::setup(plan);
                self.apply(Command::StartRound);
            }
            BankCommand::AddToCustomRound(id) => {
                match self.browser.parked_setup.take() {
                    Some(setup) => self.screen = Screen::Setup(setup),
                    None => self.apply(Command::PlanRound(RoundKind::Custom)),
                }
                self.apply(Command::HandPick(id));
            }
            BankCommand::Reload => self.reload(),
            BankCommand::ShowProblems => self.screen = Screen::Problems,
            BankCommand::ImportDialog => self.open_import_dialog(),
            BankCommand::Import(path) => self.import(&path),
            BankCommand::ConfirmReplace => {
                if let Some((source, dest)) = self.browser.confirm_replace.take() {
                    self.finish_import(&source, &dest);
                }
            }
            BankCommand::CancelImport => self.browser.confirm_replace = None,
            BankCommand::NewQuestion => self.new_question(None),
            BankCommand::CopyToMyBank(id) => self.new_question(Some(id)),
            BankCommand::Edit(id) => self.edit_question(&id),
            BankCommand::SaveQuestion => self.save_question(),
            BankCommand::CloseEditor => self.screen = Screen::Browser,
        }
    }

    fn open_import_dialog(&mut self) {
        if self.bank_sync.dialog.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let dialog = rfd::AsyncFileDialog::new()
                .set_title("Import a question bank")
                .add_filter("Question bank", &["ron"])
                .pick_file();
            let picked = block_on(dialog).map(|handle| handle.path().to_path_buf());
            let _ = tx.send(picked);
        });
        self.bank_sync.dialog = Some(rx);
    }

    fn import(&mut self, source: &Path) {
        self.browser.import_problems.clear();
        self.browser.confirm_replace = None;
        match check_import(source, &self.state.config.data.questions(), &self.state.catalog) {
            ImportCheck::Invalid(problems) => self.browser.import_problems = problems,
            ImportCheck::Exists { dest } => self.browser.confirm_replace = Some((source.to_path_buf(), dest)),
            ImportCheck::Ready { dest } => self.finish_import(source, &dest),
        }
    }

    fn finish_import(&mut self, source: &Path, dest: &Path) {
        match copy_bank(source, dest) {
            Ok(()) => {
                self.browser.import_path.clear();
                self.state
                    .notify(NoticeLevel::Info, format!("Imported {}.", dest.display()), false);
                self.reload();
            }
            Err(err) => self.state.notify(
                NoticeLevel::Error,
                format!("Cannot copy {} to {}: {err}", source.display(), dest.display()),
                true,
            ),
        }
    }

    /// Opens the editor on a new question (or a copy of `copy_of`) in the user's first bank.
    fn new_question(&mut self, copy_of: Option<String>) {
        let questions = self.state.config.data.questions();
        let mine = self
            .state
            .catalog
            .banks
            .iter()
            .find(|b| b.file.as_ref().is_some_and(|f| f.starts_with(&questions)));
        let (file, bank) = match mine {
            Some(loaded) => (loaded.file.clone().unwrap_or_default(), loaded.bank.clone()),
            None => (
                questions.join(MY_BANK_FILE),
                empty_user_bank("my-questions", "My questions"),
            ),
        };
        let draft = match copy_of.as_deref().and_then(|id| self.state.catalog.question(id)) {
            Some(q) => {
                let mut draft = QuestionDraft::from_question(q.question);
                let mut id = q.question.id.clone();
                while bank.questions.iter().any(|existing| existing.id == id) {
                    id.push_str("-copy");
                }
                draft.id = id;
                draft
            }
            None => QuestionDraft::default(),
        };
        self.screen = Screen::Editor(Box::new(EditorState::new(file, bank, None, draft)));
    }

    fn edit_question(&mut self, id: &str) {
        let Some(q) = self.state.catalog.question(id) else {
            return;
        };
        let Some(file) = q.bank.file.clone() else { return };
        let index = q.bank.bank.questions.iter().position(|x| x.id == q.question.id);
        let draft = QuestionDraft::from_question(q.question);
        let bank = q.bank.bank.clone();
        self.screen = Screen::Editor(Box::new(EditorState::new(file, bank, index, draft)));
    }

    fn save_question(&mut self) {
        let Screen::Editor(editor) = &mut self.screen else {
            return;
        };
        let _ = editor.check();
        let Some(text) = editor.valid_text.clone() else {
            return;
        };
        match crate::store::write_atomic(&editor.file, text.as_bytes()) {
            Ok(()) => {
                let id = crate::bank::global_id(&editor.bank.id, editor.draft.id.trim());
                self.browser.selected = Some(id);
                self.screen = Screen::Browser;
                self.reload();
            }
            Err(err) => {
                let message = format!("Cannot save {}: {err}", editor.file.display());
                self.state.notify(NoticeLevel::Error, message, true);
            }
        }
    }
}

/// Runs a future to completion on this (background) thread.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
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

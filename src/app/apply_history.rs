//! Carries out history commands: review, edit, delete and undo, review rounds, export.

use std::path::PathBuf;
use std::sync::mpsc;

use eframe::egui;

use super::PanelistApp;
use super::screens::Screen;
use super::screens::export_form::ExportForm;
use super::screens::review::ReviewScreen;
use super::state::NoticeLevel;
use crate::export::{ExportError, Format, Selection, render, write_export};
use crate::session::{RoundPlan, Session};

#[derive(Debug, Clone, PartialEq)]
pub enum HistoryCommand {
    /// Open a session's review screen.
    Open(String),
    /// Back to the list.
    BackToList,
    /// Save an edited session (notes, self-scores) atomically.
    Save(Box<Session>),
    /// Move a session to the trash (the screen asked for confirmation).
    Delete(String),
    /// Bring the last deleted session back.
    Undo(String),
    /// One-click rounds.
    PlanDueForReview,
    PlanWeakest,
    /// Ask a native save dialog for the export path (on a thread).
    ChooseExportPath {
        format: Format,
        suggested: String,
    },
    /// Export sessions to a file; `overwrite` only after the user agreed.
    Export {
        ids: Vec<String>,
        format: Format,
        path: PathBuf,
        overwrite: bool,
    },
}

impl PanelistApp {
    pub(super) fn apply_history(&mut self, command: HistoryCommand) {
        match command {
            HistoryCommand::Open(id) => match self.state.history.iter().find(|s| s.id == id) {
                Some(session) => self.screen = Screen::Review(Box::new(ReviewScreen::new(session.clone()))),
                None => self
                    .state
                    .notify(NoticeLevel::Error, format!("no session with id \"{id}\""), false),
            },
            HistoryCommand::BackToList => self.screen = Screen::history(),
            HistoryCommand::Save(session) => self.save_edited(*session),
            HistoryCommand::Delete(id) => self.delete(id),
            HistoryCommand::Undo(id) => match self.state.store.restore(&id) {
                Ok(session) => {
                    self.state.remember(session);
                    self.state
                        .history
                        .sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
                    if let Screen::History(history) = &mut self.screen {
                        history.undo = None;
                    }
                }
                Err(err) => self.state.notify(
                    NoticeLevel::Error,
                    format!("Cannot restore the session: {err}"),
                    true,
                ),
            },
            HistoryCommand::PlanDueForReview => {
                let today = self.state.wall().date_naive();
                match self.state.insights.due_round(today, &self.state.catalog) {
                    Some(spec) => self.plan_spec(spec),
                    None => self.state.notify(
                        NoticeLevel::Info,
                        "Nothing is due for review today.".to_owned(),
                        false,
                    ),
                }
            }
            HistoryCommand::PlanWeakest => match self.state.insights.weakest_round(&self.state.catalog) {
                Some(spec) => self.plan_spec(spec),
                None => self.state.notify(
                    NoticeLevel::Info,
                    "Score a few answers first: the weakest competency comes from your scores.".to_owned(),
                    false,
                ),
            },
            HistoryCommand::ChooseExportPath { format, suggested } => {
                self.choose_export_path(format, suggested)
            }
            HistoryCommand::Export {
                ids,
                format,
                path,
                overwrite,
            } => self.export(&ids, format, path, overwrite),
        }
    }

    fn plan_spec(&mut self, spec: crate::session::RoundSpec) {
        let last = self.state.last_practised();
        let plan = RoundPlan::pick(spec, &self.state.catalog, &last, false, seed());
        self.screen = Screen::setup(plan);
    }

    fn save_edited(&mut self, mut session: Session) {
        if self.state.read_only() {
            self.state.notify(
                NoticeLevel::Warning,
                "Another Panelist holds the data folder; the edit was not saved.".to_owned(),
                true,
            );
            return;
        }
        session.updated = self.state.wall();
        match self.state.store.save(&session) {
            Ok(()) => {
                if let Screen::Review(review) = &mut self.screen
                    && review.draft.id == session.id
                {
                    review.draft = session.clone();
                    review.dirty = false;
                }
                self.state.remember(session);
                self.state
                    .notify(NoticeLevel::Info, "Changes saved.".to_owned(), false);
            }
            Err(err) => self
                .state
                .notify(NoticeLevel::Error, format!("Not saved: {err}"), true),
        }
    }

    fn delete(&mut self, id: String) {
        if self.state.runner.as_ref().is_some_and(|r| r.session().id == id) {
            self.state.notify(
                NoticeLevel::Warning,
                "This session is the round in progress; close it before deleting.".to_owned(),
                false,
            );
            return;
        }
        match self.state.store.trash(&id) {
            Ok(()) => {
                self.state.history.retain(|s| s.id != id);
                self.state.history_revision += 1;
                let mut list = Screen::history();
                if let Screen::History(history) = &mut list {
                    history.undo = Some(id);
                }
                self.screen = list;
            }
            Err(err) => self
                .state
                .notify(NoticeLevel::Error, format!("Cannot delete: {err}"), true),
        }
    }

    fn export_form(&mut self) -> Option<&mut ExportForm> {
        match &mut self.screen {
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
            let chosen = futures_block_on(dialog).map(|handle| handle.path().to_path_buf());
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
        let result = selection.apply(&self.state.history).and_then(|chosen| {
            let text = render(format, &chosen, Some(&self.state.catalog))?;
            write_export(&path, &text, overwrite).map(|()| chosen.len())
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
}

/// Drives the dialog's future on its own thread (rfd's futures need no runtime).
fn futures_block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Wake, Waker};
    struct ThreadWaker(std::thread::Thread);
    impl Wake for ThreadWaker {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(std::sync::Arc::new(ThreadWaker(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

fn seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.as_nanos() as u64)
}

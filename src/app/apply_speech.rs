//! Transcription jobs and speech models: queueing recorded answers, applying what the
//! worker found to the running round or a saved session, downloads and model folders.

use std::sync::mpsc;

use eframe::egui;

use super::PanelistApp;
use super::speech::{Event, Job};
use super::state::NoticeLevel;
use crate::session::{Session, Stage};
use crate::speech::models::CATALOGUE;

impl PanelistApp {
    /// The session by id: the running round's, or a saved one.
    fn session_by_id(&self, id: &str) -> Option<&Session> {
        self.state
            .runner
            .as_ref()
            .map(|r| r.session())
            .filter(|s| s.id == id)
            .or_else(|| self.state.history.iter().find(|s| s.id == id))
    }

    /// Queues a recorded answer for transcription; `asked` when the user asked (a
    /// button), which also says so when there is nothing to transcribe.
    pub(super) fn transcribe(&mut self, session: &str, question: &str, asked: bool) {
        if self.state.speech.models.is_none() {
            self.state.speech.rescan(&self.state.config.data);
        }
        let model = self.state.speech.model_to_use().map(|m| m.path.clone());
        let Some(record) = self
            .session_by_id(session)
            .and_then(|s| s.questions.iter().find(|q| q.global_id == question))
        else {
            return;
        };
        let Some(spoken) = &record.spoken else {
            if asked {
                self.state.notify(
                    NoticeLevel::Warning,
                    "This answer was not recorded, so there is nothing to transcribe.".to_owned(),
                    false,
                );
            }
            return;
        };
        let job = Job {
            session: session.to_owned(),
            question: question.to_owned(),
            path: spoken.recording.path_in(&self.state.config.data),
            info: spoken.recording.clone(),
            existing: spoken.transcript.clone(),
            model,
        };
        let wake = self.state.wake_handle();
        self.shell.speech.queue(job, &mut self.state.speech, &wake);
    }

    /// Answers of the running round that were recorded and not yet measured, once the
    /// candidate has finished them.
    fn queue_finished_answers(&mut self) {
        let Some(runner) = &self.state.runner else {
            return;
        };
        let session = runner.session();
        let answering = matches!(runner.stage(), Stage::Prep | Stage::Answer).then_some(session.current);
        let due: Vec<(String, String)> = session
            .questions
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != answering)
            .filter_map(|(_, q)| {
                let spoken = q.spoken.as_ref()?;
                let new = spoken.metrics.is_none()
                    && !self
                        .shell
                        .speech
                        .seen(&session.id, &q.global_id, spoken.recording.duration_ms);
                new.then(|| (session.id.clone(), q.global_id.clone()))
            })
            .collect();
        for (session, question) in due {
            self.transcribe(&session, &question, false);
        }
    }

    /// Takes what the speech worker and downloads reported; applies finished jobs.
    pub(super) fn poll_speech(&mut self, ctx: &egui::Context) {
        if self.state.speech.models.is_none() {
            self.state.speech.rescan(&self.state.config.data);
        }
        if self.state.speech.preferred != self.settings.speech_model {
            self.state
                .speech
                .preferred
                .clone_from(&self.settings.speech_model);
        }
        if !self.state.read_only() {
            self.queue_finished_answers();
        }
        let data = self.state.config.data.clone();
        for event in self.shell.speech.poll(&mut self.state.speech, &data) {
            match event {
                Event::Finished {
                    session, edit, note, ..
                } => {
                    let running = self
                        .state
                        .runner
                        .as_ref()
                        .is_some_and(|r| r.session().id == session);
                    let result = if running {
                        self.state.edit_running(&edit)
                    } else {
                        self.state.edit_saved(&session, &edit)
                    };
                    if let Err(err) = result {
                        self.state
                            .notify(NoticeLevel::Error, format!("Transcript not kept: {err}"), true);
                    }
                    if let Some(note) = note {
                        self.state.notify(
                            NoticeLevel::Warning,
                            format!("Delivery measured from the audio only: {note}"),
                            true,
                        );
                    }
                }
                Event::Failed { message, .. } => self.state.notify(
                    NoticeLevel::Error,
                    format!("Cannot transcribe the answer: {message}"),
                    true,
                ),
                _ => {}
            }
            ctx.request_repaint();
        }
        if let Some(rx) = &self.shell.model_dialog {
            match rx.try_recv() {
                Ok(picked) => {
                    self.shell.model_dialog = None;
                    if let Some(folder) = picked {
                        self.install_model_folder(folder);
                    }
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => self.shell.model_dialog = None,
            }
        }
    }

    pub(super) fn download_model(&mut self, name: &str) {
        if self.state.refuse_if_read_only() {
            return;
        }
        let Some(entry) = CATALOGUE.iter().find(|e| e.name == name) else {
            return;
        };
        let wake = self.state.wake_handle();
        let data = self.state.config.data.clone();
        self.shell
            .speech
            .download(entry, &data, &mut self.state.speech, &wake);
    }

    pub(super) fn choose_model_folder(&mut self) {
        if self.shell.model_dialog.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let dialog = rfd::AsyncFileDialog::new()
                .set_title("Choose a Whisper model folder (model.bin, config.json, vocabulary.txt)")
                .pick_folder();
            let picked = super::effects::block_on(dialog).map(|handle| handle.path().to_path_buf());
            let _ = tx.send(picked);
        });
        self.shell.model_dialog = Some(rx);
    }

    pub(super) fn install_model_folder(&mut self, folder: std::path::PathBuf) {
        if self.state.refuse_if_read_only() {
            return;
        }
        let wake = self.state.wake_handle();
        let data = self.state.config.data.clone();
        self.shell
            .speech
            .install_folder(folder, &data, &mut self.state.speech, &wake);
    }
}

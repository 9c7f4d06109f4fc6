//! What screens ask for. Screens read the model and push commands while drawing; the app
//! applies them after the frame is drawn, in one place (`PanelistApp::apply`).
//!
//! A command's type says what it may touch:
//! - [`ViewCommand`]: what is shown (screens, windows, selections, the round being set
//!   up, preferences). It may read the model, never change it, never touch the disk.
//! - [`ModelCommand`]: the app's data: the running round, saved sessions, the prep kit.
//!   Changes go through the model's own methods (`Runner::flow`, `Session::apply`, …);
//!   saving follows by itself, on the store's background writer.
//! - [`Effect`]: what reaches outside the app at the user's request: folders, file
//!   dialogs, bank files and exports written, saved panels read and written.

use std::path::PathBuf;

use crate::export::Format;
use crate::prep::{Role, Story};
use crate::session::{Flow, PanelRole, PanelStart, Recommendation, RoundKind, Score, SessionEdit, Slot};

use super::screens::ScreenId;
use super::settings::Settings;

#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    View(ViewCommand),
    Model(ModelCommand),
    Effect(Effect),
}

impl From<ViewCommand> for Command {
    fn from(command: ViewCommand) -> Self {
        Command::View(command)
    }
}

impl From<ModelCommand> for Command {
    fn from(command: ModelCommand) -> Self {
        Command::Model(command)
    }
}

impl From<Effect> for Command {
    fn from(command: Effect) -> Self {
        Command::Effect(command)
    }
}

/// Changes what is shown; reads the model, never changes it.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum ViewCommand {
    Navigate(ScreenId),
    /// Pick questions for a round and show them before starting (for a panel when `panel`).
    PlanRound {
        kind: RoundKind,
        panel: Option<PanelStart>,
    },
    /// A one-click round of the questions due for review.
    PlanDueForReview,
    /// A one-click round on the weakest competency.
    PlanWeakest,
    /// A round on the checks still unanswered for a role of the prep kit.
    PractiseRole(String),
    /// The round being set up.
    Setup(SetupCommand),
    /// Leave the welcome screen, for solo practice or to set up a panel.
    FinishWelcome {
        panel: bool,
    },
    ShowWelcome,
    SetSettings(Box<Settings>),
    /// The round setup's interviewer-mode switch (a setting: it stays for the next rounds).
    SetInterviewerMode(bool),
    /// Show or hide a help window.
    ToggleHelp(HelpWindow),
    /// Show or hide the frame statistics bar (as `--frame-stats` does, without the log).
    ToggleFrameStats,
    /// Keyboard scoring on the self-assessment screen: move the focused competency.
    FocusCompetency(isize),
    DismissNotice(usize),
    /// The question browser, bank problems and the editor.
    Bank(BankView),
    /// Open a saved session's review.
    OpenSession(String),
    BackToHistory,
    /// The history list, offering to undo the deletion of this session.
    ShowDeleted(String),
    /// The mock panel's setup and console.
    Panel(PanelViewCommand),
    /// Play a question's recording from `at_ms` (a transcript word or a signal's hint was
    /// clicked). The recording's player takes it from [`super::View::play_request`].
    PlayFrom {
        question: String,
        at_ms: u64,
    },
}

/// Changes to the round being set up (its picks are not saved until it starts).
#[derive(Debug, Clone, PartialEq)]
pub enum SetupCommand {
    /// Re-pick a custom round with new filters and count.
    SetCustomFilter {
        count: usize,
        filter: Slot,
    },
    /// Add a hand-picked question to the custom round being set up.
    HandPick(String),
    RemovePick(usize),
    Reroll(usize),
    SetFavourNew(bool),
}

/// What the question browser, the problems panel and the editor show.
#[derive(Debug, Clone, PartialEq)]
pub enum BankView {
    /// Show a question (global id) in the detail pane.
    Select(String),
    /// Open (or extend) the custom round setup with this question.
    AddToCustomRound(String),
    ShowProblems,
    /// Forget the import that would replace a file.
    CancelImport,
    NewQuestion,
    Edit(String),
    CopyToMyBank(String),
    CloseEditor,
}

/// The panel setup form and the console's selections.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelViewCommand {
    AddPanelist,
    RemovePanelist(usize),
    SetRole(usize, PanelRole),
    UseSavedSetup(usize),
    SelectNoteTaker(usize),
    SelectScorer {
        question: usize,
        panelist: usize,
    },
    /// Score a question from the debrief (or go back to the debrief with `None`).
    ScoreFromDebrief(Option<usize>),
    OpenCandidateWindow,
    CloseCandidateWindow,
    /// Panelists on their own machines, through a shared folder (the setup's choice).
    SetRemote(bool),
    /// Show the Join a panel screen (choose the folder there).
    OpenJoin,
    /// A remote panelist's own draft card (it stays on this machine until submitted).
    DraftScore {
        question: usize,
        competency: String,
        score: Option<Score>,
    },
    DraftRecommendation {
        question: usize,
        recommendation: Recommendation,
    },
}

/// A round to start: everything it needs, so starting never reads the screen.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundStart {
    pub title: String,
    /// Global ids of the questions, in order.
    pub questions: Vec<String>,
    pub time_scale: f32,
    /// Candidate and panelists when this is a mock panel.
    pub panel: Option<PanelStart>,
}

/// Changes the app's data; saving follows on the store's background writer.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum ModelCommand {
    StartRound(RoundStart),
    /// The running round's clock and flow.
    Flow(Flow),
    /// An edit of the running round.
    Edit(SessionEdit),
    /// A panel note taken now by a panelist, stamped with the answer clock.
    PanelNote {
        panelist: usize,
        text: String,
        evidence: bool,
    },
    /// An edit of a saved session, from its review; saved within seconds.
    EditSaved {
        session: String,
        edit: SessionEdit,
    },
    /// Save a reviewed session's edits now rather than in a moment.
    SaveNow(String),
    Resume(String),
    DeclineResume(String),
    /// Leave the finished round for Home.
    CloseRound,
    /// Move a session to the trash (the screen asked for confirmation).
    DeleteSession(String),
    /// Bring a deleted session back from the trash.
    RestoreSession(String),
    /// Stories and role checklists.
    Prep(PrepCommand),
    /// Read every bank again.
    ReloadBanks,
    /// Transcribe a recorded answer (again) and measure its delivery, in the background;
    /// `session` is the running round's id or a saved session's.
    Transcribe {
        session: String,
        question: String,
    },
}

/// Stories and role checklists.
#[derive(Debug, Clone, PartialEq)]
pub enum PrepCommand {
    /// Adds a story (its id is made from the title) and selects it.
    AddStory(Box<Story>),
    /// Replaces the story with the same id.
    SaveStory(Box<Story>),
    DeleteStory(String),
    AddRole(String),
    SaveRole(Box<Role>),
    DeleteRole(String),
}

/// Reaches outside the app at the user's request.
#[must_use]
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    OpenDataFolder,
    /// Erase the sessions in the trash for good (the screen asked for confirmation).
    EmptyTrash,
    /// Pick a bank file with the native dialog (on a thread).
    ImportDialog,
    /// Check a bank file and copy it into the data folder's `questions/`.
    Import(PathBuf),
    /// Replace the existing file the pending import would overwrite.
    ConfirmReplace,
    /// Write the question in the editor into its bank file.
    SaveQuestion,
    /// Read the saved panels and show the panel setup.
    OpenPanelSetup,
    SavePanelSetup,
    DeleteSavedPanelSetup(usize),
    /// A mock panel shared through a folder (panelists on their own machines).
    Remote(RemoteEffect),
    /// Ask a native save dialog for the export path (on a thread).
    ChooseExportPath {
        format: Format,
        suggested: String,
    },
    /// The interviewer's voice.
    Voice(VoiceEffect),
    /// Download a model of the catalogue (by name) and install it.
    DownloadModel(String),
    /// Stop the download; it resumes next time.
    CancelDownload,
    /// Pick a model folder with the native dialog (on a thread), then install it.
    ChooseModelFolder,
    /// Copy a model folder the user has into the models folder.
    InstallModelFolder(PathBuf),
    /// Look at the models folder again.
    RescanModels,
    /// Export sessions to a file; `overwrite` only after the user agreed.
    Export {
        ids: Vec<String>,
        format: Format,
        path: PathBuf,
        overwrite: bool,
    },
    /// The microphone, recording and replay.
    Sound(SoundCommand),
}

/// The microphone, recording and replay (`app/sound/`).
#[derive(Debug, Clone, PartialEq)]
pub enum SoundCommand {
    /// The Record switch of the round being set up or run.
    SetRecord(bool),
    /// List the microphones again and measure the recordings folder.
    RefreshMicrophones,
    /// Hear the chosen microphone for the level meter in Settings (until it is left).
    StartMicTest,
    StopMicTest,
    /// Erase every recording (the screen asked for confirmation).
    DeleteAllRecordings,
    Replay(ReplayCommand),
}

/// The player of a recorded answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplayCommand {
    /// Open the recording of `question` (its index) in `session`, and play it with `play`.
    Open {
        session: String,
        question: usize,
        recording: Box<crate::audio::RecordingInfo>,
        play: bool,
    },
    TogglePlay,
    Seek(u64),
    SkipBack,
    SetSpeed(crate::audio::Speed),
    NextSpeed,
}

/// What the interviewer's voice is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceEffect {
    /// Find the engine and its voices (on a thread), for the settings.
    FindVoices,
    /// Say a sample sentence with the current settings.
    Test,
    /// Say the running question (repeat it, or play it to a panel's room).
    AskQuestion,
    /// Stop speaking; a clock waiting for the reading starts.
    Stop,
}

/// Which screen a chosen panel folder is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderFor {
    /// The host's setup: where the panel is created.
    Host,
    /// Join a panel: where it was synced to.
    Join,
}

/// A panel shared through a synced folder (`docs/panel-sharing.md`).
#[derive(Debug, Clone, PartialEq)]
pub enum RemoteEffect {
    /// Pick the panel folder with the native dialog (on a thread).
    ChooseFolder(FolderFor),
    /// Read the panel in this folder and show who one can join as. Startable from a path
    /// alone (opening `panel.ron` from the file manager).
    OpenPanel(PathBuf),
    /// Join the open panel as this panelist (id).
    JoinAs(String),
    /// Follow the open panel as its candidate: only the question and the clock.
    JoinAsCandidate,
    /// A note taken now by this machine's panelist, stamped with the host's clock.
    Note { text: String, evidence: bool },
    /// Submit this machine's draft card for the question (index in the panel).
    Submit(usize),
    /// Stop following the panel (a panelist or candidate) and go Home.
    Leave,
}

/// The small windows the Help menu opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpWindow {
    Shortcuts,
    About,
}

/// Where screens put what they ask for while drawing.
#[derive(Debug, Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    pub fn push(&mut self, command: impl Into<Command>) {
        self.0.push(command.into());
    }

    /// Everything asked for since the last call, in order.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Command> {
        self.0.iter()
    }
}

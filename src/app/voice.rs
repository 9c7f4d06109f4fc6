//! The interviewer's voice in the window: finding the engine (on a thread), the speaker
//! thread, and interviewer mode, which reads each question before its clock starts and
//! asks follow-ups at the moments an interviewer would. No drawing here.

use std::sync::{Arc, mpsc};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::PanelistApp;
use super::command::VoiceEffect;
use super::state::NoticeLevel;
use crate::session::{Mode, SessionEdit, Stage};
use crate::voice::{
    FollowUpMoment, Playback, SilentPlayback, Speaker, SpeakerEvent, SpeechEngine, SystemPlayback,
    SystemVoice, Voice, VoiceOptions, follow_up_moment, question_speech, spoken_form,
};

/// Settings → Interviewer voice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VoiceSettings {
    /// The app may speak at all.
    pub enabled: bool,
    /// The engine's voice id; `None` for its default.
    pub voice: Option<String>,
    /// Words per minute.
    pub rate_wpm: u32,
    /// 0.0..=1.0.
    pub volume: f32,
    /// Solo rounds are run by a speaking interviewer (the switch on the round's setup).
    pub interviewer_mode: bool,
    /// When recording, a follow-up is asked after the candidate has been silent this long.
    pub silence_secs: u32,
}

impl Default for VoiceSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            voice: None,
            rate_wpm: crate::voice::DEFAULT_RATE_WPM,
            volume: 0.9,
            interviewer_mode: false,
            silence_secs: 20,
        }
    }
}

impl VoiceSettings {
    pub fn options(&self) -> VoiceOptions {
        VoiceOptions {
            voice: self.voice.clone(),
            rate_wpm: self.rate_wpm,
            volume: self.volume,
        }
    }

    /// Values outside their ranges (a hand-edited file) are brought back in.
    pub fn sanitised(mut self) -> Self {
        self.rate_wpm = self
            .rate_wpm
            .clamp(crate::voice::MIN_RATE_WPM, crate::voice::MAX_RATE_WPM);
        self.volume = if self.volume.is_finite() {
            self.volume.clamp(0.0, 1.0)
        } else {
            0.9
        };
        self.silence_secs = self.silence_secs.clamp(5, 120);
        self
    }
}

/// Where the voice comes from.
#[derive(Clone, Default)]
pub enum VoiceBackend {
    /// The operating system's voice, found at run time, played on the default output.
    #[default]
    System,
    /// A given engine, played nowhere (tests).
    Given(Arc<dyn SpeechEngine>),
}

/// The engine and its voices, or what to install.
pub type Found = Result<(Arc<dyn SpeechEngine>, Vec<Voice>), String>;

/// What is known of the engine.
#[derive(Default)]
pub enum EngineStatus {
    #[default]
    NotChecked,
    Checking(mpsc::Receiver<Found>),
    Ready {
        name: String,
        voices: Vec<Voice>,
    },
    /// No engine: what to install.
    Missing(String),
}

/// What is being said, so its end can be acted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// The prompt of the question at this index, its clock waiting.
    Reading(usize),
    Other,
}

/// The interviewer's state for the running round.
#[derive(Debug, Default)]
struct Interview {
    /// The question (index) whose prompt was queued for reading.
    read: Option<usize>,
    /// The question (index) and how many of its follow-ups have been said.
    follow_ups_said: (usize, usize),
    /// The question (index) and the phase last seen, to notice a change.
    phase_seen: (usize, usize),
    /// The phase (question, phase) whose time running out already brought a follow-up.
    phase_overrun_asked: Option<(usize, usize)>,
    /// A follow-up was asked in the current stretch of silence.
    silence_asked: bool,
}

#[derive(Default)]
pub struct VoiceState {
    pub status: EngineStatus,
    engine: Option<Arc<dyn SpeechEngine>>,
    speaker: Option<Speaker>,
    /// Utterances waiting for the engine to be found.
    waiting: Vec<(String, Purpose)>,
    said: Vec<(u64, Purpose)>,
    interview: Interview,
    /// How long the candidate has been silent, when recording: set by the recorder's
    /// pause detection (`None` when not recording, and then no silence follow-ups).
    pub candidate_silence: Option<Duration>,
    /// Whether `candidate_silence` came from the running recording (so it is cleared when
    /// the recording stops), rather than being set from outside (tests).
    silence_from_recording: bool,
    /// The last problem, shown once.
    pub last_error: Option<String>,
}

impl VoiceState {
    pub fn is_speaking(&self) -> bool {
        self.speaker.as_ref().is_some_and(Speaker::is_speaking) || !self.waiting.is_empty()
    }

    pub fn voices(&self) -> &[Voice] {
        match &self.status {
            EngineStatus::Ready { voices, .. } => voices,
            _ => &[],
        }
    }

    /// Tells the interviewer how long the candidate has been silent (`None` when not recording).
    pub fn set_candidate_silence(&mut self, silence: Option<Duration>) {
        self.candidate_silence = silence;
    }
}

impl PanelistApp {
    /// Looks for the engine on a thread (once).
    fn detect_voice(&mut self) {
        if !matches!(self.voice.status, EngineStatus::NotChecked) {
            return;
        }
        let backend = self.state.config.voice.clone();
        let (tx, rx) = mpsc::channel();
        let wake = self.voice_wake.clone();
        std::thread::spawn(move || {
            let found = match backend {
                VoiceBackend::Given(engine) => Ok(engine),
                VoiceBackend::System => SystemVoice::find()
                    .map(|e| Arc::new(e) as Arc<dyn SpeechEngine>)
                    .map_err(|e| e.to_string()),
            };
            let result = found.map(|engine| {
                let voices = engine.voices().unwrap_or_default();
                (engine, voices)
            });
            let _ = tx.send(result);
            wake();
        });
        self.voice.status = EngineStatus::Checking(rx);
    }

    /// Carries out a voice effect.
    pub(super) fn voice_effect(&mut self, effect: VoiceEffect) {
        match effect {
            VoiceEffect::FindVoices => self.detect_voice(),
            VoiceEffect::Test => self.say(
                spoken_form(
                    "This is the interviewer's voice. Tell me about a time you disagreed with your VP of Engineering.",
                ),
                Purpose::Other,
            ),
            VoiceEffect::AskQuestion => {
                if let Some(record) = self.state.runner.as_ref().and_then(|r| r.current()) {
                    let text = question_speech(&record.question.title, &record.question.prompt);
                    self.say(text, Purpose::Other);
                }
            }
            VoiceEffect::Stop => {
                self.voice.waiting.clear();
                if let Some(speaker) = &self.voice.speaker {
                    speaker.stop();
                }
                // the clock waits no longer
                if let Some(runner) = self.state.runner.as_mut()
                    && runner.is_held()
                {
                    runner.release_hold();
                    self.state.save_now();
                }
            }
        }
    }

    fn say(&mut self, text: String, purpose: Purpose) {
        if !self.settings.voice.enabled {
            if let Purpose::Reading(_) = purpose {
                self.release_reading();
            }
            return;
        }
        self.detect_voice();
        self.voice.waiting.push((text, purpose));
        self.flush_waiting();
    }

    /// Hands waiting utterances to the speaker once the engine is known.
    fn flush_waiting(&mut self) {
        if self.voice.waiting.is_empty() {
            return;
        }
        if matches!(self.voice.status, EngineStatus::Missing(_)) {
            let reading = self
                .voice
                .waiting
                .iter()
                .any(|(_, p)| matches!(p, Purpose::Reading(_)));
            self.voice.waiting.clear();
            if reading {
                self.release_reading();
            }
            return;
        }
        let Some(engine) = self.voice.engine.clone() else {
            return;
        };
        let speaker = self.voice.speaker.get_or_insert_with(|| {
            let playback: Box<dyn Playback> = match self.state.config.voice {
                VoiceBackend::System => Box::new(SystemPlayback),
                VoiceBackend::Given(_) => Box::new(SilentPlayback),
            };
            Speaker::start(engine, playback, self.voice_wake.clone())
        });
        let options = self.settings.voice.options();
        for (text, purpose) in self.voice.waiting.drain(..) {
            let id = speaker.say(text, options.clone());
            self.voice.said.push((id, purpose));
        }
    }

    fn release_reading(&mut self) {
        if let Some(runner) = self.state.runner.as_mut()
            && runner.is_held()
        {
            runner.release_hold();
            self.state.save_now();
        }
    }

    /// Called every frame: the engine's discovery, the speaker's events, and the interviewer.
    pub(super) fn drive_voice(&mut self) {
        if let EngineStatus::Checking(rx) = &self.voice.status
            && let Ok(result) = rx.try_recv()
        {
            self.voice.status = match result {
                Ok((engine, voices)) => {
                    let name = engine.name();
                    self.voice.engine = Some(engine);
                    EngineStatus::Ready { name, voices }
                }
                Err(missing) => {
                    if !self.voice.waiting.is_empty() {
                        self.state.notify(NoticeLevel::Warning, missing.clone(), false);
                    }
                    EngineStatus::Missing(missing)
                }
            };
        }
        self.flush_waiting();
        self.voice_events();
        // while the answer is recorded, the microphone tells how long the candidate is silent
        match self.state.sound.recording.silence() {
            Some(silence) => {
                self.voice.set_candidate_silence(Some(silence));
                self.voice.silence_from_recording = true;
            }
            None if self.voice.silence_from_recording => {
                self.voice.set_candidate_silence(None);
                self.voice.silence_from_recording = false;
            }
            None => {}
        }
        self.interview();
    }

    fn voice_events(&mut self) {
        let Some(speaker) = &self.voice.speaker else {
            return;
        };
        for event in speaker.poll() {
            let Some(at) = self.voice.said.iter().position(|(id, _)| *id == event.id()) else {
                continue;
            };
            let (_, purpose) = self.voice.said.remove(at);
            if let SpeakerEvent::Failed(_, message) = &event
                && self.voice.last_error.as_ref() != Some(message)
            {
                self.voice.last_error = Some(message.clone());
                self.state.notify(NoticeLevel::Warning, message.clone(), false);
            }
            let current = self.state.runner.as_ref().map(|r| r.session().current);
            if let Purpose::Reading(q) = purpose
                && Some(q) == current
            {
                self.release_reading();
            }
        }
    }

    /// Interviewer mode on a solo round: read the prompt while the clock waits, say each
    /// follow-up as it is shown, and show one at the moments an interviewer would ask.
    fn interview(&mut self) {
        let on = self.settings.voice.interviewer_mode && self.settings.voice.enabled;
        let Some(runner) = self.state.runner.as_mut() else {
            self.voice.interview = Interview::default();
            return;
        };
        let solo = runner.session().mode == Mode::Solo;
        runner.set_hold_starts(on && solo);
        if !(on && solo) {
            if runner.is_held() {
                runner.release_hold();
            }
            return;
        }
        let index = runner.session().current;
        let stage = runner.stage();
        let Some(record) = runner.current() else { return };
        let shown = record.follow_ups_shown;
        let phase = record.phase;
        let global_id = record.global_id.clone();
        if runner.is_held() && self.voice.interview.read != Some(index) {
            self.voice.interview.read = Some(index);
            self.voice.interview.follow_ups_said = (index, shown);
            self.voice.interview.phase_seen = (index, phase);
            let text = question_speech(&record.question.title, &record.question.prompt);
            self.say(text, Purpose::Reading(index));
            return;
        }
        // follow-ups shown (by a key, a button, or a trigger below) are said
        let (q, said) = self.voice.interview.follow_ups_said;
        let said = if q == index { said } else { shown };
        if shown > said {
            let texts: Vec<String> = record.question.follow_ups[said.min(shown)..shown]
                .iter()
                .map(|f| spoken_form(f))
                .collect();
            self.voice.interview.follow_ups_said = (index, shown);
            for text in texts {
                self.say(text, Purpose::Other);
            }
            return;
        }
        self.voice.interview.follow_ups_said = (index, shown);
        if stage != Stage::Answer || !runner.is_running() || self.voice.is_speaking() {
            return;
        }
        let Some(view) = runner.clock_view() else { return };
        let more = shown < record.question.follow_ups.len();
        // a phase change, or the current phase's time running out
        let (seen_q, seen_phase) = self.voice.interview.phase_seen;
        let phase_changed = seen_q == index && phase > seen_phase;
        self.voice.interview.phase_seen = (index, phase);
        let overrun = view
            .phases
            .iter()
            .find(|p| p.current)
            .is_some_and(|p| p.budget_ms > 0 && p.used_ms >= p.budget_ms)
            && self.voice.interview.phase_overrun_asked != Some((index, phase));
        if overrun {
            self.voice.interview.phase_overrun_asked = Some((index, phase));
        }
        // a long silence while recording
        let silence_limit = Duration::from_secs(u64::from(self.settings.voice.silence_secs));
        let silent = match self.voice.candidate_silence {
            Some(s) if s >= silence_limit => {
                !std::mem::replace(&mut self.voice.interview.silence_asked, true)
            }
            _ => {
                self.voice.interview.silence_asked = false;
                false
            }
        };
        // a follow-up the bank timed waits for its moment; the others come at an
        // interviewer's moments
        let moment = match more {
            true => follow_up_moment(&record.question, shown, &view),
            false => FollowUpMoment::NotYet,
        };
        let due = match moment {
            FollowUpMoment::Now => true,
            FollowUpMoment::Untimed => phase_changed || overrun,
            FollowUpMoment::NotYet => false,
        };
        if more && (due || silent) {
            self.apply(super::command::ModelCommand::Edit(SessionEdit::ShowFollowUp {
                question: global_id,
            }));
        }
    }
}

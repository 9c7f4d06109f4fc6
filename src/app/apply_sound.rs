//! Carries out the microphone, recording and replay commands, and keeps the sound's
//! threads in step with what is shown (a test of the microphone only while Settings shows
//! it, replay only on the screens with a player).

use std::time::Duration;

use eframe::egui;

use super::PanelistApp;
use super::command::{ReplayCommand, SoundCommand};
use super::screens::Screen;
use super::state::NoticeLevel;

impl PanelistApp {
    pub(super) fn apply_sound(&mut self, command: SoundCommand) {
        let background = self.state.config.background_load;
        let sound = &mut self.state.sound;
        match command {
            SoundCommand::SetRecord(on) => {
                sound.recording.set_wanted(on);
                self.state.sync_recording();
            }
            SoundCommand::RefreshMicrophones => {
                sound
                    .mic
                    .refresh(&sound.hooks, &self.state.config.data, background)
            }
            SoundCommand::StartMicTest => sound
                .mic
                .start_test(&sound.hooks, self.settings.microphone.as_deref()),
            SoundCommand::StopMicTest => sound.mic.stop_test(),
            SoundCommand::DeleteAllRecordings => self.delete_all_recordings(),
            SoundCommand::Replay(command) => self.apply_replay(command, background),
        }
    }

    /// Plays `question`'s recording from `at_ms` (a transcript word or a signal's hint was
    /// clicked): the answer of the session under review, else of the running round.
    pub(super) fn play_from(&mut self, question: &str, at_ms: u64) {
        let reviewed = match &self.view.screen {
            Screen::Review(review) => Some(review.id.as_str()),
            _ => None,
        };
        let running = self.state.runner.as_ref().map(|r| r.session());
        let session = match reviewed {
            Some(id) => running
                .filter(|s| s.id == id)
                .or_else(|| self.state.history.iter().find(|s| s.id == id)),
            None => running,
        };
        let Some((key, recording)) = session.and_then(|session| {
            session.questions.iter().enumerate().find_map(|(index, record)| {
                let spoken = record.spoken.as_ref().filter(|_| record.global_id == question)?;
                Some(((session.id.clone(), index), spoken.recording.clone()))
            })
        }) else {
            return;
        };
        let path = recording.path_in(&self.state.config.data);
        let background = self.state.config.background_load;
        let output = self.state.sound.hooks.output;
        let replay = &mut self.state.sound.replay;
        replay.play_from(key, path, recording.markers, at_ms, output, background);
    }

    fn apply_replay(&mut self, command: ReplayCommand, background: bool) {
        let output = self.state.sound.hooks.output;
        let replay = &mut self.state.sound.replay;
        match command {
            ReplayCommand::Open {
                session,
                question,
                recording,
                play,
            } => {
                let path = recording.path_in(&self.state.config.data);
                replay.open((session, question), path, recording.markers, play, background);
                replay.poll(output);
            }
            ReplayCommand::TogglePlay => replay.toggle(output),
            ReplayCommand::Seek(ms) => replay.seek_ms(ms),
            ReplayCommand::SkipBack => replay.skip_back(),
            ReplayCommand::SetSpeed(speed) => replay.set_speed(speed),
            ReplayCommand::NextSpeed => replay.next_speed(),
        }
    }

    /// Erases `<data>/recordings` for good (the screen asked first). Sessions keep their
    /// transcripts and metrics; their players then say the file is gone.
    fn delete_all_recordings(&mut self) {
        if self.state.refuse_if_read_only() {
            return;
        }
        if self.state.sound.recording.is_active() {
            self.state.notify(
                NoticeLevel::Warning,
                "An answer is being recorded: finish it before deleting the recordings.".to_owned(),
                false,
            );
            return;
        }
        self.state.sound.replay.close();
        let folder = self.state.config.data.recordings();
        let result = match std::fs::remove_dir_all(&folder) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        };
        match result {
            Ok(()) => self.state.notify(
                NoticeLevel::Info,
                "Every recording was deleted.".to_owned(),
                false,
            ),
            Err(err) => self.state.notify(
                NoticeLevel::Error,
                format!("Cannot delete {}: {err}", folder.display()),
                true,
            ),
        }
        let background = self.state.config.background_load;
        let sound = &mut self.state.sound;
        sound
            .mic
            .refresh(&sound.hooks, &self.state.config.data, background);
    }

    /// Once a frame: the recorder follows the clock and the Record setting; the microphone
    /// test stops when Settings is left; replay stops on screens without a player; level
    /// meters and a playing position are redrawn a few times a second.
    pub(super) fn sync_sound(&mut self, ctx: &egui::Context) {
        let round = self
            .state
            .runner
            .as_ref()
            .filter(|r| r.session().status == crate::session::Status::InProgress)
            .map(|r| r.session().id.clone());
        let recording = &mut self.state.sound.recording;
        recording.follow_setting(self.settings.record_answers, round.as_deref());
        recording.device.clone_from(&self.settings.microphone);
        self.state.sync_recording();

        let on_settings = matches!(self.view.screen, Screen::Settings);
        let sound = &mut self.state.sound;
        if !on_settings && (sound.mic.is_testing() || sound.mic.devices.is_some()) {
            sound.mic.stop_test();
            sound.mic.forget();
        }
        if sound.mic.poll() {
            ctx.request_repaint();
        }
        let shows_player = match &self.view.screen {
            Screen::Review(_) => true,
            // a panel's debrief lists the round's recorded answers too
            Screen::Round => match self.state.stage() {
                Some(crate::session::Stage::Assess) => true,
                Some(crate::session::Stage::Summary) => self.is_panel_round(),
                _ => false,
            },
            _ => false,
        };
        let sound = &mut self.state.sound;
        if !shows_player && sound.replay.is_open() {
            sound.replay.close();
        }
        if sound.replay.poll(sound.hooks.output) {
            ctx.request_repaint();
        }
        if sound.replay.is_loading() {
            // a recording still being read
            ctx.request_repaint_after(Duration::from_millis(50));
        }
        // while sound is recorded, tested or played, `AppState::wake_after` redraws the
        // meters and the player a few times a second, in step with the clock
    }
}

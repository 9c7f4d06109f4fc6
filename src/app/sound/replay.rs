//! Replay of a recorded answer: one recording open at a time, read on a thread, sounded
//! by [`crate::audio::Output`] (the sound server's thread pulls from the shared player).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};

use crate::audio::{Marker, Output, Player, Recovered, Speed, read_flac};

/// Which answer: (session id, question index).
pub type ReplayKey = (String, usize);

/// What the player widget draws for an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplayState {
    /// Another recording (or none) is open.
    Closed,
    Loading,
    /// The file could not be read.
    Failed(String),
    Open(PlayerView),
}

/// The open player, as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayerView {
    pub playing: bool,
    pub position_ms: u64,
    pub duration_ms: u64,
    pub speed: Speed,
    pub markers: Vec<Marker>,
    /// False when the file was cut short (Panelist was killed while recording).
    pub complete: bool,
    /// Why nothing can be heard (no sound server), while the player still works.
    pub output_error: Option<String>,
}

struct Open {
    key: ReplayKey,
    player: Arc<Mutex<Player>>,
    complete: bool,
    output: Option<Output>,
    output_error: Option<String>,
}

struct Loading {
    key: ReplayKey,
    markers: Vec<Marker>,
    play: bool,
    /// Where to start once read (a transcript word was clicked).
    start_ms: Option<u64>,
    result: Receiver<Result<Recovered, String>>,
}

#[derive(Default)]
pub struct Replay {
    open: Option<Open>,
    loading: Option<Loading>,
    failed: Option<(ReplayKey, String)>,
}

impl Replay {
    /// Opens the recording of an answer (closing any other), on a thread when `background`;
    /// with `play`, it plays as soon as it is read.
    pub fn open(
        &mut self,
        key: ReplayKey,
        path: PathBuf,
        markers: Vec<Marker>,
        play: bool,
        background: bool,
    ) {
        self.close();
        let read = move |path: &Path| read_flac(path).map_err(|e| e.to_string());
        let (tx, rx) = mpsc::channel();
        if background {
            std::thread::spawn(move || {
                let _ = tx.send(read(&path));
            });
        } else {
            let _ = tx.send(read(&path));
        }
        self.loading = Some(Loading {
            key,
            markers,
            play,
            start_ms: None,
            result: rx,
        });
    }

    /// Plays `key`'s recording from `at_ms`: at once when it is open, else once it is read.
    pub fn play_from(
        &mut self,
        key: ReplayKey,
        path: PathBuf,
        markers: Vec<Marker>,
        at_ms: u64,
        output: bool,
        background: bool,
    ) {
        if self.open.as_ref().is_some_and(|o| o.key == key) {
            self.seek_ms(at_ms);
            if !self.is_playing() {
                self.toggle(output);
            }
            return;
        }
        self.open(key, path, markers, true, background);
        if let Some(loading) = &mut self.loading {
            loading.start_ms = Some(at_ms);
        }
        self.poll(output);
    }

    /// Takes a recording that finished loading; true when something changed.
    pub fn poll(&mut self, output: bool) -> bool {
        let Some(loading) = &self.loading else {
            return false;
        };
        let result = match loading.result.try_recv() {
            Ok(result) => result,
            Err(mpsc::TryRecvError::Empty) => return false,
            Err(mpsc::TryRecvError::Disconnected) => {
                Err("reading the recording failed unexpectedly".to_owned())
            }
        };
        let Some(loading) = self.loading.take() else {
            return false;
        };
        match result {
            Ok(recovered) => {
                let mut player = Player::new(recovered.samples, recovered.sample_rate, loading.markers);
                if let Some(ms) = loading.start_ms {
                    player.seek_ms(ms);
                }
                self.open = Some(Open {
                    key: loading.key,
                    player: Arc::new(Mutex::new(player)),
                    complete: recovered.complete,
                    output: None,
                    output_error: None,
                });
                if loading.play {
                    self.toggle(output);
                }
            }
            Err(message) => self.failed = Some((loading.key, message)),
        }
        true
    }

    pub fn close(&mut self) {
        self.open = None;
        self.loading = None;
        self.failed = None;
    }

    /// True while something is open or loading.
    pub fn is_open(&self) -> bool {
        self.open.is_some() || self.loading.is_some()
    }

    /// True while a recording is being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn is_playing(&self) -> bool {
        self.with_player(|p| p.is_playing()).unwrap_or(false)
    }

    /// The answer whose recording is open.
    pub fn open_key(&self) -> Option<&ReplayKey> {
        self.open.as_ref().map(|o| &o.key)
    }

    pub fn state(&self, key: &ReplayKey) -> ReplayState {
        if self.loading.as_ref().is_some_and(|l| &l.key == key) {
            return ReplayState::Loading;
        }
        if let Some((failed, message)) = &self.failed
            && failed == key
        {
            return ReplayState::Failed(message.clone());
        }
        let Some(open) = self.open.as_ref().filter(|o| &o.key == key) else {
            return ReplayState::Closed;
        };
        let Ok(player) = open.player.lock() else {
            return ReplayState::Failed("the player stopped unexpectedly".to_owned());
        };
        ReplayState::Open(PlayerView {
            playing: player.is_playing(),
            position_ms: player.position_ms(),
            duration_ms: player.duration_ms(),
            speed: player.speed(),
            markers: player.markers().to_vec(),
            complete: open.complete,
            output_error: open.output_error.clone(),
        })
    }

    /// Plays or pauses; the sound output starts with the first play (`output`: through the
    /// system's sound server).
    pub fn toggle(&mut self, output: bool) {
        let Some(open) = self.open.as_mut() else { return };
        if output && open.output.is_none() && open.output_error.is_none() {
            match Output::start(Arc::clone(&open.player)) {
                Ok(stream) => open.output = Some(stream),
                Err(err) => open.output_error = Some(format!("Nothing can be heard: {err}")),
            }
        }
        self.with_player_mut(Player::toggle);
    }

    pub fn seek_ms(&mut self, ms: u64) {
        self.with_player_mut(|p| p.seek_ms(ms));
    }

    pub fn skip_back(&mut self) {
        self.with_player_mut(Player::skip_back);
    }

    pub fn set_speed(&mut self, speed: Speed) {
        self.with_player_mut(|p| p.set_speed(speed));
    }

    /// The next speed (1x, 1.5x, 2x, 1x …).
    pub fn next_speed(&mut self) {
        self.with_player_mut(|p| p.set_speed(p.speed().next()));
    }

    fn with_player<T>(&self, f: impl FnOnce(&Player) -> T) -> Option<T> {
        let open = self.open.as_ref()?;
        open.player.lock().ok().map(|p| f(&p))
    }

    fn with_player_mut(&mut self, f: impl FnOnce(&mut Player)) {
        if let Some(open) = &self.open
            && let Ok(mut player) = open.player.lock()
        {
            f(&mut player);
        }
    }
}

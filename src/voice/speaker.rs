//! The speaker: a thread that synthesises and plays utterances one after another, so
//! the window never waits for a voice. Stopping drops what is queued and cuts the
//! current utterance short; every utterance ends with one event.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::engine::{Speech, SpeechEngine, VoiceError, VoiceOptions};

/// How an utterance ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerEvent {
    /// Heard to the end.
    Finished(u64),
    /// Cut short or dropped by [`Speaker::stop`].
    Stopped(u64),
    Failed(u64, String),
}

impl SpeakerEvent {
    pub fn id(&self) -> u64 {
        match self {
            SpeakerEvent::Finished(id) | SpeakerEvent::Stopped(id) | SpeakerEvent::Failed(id, _) => *id,
        }
    }
}

/// Sounds synthesised speech.
pub trait Playback: Send {
    /// Plays `speech` and returns once it has been heard, or soon after `stopped()` turns true.
    fn play(&mut self, speech: &Speech, stopped: &dyn Fn() -> bool) -> Result<(), VoiceError>;
}

/// Plays nothing and returns at once (tests, and writing to a file).
pub struct SilentPlayback;

impl Playback for SilentPlayback {
    fn play(&mut self, _speech: &Speech, _stopped: &dyn Fn() -> bool) -> Result<(), VoiceError> {
        Ok(())
    }
}

/// The system's default output, through the app's own audio output (`audio::Output`).
pub struct SystemPlayback;

/// How long the sound server's buffer holds after the last sample is handed over.
const DRAIN: Duration = Duration::from_millis(300);
const POLL: Duration = Duration::from_millis(20);

impl Playback for SystemPlayback {
    fn play(&mut self, speech: &Speech, stopped: &dyn Fn() -> bool) -> Result<(), VoiceError> {
        let mut player = crate::audio::Player::new(speech.samples.clone(), speech.sample_rate, Vec::new());
        player.play();
        let player = Arc::new(Mutex::new(player));
        let output =
            crate::audio::Output::start(player.clone()).map_err(|e| VoiceError::Playback(e.to_string()))?;
        loop {
            if stopped() {
                if let Ok(mut p) = player.lock() {
                    p.pause();
                }
                break;
            }
            if !player.lock().map(|p| p.is_playing()).unwrap_or(false) {
                std::thread::sleep(DRAIN);
                break;
            }
            std::thread::sleep(POLL);
        }
        drop(output);
        Ok(())
    }
}

struct Job {
    id: u64,
    text: String,
    options: VoiceOptions,
}

struct Shared {
    /// Utterances with a smaller id are stopped.
    stop_below: AtomicU64,
    /// Utterances queued or being spoken.
    pending: AtomicUsize,
}

/// Speaks on its own thread; the UI queues text and polls for events.
pub struct Speaker {
    jobs: Sender<Job>,
    events: Receiver<SpeakerEvent>,
    shared: Arc<Shared>,
    next: u64,
}

impl Speaker {
    /// Starts the thread. `wake` is called after every event (to repaint the window).
    pub fn start(
        engine: Arc<dyn SpeechEngine>,
        mut playback: Box<dyn Playback>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Self {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (event_tx, events) = mpsc::channel();
        let shared = Arc::new(Shared {
            stop_below: AtomicU64::new(0),
            pending: AtomicUsize::new(0),
        });
        let thread_shared = shared.clone();
        let spawned = std::thread::Builder::new().name("speaker".into()).spawn(move || {
            for job in job_rx {
                let stopped = || thread_shared.stop_below.load(Ordering::SeqCst) > job.id;
                let event = if stopped() {
                    SpeakerEvent::Stopped(job.id)
                } else {
                    match engine.synthesise(&job.text, &job.options) {
                        Err(e) => SpeakerEvent::Failed(job.id, e.to_string()),
                        Ok(_) if stopped() => SpeakerEvent::Stopped(job.id),
                        Ok(speech) => match playback.play(&speech, &stopped) {
                            Err(e) => SpeakerEvent::Failed(job.id, e.to_string()),
                            Ok(()) if stopped() => SpeakerEvent::Stopped(job.id),
                            Ok(()) => SpeakerEvent::Finished(job.id),
                        },
                    }
                };
                thread_shared.pending.fetch_sub(1, Ordering::SeqCst);
                let _ = event_tx.send(event);
                wake();
            }
        });
        if let Err(e) = spawned {
            eprintln!("panelist: the speaker thread did not start: {e}");
        }
        Self {
            jobs,
            events,
            shared,
            next: 1,
        }
    }

    /// Queues `text`; returns the utterance's id, which its event carries.
    pub fn say(&mut self, text: String, options: VoiceOptions) -> u64 {
        let id = self.next;
        self.next += 1;
        self.shared.pending.fetch_add(1, Ordering::SeqCst);
        if self.jobs.send(Job { id, text, options }).is_err() {
            // the thread is gone: the utterance ends at once
            self.shared.pending.fetch_sub(1, Ordering::SeqCst);
        }
        id
    }

    /// Stops the current utterance and drops the queued ones (each still sends its event).
    pub fn stop(&self) {
        self.shared.stop_below.store(self.next, Ordering::SeqCst);
    }

    /// Utterances queued or being spoken.
    pub fn is_speaking(&self) -> bool {
        self.shared.pending.load(Ordering::SeqCst) > 0
    }

    /// Events since the last call.
    pub fn poll(&self) -> Vec<SpeakerEvent> {
        self.events.try_iter().collect()
    }

    /// Waits until nothing is queued or being spoken (up to `limit`), for tests and the CLI.
    pub fn wait_idle(&self, limit: Duration) -> bool {
        let step = Duration::from_millis(5);
        let mut waited = Duration::ZERO;
        while self.is_speaking() && waited < limit {
            std::thread::sleep(step);
            waited += step;
        }
        !self.is_speaking()
    }
}

impl Drop for Speaker {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::voice::FakeEngine;

    fn speaker(engine: &FakeEngine) -> Speaker {
        Speaker::start(
            Arc::new(engine.clone()),
            Box::new(SilentPlayback),
            Arc::new(|| {}),
        )
    }

    #[test]
    fn utterances_are_spoken_in_order_and_each_ends_with_an_event() {
        let engine = FakeEngine::new();
        let mut s = speaker(&engine);
        let a = s.say("first".into(), VoiceOptions::default());
        let b = s.say("second".into(), VoiceOptions::default());
        assert!(s.wait_idle(Duration::from_secs(10)));
        assert_eq!(engine.said(), vec!["first", "second"]);
        assert_eq!(
            s.poll(),
            vec![SpeakerEvent::Finished(a), SpeakerEvent::Finished(b)]
        );
        assert!(!s.is_speaking());
    }

    #[test]
    fn stop_cuts_the_current_utterance_and_drops_the_queue() {
        let engine = FakeEngine::new();
        engine.hold();
        let mut s = speaker(&engine);
        let a = s.say("long prompt".into(), VoiceOptions::default());
        let b = s.say("follow-up".into(), VoiceOptions::default());
        engine.wait_for(1);
        assert!(s.is_speaking());
        s.stop();
        engine.release();
        assert!(s.wait_idle(Duration::from_secs(10)));
        assert_eq!(s.poll(), vec![SpeakerEvent::Stopped(a), SpeakerEvent::Stopped(b)]);
        // the dropped one was never synthesised
        assert_eq!(engine.said(), vec!["long prompt"]);
        // after a stop, new utterances speak again
        let c = s.say("again".into(), VoiceOptions::default());
        assert!(s.wait_idle(Duration::from_secs(10)));
        assert_eq!(s.poll(), vec![SpeakerEvent::Finished(c)]);
    }

    struct Failing;
    impl Playback for Failing {
        fn play(&mut self, _: &Speech, _: &dyn Fn() -> bool) -> Result<(), VoiceError> {
            Err(VoiceError::Playback("no sound server".into()))
        }
    }

    #[test]
    fn a_failure_is_reported_with_its_reason() {
        let engine = FakeEngine::new();
        let mut s = Speaker::start(Arc::new(engine), Box::new(Failing), Arc::new(|| {}));
        let id = s.say("hello".into(), VoiceOptions::default());
        assert!(s.wait_idle(Duration::from_secs(10)));
        let events = s.poll();
        assert!(
            matches!(&events[..], [SpeakerEvent::Failed(i, m)] if *i == id && m.contains("no sound server")),
            "{events:?}"
        );
    }
}

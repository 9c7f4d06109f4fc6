//! The interviewer's voice: a question's Markdown turned into what an interviewer would
//! say ([`spoken_form`]), speech engines ([`SpeechEngine`]: the operating system's voice
//! driven at run time, and a fake for tests), and the [`Speaker`] thread that plays
//! utterances one after another. Nothing here draws (docs/interviewer-voice.md).

mod engine;
mod speaker;
mod spoken;
mod timing;

#[cfg(any(test, feature = "test-support"))]
pub use engine::FakeEngine;
pub use engine::{
    DEFAULT_RATE_WPM, MAX_RATE_WPM, MIN_RATE_WPM, Speech, SpeechEngine, SystemVoice, Voice, VoiceError,
    VoiceOptions, install_hint, parse_wav,
};
pub use speaker::{Playback, SilentPlayback, Speaker, SpeakerEvent, SystemPlayback};
pub use spoken::spoken_form;
pub use timing::{FollowUpMoment, follow_up_moment};

/// What the interviewer says to ask a question: its title, then its prompt.
pub fn question_speech(title: &str, prompt: &str) -> String {
    let title = spoken_form(title);
    let prompt = spoken_form(prompt);
    match (title.is_empty(), prompt.is_empty()) {
        (true, _) => prompt,
        (false, true) => title,
        (false, false) => format!("{title} {prompt}"),
    }
}

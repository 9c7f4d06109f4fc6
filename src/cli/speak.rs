//! `panelist speak`: say a text or a question with the interviewer's voice, or write it
//! to a WAV file.

use std::io::Write;
use std::path::PathBuf;

use super::{Cli, data_dir};
use crate::bank::Catalog;
use crate::config::configured_sources;
use crate::voice::{
    Playback, SpeechEngine, SystemPlayback, SystemVoice, VoiceError, VoiceOptions, question_speech,
    spoken_form,
};

pub struct SpeakArgs<'a> {
    pub text: Option<&'a str>,
    pub question: Option<&'a str>,
    pub out: Option<&'a PathBuf>,
    pub voice: Option<&'a str>,
    pub rate: Option<u32>,
    pub print: bool,
}

pub fn speak(
    cli: &Cli,
    args: &SpeakArgs<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let text = match (args.text, args.question) {
        (Some(text), None) => spoken_form(text),
        (None, Some(id)) => {
            let catalog = Catalog::load(&configured_sources(&data_dir(cli)?, &cli.questions));
            match catalog.question(id) {
                Some(q) => question_speech(&q.question.title, &q.question.prompt),
                None => {
                    writeln!(
                        err,
                        "panelist: no question \"{id}\"; ids are BANK/QUESTION, as `panelist questions` lists them"
                    )?;
                    return Ok(2);
                }
            }
        }
        _ => {
            writeln!(err, "panelist: give either --text TEXT or --question BANK/ID")?;
            return Ok(2);
        }
    };
    if args.print {
        writeln!(out, "{text}")?;
    }
    if text.is_empty() {
        writeln!(err, "panelist: there is nothing to say")?;
        return Ok(1);
    }
    let engine = match SystemVoice::find() {
        Ok(engine) => engine,
        Err(e) => {
            writeln!(err, "panelist: {e}")?;
            return Ok(2);
        }
    };
    let options = VoiceOptions {
        voice: args.voice.map(str::to_owned),
        rate_wpm: args.rate.unwrap_or(crate::voice::DEFAULT_RATE_WPM),
        volume: 1.0,
    };
    let result = say(&engine, &text, &options, args.out);
    match result {
        Ok(duration_ms) => {
            if let Some(path) = args.out {
                writeln!(
                    out,
                    "Wrote {} ({:.1} s, {})",
                    path.display(),
                    duration_ms as f64 / 1000.0,
                    engine.name()
                )?;
            }
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "panelist: {e}")?;
            Ok(1)
        }
    }
}

fn say(
    engine: &SystemVoice,
    text: &str,
    options: &VoiceOptions,
    path: Option<&PathBuf>,
) -> Result<u64, VoiceError> {
    let speech = engine.synthesise(text, options)?;
    let duration = speech.duration_ms();
    match path {
        Some(path) => speech.write_wav(path)?,
        None => SystemPlayback.play(&speech, &|| false)?,
    }
    Ok(duration)
}

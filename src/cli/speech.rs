//! `panelist transcribe --file AUDIO` and `panelist models`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::{Cli, data_dir};
use crate::paths::DataDir;
use crate::speech::metrics::{self, DeliveryMetrics};
use crate::speech::models::CATALOGUE;
use crate::speech::{Transcriber, Transcript, audio, installed_models};

fn mm_ss(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}.{}", s / 60, s % 60, (ms % 1000) / 100)
}

fn how_to_get_one(data: &DataDir) -> String {
    let entry = &CATALOGUE[0];
    format!(
        "no speech model is installed in {}. Download one in Settings → Speech models, \
         or pass --model FOLDER (a Whisper model in CTranslate2 format: model.bin, config.json, \
         vocabulary.txt). The {} model ({} MB) is at {}; scripts/fetch-test-model.sh fetches it.",
        data.models().display(),
        entry.name,
        entry.size / 1_000_000,
        entry.url
    )
}

pub fn models(cli: &Cli, out: &mut dyn Write) -> std::io::Result<u8> {
    let data = data_dir(cli)?;
    let list = installed_models(&data);
    if list.is_empty() {
        writeln!(out, "{}", how_to_get_one(&data))?;
        return Ok(0);
    }
    for m in list {
        writeln!(
            out,
            "{}\t{:.1} MB\t{}\t{}",
            m.name,
            m.size as f64 / 1e6,
            m.languages,
            m.path.display()
        )?;
    }
    Ok(0)
}

#[derive(serde::Serialize)]
struct Output<'a> {
    file: &'a Path,
    duration_ms: u64,
    transcript: &'a Transcript,
    metrics: &'a DeliveryMetrics,
}

pub fn transcribe(
    cli: &Cli,
    file: &Path,
    model: Option<&PathBuf>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let model_dir = match model {
        Some(m) => m.clone(),
        None => {
            let data = data_dir(cli)?;
            match installed_models(&data).into_iter().next() {
                Some(m) => m.path,
                None => {
                    writeln!(err, "panelist: {}", how_to_get_one(&data))?;
                    return Ok(2);
                }
            }
        }
    };
    let samples = match audio::load_16k_mono(file) {
        Ok(s) => s,
        Err(e) => {
            writeln!(err, "panelist: {e}")?;
            return Ok(1);
        }
    };
    let transcriber = match Transcriber::load(&model_dir) {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "panelist: {e}")?;
            return Ok(1);
        }
    };
    let cancel = AtomicBool::new(false);
    let transcript = match transcriber.transcribe(&samples, &|_| {}, &cancel) {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "panelist: {}: {e}", file.display())?;
            return Ok(1);
        }
    };
    let duration_ms = samples.len() as u64 * 1000 / 16_000;
    let env = metrics::envelope(&samples);
    let m = metrics::delivery(&transcript.words, &env, 0, duration_ms);
    if json {
        let o = Output {
            file,
            duration_ms,
            transcript: &transcript,
            metrics: &m,
        };
        serde_json::to_writer_pretty(&mut *out, &o).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(0);
    }
    for w in &transcript.words {
        writeln!(out, "[{} – {}] {}", mm_ss(w.start_ms), mm_ss(w.end_ms), w.text)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", transcript.text)?;
    writeln!(out)?;
    writeln!(out, "Model: {}", transcript.model)?;
    writeln!(out, "Length: {}", mm_ss(duration_ms))?;
    writeln!(out, "Talk time: {}", mm_ss(m.talk_ms))?;
    match m.words_per_minute {
        Some(wpm) => writeln!(out, "Words: {} ({wpm:.0} a minute)", m.words)?,
        None => writeln!(out, "Words: {}", m.words)?,
    }
    if let Some(t) = m.time_to_first_word_ms {
        writeln!(out, "Time to first word: {}", mm_ss(t))?;
    }
    writeln!(
        out,
        "Pauses of 3 s or more: {}{}",
        m.pause_count,
        if m.pause_count > 0 {
            format!(" (longest {})", mm_ss(m.longest_pause_ms))
        } else {
            String::new()
        }
    )?;
    writeln!(
        out,
        "Longest stretch without a pause: {}",
        mm_ss(m.longest_run_ms)
    )?;
    let fillers: Vec<String> = m.fillers.counts.iter().map(|(f, n)| format!("{f} {n}")).collect();
    writeln!(
        out,
        "Filler words (approximate): {}{}",
        m.fillers.total,
        if fillers.is_empty() {
            String::new()
        } else {
            format!(" ({})", fillers.join(", "))
        }
    )?;
    Ok(0)
}

#[derive(serde::Serialize)]
struct AnswerOutput<'a> {
    /// 1 is the session's first question.
    number: usize,
    question: &'a str,
    transcript: &'a Transcript,
    /// The text with the candidate's corrections (none after a fresh transcription).
    text: String,
    metrics: &'a DeliveryMetrics,
    phase_metrics: &'a [DeliveryMetrics],
}

/// `panelist transcribe SESSION-ID [--question N]`: transcribes a saved session's
/// recorded answers again and saves them into the session (atomically, via the store).
pub fn transcribe_session(
    cli: &Cli,
    id: &str,
    question: Option<usize>,
    model: Option<&PathBuf>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    use crate::session::SessionEdit;
    use crate::speech::{analysis, report};
    use crate::store::{DataLock, SessionStore};

    let data = data_dir(cli)?;
    let _lock = match DataLock::acquire(data.root()) {
        Ok(lock) => lock,
        Err(e) => {
            writeln!(
                err,
                "panelist: {e}; close it and transcribe again. Nothing was written"
            )?;
            return Ok(1);
        }
    };
    let store = SessionStore::new(data.clone());
    let mut session = match store.load(id) {
        Ok(s) => s,
        Err(e) => {
            writeln!(err, "panelist: {e}")?;
            return Ok(1);
        }
    };
    let chosen: Vec<usize> = match question {
        Some(n) if n == 0 || n > session.questions.len() => {
            writeln!(
                err,
                "panelist: session {id} has {}; there is no question {n}",
                crate::text::plural(session.questions.len(), "question")
            )?;
            return Ok(2);
        }
        Some(n) if session.questions[n - 1].spoken.is_none() => {
            writeln!(err, "panelist: question {n} of session {id} was not recorded")?;
            return Ok(1);
        }
        Some(n) => vec![n - 1],
        None => (0..session.questions.len())
            .filter(|i| session.questions[*i].spoken.is_some())
            .collect(),
    };
    if chosen.is_empty() {
        writeln!(err, "panelist: session {id} has no recorded answers")?;
        return Ok(1);
    }
    let model_dir = match model {
        Some(m) => m.clone(),
        None => match installed_models(&data).into_iter().next() {
            Some(m) => m.path,
            None => {
                writeln!(err, "panelist: {}", how_to_get_one(&data))?;
                return Ok(2);
            }
        },
    };
    let transcriber = match Transcriber::load(&model_dir) {
        Ok(t) => t,
        Err(e) => {
            writeln!(err, "panelist: {e}")?;
            return Ok(1);
        }
    };
    let cancel = AtomicBool::new(false);
    let now = chrono::Local::now().fixed_offset();
    for &i in &chosen {
        let record = &session.questions[i];
        let Some(spoken) = &record.spoken else { continue };
        let path = spoken.recording.path_in(&data);
        let analysed = analysis::analyse(
            &path,
            &spoken.recording,
            Some(&transcriber),
            None,
            &|_| {},
            &cancel,
        );
        let a = match analysed {
            Ok(a) => a,
            Err(e) => {
                writeln!(err, "panelist: question {}: {e}; nothing was written", i + 1)?;
                return Ok(1);
            }
        };
        let edit = SessionEdit::Transcribed {
            question: record.global_id.clone(),
            transcript: a.transcript,
            metrics: a.metrics,
            phase_metrics: a.phase_metrics,
        };
        if let Err(e) = session.apply(&edit, now) {
            writeln!(err, "panelist: question {}: {e}; nothing was written", i + 1)?;
            return Ok(1);
        }
    }
    if let Err(e) = store.save(&session) {
        writeln!(err, "panelist: {e}")?;
        return Ok(1);
    }
    let answers: Vec<AnswerOutput> = chosen
        .iter()
        .filter_map(|&i| {
            let q = &session.questions[i];
            let spoken = q.spoken.as_ref()?;
            Some(AnswerOutput {
                number: i + 1,
                question: &q.global_id,
                transcript: spoken.transcript.as_ref()?,
                text: spoken.text(),
                metrics: spoken.metrics.as_ref()?,
                phase_metrics: &spoken.phase_metrics,
            })
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &answers).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(0);
    }
    for a in &answers {
        let q = &session.questions[a.number - 1];
        writeln!(out, "Question {}: {}", a.number, q.question.title)?;
        for line in report::lines(a.metrics, Some(q.answer_ms), true) {
            writeln!(out, "  {}: {}", line.label, line.value)?;
        }
        writeln!(out, "  Transcript ({}): {}", a.transcript.model, a.text)?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "Saved into session {id} ({}).",
        crate::text::plural(answers.len(), "answer")
    )?;
    Ok(0)
}

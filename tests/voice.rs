//! The interviewer's voice end to end: `panelist speak --out` with the system's espeak-ng,
//! then the speech heard back by the real Whisper model (`PANELIST_TEST_MODEL`, else the
//! folder scripts/fetch-test-model.sh fills). Without espeak-ng or the model these tests
//! say so and pass, unless `PANELIST_REQUIRE_TOOLS=1`, when they fail.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::AtomicBool;

use panelist::speech::{Transcriber, audio};

fn require_tools() -> bool {
    std::env::var("PANELIST_REQUIRE_TOOLS").is_ok_and(|v| v == "1")
}

fn skip(what: &str) {
    assert!(!require_tools(), "{what} (PANELIST_REQUIRE_TOOLS=1)");
    eprintln!("skipped: {what}");
}

fn espeak_installed() -> bool {
    let found = Command::new("espeak-ng")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        skip("espeak-ng is not installed");
    }
    found
}

fn model_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PANELIST_TEST_MODEL")
        .map(PathBuf::from)
        .or_else(|| {
            let cache = std::env::var_os("PANELIST_MODEL_CACHE")
                .map(PathBuf::from)
                .or_else(|| {
                    std::env::var_os("XDG_CACHE_HOME").map(|c| PathBuf::from(c).join("panelist-test-models"))
                })
                .or_else(|| {
                    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/panelist-test-models"))
                })?;
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

fn panelist(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelist"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("panelist runs")
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Share of the reference's words found in the hypothesis (each heard word counts once).
fn recall(reference: &str, heard: &str) -> f64 {
    let mut pool: HashMap<String, usize> = HashMap::new();
    for w in words(heard) {
        *pool.entry(w).or_default() += 1;
    }
    let reference = words(reference);
    let found = reference
        .iter()
        .filter(|w| match pool.get_mut(*w) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count();
    found as f64 / reference.len().max(1) as f64
}

#[test]
fn recall_counts_each_heard_word_once() {
    assert_eq!(recall("the cat sat", "The cat, sat."), 1.0);
    assert!((recall("a a b c", "a b") - 0.5).abs() < 1e-9);
    assert_eq!(recall("one", ""), 0.0);
}

fn transcribe(model: &Path, wav: &Path) -> String {
    let samples = audio::load_16k_mono(wav).expect("the WAV reads");
    let transcriber = Transcriber::load(model).expect("the model loads");
    let cancel = AtomicBool::new(false);
    transcriber
        .transcribe(&samples, &|_| {}, &cancel)
        .expect("transcribes")
        .text
}

#[test]
fn a_spoken_text_is_heard_back_by_the_transcriber() {
    if !espeak_installed() {
        return;
    }
    let Some(model) = model_dir() else { return };
    let tmp = tempfile::tempdir().expect("temp dir");
    let wav = tmp.path().join("said.wav");
    let text = "Tell me about a time you had to let a senior engineer go. \
                How did you prepare the team, and what would you do differently?";
    let out = panelist(
        tmp.path(),
        &["speak", "--text", text, "--out", wav.to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Wrote "));
    let heard = transcribe(&model, &wav);
    let share = recall(text, &heard);
    eprintln!("{text}\n  → {heard} ({:.0} % of the words)", share * 100.0);
    assert!(share >= 0.8, "only {:.0} % heard: {heard:?}", share * 100.0);
}

#[test]
fn a_shipped_question_is_heard_back_by_the_transcriber() {
    if !espeak_installed() {
        return;
    }
    let Some(model) = model_dir() else { return };
    let tmp = tempfile::tempdir().expect("temp dir");
    let wav = tmp.path().join("question.wav");
    let id = "career/why-director-now";
    let out = panelist(
        tmp.path(),
        &[
            "speak",
            "--question",
            id,
            "--print",
            "--out",
            wav.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // what was said is printed first: the spoken form of the title and the prompt
    let stdout = String::from_utf8_lossy(&out.stdout);
    let said = stdout.lines().next().expect("the spoken text");
    assert!(said.starts_with("Why Director, and why now."), "{said}");
    assert!(said.contains("V P of Engineering"), "{said}");
    let heard = transcribe(&model, &wav);
    let share = recall(said, &heard);
    eprintln!("{said}\n  → {heard} ({:.0} % of the words)", share * 100.0);
    assert!(share >= 0.8, "only {:.0} % heard: {heard:?}", share * 100.0);
}

#[test]
fn speak_explains_its_usage_errors() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = panelist(tmp.path(), &["speak", "--question", "nope/missing"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no question \"nope/missing\""), "{err}");
    let out = panelist(tmp.path(), &["speak"]);
    assert_eq!(out.status.code(), Some(2), "clap asks for --text or --question");
}

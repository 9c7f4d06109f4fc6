//! Transcription speed: log-mel of 30 s of audio (no model needed), and Whisper tiny
//! on 30 s of speech synthesised by espeak-ng. The model comes from
//! `PANELIST_TEST_MODEL` or scripts/fetch-test-model.sh's cache; without it, or
//! without espeak-ng, the engine benchmark is skipped with a message. Divide the
//! engine's time by 30 s for the real-time factor.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use panelist::speech::{Transcriber, audio, mel};

fn model_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PANELIST_TEST_MODEL")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("PANELIST_MODEL_CACHE")
                .map(PathBuf::from)
                .or_else(|| {
                    std::env::var_os("XDG_CACHE_HOME")
                        .map(PathBuf::from)
                        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
                        .map(|c| c.join("panelist-test-models"))
                })
                .map(|c| c.join("whisper-tiny"))
        })?;
    dir.join("model.bin").is_file().then_some(dir)
}

fn log_mel(c: &mut Criterion) {
    let samples: Vec<f32> = (0..mel::WINDOW_SAMPLES)
        .map(|i| (i as f32 * 0.05).sin() * 0.1)
        .collect();
    c.bench_function("log_mel_30s", |b| b.iter(|| mel::log_mel(&samples, 80)));
}

fn whisper_tiny(c: &mut Criterion) {
    let Some(model) = model_dir() else {
        eprintln!("skipped: no speech model (run scripts/fetch-test-model.sh)");
        return;
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let wav = tmp.path().join("speech.wav");
    let text = "Our platform team owned the build system, the deploy pipeline and the on-call rota. \
                When I joined, releases took two weeks and one in five failed. \
                I asked each engineer what slowed them down, and we picked the three largest causes. \
                Six months later we released every day, and failures fell below one in fifty.";
    let spoken = Command::new("espeak-ng")
        .args(["-v", "en-us", "-s", "150", "-w"])
        .arg(&wav)
        .arg(text)
        .status();
    if !spoken.is_ok_and(|s| s.success()) {
        eprintln!("skipped: espeak-ng is not installed");
        return;
    }
    let mut samples = audio::load_16k_mono(&wav).expect("reads");
    samples.resize(mel::WINDOW_SAMPLES, 0.0);
    let t = Transcriber::load(&model).expect("loads");
    let cancel = AtomicBool::new(false);
    let mut group = c.benchmark_group("transcribe");
    group.sample_size(10);
    group.bench_function("whisper_tiny_30s", |b| {
        b.iter(|| t.transcribe(&samples, &|_| {}, &cancel).expect("transcribes"))
    });
    group.finish();
}

criterion_group!(benches, log_mel, whisper_tiny);
criterion_main!(benches);

//! The cost of recording: encoding one second of 16 kHz sound to FLAC (what the recorder
//! thread does each second), reading a minute back, and time-stretching a second for 1.5x.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use panelist::audio::{FlacWriter, read_flac, time_stretch};

const RATE: u32 = 16_000;

/// Voice-like sound: a buzz with moving formants and a little noise.
fn voice(seconds: usize) -> Vec<f32> {
    let mut noise = 0x2545_f491_u32;
    (0..seconds * RATE as usize)
        .map(|i| {
            let t = i as f32 / RATE as f32;
            let pitch = 120.0 + 20.0 * (t * 1.7).sin();
            let mut s = 0.0;
            for h in 1..12 {
                let formant =
                    1.0 / (1.0 + ((h as f32 * pitch - 700.0 - 300.0 * (t * 2.3).sin()) / 250.0).powi(2));
                s += formant * (2.0 * std::f32::consts::PI * h as f32 * pitch * t).sin();
            }
            noise ^= noise << 13;
            noise ^= noise >> 17;
            noise ^= noise << 5;
            0.15 * s + 0.01 * (noise as f32 / u32::MAX as f32 - 0.5)
        })
        .collect()
}

fn recording(c: &mut Criterion) {
    let second = voice(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("recording");
    group.throughput(Throughput::Elements(RATE.into()));
    let mut n = 0;
    group.bench_function("encode_1s_flac_16k", |b| {
        b.iter_batched(
            || {
                n += 1;
                FlacWriter::create(&dir.path().join(format!("{n}.flac")), RATE).expect("create")
            },
            |mut writer| {
                writer.write(&second).expect("write");
                writer.finish().expect("finish")
            },
            criterion::BatchSize::PerIteration,
        );
    });
    group.bench_function("time_stretch_1s_at_1_5x", |b| {
        b.iter(|| time_stretch(&second, 1.5, RATE))
    });
    let minute = dir.path().join("minute.flac");
    let mut writer = FlacWriter::create(&minute, RATE).expect("create");
    writer.write(&voice(60)).expect("write");
    writer.finish().expect("finish");
    group.throughput(Throughput::Elements(u64::from(RATE) * 60));
    group.bench_function("read_1min_flac", |b| b.iter(|| read_flac(&minute).expect("read")));
    group.finish();
}

criterion_group!(benches, recording);
criterion_main!(benches);

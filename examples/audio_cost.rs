//! Measures live recording: CPU (share of one core), memory and file size per minute.
//!
//! Records the default input (or the one named as the first argument) for 30 seconds
//! (or the number given as the second) through the app's own capture code, into a
//! temporary folder, and prints the figures. Run with a sound server available, e.g.
//! `cargo run --profile bench --example audio_cost -- SOURCE 30`.

use std::time::{Duration, Instant};

use panelist::audio::{MicSource, Recorder};

/// (user + system CPU seconds, resident set in KiB) of this process, from /proc.
fn usage() -> (f64, u64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of stat, 11 and 12 after the name; 100 ticks a second
    let cpu = (ticks(11) + ticks(12)) / 100.0;
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    (cpu, rss)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let device = args.get(1).map(String::as_str);
    let seconds: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
    let dir = tempfile_dir()?;
    let (_, rss_before) = usage();
    let source = MicSource::open(device)?;
    let path = dir.join("answer.flac");
    let recorder = Recorder::start(Box::new(source), &path, &dir, false)?;
    // let the stream settle before measuring
    std::thread::sleep(Duration::from_secs(1));
    let (cpu_start, _) = usage();
    let started = Instant::now();
    let mut peak_rss = 0;
    while started.elapsed() < Duration::from_secs(seconds) {
        std::thread::sleep(Duration::from_millis(250));
        peak_rss = peak_rss.max(usage().1);
    }
    let (cpu_end, _) = usage();
    let wall = started.elapsed().as_secs_f64();
    let level = recorder.level();
    for event in recorder.events() {
        println!("event: {event:?}");
    }
    let info = recorder.stop();
    let bytes = std::fs::metadata(&path)?.len();
    println!(
        "recorded {} ms at {} Hz, level {level:?}",
        info.duration_ms, info.sample_rate
    );
    println!("CPU: {:.2} % of one core", 100.0 * (cpu_end - cpu_start) / wall);
    println!(
        "memory: {} KiB resident before opening the input, {} KiB at most while recording (+{} KiB)",
        rss_before,
        peak_rss,
        peak_rss.saturating_sub(rss_before)
    );
    println!(
        "size: {} bytes, {:.0} KB per minute",
        bytes,
        bytes as f64 / (info.duration_ms as f64 / 60_000.0) / 1000.0
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("panelist-audio-cost-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

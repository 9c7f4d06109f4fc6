//! Speech engines: text in, sound out. The operating system's voice is driven at run
//! time as a child process (espeak-ng on Linux, `say` on macOS, SAPI through PowerShell
//! on Windows), so building Panelist needs no speech library or -dev package.

use std::io::Cursor;
use std::path::Path;
use std::process::{Command, Stdio};

/// How the interviewer sounds.
#[derive(Debug, Clone, PartialEq)]
pub struct VoiceOptions {
    /// The engine's voice id (`None`: the engine's default).
    pub voice: Option<String>,
    /// Words per minute.
    pub rate_wpm: u32,
    /// 0.0 (silent) to 1.0 (full).
    pub volume: f32,
}

impl Default for VoiceOptions {
    fn default() -> Self {
        Self {
            voice: None,
            rate_wpm: DEFAULT_RATE_WPM,
            volume: 0.9,
        }
    }
}

pub const DEFAULT_RATE_WPM: u32 = 165;
pub const MIN_RATE_WPM: u32 = 80;
pub const MAX_RATE_WPM: u32 = 300;

/// A voice an engine offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voice {
    /// What the engine is given to use it.
    pub id: String,
    /// What the user sees.
    pub name: String,
}

/// Synthesised speech: mono samples, -1.0..=1.0.
#[derive(Debug, Clone, PartialEq)]
pub struct Speech {
    pub samples: Vec<f32>,
    pub sample_rate: u32,
}

impl Speech {
    pub fn duration_ms(&self) -> u64 {
        self.samples.len() as u64 * 1000 / u64::from(self.sample_rate.max(1))
    }

    /// Scales the samples by `volume` (0.0..=1.0).
    pub fn with_volume(mut self, volume: f32) -> Self {
        let volume = if volume.is_finite() {
            volume.clamp(0.0, 1.0)
        } else {
            1.0
        };
        for s in &mut self.samples {
            *s *= volume;
        }
        self
    }

    /// The speech as a 16-bit mono WAV file's bytes.
    pub fn to_wav(&self) -> Result<Vec<u8>, VoiceError> {
        let spec = hound::WavSpec {
            channels: 1,
            sample_rate: self.sample_rate,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut bytes = Cursor::new(Vec::new());
        let wav_error = |e: hound::Error| VoiceError::Engine(format!("writing WAV: {e}"));
        let mut writer = hound::WavWriter::new(&mut bytes, spec).map_err(wav_error)?;
        for &s in &self.samples {
            writer
                .write_sample(crate::audio::to_i16(s) as i16)
                .map_err(wav_error)?;
        }
        writer.finalize().map_err(wav_error)?;
        Ok(bytes.into_inner())
    }

    /// Writes the speech to a WAV file, atomically.
    pub fn write_wav(&self, path: &Path) -> Result<(), VoiceError> {
        let bytes = self.to_wav()?;
        crate::store::write_atomic(path, &bytes)
            .map_err(|e| VoiceError::Engine(format!("{}: {e}", path.display())))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VoiceError {
    /// No engine on this machine; the text says what to install.
    #[error("{0}")]
    NoEngine(String),
    #[error("the voice failed: {0}")]
    Engine(String),
    #[error("the sound could not be played: {0}")]
    Playback(String),
}

/// Something that turns text into speech.
pub trait SpeechEngine: Send + Sync {
    /// The engine's name and version, for the settings screen.
    fn name(&self) -> String;
    /// The voices it offers (may take a moment: call it off the UI thread).
    fn voices(&self) -> Result<Vec<Voice>, VoiceError>;
    /// Speech for `text` (plain text: see [`spoken_form`](super::spoken_form)); blocking.
    fn synthesise(&self, text: &str, options: &VoiceOptions) -> Result<Speech, VoiceError>;
}

/// What to install when no voice is found, for this platform.
pub fn install_hint() -> &'static str {
    if cfg!(target_os = "linux") {
        "No voice found: the interviewer speaks through espeak-ng. Install it with your package manager \
         (sudo apt install espeak-ng, sudo dnf install espeak-ng, sudo pacman -S espeak-ng) and try again."
    } else if cfg!(target_os = "macos") {
        "No voice found: the interviewer speaks through macOS's `say` command, which was not found."
    } else if cfg!(windows) {
        "No voice found: the interviewer speaks through Windows' speech (SAPI) in PowerShell, which was not found."
    } else {
        "No voice found: install espeak-ng and try again."
    }
}

/// The operating system's voice, driven as a child process.
#[derive(Debug, Clone)]
pub struct SystemVoice {
    kind: Kind,
    program: String,
    version: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Espeak,
    Say,
    PowerShell,
}

impl SystemVoice {
    /// The first voice program found on this machine, or what to install.
    pub fn find() -> Result<Self, VoiceError> {
        let candidates: &[(Kind, &str, &[&str])] = if cfg!(target_os = "macos") {
            &[
                (Kind::Say, "say", &["-v", "?"]),
                (Kind::Espeak, "espeak-ng", &["--version"]),
            ]
        } else if cfg!(windows) {
            &[(
                Kind::PowerShell,
                "powershell",
                &["-NoProfile", "-Command", "exit 0"],
            )]
        } else {
            &[
                (Kind::Espeak, "espeak-ng", &["--version"]),
                (Kind::Espeak, "espeak", &["--version"]),
            ]
        };
        for (kind, program, probe) in candidates {
            if let Ok(out) = Command::new(program).args(*probe).stdin(Stdio::null()).output()
                && out.status.success()
            {
                let text = String::from_utf8_lossy(&out.stdout);
                let version = match kind {
                    Kind::Espeak => text
                        .split_whitespace()
                        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                        .map(|v| format!("{program} {v}"))
                        .unwrap_or_else(|| (*program).to_owned()),
                    Kind::Say => "macOS say".to_owned(),
                    Kind::PowerShell => "Windows speech (SAPI)".to_owned(),
                };
                return Ok(Self {
                    kind: *kind,
                    program: (*program).to_owned(),
                    version,
                });
            }
        }
        Err(VoiceError::NoEngine(install_hint().to_owned()))
    }

    fn run(&self, args: &[String], what: &str) -> Result<Vec<u8>, VoiceError> {
        let out = Command::new(&self.program)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| VoiceError::Engine(format!("{}: {e}", self.program)))?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            return Err(VoiceError::Engine(format!(
                "{} {what}: {}",
                self.program,
                stderr.trim()
            )));
        }
        Ok(out.stdout)
    }
}

impl SpeechEngine for SystemVoice {
    fn name(&self) -> String {
        self.version.clone()
    }

    fn voices(&self) -> Result<Vec<Voice>, VoiceError> {
        match self.kind {
            Kind::Espeak => {
                let out = self.run(&["--voices".to_owned()], "--voices")?;
                Ok(parse_espeak_voices(&String::from_utf8_lossy(&out)))
            }
            Kind::Say => {
                let out = self.run(&["-v".to_owned(), "?".to_owned()], "-v ?")?;
                Ok(String::from_utf8_lossy(&out)
                    .lines()
                    .filter_map(|l| l.split("  ").next())
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(|n| Voice {
                        id: n.to_owned(),
                        name: n.to_owned(),
                    })
                    .collect())
            }
            Kind::PowerShell => Ok(Vec::new()),
        }
    }

    fn synthesise(&self, text: &str, options: &VoiceOptions) -> Result<Speech, VoiceError> {
        let rate = options.rate_wpm.clamp(MIN_RATE_WPM, MAX_RATE_WPM);
        let speech = match self.kind {
            Kind::Espeak => {
                let mut args = vec!["--stdout".to_owned(), "-s".to_owned(), rate.to_string()];
                if let Some(v) = &options.voice {
                    args.extend(["-v".to_owned(), v.clone()]);
                }
                // the text after "--" is never taken for an option
                args.extend(["--".to_owned(), text.to_owned()]);
                parse_wav(&self.run(&args, "")?)?
            }
            Kind::Say | Kind::PowerShell => {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let file =
                    std::env::temp_dir().join(format!("panelist-speech-{}-{n}.wav", std::process::id()));
                let file_arg = file.display().to_string();
                let args = if self.kind == Kind::Say {
                    let mut a = vec![
                        "-r".to_owned(),
                        rate.to_string(),
                        "-o".to_owned(),
                        file_arg.clone(),
                        "--file-format=WAVE".to_owned(),
                        "--data-format=LEI16@22050".to_owned(),
                    ];
                    if let Some(v) = &options.voice {
                        a.extend(["-v".to_owned(), v.clone()]);
                    }
                    a.extend(["--".to_owned(), text.to_owned()]);
                    a
                } else {
                    // SAPI's rate runs -10..10 around about 180 words a minute
                    let sapi_rate = ((i64::from(rate) - 180) / 12).clamp(-10, 10);
                    let quoted = |s: &str| format!("'{}'", s.replace('\'', "''"));
                    let script = format!(
                        "Add-Type -AssemblyName System.Speech; \
                         $s = New-Object System.Speech.Synthesis.SpeechSynthesizer; \
                         $s.Rate = {sapi_rate}; $s.SetOutputToWaveFile({}); $s.Speak({}); $s.Dispose()",
                        quoted(&file_arg),
                        quoted(text)
                    );
                    vec!["-NoProfile".to_owned(), "-Command".to_owned(), script]
                };
                self.run(&args, "")?;
                let read = std::fs::read(&file);
                let _ = std::fs::remove_file(&file);
                let bytes = read.map_err(|e| VoiceError::Engine(format!("{file_arg}: {e}")))?;
                parse_wav(&bytes)?
            }
        };
        Ok(speech.with_volume(options.volume))
    }
}

/// espeak-ng's `--voices` table: one voice per language, MBROLA voices (a separate
/// download) left out.
fn parse_espeak_voices(table: &str) -> Vec<Voice> {
    let mut voices: Vec<Voice> = Vec::new();
    for line in table.lines().skip(1) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 5 || cols[4].starts_with("mb/") {
            continue;
        }
        let id = cols[1].to_owned();
        if voices.iter().any(|v| v.id == id) {
            continue;
        }
        voices.push(Voice {
            name: format!("{} ({id})", cols[3].replace('_', " ")),
            id,
        });
    }
    voices
}

/// A WAV file's samples, mixed down to mono. Streams written to a pipe give no data
/// length (espeak-ng writes 0x7fffffff), so the data runs to the end of the bytes.
pub fn parse_wav(bytes: &[u8]) -> Result<Speech, VoiceError> {
    let bad = |m: &str| {
        VoiceError::Engine(format!(
            "the voice's sound is not a WAV file Panelist can read: {m}"
        ))
    };
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WAVE" {
        return Err(bad("no RIFF/WAVE header"));
    }
    let mut at = 12;
    let mut format: Option<(u16, u16, u32, u16)> = None;
    while at + 8 <= bytes.len() {
        let id = &bytes[at..at + 4];
        let len = u32::from_le_bytes([bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]]) as usize;
        let body = at + 8;
        if id == b"fmt " {
            let f = bytes.get(body..body + 16).ok_or_else(|| bad("short fmt chunk"))?;
            let u16_at = |i: usize| u16::from_le_bytes([f[i], f[i + 1]]);
            let rate = u32::from_le_bytes([f[4], f[5], f[6], f[7]]);
            format = Some((u16_at(0), u16_at(2), rate, u16_at(14)));
        } else if id == b"data" {
            let (tag, channels, sample_rate, bits) = format.ok_or_else(|| bad("data before fmt"))?;
            if tag != 1 || bits != 16 || channels == 0 {
                return Err(bad(&format!("format {tag}, {bits} bits, {channels} channels")));
            }
            let end = body.saturating_add(len).min(bytes.len());
            let data = &bytes[body..end];
            let channels = usize::from(channels);
            let samples = data
                .chunks_exact(2 * channels)
                .map(|frame| {
                    let sum: i32 = frame
                        .chunks_exact(2)
                        .map(|b| i32::from(i16::from_le_bytes([b[0], b[1]])))
                        .sum();
                    crate::audio::from_int(sum / channels as i32, 16)
                })
                .collect();
            return Ok(Speech { samples, sample_rate });
        }
        at = body.saturating_add(len + (len & 1));
    }
    Err(bad("no data chunk"))
}

/// A speech engine for tests: records what it is asked to say and answers with a short
/// tone, one 100 ms beat a word; it can be held, so a test sees the clock wait for it.
#[cfg(any(test, feature = "test-support"))]
#[derive(Clone, Default)]
pub struct FakeEngine {
    shared: std::sync::Arc<FakeShared>,
}

#[cfg(any(test, feature = "test-support"))]
#[derive(Default)]
struct FakeShared {
    said: std::sync::Mutex<Vec<String>>,
    held: std::sync::Mutex<bool>,
    released: std::sync::Condvar,
}

#[cfg(any(test, feature = "test-support"))]
impl FakeEngine {
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything asked for so far, in order.
    pub fn said(&self) -> Vec<String> {
        self.shared.said.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// While held, speaking blocks after recording the text, until [`release`](Self::release).
    pub fn hold(&self) {
        if let Ok(mut h) = self.shared.held.lock() {
            *h = true;
        }
    }

    pub fn release(&self) {
        if let Ok(mut h) = self.shared.held.lock() {
            *h = false;
        }
        self.shared.released.notify_all();
    }

    /// Waits (up to ten seconds) until `n` texts have been asked for.
    pub fn wait_for(&self, n: usize) -> Vec<String> {
        for _ in 0..1000 {
            let said = self.said();
            if said.len() >= n {
                return said;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        self.said()
    }
}

#[cfg(any(test, feature = "test-support"))]
impl SpeechEngine for FakeEngine {
    fn name(&self) -> String {
        "fake voice".to_owned()
    }

    fn voices(&self) -> Result<Vec<Voice>, VoiceError> {
        Ok(vec![
            Voice {
                id: "fake-a".into(),
                name: "Fake A".into(),
            },
            Voice {
                id: "fake-b".into(),
                name: "Fake B".into(),
            },
        ])
    }

    fn synthesise(&self, text: &str, options: &VoiceOptions) -> Result<Speech, VoiceError> {
        if let Ok(mut said) = self.shared.said.lock() {
            said.push(text.to_owned());
        }
        if let Ok(mut held) = self.shared.held.lock() {
            while *held {
                held = match self.shared.released.wait(held) {
                    Ok(h) => h,
                    Err(_) => break,
                };
            }
        }
        let words = text.split_whitespace().count();
        let samples = (0..words * 1600).map(|i| (i as f32 * 0.05).sin() * 0.5).collect();
        Ok(Speech {
            samples,
            sample_rate: 16_000,
        }
        .with_volume(options.volume))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wav_round_trips_and_streamed_lengths_are_read_to_the_end() {
        let speech = Speech {
            samples: vec![0.0, 0.5, -0.5, 0.25],
            sample_rate: 22_050,
        };
        let mut bytes = speech.to_wav().expect("writes");
        let back = parse_wav(&bytes).expect("reads");
        assert_eq!(back.sample_rate, 22_050);
        assert_eq!(back.samples.len(), 4);
        assert!((back.samples[1] - 0.5).abs() < 1e-3);
        // a pipe's header: data length unknown
        let data = bytes.windows(4).position(|w| w == b"data").expect("data chunk");
        bytes[data + 4..data + 8].copy_from_slice(&0x7fff_ffffu32.to_le_bytes());
        assert_eq!(parse_wav(&bytes).expect("reads").samples.len(), 4);
        assert!(parse_wav(b"not a wav").is_err());
    }

    #[test]
    fn volume_scales_and_is_clamped() {
        let s = Speech {
            samples: vec![1.0, -0.5],
            sample_rate: 8000,
        };
        assert_eq!(s.clone().with_volume(0.5).samples, vec![0.5, -0.25]);
        assert_eq!(s.clone().with_volume(3.0).samples, vec![1.0, -0.5]);
        assert_eq!(s.with_volume(f32::NAN).samples, vec![1.0, -0.5]);
    }

    #[test]
    fn espeak_voice_table_is_read_one_voice_a_language() {
        let table = "Pty Language       Age/Gender VoiceName          File                 Other Languages\n \
             2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)\n \
             5  en-us           --/M      us-mbrola-2        mb/mb-us2            (en 7)\n \
             2  en-us           --/M      English_(America)  gmw/en-US            (en 3)\n \
             2  en-us           --/M      English_(America)  gmw/en-US            (en 3)\n";
        let voices = parse_espeak_voices(table);
        assert_eq!(
            voices,
            vec![
                Voice {
                    id: "en-gb".into(),
                    name: "English (Great Britain) (en-gb)".into()
                },
                Voice {
                    id: "en-us".into(),
                    name: "English (America) (en-us)".into()
                },
            ]
        );
    }

    #[test]
    fn the_fake_engine_records_what_it_says() {
        let fake = FakeEngine::new();
        let s = fake
            .synthesise("two words", &VoiceOptions::default())
            .expect("speaks");
        assert_eq!(s.duration_ms(), 200);
        assert_eq!(fake.said(), vec!["two words".to_owned()]);
    }
}

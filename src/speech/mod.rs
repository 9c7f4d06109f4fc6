//! Transcription on the machine: Whisper (CTranslate2 model files) run by candle on
//! the CPU, word timings from cross-attention, and delivery metrics.
//!
//! Everything here is plain blocking code; the app runs it in a background job.

pub mod analysis;
pub mod audio;
pub mod ct2;
pub mod decode;
pub mod download;
pub mod hints;
pub mod mel;
pub mod metrics;
pub mod models;
pub mod report;
pub mod tokens;
pub mod whisper;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

pub use metrics::DeliveryMetrics;
pub use models::{InstalledModel, installed_models};

/// One recognised word and when it was said (ms from the start of the audio).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Word {
    pub text: String,
    pub start_ms: u64,
    pub end_ms: u64,
}

/// What the machine heard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transcript {
    pub words: Vec<Word>,
    pub text: String,
    /// The model's folder name, e.g. `whisper-tiny`.
    pub model: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{} is not a folder with a Whisper model (model.bin, config.json, vocabulary.txt)", .0.display())]
    NotAModel(PathBuf),
    #[error(transparent)]
    Ct2(#[from] ct2::Ct2Error),
    #[error("{}: {source}", path.display())]
    Map {
        path: PathBuf,
        source: whisper::MapError,
    },
    #[error("{}: {reason}", path.display())]
    Config { path: PathBuf, reason: String },
    #[error(transparent)]
    Vocabulary(#[from] tokens::VocabularyError),
}

#[derive(Debug, thiserror::Error)]
pub enum TranscribeError {
    #[error("transcription cancelled")]
    Cancelled,
    #[error("the speech model failed: {0}")]
    Engine(#[from] candle_core::Error),
}

#[derive(Deserialize)]
struct ConfigFile {
    #[serde(default)]
    alignment_heads: Vec<(usize, usize)>,
    #[serde(default)]
    suppress_ids: Vec<u32>,
    #[serde(default)]
    suppress_ids_begin: Vec<u32>,
}

/// A loaded Whisper model, ready to transcribe.
pub struct Transcriber {
    model: whisper::Whisper,
    vocab: tokens::Vocabulary,
    config: decode::DecodeConfig,
    name: String,
}

impl Transcriber {
    /// Loads `model.bin`, `config.json` and `vocabulary.txt` from `model_dir`.
    pub fn load(model_dir: &Path) -> Result<Self, ModelError> {
        let bin = model_dir.join("model.bin");
        let vocab_path = model_dir.join("vocabulary.txt");
        let config_path = model_dir.join("config.json");
        if !bin.is_file() || !vocab_path.is_file() {
            return Err(ModelError::NotAModel(model_dir.to_path_buf()));
        }
        let config: ConfigFile = match std::fs::read_to_string(&config_path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| ModelError::Config {
                path: config_path.clone(),
                reason: format!("line {} column {}: {e}", e.line(), e.column()),
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ConfigFile {
                alignment_heads: Vec::new(),
                suppress_ids: Vec::new(),
                suppress_ids_begin: Vec::new(),
            },
            Err(e) => {
                return Err(ModelError::Config {
                    path: config_path,
                    reason: e.to_string(),
                });
            }
        };
        let vocab = tokens::Vocabulary::read(&vocab_path)?;
        let file = ct2::Ct2Model::read(&bin)?;
        let model = whisper::Whisper::from_ct2(&file).map_err(|source| ModelError::Map {
            path: bin.clone(),
            source,
        })?;
        drop(file);
        if model.dims.n_vocab < vocab.len().min(vocab.timestamp_begin as usize + 1) {
            return Err(ModelError::Map {
                path: bin,
                source: whisper::MapError::Shape {
                    name: "decoder/embeddings/weight".into(),
                    found: vec![model.dims.n_vocab],
                    expected: vec![vocab.len()],
                },
            });
        }
        let heads = model.dims.n_heads;
        let layers = model.dims.decoder_layers;
        let alignment_heads = config
            .alignment_heads
            .into_iter()
            .filter(|&(l, h)| l < layers && h < heads)
            .collect();
        let name = model_dir
            .file_name()
            .map_or_else(|| "whisper".to_owned(), |n| n.to_string_lossy().into_owned());
        Ok(Self {
            model,
            vocab,
            config: decode::DecodeConfig {
                suppress_ids: config.suppress_ids,
                suppress_ids_begin: config.suppress_ids_begin,
                alignment_heads,
            },
            name,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn multilingual(&self) -> bool {
        self.vocab.multilingual
    }

    /// Transcribes 16 kHz mono audio (English). `progress` gets 0.0–1.0 after each
    /// 30-second window; setting `cancel` stops at the next window or token batch.
    pub fn transcribe(
        &self,
        samples_16k: &[f32],
        progress: &dyn Fn(f32),
        cancel: &AtomicBool,
    ) -> Result<Transcript, TranscribeError> {
        let n_mels = self.model.dims.n_mels;
        let (mel, frames) = decode::padded_mel(samples_16k, n_mels);
        let content = decode::content_frames(samples_16k.len());
        let decoder = decode::Decoder {
            model: &self.model,
            vocab: &self.vocab,
            config: &self.config,
        };
        let mut words: Vec<Word> = Vec::new();
        let mut seek = 0;
        progress(0.0);
        while seek < content {
            if cancel.load(Ordering::Relaxed) {
                return Err(TranscribeError::Cancelled);
            }
            let span = (content - seek).min(decode::WINDOW);
            let offset_ms = (seek * mel::HOP * 1000 / mel::SAMPLE_RATE) as u64;
            if decode::is_silent(samples_16k, seek * mel::HOP, span * mel::HOP) {
                seek += span;
            } else {
                let window = mel::window(&mel, frames, n_mels, seek, 0.0);
                match decoder.window(&window, span)? {
                    Some(w) => {
                        words.extend(w.words.into_iter().map(|word| Word {
                            start_ms: word.start_ms + offset_ms,
                            end_ms: word.end_ms + offset_ms,
                            text: word.text,
                        }));
                        seek += w.seek_frames;
                    }
                    None => seek += span,
                }
            }
            progress((seek.min(content) as f32 / content.max(1) as f32).min(1.0));
        }
        words.retain(|w| !w.text.is_empty());
        let text = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Ok(Transcript {
            words,
            text,
            model: self.name.clone(),
        })
    }
}

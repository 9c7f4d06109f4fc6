//! Greedy decoding over 30-second windows with timestamp tokens, and word timings
//! from the cross-attention of the alignment heads aligned by dynamic time warping
//! (the method of OpenAI's Whisper `timing.py`, which faster-whisper also uses).

use candle_core::Tensor;

use super::mel::{self, HOP, SAMPLE_RATE, WINDOW_FRAMES};
use super::tokens::Vocabulary;
use super::whisper::{CResult, Whisper};
use super::{Word, metrics};

/// Options read from the model's `config.json`.
#[derive(Debug, Clone, Default)]
pub struct DecodeConfig {
    pub suppress_ids: Vec<u32>,
    pub suppress_ids_begin: Vec<u32>,
    pub alignment_heads: Vec<(usize, usize)>,
}

/// Seconds per timestamp token.
const TIME_PRECISION: f64 = 0.02;
/// Encoder frames (after the stride-2 convolution) per second.
const TOKENS_PER_SECOND: f64 = 50.0;
/// The first timestamp may not exceed this (seconds), as in Whisper.
const MAX_INITIAL_TIMESTAMP: f64 = 1.0;
const MAX_NEW_TOKENS: usize = 224;

pub struct Window {
    pub tokens: Vec<u32>,
    pub seek_frames: usize,
    pub words: Vec<Word>,
}

pub struct Decoder<'a> {
    pub model: &'a Whisper,
    pub vocab: &'a Vocabulary,
    pub config: &'a DecodeConfig,
}

/// A run of `len` tokens repeated at the end of `tokens`, if any: the index where
/// the repetition starts (one copy kept).
fn repetition_cut(tokens: &[u32]) -> Option<usize> {
    for len in 1..=24 {
        let need = if len == 1 {
            8
        } else if len <= 4 {
            5
        } else {
            3
        };
        if tokens.len() < len * need {
            continue;
        }
        let tail = &tokens[tokens.len() - len..];
        let mut reps = 1;
        while reps * len + len <= tokens.len() {
            let start = tokens.len() - (reps + 1) * len;
            if &tokens[start..start + len] != tail {
                break;
            }
            reps += 1;
        }
        if reps >= need {
            return Some(tokens.len() - (reps - 1) * len);
        }
    }
    None
}

fn log_softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = logits.iter().map(|l| (l - max).exp()).sum();
    let lse = max + sum.ln();
    logits.iter().map(|l| l - lse).collect()
}

impl Decoder<'_> {
    fn prompt(&self) -> Vec<u32> {
        let mut p = vec![self.vocab.sot];
        if self.vocab.multilingual
            && let Some(en) = self.vocab.english
        {
            p.push(en);
            p.push(self.vocab.transcribe);
        }
        p
    }

    /// Applies the suppression and timestamp rules to `logits` for the next token.
    fn filter(&self, logits: &mut [f32], sampled: &[u32]) {
        let ts = self.vocab.timestamp_begin as usize;
        let eot = self.vocab.eot as usize;
        let n = logits.len();
        let neg = f32::NEG_INFINITY;
        for &id in &self.config.suppress_ids {
            if let Some(l) = logits.get_mut(id as usize) {
                *l = neg;
            }
        }
        // special tokens other than end-of-text never appear in the text
        for l in logits.iter_mut().take(ts.min(n)).skip(eot + 1) {
            *l = neg;
        }
        if sampled.is_empty() {
            for &id in &self.config.suppress_ids_begin {
                if let Some(l) = logits.get_mut(id as usize) {
                    *l = neg;
                }
            }
        }
        let is_ts = |t: u32| t as usize >= ts;
        let last_ts = sampled.last().is_some_and(|&t| is_ts(t));
        let penult_ts = sampled.len() < 2 || is_ts(sampled[sampled.len() - 2]);
        if last_ts {
            if penult_ts {
                logits[ts.min(n)..].fill(neg);
            } else {
                logits[..eot].fill(neg);
            }
        }
        if let Some(&last) = sampled.iter().rev().find(|&&t| is_ts(t)) {
            let upto = if last_ts && !penult_ts { last } else { last + 1 } as usize;
            logits[ts.min(n)..upto.min(n)].fill(neg);
        }
        if sampled.is_empty() {
            logits[..ts.min(n)].fill(neg);
            let max_initial = ts + (MAX_INITIAL_TIMESTAMP / TIME_PRECISION).round() as usize;
            if max_initial + 1 < n {
                logits[max_initial + 1..].fill(neg);
            }
        }
        // if timestamps together are likelier than any single text token, take one
        let lp = log_softmax(logits);
        if ts < n {
            let ts_max = lp[ts..].iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let ts_sum = ts_max + lp[ts..].iter().map(|l| (l - ts_max).exp()).sum::<f32>().ln();
            let text_max = lp[..ts].iter().copied().fold(f32::NEG_INFINITY, f32::max);
            if ts_sum > text_max {
                logits[..ts].fill(neg);
            }
        }
    }

    /// Decodes one window of mel frames starting at `seek`; `content` is the number
    /// of frames of real audio from `seek` (at most `WINDOW_FRAMES`).
    pub fn window(&self, mel_window: &[f32], content: usize) -> CResult<Option<Window>> {
        let audio = self.model.encode(mel_window)?;
        let mut state = self.model.start(&audio)?;
        let prompt = self.prompt();
        let (first, _) = self.model.decode(&mut state, &prompt[..1], None)?;
        let no_speech = self
            .vocab
            .no_speech
            .and_then(|id| log_softmax(&first).get(id as usize).map(|l| l.exp()))
            .unwrap_or(0.0);
        let mut logits = if prompt.len() > 1 {
            self.model.decode(&mut state, &prompt[1..], None)?.0
        } else {
            first
        };
        let mut sampled: Vec<u32> = Vec::new();
        let mut sum_logprob = 0.0f64;
        let max_new = MAX_NEW_TOKENS.min(self.model.dims.n_text_ctx.saturating_sub(prompt.len() + 1));
        let mut looped = false;
        for _ in 0..max_new {
            self.filter(&mut logits, &sampled);
            let lp = log_softmax(&logits);
            let (best, best_lp) =
                lp.iter().enumerate().fold(
                    (0usize, f32::NEG_INFINITY),
                    |acc, (i, &l)| if l > acc.1 { (i, l) } else { acc },
                );
            let token = best as u32;
            sum_logprob += f64::from(best_lp);
            if token == self.vocab.eot {
                break;
            }
            sampled.push(token);
            if let Some(cut) = repetition_cut(&sampled) {
                sampled.truncate(cut);
                looped = true;
                break;
            }
            logits = self.model.decode(&mut state, &[token], None)?.0;
        }
        let avg_logprob = sum_logprob / (sampled.len() + 1) as f64;
        if no_speech > 0.6 && avg_logprob < -1.0 {
            return Ok(None);
        }
        let ts = self.vocab.timestamp_begin;
        let is_ts = |t: u32| t >= ts;
        let single_ending = !looped
            && sampled.len() >= 2
            && !is_ts(sampled[sampled.len() - 2])
            && is_ts(sampled[sampled.len() - 1]);
        let last_pair_end = sampled
            .windows(2)
            .rposition(|w| is_ts(w[0]) && is_ts(w[1]))
            .map(|i| sampled[i + 1] - ts);
        let seek_frames = match (single_ending || looped, last_pair_end) {
            (false, Some(pos)) if pos > 0 => {
                ((pos as f64 * TIME_PRECISION * 100.0).round() as usize).min(content)
            }
            _ => content,
        };
        let text: Vec<u32> = sampled.iter().copied().filter(|&t| t < self.vocab.eot).collect();
        // the words must end before the window's next start
        let words = if text.is_empty() {
            Vec::new()
        } else {
            self.align(&audio, &text, seek_frames)?
        };
        Ok(Some(Window {
            tokens: sampled,
            seek_frames: seek_frames.max(1),
            words,
        }))
    }

    /// Word timings (ms from the window's start) by DTW over the alignment heads'
    /// cross-attention, limited to the first `frames` mel frames.
    fn align(&self, audio: &Tensor, text: &[u32], frames: usize) -> CResult<Vec<Word>> {
        let words = split_words(self.vocab, text);
        if self.config.alignment_heads.is_empty() {
            return Ok(interpolate(words, frames));
        }
        let mut state = self.model.start(audio)?;
        let mut tokens = self.prompt();
        let sot_len = tokens.len();
        tokens.push(self.vocab.no_timestamps);
        tokens.extend_from_slice(text);
        tokens.push(self.vocab.eot);
        let (_, weights) = self
            .model
            .decode(&mut state, &tokens, Some(&self.config.alignment_heads))?;
        let Some(weights) = weights else {
            return Ok(interpolate(words, frames));
        };
        let audio_frames = (frames / 2).max(1).min(weights.dim(2)?);
        let w: Vec<Vec<Vec<f32>>> = weights.narrow(2, 0, audio_frames)?.to_vec3()?;
        let rows = text.len() + 1;
        let matrix = attention_matrix(&w, sot_len, rows, audio_frames);
        let (text_idx, time_idx) = dtw(&matrix, rows, audio_frames);
        // the time at which each token row is first reached
        let mut jump_times = Vec::with_capacity(rows);
        for (k, (&ti, &tj)) in text_idx.iter().zip(&time_idx).enumerate() {
            if k == 0 || ti != text_idx[k - 1] {
                jump_times.push(tj as f64 / TOKENS_PER_SECOND);
            }
        }
        let limit = frames as f64 * HOP as f64 / SAMPLE_RATE as f64;
        let mut out = Vec::with_capacity(words.len());
        let mut boundary = 0;
        for (text, count) in words {
            let start = jump_times.get(boundary).copied().unwrap_or(limit);
            boundary += count;
            let end = jump_times.get(boundary).copied().unwrap_or(limit);
            let start = start.min(limit);
            let end = end.clamp(start, limit);
            out.push(Word {
                text,
                start_ms: (start * 1000.0).round() as u64,
                end_ms: (end * 1000.0).round() as u64,
            });
        }
        Ok(out)
    }
}

/// Text tokens grouped into words: a new word starts at a token beginning with a
/// space; punctuation stays with the word before it. Returns (text, token count).
pub fn split_words(vocab: &Vocabulary, text: &[u32]) -> Vec<(String, usize)> {
    let mut words: Vec<(Vec<u8>, usize)> = Vec::new();
    for &t in text {
        let b = vocab.token_bytes(t);
        let starts_word = b.first().is_some_and(|c| *c == b' ');
        match words.last_mut() {
            Some(last) if !starts_word => {
                last.0.extend_from_slice(b);
                last.1 += 1;
            }
            _ => words.push((b.to_vec(), 1)),
        }
    }
    words
        .into_iter()
        .map(|(b, n)| (String::from_utf8_lossy(&b).trim().to_owned(), n))
        .collect()
}

/// Fallback when a model has no alignment heads: words spread evenly by their
/// length over the window's speech. Approximate, and said so in docs/transcription.md.
fn interpolate(words: Vec<(String, usize)>, frames: usize) -> Vec<Word> {
    let total_ms = (frames * HOP * 1000 / SAMPLE_RATE) as f64;
    let chars: usize = words.iter().map(|(w, _)| w.len().max(1)).sum();
    let mut at = 0.0f64;
    words
        .into_iter()
        .map(|(text, _)| {
            let len = total_ms * text.len().max(1) as f64 / chars.max(1) as f64;
            let w = Word {
                start_ms: at.round() as u64,
                end_ms: (at + len).round() as u64,
                text,
            };
            at += len;
            w
        })
        .collect()
}

/// Mean over heads of the attention weights, renormalised over the speech frames,
/// standardised over tokens and median-filtered over time, for the rows from the
/// no-timestamps token to the last text token.
fn attention_matrix(w: &[Vec<Vec<f32>>], first_row: usize, rows: usize, frames: usize) -> Vec<f32> {
    let mut matrix = vec![0f32; rows * frames];
    for head in w {
        let n_tokens = head.len();
        // renormalise each token's weights over the kept frames
        let norm: Vec<Vec<f32>> = head
            .iter()
            .map(|row| {
                let s: f32 = row.iter().sum::<f32>().max(1e-12);
                row.iter().map(|v| v / s).collect()
            })
            .collect();
        let mut z = vec![0f32; n_tokens * frames];
        for f in 0..frames {
            let mean = norm.iter().map(|r| r[f]).sum::<f32>() / n_tokens as f32;
            let var = norm.iter().map(|r| (r[f] - mean).powi(2)).sum::<f32>()
                / (n_tokens.saturating_sub(1).max(1)) as f32;
            let std = var.sqrt().max(1e-8);
            for (t, r) in norm.iter().enumerate() {
                z[t * frames + f] = (r[f] - mean) / std;
            }
        }
        for r in 0..rows {
            let t = first_row + r;
            if t >= n_tokens {
                break;
            }
            let row = &z[t * frames..(t + 1) * frames];
            let filtered = median_filter(row, 7);
            for (m, v) in matrix[r * frames..(r + 1) * frames].iter_mut().zip(filtered) {
                *m += v / w.len() as f32;
            }
        }
    }
    matrix
}

fn median_filter(row: &[f32], width: usize) -> Vec<f32> {
    let half = width / 2;
    let n = row.len();
    if n <= half {
        return row.to_vec();
    }
    // reflect at the edges, as Whisper does
    let at = |i: isize| -> f32 {
        let mut j = i;
        if j < 0 {
            j = -j;
        }
        if j >= n as isize {
            j = 2 * (n as isize - 1) - j;
        }
        row[j.clamp(0, n as isize - 1) as usize]
    };
    let mut window = vec![0f32; width];
    (0..n)
        .map(|i| {
            for (k, w) in window.iter_mut().enumerate() {
                *w = at(i as isize + k as isize - half as isize);
            }
            window.sort_by(f32::total_cmp);
            window[half]
        })
        .collect()
}

/// Dynamic time warping on the negated matrix (`rows` × `cols`): the monotonic path
/// of highest attention from the first token and frame to the last.
pub fn dtw(matrix: &[f32], rows: usize, cols: usize) -> (Vec<usize>, Vec<usize>) {
    let w = cols + 1;
    let mut cost = vec![f32::INFINITY; (rows + 1) * w];
    let mut trace = vec![0u8; (rows + 1) * w];
    cost[0] = 0.0;
    for j in 1..=cols {
        for i in 1..=rows {
            let c0 = cost[(i - 1) * w + j - 1];
            let c1 = cost[(i - 1) * w + j];
            let c2 = cost[i * w + j - 1];
            let (c, t) = if c0 < c1 && c0 < c2 {
                (c0, 0)
            } else if c1 < c0 && c1 < c2 {
                (c1, 1)
            } else {
                (c2, 2)
            };
            cost[i * w + j] = -matrix[(i - 1) * cols + j - 1] + c;
            trace[i * w + j] = t;
        }
    }
    let (mut i, mut j) = (rows, cols);
    let mut text = Vec::new();
    let mut time = Vec::new();
    while i > 0 || j > 0 {
        text.push(i.saturating_sub(1));
        time.push(j.saturating_sub(1));
        let t = if i == 0 {
            2
        } else if j == 0 {
            1
        } else {
            trace[i * w + j]
        };
        match t {
            0 => {
                i -= 1;
                j -= 1;
            }
            1 => i -= 1,
            _ => j -= 1,
        }
    }
    text.reverse();
    time.reverse();
    (text, time)
}

/// Whether the 30 s of audio from `start` holds nothing louder than silence.
pub fn is_silent(samples: &[f32], start: usize, len: usize) -> bool {
    let end = (start + len).min(samples.len());
    let slice = samples.get(start..end).unwrap_or(&[]);
    metrics::frame_rms(slice).into_iter().all(|r| r < 1e-3)
}

/// Mel frames of real audio.
pub fn content_frames(samples: usize) -> usize {
    samples / HOP
}

/// Log-mel of the samples followed by a window of silence, so the last window is full.
pub fn padded_mel(samples: &[f32], n_mels: usize) -> (Vec<f32>, usize) {
    let mut padded = Vec::with_capacity(samples.len() + mel::WINDOW_SAMPLES);
    padded.extend_from_slice(samples);
    padded.resize(samples.len() + mel::WINDOW_SAMPLES, 0.0);
    mel::log_mel(&padded, n_mels)
}

pub const WINDOW: usize = WINDOW_FRAMES;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repetition_is_cut_to_one_copy() {
        let mut t = vec![1, 2, 3];
        for _ in 0..4 {
            t.extend_from_slice(&[7, 8, 9, 10]);
        }
        assert_eq!(repetition_cut(&t), None);
        t.extend_from_slice(&[7, 8, 9, 10]);
        assert_eq!(repetition_cut(&t), Some(7));
        assert_eq!(repetition_cut(&[5; 8]), Some(1));
        assert_eq!(repetition_cut(&[5; 7]), None);
    }

    #[test]
    fn dtw_follows_a_diagonal() {
        // 3 tokens over 6 frames: token k attends to frames 2k and 2k+1
        let rows = 3;
        let cols = 6;
        let mut m = vec![-1f32; rows * cols];
        for r in 0..rows {
            m[r * cols + 2 * r] = 1.0;
            m[r * cols + 2 * r + 1] = 1.0;
        }
        let (text, time) = dtw(&m, rows, cols);
        assert_eq!((text[0], time[0]), (0, 0));
        assert_eq!((text[text.len() - 1], time[time.len() - 1]), (2, 5));
        // monotonic steps of at most one in each direction
        for k in 1..text.len() {
            assert!(text[k] - text[k - 1] <= 1 && time[k] - time[k - 1] <= 1);
        }
        // each token is first reached on its first frame
        let first = |row: usize| time[text.iter().position(|&t| t == row).expect("reached")];
        assert_eq!((first(0), first(1), first(2)), (0, 2, 4));
    }

    #[test]
    fn median_filter_removes_a_spike() {
        let row = [0.0, 0.0, 0.0, 9.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0];
        let f = median_filter(&row, 3);
        assert_eq!(f[3], 0.0);
        assert_eq!(f[8], 1.0);
    }

    #[test]
    fn interpolation_spreads_words_by_length() {
        let w = interpolate(vec![("ab".into(), 1), ("abcdef".into(), 2)], 800);
        assert_eq!(w[0].start_ms, 0);
        assert_eq!(w[0].end_ms, 2000);
        assert_eq!(w[1].end_ms, 8000);
    }
}

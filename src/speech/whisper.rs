//! Whisper's encoder and decoder on candle, built from a CTranslate2 `WhisperSpec`.
//!
//! CTranslate2 names (its `whisper_spec.py` and `converters/transformers.py`):
//! `encoder/conv{1,2}`, `encoder/position_encodings/encodings`, per layer
//! `self_attention/{layer_norm, linear_0 (fused q,k,v), linear_1 (out)}` and
//! `ffn/{layer_norm, linear_0, linear_1}`; decoder layers add
//! `attention/{layer_norm, linear_0 (q), linear_1 (fused k,v), linear_2 (out)}` for
//! the cross-attention; `decoder/embeddings/weight` doubles as the output projection.
//! All layers are pre-norm with GELU, as in OpenAI's Whisper.

use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{Conv1d, Conv1dConfig, LayerNorm, Linear};

use super::ct2::Ct2Model;

pub type CResult<T> = candle_core::Result<T>;

/// What went wrong mapping a `model.bin` onto Whisper.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("the model has no variable {0}")]
    Missing(String),
    #[error("variable {name} has shape {found:?}, expected {expected:?}")]
    Shape {
        name: String,
        found: Vec<usize>,
        expected: Vec<usize>,
    },
    #[error("the model is a {0}, not a Whisper model")]
    Spec(String),
    #[error("tensor error: {0}")]
    Tensor(#[from] candle_core::Error),
}

pub struct Dims {
    pub n_state: usize,
    pub n_heads: usize,
    pub n_vocab: usize,
    pub n_text_ctx: usize,
    pub n_audio_ctx: usize,
    pub n_mels: usize,
    pub encoder_layers: usize,
    pub decoder_layers: usize,
}

struct Loader<'a> {
    m: &'a Ct2Model,
    device: Device,
}

impl Loader<'_> {
    fn tensor(&self, name: &str, expected: Option<&[usize]>) -> Result<Tensor, MapError> {
        let v = self
            .m
            .get(name)
            .ok_or_else(|| MapError::Missing(name.to_owned()))?;
        if let Some(exp) = expected
            && v.shape != exp
        {
            return Err(MapError::Shape {
                name: name.to_owned(),
                found: v.shape.clone(),
                expected: exp.to_vec(),
            });
        }
        Ok(Tensor::from_vec(v.to_f32(), v.shape.as_slice(), &self.device)?)
    }

    fn linear(&self, prefix: &str, out: usize, inp: usize, bias: bool) -> Result<Linear, MapError> {
        let w = self.tensor(&format!("{prefix}/weight"), Some(&[out, inp]))?;
        let b = if bias {
            Some(self.tensor(&format!("{prefix}/bias"), Some(&[out]))?)
        } else {
            None
        };
        Ok(Linear::new(w, b))
    }

    fn norm(&self, prefix: &str, n: usize) -> Result<LayerNorm, MapError> {
        let g = self.tensor(&format!("{prefix}/gamma"), Some(&[n]))?;
        let b = self.tensor(&format!("{prefix}/beta"), Some(&[n]))?;
        Ok(LayerNorm::new(g, b, 1e-5))
    }

    fn count_layers(&self, prefix: &str) -> usize {
        (0..)
            .take_while(|i| {
                self.m
                    .get(&format!("{prefix}/layer_{i}/ffn/linear_0/weight"))
                    .is_some()
            })
            .count()
    }
}

struct Mlp {
    ln: LayerNorm,
    fc1: Linear,
    fc2: Linear,
}

impl Mlp {
    fn load(l: &Loader, prefix: &str, d: usize) -> Result<Self, MapError> {
        Ok(Self {
            ln: l.norm(&format!("{prefix}/layer_norm"), d)?,
            fc1: l.linear(&format!("{prefix}/linear_0"), 4 * d, d, true)?,
            fc2: l.linear(&format!("{prefix}/linear_1"), d, 4 * d, true)?,
        })
    }

    fn forward(&self, x: &Tensor) -> CResult<Tensor> {
        let h = self
            .fc2
            .forward(&self.fc1.forward(&self.ln.forward(x)?)?.gelu_erf()?)?;
        x + h
    }
}

/// Scaled dot-product attention over `[1, T, D]` tensors split into heads.
/// Returns the output and, when asked, the attention weights `[heads, Tq, Tk]`.
fn attention(
    q: &Tensor,
    k: &Tensor,
    v: &Tensor,
    heads: usize,
    mask: Option<&Tensor>,
    keep_weights: bool,
) -> CResult<(Tensor, Option<Tensor>)> {
    let (b, tq, d) = q.dims3()?;
    let tk = k.dim(1)?;
    let hd = d / heads;
    let split = |t: &Tensor, n: usize| -> CResult<Tensor> {
        t.reshape((b, n, heads, hd))?.transpose(1, 2)?.contiguous()
    };
    let q = (split(q, tq)? * (1.0 / (hd as f64).sqrt()))?;
    let k = split(k, tk)?;
    let v = split(v, tk)?;
    let mut scores = q.matmul(&k.t()?)?;
    if let Some(mask) = mask {
        scores = scores.broadcast_add(mask)?;
    }
    let weights = candle_nn::ops::softmax_last_dim(&scores)?;
    let out = weights.matmul(&v)?.transpose(1, 2)?.reshape((b, tq, d))?;
    let kept = if keep_weights {
        Some(weights.squeeze(0)?)
    } else {
        None
    };
    Ok((out, kept))
}

struct SelfAttention {
    ln: LayerNorm,
    qkv: Linear,
    out: Linear,
}

impl SelfAttention {
    fn load(l: &Loader, prefix: &str, d: usize) -> Result<Self, MapError> {
        Ok(Self {
            ln: l.norm(&format!("{prefix}/layer_norm"), d)?,
            qkv: l.linear(&format!("{prefix}/linear_0"), 3 * d, d, true)?,
            out: l.linear(&format!("{prefix}/linear_1"), d, d, true)?,
        })
    }

    /// `cache` holds this layer's keys and values of earlier positions.
    fn forward(
        &self,
        x: &Tensor,
        heads: usize,
        mask: Option<&Tensor>,
        cache: Option<&mut Option<(Tensor, Tensor)>>,
    ) -> CResult<Tensor> {
        let d = x.dim(2)?;
        let qkv = self.qkv.forward(&self.ln.forward(x)?)?;
        let q = qkv.narrow(2, 0, d)?;
        let mut k = qkv.narrow(2, d, d)?;
        let mut v = qkv.narrow(2, 2 * d, d)?;
        if let Some(cache) = cache {
            if let Some((pk, pv)) = cache.as_ref() {
                k = Tensor::cat(&[pk, &k], 1)?;
                v = Tensor::cat(&[pv, &v], 1)?;
            }
            *cache = Some((k.clone(), v.clone()));
        }
        let (o, _) = attention(&q, &k, &v, heads, mask, false)?;
        x + self.out.forward(&o)?
    }
}

struct CrossAttention {
    ln: LayerNorm,
    q: Linear,
    kv: Linear,
    out: Linear,
}

struct EncoderLayer {
    attn: SelfAttention,
    mlp: Mlp,
}

struct DecoderLayer {
    attn: SelfAttention,
    cross: CrossAttention,
    mlp: Mlp,
}

pub struct Whisper {
    pub dims: Dims,
    device: Device,
    conv1: Conv1d,
    conv2: Conv1d,
    enc_pos: Tensor,
    encoder: Vec<EncoderLayer>,
    enc_ln: LayerNorm,
    embed: Tensor,
    dec_pos: Tensor,
    decoder: Vec<DecoderLayer>,
    dec_ln: LayerNorm,
}

/// Per-window decoder state: cross-attention keys/values and the self-attention cache.
pub struct DecoderState {
    cross_kv: Vec<(Tensor, Tensor)>,
    self_kv: Vec<Option<(Tensor, Tensor)>>,
    pub len: usize,
}

impl Whisper {
    pub fn from_ct2(m: &Ct2Model) -> Result<Self, MapError> {
        if m.spec != "WhisperSpec" {
            return Err(MapError::Spec(m.spec.clone()));
        }
        let l = Loader {
            m,
            device: Device::Cpu,
        };
        let conv1_w = l.tensor("encoder/conv1/weight", None)?;
        let (d, n_mels, _) = conv1_w.dims3()?;
        let heads = m
            .get("encoder/num_heads")
            .and_then(|v| v.scalar_i64())
            .map_or(d / 64, |h| h.max(1) as usize);
        let enc_pos = l.tensor("encoder/position_encodings/encodings", None)?;
        let n_audio_ctx = enc_pos.dim(0)?;
        let embed = l.tensor("decoder/embeddings/weight", None)?;
        let n_vocab = embed.dim(0)?;
        let dec_pos = l.tensor("decoder/position_encodings/encodings", None)?;
        let n_text_ctx = dec_pos.dim(0)?;
        let conv1 = Conv1d::new(
            conv1_w,
            Some(l.tensor("encoder/conv1/bias", Some(&[d]))?),
            Conv1dConfig {
                padding: 1,
                ..Default::default()
            },
        );
        let conv2 = Conv1d::new(
            l.tensor("encoder/conv2/weight", Some(&[d, d, 3]))?,
            Some(l.tensor("encoder/conv2/bias", Some(&[d]))?),
            Conv1dConfig {
                padding: 1,
                stride: 2,
                ..Default::default()
            },
        );
        let encoder_layers = l.count_layers("encoder");
        let decoder_layers = l.count_layers("decoder");
        let mut encoder = Vec::new();
        for i in 0..encoder_layers {
            let p = format!("encoder/layer_{i}");
            encoder.push(EncoderLayer {
                attn: SelfAttention::load(&l, &format!("{p}/self_attention"), d)?,
                mlp: Mlp::load(&l, &format!("{p}/ffn"), d)?,
            });
        }
        let mut decoder = Vec::new();
        for i in 0..decoder_layers {
            let p = format!("decoder/layer_{i}");
            decoder.push(DecoderLayer {
                attn: SelfAttention::load(&l, &format!("{p}/self_attention"), d)?,
                cross: CrossAttention {
                    ln: l.norm(&format!("{p}/attention/layer_norm"), d)?,
                    q: l.linear(&format!("{p}/attention/linear_0"), d, d, true)?,
                    kv: l.linear(&format!("{p}/attention/linear_1"), 2 * d, d, true)?,
                    out: l.linear(&format!("{p}/attention/linear_2"), d, d, true)?,
                },
                mlp: Mlp::load(&l, &format!("{p}/ffn"), d)?,
            });
        }
        Ok(Self {
            dims: Dims {
                n_state: d,
                n_heads: heads,
                n_vocab,
                n_text_ctx,
                n_audio_ctx,
                n_mels,
                encoder_layers,
                decoder_layers,
            },
            conv1,
            conv2,
            enc_pos,
            encoder,
            enc_ln: l.norm("encoder/layer_norm", d)?,
            embed,
            dec_pos,
            decoder,
            dec_ln: l.norm("decoder/layer_norm", d)?,
            device: l.device,
        })
    }

    /// Encodes a `[n_mels, 2 * n_audio_ctx]` log-mel window.
    pub fn encode(&self, mel: &[f32]) -> CResult<Tensor> {
        let frames = 2 * self.dims.n_audio_ctx;
        let x = Tensor::from_slice(mel, (1, self.dims.n_mels, frames), &self.device)?;
        let x = self.conv1.forward(&x)?.gelu_erf()?;
        let x = self.conv2.forward(&x)?.gelu_erf()?;
        let mut x = x.transpose(1, 2)?.broadcast_add(&self.enc_pos)?;
        for layer in &self.encoder {
            x = layer.attn.forward(&x, self.dims.n_heads, None, None)?;
            x = layer.mlp.forward(&x)?;
        }
        self.enc_ln.forward(&x)
    }

    pub fn start(&self, audio: &Tensor) -> CResult<DecoderState> {
        let d = self.dims.n_state;
        let mut cross_kv = Vec::new();
        for layer in &self.decoder {
            let kv = layer.cross.kv.forward(audio)?;
            cross_kv.push((
                kv.narrow(2, 0, d)?.contiguous()?,
                kv.narrow(2, d, d)?.contiguous()?,
            ));
        }
        Ok(DecoderState {
            cross_kv,
            self_kv: vec![None; self.decoder.len()],
            len: 0,
        })
    }

    /// Runs `tokens` after the state's earlier tokens; returns the logits of the last
    /// position and, if `heads` is given, those heads' cross-attention weights
    /// `[heads.len(), tokens.len(), n_audio_ctx]`.
    pub fn decode(
        &self,
        state: &mut DecoderState,
        tokens: &[u32],
        heads: Option<&[(usize, usize)]>,
    ) -> CResult<(Vec<f32>, Option<Tensor>)> {
        let t = tokens.len();
        let offset = state.len;
        let ids = Tensor::from_slice(tokens, (1, t), &self.device)?;
        let mut x = self
            .embed
            .index_select(&ids.flatten_all()?, 0)?
            .unsqueeze(0)?
            .broadcast_add(&self.dec_pos.narrow(0, offset, t)?)?;
        let mask = if t > 1 {
            let total = offset + t;
            let values: Vec<f32> = (0..t)
                .flat_map(|i| (0..total).map(move |j| if j > i + offset { f32::NEG_INFINITY } else { 0.0 }))
                .collect();
            Some(Tensor::from_vec(values, (t, total), &self.device)?)
        } else {
            None
        };
        let mut kept = Vec::new();
        for (i, layer) in self.decoder.iter().enumerate() {
            x = layer
                .attn
                .forward(&x, self.dims.n_heads, mask.as_ref(), Some(&mut state.self_kv[i]))?;
            let q = layer.cross.q.forward(&layer.cross.ln.forward(&x)?)?;
            let (k, v) = &state.cross_kv[i];
            let want = heads.is_some_and(|h| h.iter().any(|&(l, _)| l == i));
            let (o, w) = attention(&q, k, v, self.dims.n_heads, None, want)?;
            if let (Some(w), Some(heads)) = (w, heads) {
                for &(l, h) in heads {
                    if l == i {
                        kept.push(w.get(h)?);
                    }
                }
            }
            x = (x + layer.cross.out.forward(&o)?)?;
            x = layer.mlp.forward(&x)?;
        }
        state.len += t;
        let last = self.dec_ln.forward(&x.narrow(1, t - 1, 1)?)?.squeeze(0)?;
        let logits = last.matmul(&self.embed.t()?)?.squeeze(0)?;
        let weights = if kept.is_empty() {
            None
        } else {
            Some(Tensor::stack(&kept, 0)?)
        };
        Ok((logits.to_dtype(DType::F32)?.to_vec1()?, weights))
    }

    /// Logits of the last position softmaxed, convenience for tests.
    pub fn probabilities(logits: &[f32]) -> Vec<f32> {
        let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let exps: Vec<f32> = logits.iter().map(|l| (l - max).exp()).collect();
        let sum: f32 = exps.iter().sum();
        exps.into_iter().map(|e| e / sum).collect()
    }
}

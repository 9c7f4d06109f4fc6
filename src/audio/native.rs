//! Capture and playback through cpal on macOS and Windows (CoreAudio, WASAPI).
//!
//! The device's own rate is kept (the recording says which); channels are mixed to mono.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};

use super::device::InputDevice;
use super::file_source::mix_to_mono;
use super::{AudioError, AudioSource, Chunk};

fn device_error(e: impl std::fmt::Display) -> AudioError {
    AudioError::Server(e.to_string())
}

fn device_name(device: &cpal::Device) -> String {
    device
        .description()
        .map(|d| d.name().to_owned())
        .unwrap_or_else(|_| "Unnamed input".to_owned())
}

/// The inputs the system offers, the default first.
pub fn input_devices() -> Result<Vec<InputDevice>, AudioError> {
    let host = cpal::default_host();
    let default = host.default_input_device().map(|d| device_name(&d));
    let mut devices: Vec<InputDevice> = host
        .input_devices()
        .map_err(device_error)?
        .map(|d| {
            let name = device_name(&d);
            InputDevice {
                description: name.clone(),
                is_default: default.as_deref() == Some(name.as_str()),
                is_monitor: false,
                name,
            }
        })
        .collect();
    devices.sort_by_key(|d| !d.is_default);
    Ok(devices)
}

type Message = Result<Vec<f32>, String>;

/// The microphone, live, at the device's own rate, mixed to mono.
pub struct MicSource {
    _stream: cpal::Stream,
    chunks: Receiver<Message>,
    sample_rate: u32,
}

impl MicSource {
    /// Opens `device` by name, or the default input with `None`.
    pub fn open(device: Option<&str>) -> Result<Self, AudioError> {
        let host = cpal::default_host();
        let chosen = match device {
            None => host.default_input_device(),
            Some(name) => host
                .input_devices()
                .map_err(device_error)?
                .find(|d| device_name(d) == name),
        }
        .ok_or_else(|| AudioError::NoSuchDevice(device.unwrap_or("default").to_owned()))?;
        let config = chosen.default_input_config().map_err(device_error)?;
        let channels = usize::from(config.channels().max(1));
        let sample_rate = config.sample_rate();
        let (tx, chunks) = mpsc::channel::<Message>();
        let errors = tx.clone();
        let on_error = move |e: cpal::Error| {
            let _ = errors.send(Err(e.to_string()));
        };
        let stream = match config.sample_format() {
            cpal::SampleFormat::F32 => chosen.build_input_stream(
                config.config(),
                move |data: &[f32], _: &cpal::InputCallbackInfo| {
                    let _ = tx.send(Ok(mix_to_mono(data, channels)));
                },
                on_error,
                None,
            ),
            cpal::SampleFormat::I16 => chosen.build_input_stream(
                config.config(),
                move |data: &[i16], _: &cpal::InputCallbackInfo| {
                    let floats: Vec<f32> = data.iter().map(|&s| f32::from(s) / 32768.0).collect();
                    let _ = tx.send(Ok(mix_to_mono(&floats, channels)));
                },
                on_error,
                None,
            ),
            other => {
                return Err(AudioError::Server(format!(
                    "the microphone's sample format {other} is not supported"
                )));
            }
        }
        .map_err(device_error)?;
        stream.play().map_err(device_error)?;
        Ok(Self {
            _stream: stream,
            chunks,
            sample_rate,
        })
    }
}

impl AudioSource for MicSource {
    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn next_chunk(&mut self, out: &mut Vec<f32>, timeout: Duration) -> Result<Chunk, AudioError> {
        let before = out.len();
        let first = match self.chunks.recv_timeout(timeout) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => return Ok(Chunk::Pending),
            Err(RecvTimeoutError::Disconnected) => {
                return Err(AudioError::Disconnected("the microphone stream ended".into()));
            }
        };
        out.extend_from_slice(&first.map_err(AudioError::Disconnected)?);
        while let Ok(more) = self.chunks.try_recv() {
            out.extend_from_slice(&more.map_err(AudioError::Disconnected)?);
        }
        Ok(Chunk::Samples(out.len() - before))
    }
}

/// Plays mono sound pulled from `fill` on the default output.
pub(crate) struct NativeOutput {
    _stream: cpal::Stream,
}

impl NativeOutput {
    pub(crate) fn open(
        sample_rate: u32,
        mut fill: impl FnMut(&mut [f32]) -> usize + Send + 'static,
    ) -> Result<Self, AudioError> {
        let host = cpal::default_host();
        let device = host
            .default_output_device()
            .ok_or_else(|| AudioError::Server("no sound output found".into()))?;
        let default = device.default_output_config().map_err(device_error)?;
        let channels = usize::from(default.channels().max(1));
        let config = cpal::StreamConfig {
            channels: default.channels(),
            sample_rate,
            buffer_size: cpal::BufferSize::Default,
        };
        let mut mono = Vec::new();
        let stream = device
            .build_output_stream(
                config,
                move |data: &mut [f32], _: &cpal::OutputCallbackInfo| {
                    mono.resize(data.len() / channels, 0.0);
                    let n = fill(&mut mono);
                    for (frame, &s) in data.chunks_exact_mut(channels).zip(&mono[..n]) {
                        frame.fill(s);
                    }
                },
                |_e: cpal::Error| {},
                None,
            )
            .map_err(device_error)?;
        stream.play().map_err(device_error)?;
        Ok(Self { _stream: stream })
    }
}

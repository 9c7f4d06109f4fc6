//! Capture and playback through a PulseAudio (or PipeWire) server, in pure Rust.

use std::ffi::CString;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures::executor::block_on;
use pulseaudio::protocol::stream::{BufferAttr, StreamFlags};
use pulseaudio::protocol::{
    self, ChannelMap, ChannelVolume, PlaybackStreamParams, RecordStreamParams, SampleFormat, SampleSpec,
};
use pulseaudio::{Client, RecordStream};

use super::device::InputDevice;
use super::{AudioError, AudioSource, Chunk, RECORDING_SAMPLE_RATE};

const CLIENT_NAME: &std::ffi::CStr = c"Panelist";

fn server_error(e: pulseaudio::ClientError) -> AudioError {
    match e {
        pulseaudio::ClientError::ServerUnavailable => AudioError::Server(
            "no sound server found: Panelist records through PulseAudio or PipeWire's pulse server".into(),
        ),
        other => AudioError::Server(other.to_string()),
    }
}

/// One connection for the whole process: the crate's client keeps a thread blocked on its
/// socket after it is dropped, so connecting afresh for every listing would pile them up.
static CLIENT: Mutex<Option<Client>> = Mutex::new(None);

fn client() -> Result<Client, AudioError> {
    let mut slot = CLIENT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(client) = slot.as_ref() {
        return Ok(client.clone());
    }
    let client = Client::from_env(CLIENT_NAME).map_err(server_error)?;
    *slot = Some(client.clone());
    Ok(client)
}

/// Runs `call` on the shared connection; if the connection has died (the server was
/// restarted), connects again once.
fn with_client<T>(
    call: impl Fn(&Client) -> Result<T, pulseaudio::ClientError>,
) -> Result<(Client, T), AudioError> {
    let client = client()?;
    match call(&client) {
        Ok(value) => Ok((client, value)),
        Err(pulseaudio::ClientError::Disconnected | pulseaudio::ClientError::Io(_)) => {
            *CLIENT.lock().unwrap_or_else(PoisonError::into_inner) = None;
            let client = self::client()?;
            let value = call(&client).map_err(server_error)?;
            Ok((client, value))
        }
        Err(e) => Err(server_error(e)),
    }
}

fn text(s: &CString) -> String {
    s.to_string_lossy().into_owned()
}

/// The inputs the sound server offers, the default first.
pub fn input_devices() -> Result<Vec<InputDevice>, AudioError> {
    let (client, server) = with_client(|c| block_on(c.server_info()))?;
    let default = server.default_source_name.as_ref().map(text);
    let sources = block_on(client.list_sources()).map_err(server_error)?;
    let mut devices: Vec<InputDevice> = sources
        .iter()
        .map(|s| {
            let name = text(&s.name);
            InputDevice {
                description: s.description.as_ref().map_or_else(|| name.clone(), text),
                is_default: default.as_deref() == Some(name.as_str()),
                is_monitor: s.monitor_of_sink_index.is_some(),
                name,
            }
        })
        .collect();
    devices.sort_by_key(|d| (!d.is_default, d.is_monitor));
    Ok(devices)
}

/// The microphone, live: mono 16 kHz chunks (the server converts from the device's format).
pub struct MicSource {
    _client: Client,
    stream: Option<RecordStream>,
    chunks: Receiver<Vec<f32>>,
    sample_rate: u32,
}

impl MicSource {
    /// Opens `device` by name, or the default input with `None`.
    pub fn open(device: Option<&str>) -> Result<Self, AudioError> {
        let source_name = match device {
            Some(name) => {
                let devices = input_devices()?;
                if !devices.iter().any(|d| d.name == name) {
                    return Err(AudioError::NoSuchDevice(name.to_owned()));
                }
                CString::new(name).map_err(|_| AudioError::NoSuchDevice(name.to_owned()))?
            }
            None => protocol::DEFAULT_SOURCE.to_owned(),
        };
        let sample_rate = RECORDING_SAMPLE_RATE;
        let (tx, chunks) = mpsc::channel::<Vec<f32>>();
        let params = RecordStreamParams {
            sample_spec: SampleSpec {
                format: SampleFormat::Float32Le,
                channels: 1,
                sample_rate,
            },
            channel_map: ChannelMap::mono(),
            source_name: Some(source_name),
            buffer_attr: BufferAttr {
                // 50 ms a message: a lively meter, few wake-ups
                fragment_size: sample_rate / 20 * 4,
                ..BufferAttr::default()
            },
            flags: StreamFlags {
                adjust_latency: true,
                ..StreamFlags::default()
            },
            cvolume: Some(ChannelVolume::norm(1)),
            ..RecordStreamParams::default()
        };
        let (client, stream) = with_client(|c| {
            let tx = tx.clone();
            let sink = move |bytes: &[u8]| {
                let samples: Vec<f32> = bytes
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .collect();
                let _ = tx.send(samples);
            };
            block_on(c.create_record_stream(params.clone(), sink))
        })?;
        drop(tx);
        let sample_rate = stream.sample_spec().sample_rate;
        Ok(Self {
            _client: client,
            stream: Some(stream),
            chunks,
            sample_rate,
        })
    }
}

impl Drop for MicSource {
    fn drop(&mut self) {
        if let Some(stream) = self.stream.take() {
            let _ = block_on(stream.delete());
        }
    }
}

impl AudioSource for MicSource {
    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn next_chunk(&mut self, out: &mut Vec<f32>, timeout: Duration) -> Result<Chunk, AudioError> {
        let first = match self.chunks.recv_timeout(timeout) {
            Ok(chunk) => chunk,
            Err(RecvTimeoutError::Timeout) => return Ok(Chunk::Pending),
            Err(RecvTimeoutError::Disconnected) => {
                return Err(AudioError::Disconnected(
                    "the sound server closed the microphone stream".into(),
                ));
            }
        };
        let before = out.len();
        out.extend_from_slice(&first);
        while let Ok(more) = self.chunks.try_recv() {
            out.extend_from_slice(&more);
        }
        Ok(Chunk::Samples(out.len() - before))
    }
}

/// Plays mono f32 sound pulled from `fill` until it returns 0.
pub(crate) struct PulseOutput {
    _client: Client,
    stream: Option<pulseaudio::PlaybackStream>,
}

impl PulseOutput {
    /// Opens the default output; `fill` is called on the sound server's thread whenever
    /// it wants more sound and writes up to `buf.len()` samples.
    pub(crate) fn open(
        sample_rate: u32,
        fill: impl FnMut(&mut [f32]) -> usize + Send + 'static,
    ) -> Result<Self, AudioError> {
        use pulseaudio::AsPlaybackSource;
        let fill = Arc::new(Mutex::new(fill));
        let params = PlaybackStreamParams {
            sample_spec: SampleSpec {
                format: SampleFormat::Float32Le,
                channels: 1,
                sample_rate,
            },
            channel_map: ChannelMap::mono(),
            sink_name: Some(protocol::DEFAULT_SINK.to_owned()),
            buffer_attr: BufferAttr {
                // a quarter of a second of buffer: no gaps on a busy machine, pause still feels prompt
                target_length: sample_rate / 4 * 4,
                ..BufferAttr::default()
            },
            flags: StreamFlags {
                adjust_latency: true,
                ..StreamFlags::default()
            },
            cvolume: Some(ChannelVolume::norm(1)),
            ..PlaybackStreamParams::default()
        };
        let (client, stream) = with_client(|c| {
            let fill = fill.clone();
            let mut scratch = Vec::new();
            let source = move |bytes: &mut [u8]| {
                scratch.resize(bytes.len() / 4, 0.0f32);
                let n = match fill.lock() {
                    Ok(mut fill) => fill(&mut scratch),
                    Err(_) => 0,
                };
                for (dst, s) in bytes.chunks_exact_mut(4).zip(&scratch[..n]) {
                    dst.copy_from_slice(&s.to_le_bytes());
                }
                n * 4
            };
            block_on(c.create_playback_stream(params.clone(), source.as_playback_source()))
        })?;
        Ok(Self {
            _client: client,
            stream: Some(stream),
        })
    }
}

impl Drop for PulseOutput {
    fn drop(&mut self) {
        if let Some(stream) = self.stream.take() {
            let _ = block_on(stream.delete());
        }
    }
}

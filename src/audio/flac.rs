//! FLAC written as it is captured, and read back even when the writer was killed.
//!
//! The file starts with a STREAMINFO block whose total-samples field says "unknown"; each
//! block of samples is encoded and written as soon as it is full, so a reader finds every
//! complete frame in the file even if the writer never finished. [`FlacWriter::finish`]
//! writes the last, shorter frame and fills in the totals.

use std::fs::{File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use flacenc::component::{BitRepr, Stream, StreamInfo};
use flacenc::config::Encoder;
use flacenc::error::{Verified, Verify};
use flacenc::source::{Fill, FrameBuf};

use super::{AudioError, from_int, to_i16};

/// Bits per sample in recordings.
const BITS: usize = 16;
/// How often what was written is made durable (fsync).
pub const SYNC_INTERVAL: Duration = Duration::from_secs(1);

/// Where a [`FlacWriter`] puts its bytes: a file, or in tests one that fails on cue.
pub(crate) trait Storage: Write + Seek + Send {
    fn sync_data(&mut self) -> io::Result<()>;
}

impl Storage for File {
    fn sync_data(&mut self) -> io::Result<()> {
        File::sync_data(self)
    }
}

/// A mono 16-bit FLAC file being written block by block.
pub struct FlacWriter {
    path: PathBuf,
    file: Box<dyn Storage>,
    config: Verified<Encoder>,
    info: StreamInfo,
    block_size: usize,
    frame: FrameBuf,
    pending: Vec<i32>,
    frames: usize,
    samples: u64,
    min_frame_bytes: u32,
    max_frame_bytes: u32,
    last_sync: Instant,
}

fn encode_error(path: &Path, what: impl std::fmt::Display) -> AudioError {
    AudioError::io(path, io::Error::other(format!("FLAC encoder: {what}")))
}

impl FlacWriter {
    /// Samples per frame: a quarter of a second, so a killed writer loses at most that
    /// much beyond what the source had not yet delivered.
    pub fn block_size_for(sample_rate: u32) -> usize {
        (sample_rate as usize / 4).clamp(16, 16_384)
    }

    /// Creates `path` (it must not exist yet), readable by the user only.
    pub fn create(path: &Path, sample_rate: u32) -> Result<Self, AudioError> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(path).map_err(|e| AudioError::io(path, e))?;
        Self::with_storage(path, Box::new(file), sample_rate)
    }

    pub(crate) fn with_storage(
        path: &Path,
        file: Box<dyn Storage>,
        sample_rate: u32,
    ) -> Result<Self, AudioError> {
        let block_size = Self::block_size_for(sample_rate);
        let mut info = StreamInfo::new(sample_rate as usize, 1, BITS).map_err(|e| encode_error(path, e))?;
        info.set_block_sizes(block_size, block_size)
            .map_err(|e| encode_error(path, e))?;
        let config = Encoder::default()
            .into_verified()
            .map_err(|(_, e)| encode_error(path, e))?;
        let frame = FrameBuf::with_size(1, block_size).map_err(|e| encode_error(path, e))?;
        let mut writer = Self {
            path: path.to_path_buf(),
            file,
            config,
            info,
            block_size,
            frame,
            pending: Vec::with_capacity(block_size),
            frames: 0,
            samples: 0,
            min_frame_bytes: u32::MAX,
            max_frame_bytes: 0,
            last_sync: Instant::now(),
        };
        let header = writer.header_bytes()?;
        writer
            .file
            .write_all(&header)
            .and_then(|()| writer.file.sync_data())
            .map_err(|e| AudioError::io(path, e))?;
        Ok(writer)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn sample_rate(&self) -> u32 {
        self.info.sample_rate() as u32
    }

    /// Samples taken so far, written or not.
    pub fn samples(&self) -> u64 {
        self.samples + self.pending.len() as u64
    }

    /// Samples in complete frames handed to the file.
    pub fn written_samples(&self) -> u64 {
        self.samples
    }

    /// Duration of what was taken so far.
    pub fn duration_ms(&self) -> u64 {
        self.samples() * 1000 / u64::from(self.sample_rate().max(1))
    }

    fn header_bytes(&self) -> Result<Vec<u8>, AudioError> {
        let stream = Stream::with_stream_info(self.info.clone());
        let mut sink = flacenc::bitsink::ByteSink::new();
        stream.write(&mut sink).map_err(|e| encode_error(&self.path, e))?;
        Ok(sink.as_slice().to_vec())
    }

    /// Takes samples; every full block is encoded and written at once, and the file is
    /// fsynced when [`SYNC_INTERVAL`] has passed.
    pub fn write(&mut self, samples: &[f32]) -> Result<(), AudioError> {
        for &s in samples {
            self.pending.push(to_i16(s));
            if self.pending.len() == self.block_size {
                self.write_pending()?;
            }
        }
        if self.last_sync.elapsed() >= SYNC_INTERVAL {
            self.sync()?;
        }
        Ok(())
    }

    /// Makes everything written so far durable.
    pub fn sync(&mut self) -> Result<(), AudioError> {
        self.last_sync = Instant::now();
        self.file.sync_data().map_err(|e| AudioError::io(&self.path, e))?;
        if !self.path.exists() {
            // writes to a file whose folder was removed succeed, and go nowhere
            return Err(AudioError::io(
                &self.path,
                io::Error::new(
                    io::ErrorKind::NotFound,
                    "the recording was removed or its folder moved while it was being written",
                ),
            ));
        }
        Ok(())
    }

    fn write_pending(&mut self) -> Result<(), AudioError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        self.frame
            .fill_interleaved(&self.pending)
            .map_err(|e| encode_error(&self.path, e))?;
        let frame = flacenc::encode_fixed_size_frame(&self.config, &self.frame, self.frames, &self.info)
            .map_err(|e| encode_error(&self.path, e))?;
        let mut sink = flacenc::bitsink::ByteSink::with_capacity(frame.count_bits());
        frame.write(&mut sink).map_err(|e| encode_error(&self.path, e))?;
        let bytes = sink.as_slice();
        self.file
            .write_all(bytes)
            .map_err(|e| AudioError::io(&self.path, e))?;
        let len = bytes.len() as u32;
        self.min_frame_bytes = self.min_frame_bytes.min(len);
        self.max_frame_bytes = self.max_frame_bytes.max(len);
        self.frames += 1;
        self.samples += self.pending.len() as u64;
        self.pending.clear();
        Ok(())
    }

    /// Writes the last, shorter frame, fills in STREAMINFO's totals and syncs. Returns the
    /// number of samples in the file.
    pub fn finish(mut self) -> Result<u64, AudioError> {
        let last = self.pending.len();
        self.write_pending()?;
        if self.frames == 1 && last > 0 {
            // one short frame: it is both the smallest and the largest block
            let _ = self.info.set_block_sizes(last.max(16), last.max(16));
        }
        self.info.set_total_samples(self.samples as usize);
        if self.frames > 0 {
            let _ = self
                .info
                .set_frame_sizes(self.min_frame_bytes as usize, self.max_frame_bytes as usize);
        }
        let header = self.header_bytes()?;
        let path = self.path.clone();
        let io = |e| AudioError::io(&path, e);
        self.file.seek(SeekFrom::Start(0)).map_err(io)?;
        self.file.write_all(&header).map_err(io)?;
        self.file.sync_data().map_err(io)?;
        Ok(self.samples)
    }
}

/// What [`read_flac`] got out of a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// Mono samples (channels are mixed down).
    pub samples: Vec<f32>,
    pub sample_rate: u32,
    pub duration_ms: u64,
    /// False when the file ended in a broken or cut frame: `samples` holds every frame
    /// before it.
    pub complete: bool,
}

/// Reads a FLAC file, keeping every complete frame of one that was cut short.
pub fn read_flac(path: &Path) -> Result<Recovered, AudioError> {
    let mut reader = claxon::FlacReader::open(path).map_err(|e| AudioError::Format {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let info = reader.streaminfo();
    let channels = info.channels.max(1) as usize;
    let bits = info.bits_per_sample;
    let mut samples = Vec::with_capacity(info.samples.unwrap_or(0) as usize);
    let mut complete = true;
    let mut blocks = reader.blocks();
    let mut buffer = Vec::new();
    loop {
        match blocks.read_next_or_eof(buffer) {
            Ok(Some(block)) => {
                for i in 0..block.duration() {
                    let sum: f32 = (0..channels as u32)
                        .map(|ch| from_int(block.sample(ch, i), bits))
                        .sum();
                    samples.push(sum / channels as f32);
                }
                buffer = block.into_buffer();
            }
            Ok(None) => break,
            Err(_) => {
                complete = false;
                break;
            }
        }
    }
    let sample_rate = info.sample_rate;
    Ok(Recovered {
        duration_ms: samples.len() as u64 * 1000 / u64::from(sample_rate.max(1)),
        samples,
        sample_rate,
        complete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(n: usize) -> Vec<f32> {
        (0..n)
            .map(|i| 0.3 * (i as f32 * 0.05).sin() + 0.1 * (i as f32 * 0.31).sin())
            .collect()
    }

    #[test]
    fn a_finished_file_reads_back_sample_for_sample() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.flac");
        let input = tone(10_000);
        let mut writer = FlacWriter::create(&path, 16_000).expect("create");
        writer.write(&input[..3000]).expect("write");
        writer.write(&input[3000..]).expect("write");
        assert_eq!(writer.finish().expect("finish"), 10_000);
        let read = read_flac(&path).expect("read");
        assert!(read.complete);
        assert_eq!(read.sample_rate, 16_000);
        assert_eq!(read.samples.len(), 10_000);
        assert_eq!(read.duration_ms, 625);
        for (a, b) in input.iter().zip(&read.samples) {
            assert!((a - b).abs() <= 1.0 / 32768.0, "{a} vs {b}");
        }
        let info = claxon::FlacReader::open(&path).expect("open").streaminfo();
        assert_eq!(info.samples, Some(10_000));
    }

    #[test]
    fn a_file_cut_mid_frame_gives_back_every_complete_frame() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("cut.flac");
        let mut writer = FlacWriter::create(&path, 16_000).expect("create");
        writer.write(&tone(4000 * 3 + 100)).expect("write");
        // not finished: three whole frames are on disk, the rest was pending
        drop(writer);
        let whole = std::fs::read(&path).expect("read bytes");
        let read = read_flac(&path).expect("read");
        assert!(read.complete, "an unfinished file has only whole frames");
        assert_eq!(read.samples.len(), 12_000);
        // cut the last frame in half
        std::fs::write(&path, &whole[..whole.len() - 300]).expect("cut");
        let read = read_flac(&path).expect("read cut");
        assert!(!read.complete);
        assert_eq!(read.samples.len(), 8000);
        assert_eq!(read.duration_ms, 500);
    }

    /// A disk that fills up after `room` bytes; what fitted is shared with the test.
    struct FullDisk {
        written: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
        room: usize,
    }

    impl Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let mut written = self.written.lock().expect("lock");
            let n = buf.len().min(self.room - written.len());
            if n == 0 {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
            }
            written.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Seek for FullDisk {
        fn seek(&mut self, _: SeekFrom) -> io::Result<u64> {
            Err(io::Error::other("not needed"))
        }
    }

    impl Storage for FullDisk {
        fn sync_data(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_full_disk_is_an_error_and_what_was_written_still_reads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("full.flac");
        let written = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let disk = FullDisk {
            written: written.clone(),
            room: 6000,
        };
        let mut writer = FlacWriter::with_storage(&path, Box::new(disk), 16_000).expect("header fits");
        let mut error = None;
        for _ in 0..100 {
            if let Err(e) = writer.write(&tone(1600)) {
                error = Some(e);
                break;
            }
        }
        let error = error.expect("the disk fills up");
        assert!(error.to_string().contains("no space left"), "{error}");
        std::fs::write(&path, &*written.lock().expect("lock")).expect("copy");
        let read = read_flac(&path).expect("read");
        assert!(
            !read.complete,
            "the frame being written when the disk filled is cut"
        );
        assert!(read.samples.len() >= 4000, "{}", read.samples.len());
        assert_eq!(read.samples.len() % 4000, 0);
    }

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("taken.flac");
        std::fs::write(&path, b"keep").expect("write");
        assert!(FlacWriter::create(&path, 16_000).is_err());
        assert_eq!(std::fs::read(&path).expect("read"), b"keep");
    }

    #[test]
    fn a_file_that_is_not_flac_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("junk.flac");
        std::fs::write(&path, b"not audio at all").expect("write");
        let err = read_flac(&path).expect_err("junk");
        assert!(err.to_string().contains("junk.flac"), "{err}");
    }
}

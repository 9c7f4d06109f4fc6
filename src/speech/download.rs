//! Downloading a catalogue model: HTTPS (rustls), progress, cancel, resume with a
//! Range request, SHA-256 checked before the file is used.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use sha2::{Digest, Sha256};

use super::models::CatalogueEntry;

#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error("download cancelled; it resumes where it stopped next time")]
    Cancelled,
    #[error("cannot download {url}: {reason}")]
    Http { url: String, reason: String },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "the download of {url} is damaged (SHA-256 {found}, expected {expected}); it was deleted, try again"
    )]
    Checksum {
        url: String,
        found: String,
        expected: String,
    },
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of a file, as lower-case hex.
pub fn sha256_file(path: &Path) -> io::Result<String> {
    let mut f = fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex(&h.finalize()))
}

/// Downloads `entry` into `dir` and returns the checked file. A `.part` file left by
/// an earlier attempt is resumed. `progress` gets (bytes so far, total).
pub fn download(
    entry: &CatalogueEntry,
    dir: &Path,
    progress: &dyn Fn(u64, u64),
    cancel: &AtomicBool,
) -> Result<PathBuf, DownloadError> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| DownloadError::Io { path, source }
    };
    let http = |reason: String| DownloadError::Http {
        url: entry.url.to_owned(),
        reason,
    };
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let file_name = entry.url.rsplit('/').next().unwrap_or("model.whl");
    let done = dir.join(file_name);
    let part = dir.join(format!("{file_name}.part"));
    if done.is_file() && sha256_file(&done).map_err(io_err(&done))? == entry.sha256 {
        progress(entry.size, entry.size);
        return Ok(done);
    }
    let mut have = fs::metadata(&part).map(|m| m.len()).unwrap_or(0);
    if have > entry.size {
        fs::remove_file(&part).map_err(io_err(&part))?;
        have = 0;
    }
    if have < entry.size {
        let mut request = ureq::get(entry.url);
        if have > 0 {
            request = request.header("Range", &format!("bytes={have}-"));
        }
        let response = request.call().map_err(|e| http(e.to_string()))?;
        if response.status() != 206 {
            // the server sends the whole file: start again
            have = 0;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .write(true)
            .append(have > 0)
            .truncate(have == 0)
            .open(&part)
            .map_err(io_err(&part))?;
        let mut body = response.into_body().into_reader();
        let mut buf = vec![0u8; 1 << 16];
        loop {
            if cancel.load(Ordering::Relaxed) {
                file.sync_all().map_err(io_err(&part))?;
                return Err(DownloadError::Cancelled);
            }
            let n = body.read(&mut buf).map_err(|e| http(e.to_string()))?;
            if n == 0 {
                break;
            }
            file.write_all(&buf[..n]).map_err(io_err(&part))?;
            have += n as u64;
            progress(have.min(entry.size), entry.size);
        }
        file.sync_all().map_err(io_err(&part))?;
    }
    let found = sha256_file(&part).map_err(io_err(&part))?;
    if found != entry.sha256 {
        let _ = fs::remove_file(&part);
        return Err(DownloadError::Checksum {
            url: entry.url.to_owned(),
            found,
            expected: entry.sha256.to_owned(),
        });
    }
    fs::rename(&part, &done).map_err(io_err(&done))?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_a_known_text() {
        let dir = tempfile::tempdir().expect("temp");
        let p = dir.path().join("abc");
        fs::write(&p, "abc").expect("write");
        assert_eq!(
            sha256_file(&p).expect("hash"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

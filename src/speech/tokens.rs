//! Whisper's vocabulary: byte-level BPE tokens as listed in CTranslate2's
//! `vocabulary.txt` (one token a line, in id order), and the special tokens.

use std::path::Path;

/// GPT-2's byte ↔ printable character table, inverted: character → byte.
fn unicode_to_byte(c: char) -> Option<u8> {
    let printable =
        |b: u32| (0x21..=0x7e).contains(&b) || (0xa1..=0xac).contains(&b) || (0xae..=0xff).contains(&b);
    let code = c as u32;
    if code < 256 && printable(code) {
        return Some(code as u8);
    }
    // the other bytes are numbered 256, 257, … in byte order
    let mut n = 256;
    for b in 0u32..256 {
        if !printable(b) {
            if n == code {
                return Some(b as u8);
            }
            n += 1;
        }
    }
    None
}

#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// The bytes of each ordinary token; `None` for special tokens.
    bytes: Vec<Option<Vec<u8>>>,
    pub eot: u32,
    pub sot: u32,
    pub transcribe: u32,
    pub no_timestamps: u32,
    pub no_speech: Option<u32>,
    pub timestamp_begin: u32,
    pub english: Option<u32>,
    pub multilingual: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct VocabularyError {
    pub path: String,
    pub reason: String,
}

impl Vocabulary {
    pub fn read(path: &Path) -> Result<Self, VocabularyError> {
        let text = std::fs::read_to_string(path).map_err(|e| VocabularyError {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Self::parse(&text).map_err(|reason| VocabularyError {
            path: path.display().to_string(),
            reason,
        })
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let lines: Vec<&str> = text.lines().collect();
        let find = |name: &str| {
            lines
                .iter()
                .position(|l| *l == name)
                .map(|i| i as u32)
                .ok_or_else(|| format!("the vocabulary has no {name} token"))
        };
        let eot = find("<|endoftext|>")?;
        let sot = find("<|startoftranscript|>")?;
        let transcribe = find("<|transcribe|>")?;
        let no_timestamps = find("<|notimestamps|>")?;
        let timestamp_begin = find("<|0.00|>")?;
        let no_speech = find("<|nospeech|>").or_else(|_| find("<|nocaptions|>")).ok();
        let english = find("<|en|>").ok();
        let bytes = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let special = (i as u32) >= eot || (l.starts_with("<|") && l.ends_with("|>"));
                if special {
                    None
                } else {
                    l.chars().map(unicode_to_byte).collect::<Option<Vec<u8>>>()
                }
            })
            .collect();
        Ok(Self {
            bytes,
            eot,
            sot,
            transcribe,
            no_timestamps,
            no_speech,
            timestamp_begin,
            english,
            // English-only models keep GPT-2's 50,257 tokens before <|endoftext|>; multilingual ones add one
            multilingual: eot >= 50_257,
        })
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The bytes a text token stands for (empty for special tokens).
    pub fn token_bytes(&self, id: u32) -> &[u8] {
        self.bytes
            .get(id as usize)
            .and_then(|b| b.as_deref())
            .unwrap_or(&[])
    }

    pub fn decode(&self, ids: &[u32]) -> String {
        let bytes: Vec<u8> = ids.iter().flat_map(|&i| self.token_bytes(i).to_vec()).collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_level_tokens_decode_to_text() {
        // Ġ is the space byte, Ċ the newline
        assert_eq!(unicode_to_byte('Ġ'), Some(b' '));
        assert_eq!(unicode_to_byte('Ċ'), Some(b'\n'));
        assert_eq!(unicode_to_byte('a'), Some(b'a'));
        let vocab = "!\nHello\nĠworld\nĠcaf\nÃ©\n<|endoftext|>\n<|startoftranscript|>\n<|en|>\n<|transcribe|>\n<|notimestamps|>\n<|0.00|>\n";
        let v = Vocabulary::parse(vocab).expect("vocabulary");
        assert_eq!(v.decode(&[1, 2, 0]), "Hello world!");
        assert_eq!(v.decode(&[3, 4]), " café");
        assert_eq!(v.eot, 5);
        assert_eq!(v.timestamp_begin, 10);
        assert_eq!(v.decode(&[5, 6]), "");
        assert!(Vocabulary::parse("a\nb\n").is_err());
    }
}

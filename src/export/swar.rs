//! Eight bytes at a time: the checks an export makes on nearly every piece of text it
//! writes ("does this need escaping?", "is this one line already?") almost always find
//! nothing, so they look at a whole `u64` of text per step instead of each byte.
//!
//! The tricks are from Sean Anderson's "Bit Twiddling Hacks". Each answers for the eight
//! bytes together; where a check may say yes falsely (noted), the caller looks again byte
//! by byte, so only speed depends on it.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
const LOW7: u64 = u64::from_ne_bytes([0x7F; 8]);

/// Eight bytes of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word(u64);

impl Word {
    pub(crate) fn new(bytes: [u8; 8]) -> Self {
        Self(u64::from_ne_bytes(bytes))
    }

    /// The text in eight-byte words, and the bytes left over at its end.
    pub(crate) fn split(text: &[u8]) -> (impl Iterator<Item = Word> + '_, &[u8]) {
        let chunks = text.chunks_exact(8);
        let rest = chunks.remainder();
        let words = chunks.map(|chunk| {
            let mut bytes = [0; 8];
            bytes.copy_from_slice(chunk);
            Word::new(bytes)
        });
        (words, rest)
    }

    /// Some byte is zero (exact).
    fn has_zero(v: u64) -> bool {
        v.wrapping_sub(ONES) & !v & HIGH != 0
    }

    /// Some byte is `byte` (exact).
    pub(crate) fn has(self, byte: u8) -> bool {
        Self::has_zero(self.0 ^ (ONES * u64::from(byte)))
    }

    /// Some byte is an ASCII byte above `low` and below `high` (exact; `high` at most 128).
    pub(crate) fn has_between(self, low: u8, high: u8) -> bool {
        debug_assert!(low < 128 && high <= 128);
        let x = self.0;
        let low7 = x & LOW7;
        let below_high = (ONES * (127 + u64::from(high))).wrapping_sub(low7);
        let above_low = low7 + ONES * (127 - u64::from(low));
        below_high & !x & above_low & HIGH != 0
    }

    /// Some byte is outside ASCII.
    pub(crate) fn has_non_ascii(self) -> bool {
        self.0 & HIGH != 0
    }

    /// Two spaces side by side within the word (exact), and whether its last byte is a
    /// space (for the word after it).
    pub(crate) fn double_space(self, after_space: bool) -> (bool, bool) {
        let x = self.0 ^ (ONES * u64::from(b' '));
        // 0x80 in exactly the bytes that were spaces.
        let spaces = !(((x & LOW7) + LOW7) | x) & HIGH;
        let bytes = spaces.to_ne_bytes();
        let last = bytes[7] != 0;
        // In memory order: byte i and byte i + 1 both spaces.
        let adjacent = if cfg!(target_endian = "little") {
            spaces & (spaces >> 8)
        } else {
            spaces & (spaces << 8)
        };
        (adjacent != 0 || (after_space && bytes[0] != 0), last)
    }
}

#[cfg(test)]
mod tests {
    use super::Word;

    /// Every check against its byte-by-byte meaning, on words built to hit each byte
    /// value at each place among neighbours that matter (spaces, high bytes, zero).
    #[test]
    fn each_check_means_what_it_says_byte_by_byte() {
        let fillers = [b'a', b' ', 0x00, 0x7F, 0x80, 0xFF, b'_', b'Z'];
        for filler in fillers {
            for place in 0..8 {
                for value in 0..=255u8 {
                    let mut bytes = [filler; 8];
                    bytes[place] = value;
                    if place < 7 {
                        bytes[place + 1] = fillers[usize::from(value) % fillers.len()];
                    }
                    let word = Word::new(bytes);
                    for byte in [b'*', b'<', b'\t', 0, 0xC2, value] {
                        assert_eq!(word.has(byte), bytes.contains(&byte), "{bytes:?} has {byte}");
                    }
                    for (low, high) in [(0x5A, 0x61), (0, 128), (0x1F, 0x21), (100, 101)] {
                        let expected = bytes.iter().any(|b| *b < 128 && *b > low && *b < high);
                        assert_eq!(
                            word.has_between(low, high),
                            expected,
                            "{bytes:?} in {low}..{high}"
                        );
                    }
                    assert_eq!(word.has_non_ascii(), !bytes.is_ascii());
                    for after_space in [false, true] {
                        let double =
                            bytes.windows(2).any(|w| w == b"  ") || (after_space && bytes[0] == b' ');
                        assert_eq!(
                            word.double_space(after_space),
                            (double, bytes[7] == b' '),
                            "{bytes:?} after a space: {after_space}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn split_leaves_the_tail() {
        let (words, rest) = Word::split(b"0123456789abcdefXYZ");
        assert_eq!(words.count(), 2);
        assert_eq!(rest, b"XYZ");
    }
}

//! Small text helpers shared by the window, the command line and exports.

use std::fmt;

/// `1 question`, `2 questions`: a count with its noun.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `value` with `decimals` digits after the point, as `format!("{value:.decimals$}")`
/// writes it (the nearest, ties to even), without the formatter's general float path:
/// exports write a mean for every score.
#[derive(Debug, Clone, Copy)]
pub struct Fixed(pub f32, pub u8);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(value, decimals) = *self;
        // An `f32` times 10^3 or less is exact as an `f64` (24 bits times at most 10
        // bits), so rounding that product rounds the value's exact decimal expansion.
        if decimals > 3 || !(0.0..1e9).contains(&value) || value.is_sign_negative() {
            return f.pad(&format!("{value:.*}", usize::from(decimals)));
        }
        let scale = 10u64.pow(u32::from(decimals));
        let scaled = (f64::from(value) * scale as f64).round_ties_even() as u64;
        let mut line = Ascii::default();
        line.number(scaled / scale);
        if decimals > 0 {
            line.push(".");
            let fraction = scaled % scale;
            let mut place = scale / 10;
            while place > 0 {
                line.digit(fraction / place);
                place /= 10;
            }
        }
        f.pad(line.as_str())
    }
}

/// A short line of ASCII put together on the stack, for a `Display` that would otherwise
/// send each number through the formatter's padding: it is written in one piece.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ascii {
    bytes: [u8; 40],
    len: usize,
}

impl Default for Ascii {
    fn default() -> Self {
        Self {
            bytes: [0; 40],
            len: 0,
        }
    }
}

impl Ascii {
    /// Appends `text`; the callers' lines are far shorter than the 40 bytes held.
    pub(crate) fn push(&mut self, text: &str) {
        for byte in text.bytes() {
            self.byte(byte);
        }
    }

    fn byte(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    pub(crate) fn number(&mut self, n: u64) {
        if n < 10 {
            self.digit(n);
        } else if n < 100 {
            self.two_digits(n);
        } else {
            self.push(itoa::Buffer::new().format(n));
        }
    }

    /// `n % 10` as one digit.
    pub(crate) fn digit(&mut self, n: u64) {
        self.byte(b'0' + (n % 10) as u8);
    }

    /// `n % 100` as two digits, `07` for 7.
    pub(crate) fn two_digits(&mut self, n: u64) {
        self.digit(n / 10);
        self.digit(n);
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only digits and whole `&str`s are pushed, so this always holds.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::{Ascii, Fixed, plural};

    #[test]
    fn plural_adds_s_except_for_one() {
        assert_eq!(plural(0, "question"), "0 questions");
        assert_eq!(plural(1, "question"), "1 question");
        assert_eq!(plural(2, "bank"), "2 banks");
    }

    #[test]
    fn fixed_writes_what_the_formatter_writes() {
        let check = |value: f32| {
            for decimals in 0..=4u8 {
                let d = usize::from(decimals);
                assert_eq!(
                    Fixed(value, decimals).to_string(),
                    format!("{value:.d$}"),
                    "{value:?} to {decimals} places"
                );
            }
        };
        // Means of scores (sums over counts, with their ties such as 2.125 and 0.25),
        // rounding at every place, and values beyond the fast path.
        for count in 1..=64u16 {
            for sum in 0..=(4 * count) {
                check(f32::from(sum) / f32::from(count));
            }
        }
        for n in 0..20_000u16 {
            check(f32::from(n) / 1000.0);
            check(f32::from(n) * 0.005 + 0.0005);
        }
        for value in [
            0.0,
            -0.0,
            -1.25,
            1e9,
            3e12,
            f32::MAX,
            f32::INFINITY,
            f32::NAN,
            999.995,
            0.045,
        ] {
            check(value);
        }
        assert_eq!(format!("{:>6}", Fixed(2.5, 1)), "   2.5");
    }

    #[test]
    fn ascii_lines_hold_numbers_and_padded_digits() {
        let mut line = Ascii::default();
        line.number(u64::MAX);
        line.push(":");
        line.two_digits(7);
        line.two_digits(123);
        assert_eq!(line.as_str(), "18446744073709551615:0723");
    }
}

//! A board as kept in a session file, read leniently.
//!
//! A board that cannot be read (a hand edit gone wrong, a newer format) must not cost the
//! rest of the session. The board field is first read as a plain RON value, then turned
//! into a [`Board`]; when that fails the value is kept as it was, with the reason, and
//! written back unchanged when the session is saved, so nothing is lost. The session
//! reports it ([`crate::session::Session::unreadable_boards`]) and refuses edits to it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{BOARD_FORMAT, Board};

/// A question's board: readable, or kept aside as it was found.
#[derive(Debug, Clone, PartialEq)]
pub enum BoardSlot {
    Readable(Board),
    Unreadable(UnreadableBoard),
}

/// A board that could not be read, kept as found.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadableBoard {
    /// The board's value as written in the file.
    pub raw: ron::Value,
    /// Why it could not be read.
    pub error: String,
}

impl BoardSlot {
    pub fn board(&self) -> Option<&Board> {
        match self {
            BoardSlot::Readable(board) => Some(board),
            BoardSlot::Unreadable(_) => None,
        }
    }

    /// Reads a board from a plain value.
    pub fn from_value(raw: ron::Value) -> Self {
        let format = match &raw {
            ron::Value::Map(map) => match map.get(&ron::Value::String("format".to_owned())) {
                Some(ron::Value::Number(n)) => n.into_f64() as u64,
                _ => 0,
            },
            _ => 0,
        };
        if format > u64::from(BOARD_FORMAT) {
            return BoardSlot::Unreadable(UnreadableBoard {
                raw,
                error: format!("the board is in format {format}, written by a newer Panelist"),
            });
        }
        match raw.clone().into_rust::<Board>() {
            Ok(board) => BoardSlot::Readable(board),
            Err(e) => BoardSlot::Unreadable(UnreadableBoard {
                raw,
                error: e.to_string(),
            }),
        }
    }
}

impl Serialize for BoardSlot {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            BoardSlot::Readable(board) => board.serialize(serializer),
            BoardSlot::Unreadable(kept) => kept.raw.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for BoardSlot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ron::Value::deserialize(deserializer).map(BoardSlot::from_value)
    }
}

//! A whiteboard for systems-design and org-design answers, as plain data.
//!
//! A [`Board`] holds elements (nodes such as services and databases, connectors between
//! them, freehand strokes) and the history of every [`BoardEdit`] applied to it, each
//! stamped with the answer clock in milliseconds. The history is what the session keeps:
//! [`Board::at`] replays it to show the board as it stood at any moment of the answer.
//! Undo and redo are edits too, so a replay reproduces them. Nothing here knows of egui;
//! the window draws a board and emits edits, and [`svg`] writes one as a standalone SVG.

mod geometry;
mod slot;
pub mod svg;
mod template;

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

pub use geometry::{Rect, snap};
pub use slot::{BoardSlot, UnreadableBoard};
pub use template::Template;

/// The board format this build writes (inside the session file).
pub const BOARD_FORMAT: u32 = 1;
/// How many steps undo goes back.
pub const UNDO_LIMIT: usize = 200;
/// The snapping grid, in board units.
pub const GRID: f32 = 20.0;
/// The smallest a node may be made, in board units.
pub const MIN_SIZE: f32 = 20.0;

/// What a node is drawn as.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum NodeKind {
    /// A box: a service or component.
    Service,
    /// A cylinder: a database or store.
    Database,
    Queue,
    /// A cloud: an external system.
    External,
    /// A person: a client or user (or, on an org chart, a manager).
    Client,
    /// A team card for org charts: the team's name is the label.
    Team {
        em: String,
        headcount: u32,
    },
    /// Free text.
    Text,
}

impl NodeKind {
    /// The singular and plural names used in descriptions.
    pub fn names(&self) -> (&'static str, &'static str) {
        match self {
            NodeKind::Service => ("box", "boxes"),
            NodeKind::Database => ("database", "databases"),
            NodeKind::Queue => ("queue", "queues"),
            NodeKind::External => ("external system", "external systems"),
            NodeKind::Client => ("person", "people"),
            NodeKind::Team { .. } => ("team", "teams"),
            NodeKind::Text => ("text", "texts"),
        }
    }

    /// The size a new node of this kind gets, in board units.
    pub fn default_size(&self) -> (f32, f32) {
        match self {
            NodeKind::Service | NodeKind::Queue => (140.0, 60.0),
            NodeKind::Database => (100.0, 80.0),
            NodeKind::External => (140.0, 80.0),
            NodeKind::Client => (80.0, 80.0),
            NodeKind::Team { .. } => (160.0, 80.0),
            NodeKind::Text => (160.0, 40.0),
        }
    }
}

/// The drawing an element is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "shape")]
pub enum Shape {
    Node {
        node: NodeKind,
        rect: Rect,
    },
    /// An arrow from one element to another; it follows them when they move.
    Connector {
        from: u32,
        to: u32,
    },
    /// A freehand line through `points`.
    Stroke {
        points: Vec<[f32; 2]>,
    },
}

/// One thing on the board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Element {
    pub id: u32,
    #[serde(default)]
    pub label: String,
    pub shape: Shape,
}

/// The width of a character of a caption, in board units, as written at 14 px (an
/// average for sans-serif text; generous, so a line clears the caption).
pub const CAPTION_CHAR_WIDTH: f32 = 7.5;

/// The room kept between a person's caption and a connector leaving it.
const CAPTION_CLEARANCE: f32 = 6.0;

impl Element {
    /// The node's rectangle, if the element is a node.
    pub fn rect(&self) -> Option<Rect> {
        match &self.shape {
            Shape::Node { rect, .. } => Some(*rect),
            _ => None,
        }
    }

    /// Where a connector meets the node: its rectangle, widened and deepened for a
    /// person's caption when the caption is wider than the figure (it is written under
    /// the figure, and a line leaving the narrower rectangle would cross it). Caption
    /// width is estimated at [`CAPTION_CHAR_WIDTH`] per character.
    pub fn outline(&self) -> Option<Rect> {
        let Shape::Node { node, rect } = &self.shape else {
            return None;
        };
        let widest =
            self.label.lines().map(|l| l.chars().count()).max().unwrap_or(0) as f32 * CAPTION_CHAR_WIDTH;
        if !matches!(node, NodeKind::Client) || widest <= rect.w {
            return Some(*rect);
        }
        let w = widest + 2.0 * CAPTION_CLEARANCE;
        Some(Rect::new(
            rect.centre()[0] - w / 2.0,
            rect.y,
            w,
            rect.h + CAPTION_CLEARANCE,
        ))
    }

    pub fn node(&self) -> Option<&NodeKind> {
        match &self.shape {
            Shape::Node { node, .. } => Some(node),
            _ => None,
        }
    }
}

/// One change to a board, as a value. Elements that an edit creates take the board's
/// next ids in order ([`Board::next_id`]), so a replay gives every element the same id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op")]
pub enum BoardEdit {
    Add {
        node: NodeKind,
        rect: Rect,
        label: String,
    },
    Connect {
        from: u32,
        to: u32,
        label: String,
    },
    Stroke {
        points: Vec<[f32; 2]>,
    },
    /// Moves nodes and strokes; connectors follow their ends.
    Move {
        ids: Vec<u32>,
        dx: f32,
        dy: f32,
    },
    Resize {
        id: u32,
        rect: Rect,
    },
    SetLabel {
        id: u32,
        label: String,
    },
    SetTeam {
        id: u32,
        em: String,
        headcount: u32,
    },
    /// Deletes elements and every connector attached to them.
    Delete {
        ids: Vec<u32>,
    },
    /// Copies elements (and the connectors between copied nodes), offset by `dx`, `dy`.
    Duplicate {
        ids: Vec<u32>,
        dx: f32,
        dy: f32,
    },
    /// Replaces everything on the board with a template.
    ApplyTemplate {
        template: Template,
    },
    Undo,
    Redo,
}

/// An edit and when it was made, in milliseconds on the answer clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamped {
    pub at_ms: u64,
    pub edit: BoardEdit,
}

/// Why an edit could not be applied. The board is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BoardError {
    #[error("the board has no element {0}")]
    NoElement(u32),
    #[error("element {0} is not a box, store, person, team or text")]
    NotANode(u32),
    #[error("element {0} is not a team card")]
    NotATeam(u32),
    #[error("an arrow needs two different ends")]
    SameEnds,
    #[error("a stroke needs at least two points")]
    ShortStroke,
    #[error("a position or size is not a finite number")]
    NotFinite,
}

/// The elements changed by one edit, each with its value before (`None`: it did not exist).
type Change = Vec<(u32, Option<Element>)>;

/// A whiteboard: its elements, in drawing order (oldest first), and its edit history.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "BoardFile", into = "BoardFile")]
pub struct Board {
    next_id: u32,
    elements: Vec<Element>,
    history: Vec<Stamped>,
    undo: VecDeque<Change>,
    redo: Vec<Change>,
}

/// A board as written: the format, the elements and the history (undo is rebuilt by replay).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct BoardFile {
    format: u32,
    #[serde(default)]
    next_id: u32,
    #[serde(default)]
    elements: Vec<Element>,
    #[serde(default)]
    history: Vec<Stamped>,
}

impl From<Board> for BoardFile {
    fn from(board: Board) -> Self {
        Self {
            format: BOARD_FORMAT,
            next_id: board.next_id,
            elements: board.elements,
            history: board.history,
        }
    }
}

impl From<BoardFile> for Board {
    /// Replays the history, which restores undo and redo; when the replay does not give the
    /// elements written (a file edited by hand), the written elements win.
    fn from(file: BoardFile) -> Self {
        let mut replayed = Board::default();
        for stamped in &file.history {
            // An edit that no longer applies is skipped, as it was when first made.
            let _ = replayed.apply(stamped.at_ms, &stamped.edit);
        }
        if replayed.elements == file.elements {
            return replayed;
        }
        let mut elements = file.elements;
        elements.sort_by_key(|e| e.id);
        elements.dedup_by_key(|e| e.id);
        let next_id = elements.last().map_or(0, |e| e.id + 1).max(file.next_id);
        Self {
            next_id,
            elements,
            history: file.history,
            undo: VecDeque::new(),
            redo: Vec::new(),
        }
    }
}

impl Default for Board {
    fn default() -> Self {
        Self {
            next_id: 1,
            elements: Vec::new(),
            history: Vec::new(),
            undo: VecDeque::new(),
            redo: Vec::new(),
        }
    }
}

impl PartialEq for Board {
    /// Two boards are equal when they hold the same elements and history.
    fn eq(&self, other: &Self) -> bool {
        self.next_id == other.next_id && self.elements == other.elements && self.history == other.history
    }
}

impl Board {
    pub fn new() -> Self {
        Self::default()
    }

    /// A board holding `template`, made at time 0.
    pub fn from_template(template: Template) -> Self {
        let mut board = Self::new();
        let _ = board.apply(0, &BoardEdit::ApplyTemplate { template });
        board
    }

    /// Every element, in drawing order.
    pub fn elements(&self) -> &[Element] {
        &self.elements
    }

    pub fn history(&self) -> &[Stamped] {
        &self.history
    }

    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }

    /// The id the next element created will get.
    pub fn next_id(&self) -> u32 {
        self.next_id
    }

    pub fn get(&self, id: u32) -> Option<&Element> {
        self.position(id).ok().map(|i| &self.elements[i])
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// When the last edit was made, in answer-clock milliseconds.
    pub fn last_edit_ms(&self) -> Option<u64> {
        self.history.last().map(|s| s.at_ms)
    }

    /// The board as it stood at `ms` on the answer clock: the history replayed up to then.
    pub fn at(&self, ms: u64) -> Board {
        let mut board = Board::default();
        for stamped in self.history.iter().take_while(|s| s.at_ms <= ms) {
            let _ = board.apply(stamped.at_ms, &stamped.edit);
        }
        board
    }

    /// Applies an edit made at `at_ms`. Returns whether anything changed; only edits that
    /// change something enter the history.
    pub fn apply(&mut self, at_ms: u64, edit: &BoardEdit) -> Result<bool, BoardError> {
        let changed = match edit {
            BoardEdit::Undo => match self.undo.pop_back() {
                Some(change) => {
                    let inverse = self.restore(change);
                    self.redo.push(inverse);
                    true
                }
                None => false,
            },
            BoardEdit::Redo => match self.redo.pop() {
                Some(change) => {
                    let inverse = self.restore(change);
                    self.push_undo(inverse);
                    true
                }
                None => false,
            },
            _ => {
                let change = self.perform(edit)?;
                if change.is_empty() {
                    false
                } else {
                    self.push_undo(change);
                    self.redo.clear();
                    true
                }
            }
        };
        if changed {
            self.history.push(Stamped {
                at_ms,
                edit: edit.clone(),
            });
        }
        Ok(changed)
    }

    fn push_undo(&mut self, change: Change) {
        if self.undo.len() == UNDO_LIMIT {
            self.undo.pop_front();
        }
        self.undo.push_back(change);
    }

    fn position(&self, id: u32) -> Result<usize, usize> {
        self.elements.binary_search_by_key(&id, |e| e.id)
    }

    /// Sets element `id` to `value` (`None` removes it); returns what it was.
    fn set(&mut self, id: u32, value: Option<Element>) -> Option<Element> {
        match (self.position(id), value) {
            (Ok(i), Some(value)) => Some(std::mem::replace(&mut self.elements[i], value)),
            (Ok(i), None) => Some(self.elements.remove(i)),
            (Err(i), Some(value)) => {
                self.elements.insert(i, value);
                None
            }
            (Err(_), None) => None,
        }
    }

    /// Puts back the values in `change` (last first); returns the change that undoes that.
    fn restore(&mut self, change: Change) -> Change {
        change
            .into_iter()
            .rev()
            .map(|(id, before)| (id, self.set(id, before)))
            .collect()
    }

    fn node_at(&self, id: u32) -> Result<usize, BoardError> {
        let i = self.position(id).map_err(|_| BoardError::NoElement(id))?;
        match self.elements[i].shape {
            Shape::Node { .. } => Ok(i),
            _ => Err(BoardError::NotANode(id)),
        }
    }

    fn create(&mut self, label: String, shape: Shape, change: &mut Change) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        self.set(id, Some(Element { id, label, shape }));
        change.push((id, None));
        id
    }

    /// Replaces element `i` with `f` applied to a copy, recording the old value.
    fn modify(&mut self, i: usize, change: &mut Change, f: impl FnOnce(&mut Element)) {
        let mut element = self.elements[i].clone();
        f(&mut element);
        if element != self.elements[i] {
            let before = std::mem::replace(&mut self.elements[i], element);
            change.push((before.id, Some(before)));
        }
    }

    /// Carries out an edit other than undo and redo; returns what it changed.
    fn perform(&mut self, edit: &BoardEdit) -> Result<Change, BoardError> {
        let mut change = Change::new();
        match edit {
            BoardEdit::Add { node, rect, label } => {
                let rect = rect.checked()?;
                let shape = Shape::Node {
                    node: node.clone(),
                    rect,
                };
                self.create(label.clone(), shape, &mut change);
            }
            BoardEdit::Connect { from, to, label } => {
                if from == to {
                    return Err(BoardError::SameEnds);
                }
                self.node_at(*from)?;
                self.node_at(*to)?;
                let shape = Shape::Connector { from: *from, to: *to };
                self.create(label.clone(), shape, &mut change);
            }
            BoardEdit::Stroke { points } => {
                if points.len() < 2 {
                    return Err(BoardError::ShortStroke);
                }
                if points.iter().flatten().any(|v| !v.is_finite()) {
                    return Err(BoardError::NotFinite);
                }
                let shape = Shape::Stroke {
                    points: points.clone(),
                };
                self.create(String::new(), shape, &mut change);
            }
            BoardEdit::Move { ids, dx, dy } => {
                if !(dx.is_finite() && dy.is_finite()) {
                    return Err(BoardError::NotFinite);
                }
                let indices = self.indices(ids)?;
                if *dx == 0.0 && *dy == 0.0 {
                    return Ok(change);
                }
                for i in indices {
                    self.modify(i, &mut change, |e| translate(e, *dx, *dy));
                }
            }
            BoardEdit::Resize { id, rect } => {
                let rect = rect.checked()?.at_least(MIN_SIZE);
                let i = self.node_at(*id)?;
                self.modify(i, &mut change, |e| {
                    if let Shape::Node { rect: r, .. } = &mut e.shape {
                        *r = rect;
                    }
                });
            }
            BoardEdit::SetLabel { id, label } => {
                let i = self.position(*id).map_err(|_| BoardError::NoElement(*id))?;
                self.modify(i, &mut change, |e| label.clone_into(&mut e.label));
            }
            BoardEdit::SetTeam { id, em, headcount } => {
                let i = self.node_at(*id)?;
                if !matches!(self.elements[i].node(), Some(NodeKind::Team { .. })) {
                    return Err(BoardError::NotATeam(*id));
                }
                self.modify(i, &mut change, |e| {
                    if let Shape::Node { node, .. } = &mut e.shape {
                        *node = NodeKind::Team {
                            em: em.clone(),
                            headcount: *headcount,
                        };
                    }
                });
            }
            BoardEdit::Delete { ids } => {
                self.indices(ids)?;
                let doomed: Vec<u32> = self
                    .elements
                    .iter()
                    .filter(|e| {
                        ids.contains(&e.id)
                            || matches!(e.shape, Shape::Connector { from, to } if ids.contains(&from) || ids.contains(&to))
                    })
                    .map(|e| e.id)
                    .collect();
                for id in doomed {
                    let before = self.set(id, None);
                    change.push((id, before));
                }
            }
            BoardEdit::Duplicate { ids, dx, dy } => {
                if !(dx.is_finite() && dy.is_finite()) {
                    return Err(BoardError::NotFinite);
                }
                let mut originals: Vec<Element> = self
                    .indices(ids)?
                    .into_iter()
                    .map(|i| self.elements[i].clone())
                    .collect();
                originals.sort_by_key(|e| e.id);
                originals.dedup_by_key(|e| e.id);
                let mut copies: Vec<(u32, u32)> = Vec::new();
                for original in originals
                    .iter()
                    .filter(|e| !matches!(e.shape, Shape::Connector { .. }))
                {
                    let mut copy = original.clone();
                    translate(&mut copy, *dx, *dy);
                    let id = self.create(copy.label, copy.shape, &mut change);
                    copies.push((original.id, id));
                }
                let copy_of = |id: u32| copies.iter().find(|(from, _)| *from == id).map(|(_, to)| *to);
                let connectors: Vec<Element> = self
                    .elements
                    .iter()
                    .filter(|e| matches!(e.shape, Shape::Connector { from, to } if copy_of(from).is_some() && copy_of(to).is_some()))
                    .cloned()
                    .collect();
                for connector in connectors {
                    if let Shape::Connector { from, to } = connector.shape
                        && let (Some(from), Some(to)) = (copy_of(from), copy_of(to))
                    {
                        self.create(connector.label, Shape::Connector { from, to }, &mut change);
                    }
                }
            }
            BoardEdit::ApplyTemplate { template } => {
                let old: Vec<u32> = self.elements.iter().map(|e| e.id).collect();
                for id in old {
                    let before = self.set(id, None);
                    change.push((id, before));
                }
                template.build(|label, shape| self.create(label, shape, &mut change));
            }
            BoardEdit::Undo | BoardEdit::Redo => {}
        }
        Ok(change)
    }

    /// The indices of `ids`, or the first that is missing.
    fn indices(&self, ids: &[u32]) -> Result<Vec<usize>, BoardError> {
        ids.iter()
            .map(|&id| self.position(id).map_err(|_| BoardError::NoElement(id)))
            .collect()
    }

    /// The topmost element under a point: nodes by their rectangle, connectors and strokes
    /// within `tolerance` of their line.
    pub fn hit(&self, x: f32, y: f32, tolerance: f32) -> Option<u32> {
        self.elements.iter().rev().find_map(|e| {
            let hit = match &e.shape {
                Shape::Node { rect, .. } => rect.contains(x, y),
                Shape::Connector { .. } => self
                    .connector_line(e)
                    .is_some_and(|(a, b)| geometry::distance_to_segment([x, y], a, b) <= tolerance),
                Shape::Stroke { points } => points
                    .windows(2)
                    .any(|w| geometry::distance_to_segment([x, y], w[0], w[1]) <= tolerance),
            };
            hit.then_some(e.id)
        })
    }

    /// The nodes and strokes lying wholly inside `area`.
    pub fn inside(&self, area: Rect) -> Vec<u32> {
        self.elements
            .iter()
            .filter(|e| self.bounds_of(e).is_some_and(|b| area.contains_rect(b)))
            .map(|e| e.id)
            .collect()
    }

    /// Where a connector's line starts and ends: on the borders of its two nodes.
    pub fn connector_line(&self, element: &Element) -> Option<([f32; 2], [f32; 2])> {
        let Shape::Connector { from, to } = element.shape else {
            return None;
        };
        let a = self.get(from)?.outline()?;
        let b = self.get(to)?.outline()?;
        Some((a.border_towards(b.centre()), b.border_towards(a.centre())))
    }

    fn bounds_of(&self, element: &Element) -> Option<Rect> {
        match &element.shape {
            Shape::Node { rect, .. } => Some(*rect),
            Shape::Connector { .. } => self.connector_line(element).map(|(a, b)| Rect::spanning(&[a, b])),
            Shape::Stroke { points } => Some(Rect::spanning(points)),
        }
    }

    /// The rectangle holding every element, if there are any.
    pub fn bounds(&self) -> Option<Rect> {
        // A person's caption may be wider than the figure: it is part of the drawing.
        self.elements
            .iter()
            .filter_map(|e| e.outline().or_else(|| self.bounds_of(e)))
            .reduce(|a, b| a.union(b))
    }

    /// A sentence describing the board for screen readers, e.g. "Board: 5 boxes, 4 arrows".
    pub fn describe(&self) -> String {
        let mut counts: Vec<(&'static str, &'static str, usize)> = Vec::new();
        let mut count = |names: (&'static str, &'static str)| match counts.iter_mut().find(|c| c.0 == names.0)
        {
            Some(c) => c.2 += 1,
            None => counts.push((names.0, names.1, 1)),
        };
        for element in &self.elements {
            match &element.shape {
                Shape::Node { node, .. } => count(node.names()),
                Shape::Connector { .. } => count(("arrow", "arrows")),
                Shape::Stroke { .. } => count(("pen stroke", "pen strokes")),
            }
        }
        if counts.is_empty() {
            return "Board: empty".to_owned();
        }
        let parts: Vec<String> = counts
            .iter()
            .map(|(one, many, n)| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect();
        format!("Board: {}", parts.join(", "))
    }
}

fn translate(element: &mut Element, dx: f32, dy: f32) {
    match &mut element.shape {
        Shape::Node { rect, .. } => {
            rect.x += dx;
            rect.y += dy;
        }
        Shape::Stroke { points } => {
            for p in points {
                p[0] += dx;
                p[1] += dy;
            }
        }
        Shape::Connector { .. } => {}
    }
}

#[cfg(test)]
mod tests;

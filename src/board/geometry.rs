//! Rectangles and points in board units.

use serde::{Deserialize, Serialize};

use super::{BoardError, GRID};

/// A rectangle: its top-left corner and size, in board units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    /// The smallest rectangle holding every point.
    pub fn spanning(points: &[[f32; 2]]) -> Self {
        let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for p in points {
            min = [min[0].min(p[0]), min[1].min(p[1])];
            max = [max[0].max(p[0]), max[1].max(p[1])];
        }
        if points.is_empty() {
            return Self::default();
        }
        Self::new(min[0], min[1], max[0] - min[0], max[1] - min[1])
    }

    pub fn centre(&self) -> [f32; 2] {
        [self.x + self.w / 2.0, self.y + self.h / 2.0]
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }

    pub fn contains_rect(&self, other: Rect) -> bool {
        self.contains(other.x, other.y) && self.contains(other.right(), other.bottom())
    }

    pub fn union(self, other: Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// The same rectangle with its size at least `min` each way.
    pub fn at_least(self, min: f32) -> Rect {
        Rect::new(self.x, self.y, self.w.max(min), self.h.max(min))
    }

    pub(super) fn checked(self) -> Result<Rect, BoardError> {
        if [self.x, self.y, self.w, self.h].iter().all(|v| v.is_finite()) {
            Ok(Rect::new(self.x, self.y, self.w.abs(), self.h.abs()))
        } else {
            Err(BoardError::NotFinite)
        }
    }

    /// Where the line from the centre towards `target` leaves the rectangle.
    pub fn border_towards(&self, target: [f32; 2]) -> [f32; 2] {
        let [cx, cy] = self.centre();
        let (dx, dy) = (target[0] - cx, target[1] - cy);
        if dx == 0.0 && dy == 0.0 {
            return [cx, cy];
        }
        let sx = if dx == 0.0 {
            f32::INFINITY
        } else {
            (self.w / 2.0) / dx.abs()
        };
        let sy = if dy == 0.0 {
            f32::INFINITY
        } else {
            (self.h / 2.0) / dy.abs()
        };
        let s = sx.min(sy).min(1.0);
        [cx + dx * s, cy + dy * s]
    }
}

/// `value` rounded to the nearest grid line.
pub fn snap(value: f32) -> f32 {
    (value / GRID).round() * GRID
}

/// The distance from `p` to the segment from `a` to `b`.
pub fn distance_to_segment(p: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    let (abx, aby) = (b[0] - a[0], b[1] - a[1]);
    let len2 = abx * abx + aby * aby;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * abx + (p[1] - a[1]) * aby) / len2).clamp(0.0, 1.0)
    };
    let (x, y) = (a[0] + abx * t, a[1] + aby * t);
    ((p[0] - x).powi(2) + (p[1] - y).powi(2)).sqrt()
}

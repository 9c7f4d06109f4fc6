//! The points a score chart draws: one per session while they fit, then day or week means.
//!
//! A chart a few hundred pixels wide cannot show a thousand sessions apart, and drawing
//! a marker for each costs memory and time every frame for nothing.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::ScorePoint;

/// The most points a chart line shows before it groups them.
pub const MAX_CHART_POINTS: usize = 120;

/// What one point of a chart line stands for, finest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grouping {
    #[default]
    Session,
    Day,
    Week,
}

impl Grouping {
    pub fn label(self) -> &'static str {
        match self {
            Grouping::Session => "one point per session",
            Grouping::Day => "one point per day (the day's mean)",
            Grouping::Week => "one point per week (the week's mean)",
        }
    }
}

/// A chart line: `[day number, score]` points, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartLine {
    pub points: Vec<[f64; 2]>,
    pub grouping: Grouping,
}

/// `points` (oldest first) as at most `max` chart points, grouped as finely as fits.
pub fn chart_line(points: &[ScorePoint], max: usize) -> ChartLine {
    let as_is = || {
        points
            .iter()
            .map(|p| [day_number(p), f64::from(p.score)])
            .collect()
    };
    if points.len() <= max {
        return ChartLine {
            points: as_is(),
            grouping: Grouping::Session,
        };
    }
    let by_day = grouped(points, |date| date);
    if by_day.len() <= max {
        return ChartLine {
            points: by_day,
            grouping: Grouping::Day,
        };
    }
    let monday = |date: NaiveDate| date - chrono::Days::new(u64::from(date.weekday().num_days_from_monday()));
    ChartLine {
        points: grouped(points, monday),
        grouping: Grouping::Week,
    }
}

fn day_number(point: &ScorePoint) -> f64 {
    point.at.timestamp() as f64 / 86_400.0
}

/// One point per group: the mean time and the mean score of the group.
fn grouped(points: &[ScorePoint], group_of: impl Fn(NaiveDate) -> NaiveDate) -> Vec<[f64; 2]> {
    let mut groups: BTreeMap<NaiveDate, (f64, f64, u32)> = BTreeMap::new();
    for point in points {
        let sums = groups.entry(group_of(point.at.date_naive())).or_default();
        sums.0 += day_number(point);
        sums.1 += f64::from(point.score);
        sums.2 += 1;
    }
    groups
        .into_values()
        .map(|(days, scores, n)| [days / f64::from(n), scores / f64::from(n)])
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration};

    use super::*;

    /// `n` points, `per_day` a day, scores cycling 1..=4.
    fn points(n: usize, per_day: usize) -> Vec<ScorePoint> {
        let start = DateTime::parse_from_rfc3339("2026-01-05T08:00:00+00:00").expect("date");
        (0..n)
            .map(|i| ScorePoint {
                at: start + Duration::days((i / per_day) as i64) + Duration::hours((i % per_day) as i64),
                session: format!("s{i}"),
                score: (i % 4 + 1) as f32,
            })
            .collect()
    }

    #[test]
    fn few_sessions_are_drawn_one_point_each() {
        let line = chart_line(&points(30, 3), MAX_CHART_POINTS);
        assert_eq!(line.grouping, Grouping::Session);
        assert_eq!(line.points.len(), 30);
        assert_eq!(line.points[1][1], 2.0);
    }

    #[test]
    fn many_sessions_become_day_means_then_week_means() {
        let line = chart_line(&points(300, 4), MAX_CHART_POINTS);
        assert_eq!(line.grouping, Grouping::Day);
        assert_eq!(line.points.len(), 75);
        assert_eq!(line.points[0][1], 2.5, "the mean of 1, 2, 3, 4");

        let line = chart_line(&points(1_000, 2), MAX_CHART_POINTS);
        assert_eq!(line.grouping, Grouping::Week);
        assert!(line.points.len() <= MAX_CHART_POINTS, "{}", line.points.len());
        assert!(line.points.windows(2).all(|w| w[0][0] < w[1][0]), "oldest first");
        // 5 Jan 2026 is a Monday: the first week holds 14 sessions, scores 1..4 cycling
        let first_week: f64 = (0..14).map(|i| (i % 4 + 1) as f64).sum::<f64>() / 14.0;
        assert!((line.points[0][1] - first_week).abs() < 1e-9);
    }
}

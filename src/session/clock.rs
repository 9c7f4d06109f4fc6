//! Time, injected: the model never reads the system clock directly.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local};

/// A monotonic clock plus the wall-clock time for records.
pub trait Clock: Send + Sync {
    /// Monotonic time since an arbitrary origin.
    fn now(&self) -> Duration;
    /// The local wall-clock time, with its offset.
    fn wall(&self) -> DateTime<FixedOffset>;
}

pub type SharedClock = Arc<dyn Clock>;

/// The real clock.
#[derive(Debug)]
pub struct SystemClock {
    origin: Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        Self {
            origin: Instant::now(),
        }
    }
}

impl SystemClock {
    pub fn shared() -> SharedClock {
        Arc::new(SystemClock::default())
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.origin.elapsed()
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }
}

/// A clock that moves only when told to: for tests and benchmarks.
#[derive(Debug)]
pub struct FakeClock {
    millis: AtomicU64,
    start: DateTime<FixedOffset>,
}

impl FakeClock {
    /// Starts at `start` (wall clock) and 0 (monotonic).
    pub fn new(start: DateTime<FixedOffset>) -> Arc<FakeClock> {
        Arc::new(FakeClock {
            millis: AtomicU64::new(0),
            start,
        })
    }

    /// A fixed, arbitrary start: 2026-01-05 09:00 +01:00.
    pub fn fixed() -> Arc<FakeClock> {
        let start = DateTime::parse_from_rfc3339("2026-01-05T09:00:00+01:00").unwrap_or_default();
        Self::new(start)
    }

    pub fn advance(&self, by: Duration) {
        self.millis.fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }

    pub fn advance_secs(&self, secs: u64) {
        self.advance(Duration::from_secs(secs));
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Duration {
        Duration::from_millis(self.millis.load(Ordering::SeqCst))
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        self.start + chrono::Duration::milliseconds(self.millis.load(Ordering::SeqCst) as i64)
    }
}

//! Kills a real process that writes sessions, with SIGKILL at random moments, hundreds of
//! times: after every kill each session file loads, the last completed save is intact and
//! no temporary file is taken for a session.
//!
//! The writer is this test binary itself, started again with
//! `--ignored --exact crash_writer` and [`WRITER_ENV`] set; it prints `begin <id> <n>` before and `saved <id> <n>` after each save.
#![cfg(unix)]

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use panelist::paths::DataDir;
use panelist::session::Session;
use panelist::store::{DataLock, SessionStore, is_stale_temp_name, remove_stale_temp_files};

const WRITER_ENV: &str = "PANELIST_CRASH_WRITER_DIR";
const IDS: [&str; 3] = ["crash-a", "crash-b", "crash-c"];
const KILLS: usize = 200;
const TIME_LIMIT: Duration = Duration::from_secs(50);

/// The notes a session carries after its `n`th save: a counter, then 4–64 KB of text
/// that differs from save to save, so a torn file cannot pass for a whole one.
fn notes_for(id: &str, n: u64) -> String {
    let repeats = 100 + ((n * 7919 + id.len() as u64 * 104_729) % 1500) as usize;
    format!("save {n}\n{}", format!("{id} save {n}: fox; ").repeat(repeats))
}

fn counter_of(session: &Session) -> u64 {
    session
        .notes
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("save "))
        .and_then(|n| n.parse().ok())
        .expect("a counter on the first line")
}

/// Not a check of its own but the body of the writer process, so it is ignored: the parent
/// runs it with `--ignored --exact`. Without [`WRITER_ENV`] it returns.
#[test]
#[ignore = "the body of the child process that sessions_survive_hundreds_of_sigkills kills"]
fn crash_writer() {
    let Some(dir) = std::env::var_os(WRITER_ENV) else {
        return;
    };
    let data = DataDir::new(Path::new(&dir));
    // the killed writer's lock died with it; holding it, its temporary files are garbage
    let lock = DataLock::acquire(data.root()).expect("lock");
    remove_stale_temp_files(&data.sessions(), &lock).expect("clean temporary files");
    let store = SessionStore::new(data);
    let mut sessions: Vec<Session> = IDS
        .iter()
        .map(|id| {
            store.load(id).unwrap_or_else(|_| {
                let mut s = common::sample_session(id, &["ledger"]);
                s.notes = notes_for(id, 0);
                s
            })
        })
        .collect();
    let mut out = std::io::stdout().lock();
    loop {
        for session in &mut sessions {
            let n = counter_of(session) + 1;
            session.notes = notes_for(&session.id, n);
            writeln!(out, "begin {} {n}", session.id).expect("report");
            out.flush().expect("flush");
            store.save(session).expect("save");
            writeln!(out, "saved {} {n}", session.id).expect("report");
            out.flush().expect("flush");
        }
    }
}

/// A small xorshift generator: random kill moments without a dependency; the seed is printed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[derive(Default)]
struct Progress {
    /// The last save each session completed.
    saved: HashMap<String, u64>,
    /// A save begun and not reported complete: the file may hold either version.
    in_flight: Option<(String, u64)>,
    events: u64,
}

impl Progress {
    fn record(&mut self, line: &str) {
        let mut words = line.split_whitespace();
        let (Some(kind), Some(id), Some(n)) = (words.next(), words.next(), words.next()) else {
            return; // the test harness's own output
        };
        let Ok(n) = n.parse::<u64>() else { return };
        match kind {
            "begin" => self.in_flight = Some((id.to_owned(), n)),
            "saved" => {
                self.saved.insert(id.to_owned(), n);
                self.in_flight = None;
            }
            _ => return,
        }
        self.events += 1;
    }
}

#[test]
fn sessions_survive_hundreds_of_sigkills() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exe = std::env::current_exe().expect("test binary");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    println!("kill-loop seed {seed}");
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut progress = Progress::default();
    let mut torn_writes = 0;
    for kill in 0..KILLS {
        assert!(
            started.elapsed() < TIME_LIMIT,
            "only {kill} kills in {TIME_LIMIT:?}"
        );
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "crash_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(WRITER_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the writer");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        // kill after a random number of reported events (0: while it starts up)
        let kill_after = progress.events + rng.below(12);
        while progress.events < kill_after {
            let Some(Ok(line)) = lines.next() else { break };
            progress.record(&line);
        }
        child.kill().expect("SIGKILL");
        // what it printed before dying is still in the pipe
        for line in lines.map_while(Result::ok) {
            progress.record(&line);
        }
        let status = child.wait().expect("reap");
        assert!(status.code().is_none(), "the writer died by itself: {status}");
        torn_writes += check_after_kill(dir.path(), &progress);
    }
    let lock = DataLock::acquire(dir.path()).expect("lock after the last kill");
    remove_stale_temp_files(&dir.path().join("sessions"), &lock).expect("clean");
    assert_eq!(session_folder_names(dir.path()).len(), IDS.len());
    println!(
        "{KILLS} kills, {} saves completed, {torn_writes} kills left a temporary file, {:?}",
        progress.saved.values().sum::<u64>(),
        started.elapsed()
    );
    assert!(progress.saved.values().sum::<u64>() > 0, "the writer never saved");
}

/// Checks the data folder after one kill; returns 1 when the kill left a temporary file.
fn check_after_kill(root: &Path, progress: &Progress) -> usize {
    let names = session_folder_names(root);
    let temps = names.iter().filter(|n| is_stale_temp_name(n)).count();
    for name in &names {
        assert!(
            is_stale_temp_name(name) || IDS.iter().any(|id| *name == format!("{id}.ron")),
            "unexpected file {name}"
        );
    }
    let store = SessionStore::new(DataDir::new(root)).into_read_only();
    let loaded = store.load_all();
    assert!(loaded.issues.is_empty(), "{:#?}", loaded.issues);
    assert_eq!(
        loaded.sessions.len(),
        names.len() - temps,
        "a temporary file loaded as a session"
    );
    for session in &loaded.sessions {
        let n = counter_of(session);
        let saved = progress.saved.get(&session.id).copied().unwrap_or(0);
        let in_flight = progress
            .in_flight
            .as_ref()
            .filter(|(id, _)| *id == session.id)
            .map(|(_, n)| *n);
        assert!(
            n == saved || Some(n) == in_flight,
            "{} holds save {n}; last completed {saved}, in flight {in_flight:?}",
            session.id
        );
        assert_eq!(session.notes, notes_for(&session.id, n), "{} is torn", session.id);
    }
    for id in progress.saved.keys() {
        assert!(loaded.sessions.iter().any(|s| s.id == *id), "{id} vanished");
    }
    assert!(!root.join("quarantine").exists());
    usize::from(temps > 0)
}

fn session_folder_names(root: &Path) -> Vec<String> {
    match std::fs::read_dir(root.join("sessions")) {
        Ok(entries) => entries
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    }
}

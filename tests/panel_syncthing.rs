//! A remote panel through a real sync engine: two Syncthing instances, started here on
//! 127.0.0.1 only with their own config folders (no discovery, no relays), sync a host
//! folder and a panelist folder. The host creates the panel and advances it with the
//! command line and the library; the panelist joins, takes notes and submits cards on
//! the other side; the host merges. Bounded (3 minutes) and stopping everything it
//! started. Skipped with a message when `syncthing` is not installed, unless
//! `PANELIST_REQUIRE_TOOLS=1` (CI installs the Debian package `syncthing`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use chrono::DateTime;
use panelist::panel_share::{
    CardFile, FolderReader, FolderView, HostWriter, LiveStage, PanelistWriter, SHARE_FORMAT, load_host,
};
use panelist::paths::DataDir;
use panelist::session::{Recommendation, Score};
use panelist::store::SessionStore;

/// The whole run must finish within this.
const BOUND: Duration = Duration::from_secs(180);

fn find_tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Kills and reaps a process when dropped, so a failing test leaves nothing running.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// One Syncthing instance: its config folder, device id and listening port.
struct Instance {
    home: PathBuf,
    id: String,
    port: u16,
}

fn generate(syncthing: &Path, home: PathBuf) -> Instance {
    let out = Command::new(syncthing)
        .arg("generate")
        .arg(format!("--home={}", home.display()))
        .arg("--no-default-folder")
        .arg("--skip-port-probing")
        .env("STNOUPGRADE", "1")
        .output()
        .expect("syncthing generate runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let id = text
        .lines()
        .find_map(|l| l.split("Device ID: ").nth(1))
        .map(|id| id.trim().to_owned())
        .unwrap_or_else(|| panic!("no device id from syncthing generate: {text}"));
    Instance {
        home,
        id,
        port: free_port(),
    }
}

/// Writes the instance's config: one folder shared with the peer, reachable only on
/// 127.0.0.1, everything that would reach the internet off.
fn configure(me: &Instance, peer: &Instance, folder: &Path) {
    std::fs::create_dir_all(folder.join(".stfolder")).expect("folder marker");
    let config = format!(
        r#"<configuration version="36">
    <folder id="panel" label="panel" path="{folder}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">
        <device id="{me_id}"></device>
        <device id="{peer_id}"></device>
    </folder>
    <device id="{me_id}" name="self" compression="metadata"><address>dynamic</address></device>
    <device id="{peer_id}" name="peer" compression="metadata"><address>tcp://127.0.0.1:{peer_port}</address></device>
    <gui enabled="false" tls="false"><address>127.0.0.1:0</address></gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <urAccepted>-1</urAccepted>
        <startBrowser>false</startBrowser>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <crashReportingEnabled>false</crashReportingEnabled>
        <reconnectionIntervalS>1</reconnectionIntervalS>
    </options>
</configuration>
"#,
        folder = folder.display(),
        me_id = me.id,
        peer_id = peer.id,
        peer_port = peer.port,
        port = me.port,
    );
    std::fs::write(me.home.join("config.xml"), config).expect("config.xml");
}

fn serve(syncthing: &Path, me: &Instance) -> KillOnDrop {
    let log = std::fs::File::create(me.home.join("syncthing.log")).expect("log");
    let child = Command::new(syncthing)
        .arg("serve")
        .arg(format!("--home={}", me.home.display()))
        .arg("--no-browser")
        .arg("--no-restart")
        .arg("--no-upgrade")
        .env("STNOUPGRADE", "1")
        .env("STNODEFAULTFOLDER", "1")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("syncthing serve starts");
    KillOnDrop(child)
}

fn panelist_cli(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelist"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("PANELIST_DATA_DIR")
        .output()
        .expect("runs")
}

/// Reads `folder` until `done` holds, at most until `deadline`; the last reading.
fn wait_until(
    folder: &Path,
    deadline: Instant,
    what: &str,
    logs: &[&Path],
    done: impl Fn(&FolderView) -> bool,
) -> FolderView {
    let mut reader = FolderReader::new(folder);
    let start = Instant::now();
    loop {
        let view = reader.scan(start.elapsed());
        if done(&view) {
            return view;
        }
        if Instant::now() > deadline {
            let tails: Vec<String> = logs
                .iter()
                .map(|p| std::fs::read_to_string(p).unwrap_or_default())
                .map(|t| t.lines().rev().take(15).collect::<Vec<_>>().join("\n"))
                .collect();
            panic!(
                "{what}: not synced within {BOUND:?}; last reading {view:?}\nsyncthing logs (newest first):\n{}",
                tails.join("\n---\n")
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn card(question: &str, score: u8) -> CardFile {
    CardFile {
        format: SHARE_FORMAT,
        panelist: String::new(),
        question: question.to_owned(),
        scores: [("manager-coaching".to_owned(), Score::new(score).expect("score"))]
            .into_iter()
            .collect(),
        evidence: Default::default(),
        recommendation: Recommendation::Hire,
        notes: String::new(),
        submitted_at: DateTime::parse_from_rfc3339("2026-11-28T10:00:00+00:00").expect("date"),
    }
}

#[test]
fn a_panel_runs_through_two_syncthing_instances() {
    let Some(syncthing) = find_tool("syncthing") else {
        assert!(
            std::env::var("PANELIST_REQUIRE_TOOLS").as_deref() != Ok("1"),
            "syncthing is not installed and PANELIST_REQUIRE_TOOLS=1 (apt-get install syncthing)"
        );
        eprintln!("skipped: syncthing is not installed (apt-get install syncthing)");
        return;
    };
    let deadline = Instant::now() + BOUND;
    let root = tempfile::tempdir().expect("temp");
    let host_folder = root.path().join("host-panel");
    let panelist_folder = root.path().join("panelist-panel");
    let host_data = root.path().join("host-data");
    let a = generate(&syncthing, root.path().join("st-host"));
    let b = generate(&syncthing, root.path().join("st-panelist"));
    configure(&a, &b, &host_folder);
    configure(&b, &a, &panelist_folder);
    let logs = [a.home.join("syncthing.log"), b.home.join("syncthing.log")];
    let log_refs: Vec<&Path> = logs.iter().map(PathBuf::as_path).collect();
    let _host_sync = serve(&syncthing, &a);
    let _panelist_sync = serve(&syncthing, &b);

    // the host creates the panel (command line)
    let banks = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good");
    let out = panelist_cli(
        &host_data,
        &[
            "--questions",
            banks,
            "panel",
            "create",
            host_folder.to_str().expect("utf-8"),
            "--candidate",
            "Sam",
            "--panelist",
            "Ana:vpe",
            "--panelist",
            "Ben:em",
            "--question",
            "sample/slipping-em",
            "--question",
            "sample/why-director",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // it reaches the panelist's machine
    wait_until(
        &panelist_folder,
        deadline,
        "panel.ron on the panelist's side",
        &log_refs,
        |v| v.host.is_some(),
    );
    let out = panelist_cli(
        &root.path().join("ana-data"),
        &[
            "panel",
            "join",
            panelist_folder.to_str().expect("utf-8"),
            "--as",
            "ana",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+00:00").expect("date");
    let mut ana = PanelistWriter::join(&panelist_folder, "ana", now).expect("join");
    for n in 0..5 {
        ana.add_note("sample/slipping-em", n * 1000, &format!("note {n}"), n == 0, now)
            .expect("note");
    }
    ana.submit(0, card("sample/slipping-em", 3)).expect("submit");

    // the host advances; the panelist's side follows
    let mut host = HostWriter::create(
        &host_folder,
        load_host(&host_folder).expect("read").expect("host"),
    )
    .expect("take the panel over");
    host.update(|live| {
        live.current = 1;
        live.stage = LiveStage::Answer;
    })
    .expect("advance");
    let seq = host.file().live.seq;
    wait_until(
        &panelist_folder,
        deadline,
        "the host's next question",
        &log_refs,
        |v| {
            v.host
                .as_ref()
                .is_some_and(|h| h.live.current == 1 && h.live.seq == seq)
        },
    );
    ana.submit(1, card("sample/why-director", 4)).expect("submit");

    // every note and card reaches the host, and nothing is reported as a problem
    let view = wait_until(
        &host_folder,
        deadline,
        "the panelist's files on the host",
        &log_refs,
        |v| v.joined.contains_key("ana") && v.notes.len() == 5 && v.cards.len() == 2,
    );
    assert!(view.problems.is_empty(), "{:?}", view.problems);
    let out = panelist_cli(
        &host_data,
        &["panel", "status", host_folder.to_str().expect("utf-8")],
    );
    let status = String::from_utf8_lossy(&out.stdout);
    assert!(status.contains("ana\tAna"), "{status}");
    let out = panelist_cli(
        &host_data,
        &[
            "--questions",
            banks,
            "panel",
            "merge",
            host_folder.to_str().expect("utf-8"),
        ],
    );
    let merged = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{merged}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(merged.contains("Merged 2 cards and 5 notes"), "{merged}");
    let session = SessionStore::new(DataDir::new(&host_data))
        .load(&host.file().panel_id)
        .expect("merged session");
    let panel = session.panel.expect("panel");
    assert_eq!((panel.scorecards.len(), panel.notes.len()), (2, 5));
    assert!(Instant::now() <= deadline);
}

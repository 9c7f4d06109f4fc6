//! `panelist FILE` and `panelist --version`, run as a user would. A file Panelist opens
//! starts the window, so these run the binary only where it refuses the file; which
//! window flow a file goes to is tested through the parser here and in tests/ui/opened.rs.

use std::path::Path;
use std::process::{Command, Output};

use clap::Parser;
use panelist::cli::{Cli, Command as CliCommand};
use panelist::open::{OpenFile, classify};

fn panelist(data: &Path, args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelist"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("PANELIST_DATA_DIR")
        .output()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The short commit of this checkout, as build.rs finds it (`None` without git or a checkout).
fn checkout_commit() -> Option<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(manifest)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| text(&o.stdout).trim().to_owned())
    };
    let top = git(&["rev-parse", "--show-toplevel"])?;
    if Path::new(&top).canonicalize().ok()? != manifest.canonicalize().ok()? {
        return None;
    }
    git(&["rev-parse", "--short=7", "HEAD"])
}

#[test]
fn version_names_the_commit_of_a_checkout() {
    let data = tempfile::tempdir().expect("temp");
    let out = panelist(data.path(), &["--version".as_ref()]);
    assert_eq!(out.status.code(), Some(0));
    let expected = match checkout_commit() {
        Some(commit) => format!("panelist {} (commit {commit})\n", env!("CARGO_PKG_VERSION")),
        None => format!("panelist {}\n", env!("CARGO_PKG_VERSION")),
    };
    assert_eq!(text(&out.stdout), expected);
    assert_eq!(
        panelist::VERSION,
        expected.trim_start_matches("panelist ").trim_end()
    );
}

#[test]
fn a_file_that_is_not_panelists_is_refused_naming_it() {
    let data = tempfile::tempdir().expect("temp");
    let notes = data.path().join("notes.txt");
    std::fs::write(&notes, "Remember the STAR format.\n").expect("write");
    let out = panelist(data.path(), &[notes.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "panelist: {} is not a file Panelist opens (not a question bank, a panel or sessions); it opens a question bank (.ron), a panel folder's panel.ron, and exported sessions (.json)\n",
            notes.display()
        )
    );
    let missing = data.path().join("missing.ron");
    let out = panelist(data.path(), &[missing.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("panelist: cannot open {}: ", missing.display())),
        "{stderr}"
    );
    // nothing was written for a refused file
    assert_eq!(std::fs::read_dir(data.path()).expect("list").count(), 1);
}

#[test]
fn the_file_argument_and_commands_are_told_apart() {
    let cli = Cli::try_parse_from(["panelist", "--data-dir", "d", "some-bank.ron"]).expect("parses");
    assert_eq!(cli.file.as_deref(), Some(Path::new("some-bank.ron")));
    assert!(cli.command.is_none());
    for args in [
        &["panelist", "validate", "some-bank.ron"][..],
        &[
            "panelist",
            "--data-dir",
            "d",
            "--questions",
            "q",
            "validate",
            "some-bank.ron",
        ],
    ] {
        let cli = Cli::try_parse_from(args).expect("parses");
        assert!(cli.file.is_none(), "{args:?}");
        assert!(
            matches!(cli.command, Some(CliCommand::Validate { .. })),
            "{args:?}"
        );
    }
    // a file named like a command is given with a path
    let cli = Cli::try_parse_from(["panelist", "./banks"]).expect("parses");
    assert_eq!(cli.file.as_deref(), Some(Path::new("./banks")));
}

#[test]
fn a_bank_routes_to_import_and_a_panel_to_join() {
    let dir = tempfile::tempdir().expect("temp");
    let bank = dir.path().join("some-bank.ron");
    std::fs::write(&bank, include_str!("fixtures/good/sample.ron")).expect("write");
    assert_eq!(classify(&bank), Ok(OpenFile::ImportBank(bank.clone())));
    // a real panel, made by `panelist panel create`
    let data = tempfile::tempdir().expect("temp");
    let folder = dir.path().join("path/to");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
    let listed = panelist(
        data.path(),
        &["--questions".as_ref(), fixture.as_os_str(), "questions".as_ref()],
    );
    assert_eq!(listed.status.code(), Some(0), "{}", text(&listed.stderr));
    let question = text(&listed.stdout)
        .lines()
        .next()
        .and_then(|l| l.split('\t').next())
        .expect("a question id")
        .to_owned();
    let out = panelist(
        data.path(),
        &[
            "--questions".as_ref(),
            fixture.as_os_str(),
            "panel".as_ref(),
            "create".as_ref(),
            folder.as_os_str(),
            "--candidate".as_ref(),
            "Sam".as_ref(),
            "--panelist".as_ref(),
            "Ana Ruiz:vpe".as_ref(),
            "--question".as_ref(),
            question.as_ref(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        classify(&folder.join("panel.ron")),
        Ok(OpenFile::JoinPanel(folder.clone()))
    );
    assert_eq!(classify(&folder), Ok(OpenFile::JoinPanel(folder.clone())));
}

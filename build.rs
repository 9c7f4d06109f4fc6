//! Compiles every bank in `questions/` into the binary, so that Panelist runs from any folder,
//! and names the git commit the binary was built from (`PANELIST_VERSION`).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // read at run time, not compiled in: a target folder shared by several checkouts runs
    // one compiled build script for all of them
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_owned());
    let manifest = Path::new(&manifest);
    version(manifest);
    let dir = manifest.join("questions");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from(
        "/// `(name, text)` of each bank shipped in `questions/`.\npub const SHIPPED_BANKS: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let _ = writeln!(
            code,
            "    (\"questions/{name}\", include_str!({:?})),",
            file.display().to_string()
        );
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("shipped_banks.rs");
    if let Err(err) = std::fs::write(&out, code) {
        panic!("cannot write {}: {err}", out.display());
    }
}

/// `PANELIST_VERSION`: the package version, with the short commit when built from a git
/// checkout (`0.1.0 (commit 1a2b3c4)`); the version alone where there is no git or no
/// checkout (a source tarball). Reruns when HEAD moves.
fn version(manifest: &Path) {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    // only this crate's own checkout: not a repository the source happens to sit inside
    let own =
        git(manifest, &["rev-parse", "--show-toplevel"]).and_then(|top| Path::new(&top).canonicalize().ok());
    let commit = (own.is_some() && own == manifest.canonicalize().ok())
        .then(|| git(manifest, &["rev-parse", "--short=7", "HEAD"]))
        .flatten();
    match &commit {
        Some(commit) => println!("cargo:rustc-env=PANELIST_VERSION={version} (commit {commit})"),
        None => println!("cargo:rustc-env=PANELIST_VERSION={version}"),
    }
    if commit.is_some() {
        // HEAD, the branch it points to and the packed refs: a commit or a checkout changes one
        let mut watched = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
        watched.extend(git(manifest, &["symbolic-ref", "-q", "HEAD"]));
        for name in watched {
            if let Some(path) = git(manifest, &["rev-parse", "--git-path", &name])
                .map(|p| manifest.join(p))
                .filter(|p| p.exists())
            {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
}

/// The trimmed output of a git command run in the crate's folder, if it succeeded.
fn git(manifest: &Path, args: &[&str]) -> Option<String> {
    let output = std::process::Command::new("git")
        .args(args)
        .current_dir(manifest)
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (output.status.success() && !text.is_empty()).then_some(text)
}

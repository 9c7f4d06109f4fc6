//! `panelist import FILE --to BANK.ron [--round R] [--force]`.

use std::io::Write;
use std::path::Path;

use super::print_problems;
use crate::bank::{Round, bank_id_for, import_questions};

pub(super) fn import(
    file: &Path,
    to: &Path,
    round: Option<&str>,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    run(file, to, round, force, out, err)
}

fn run(
    file: &Path,
    to: &Path,
    round: Option<&str>,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let round = match round.map(|r| (r, Round::parse_loose(r))) {
        Some((text, None)) => {
            writeln!(
                err,
                "panelist: unknown round \"{text}\"; rounds are SystemsDesign, Leadership, OrgDesign, ReverseInterview, Career"
            )?;
            return Ok(2);
        }
        Some((_, round)) => round,
        None => None,
    };
    if to.exists() && !force {
        writeln!(
            err,
            "panelist: {} already exists; add --force to replace it",
            to.display()
        )?;
        return Ok(1);
    }
    let path = file.display().to_string();
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            writeln!(out, "{path}: error: cannot read the file: {e}")?;
            return Ok(1);
        }
    };
    let title = format!(
        "Imported from {}",
        file.file_name().and_then(|n| n.to_str()).unwrap_or("a list")
    );
    let imported = match import_questions(&path, &bytes, &bank_id_for(to), &title, round) {
        Ok(imported) => imported,
        Err(problems) => {
            print_problems(&problems, out)?;
            writeln!(out, "Nothing written.")?;
            return Ok(1);
        }
    };
    print_problems(&imported.skipped, out)?;
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::store::ensure_private_dir(dir)?;
    }
    crate::store::write_atomic(to, imported.text.as_bytes())?;
    writeln!(
        out,
        "Wrote {} with {}{} (bank id \"{}\").",
        to.display(),
        crate::text::plural(imported.bank.questions.len(), "question"),
        match imported.skipped.len() {
            0 => String::new(),
            n => format!("; {} skipped", crate::text::plural(n, "row")),
        },
        imported.bank.id
    )?;
    Ok(0)
}

//! What a file name in a panel folder is: ours, a sync tool's conflict copy, a sync
//! tool's temporary file, or something else.

/// One file name, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// `panel.ron`.
    Host,
    /// `joined.ron`.
    Joined,
    /// `note-<seq>.ron`.
    Note(u64),
    /// `card-<question>.ron`.
    Card(usize),
    /// A sync tool's copy of a file it could not reconcile, e.g. `card-1 (conflicted copy
    /// 2026-11-28).ron`, `card-1.sync-conflict-20261128-101010-ABCDEFG.ron`,
    /// `card-1 (1).ron`, `~card-1.ron`. Reported by name, never merged.
    Conflict,
    /// A file a sync tool or Panelist is still writing (`.syncthing.*.tmp`,
    /// `.<name>.<pid>-<n>.tmp`, `*.partial`, `~$…`); ignored.
    InProgress,
    /// Anything else (reported, ignored).
    Other,
}

/// Classifies a file name met inside a panel folder.
pub fn classify(name: &str) -> FileKind {
    if name.starts_with(".syncthing.")
        || (name.starts_with('.') && name.ends_with(".tmp"))
        || name.ends_with(".partial")
        || name.ends_with(".part")
        || name.ends_with(".crdownload")
        || name.starts_with("~$")
        || name.starts_with(".~")
    {
        return FileKind::InProgress;
    }
    if is_conflict_copy(name) {
        return FileKind::Conflict;
    }
    let Some(stem) = name.strip_suffix(".ron") else {
        return FileKind::Other;
    };
    match stem {
        "panel" => return FileKind::Host,
        "joined" => return FileKind::Joined,
        _ => {}
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(n) = stem.strip_prefix("note-").filter(|n| digits(n))
        && let Ok(seq) = n.parse()
    {
        return FileKind::Note(seq);
    }
    if let Some(n) = stem.strip_prefix("card-").filter(|n| digits(n))
        && let Ok(index) = n.parse()
    {
        return FileKind::Card(index);
    }
    FileKind::Other
}

/// The names sync tools give a second version of a file.
fn is_conflict_copy(name: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.contains("conflicted copy")
        || lower.contains(".sync-conflict-")
        || lower.contains("-conflict-")
        || lower.contains("'s conflicted")
        || name.starts_with('~')
    {
        return true;
    }
    // Dropbox, Google Drive, OneDrive: `name (1).ron`; iCloud: `name 2.ron`.
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if let Some(inner) = stem.strip_suffix(')')
        && let Some((_, n)) = inner.rsplit_once(" (")
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return true;
    }
    if let Some((_, n)) = stem.rsplit_once(' ')
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_names() {
        assert_eq!(classify("panel.ron"), FileKind::Host);
        assert_eq!(classify("joined.ron"), FileKind::Joined);
        assert_eq!(classify("note-000012.ron"), FileKind::Note(12));
        assert_eq!(classify("card-3.ron"), FileKind::Card(3));
        assert_eq!(classify("card-x.ron"), FileKind::Other);
        assert_eq!(classify("notes.txt"), FileKind::Other);
    }

    #[test]
    fn sync_tools_conflict_copies() {
        for name in [
            "card-1 (conflicted copy 2026-11-28).ron",
            "panel (Priya's conflicted copy 2026-11-28).ron",
            "card-1.sync-conflict-20261128-101010-ABCDEFG.ron",
            "card-1 (1).ron",
            "panel 2.ron",
            "~card-1.ron",
        ] {
            assert_eq!(classify(name), FileKind::Conflict, "{name}");
        }
    }

    #[test]
    fn files_still_being_written() {
        for name in [
            ".syncthing.card-1.ron.tmp",
            ".card-1.ron.123-4.tmp",
            "card-1.ron.partial",
            "~$panel.ron",
        ] {
            assert_eq!(classify(name), FileKind::InProgress, "{name}");
        }
    }
}

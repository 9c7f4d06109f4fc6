//! A panelist's unsubmitted work, kept on their own machine (never in the shared folder):
//! the scorecards they are filling and the note they are typing. If the app closes or
//! crashes mid-panel, joining the same panel again as the same panelist brings it back.
//!
//! One file per panel and panelist, in the data folder:
//! `<data>/panel-drafts/<panel-id>/<panelist-id>.ron`, versioned and written atomically
//! like every other file. A file that cannot be read is moved aside, never overwritten.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::HostFile;
use crate::session::Scorecard;
use crate::store::{VersionedFileError, load_versioned, save_versioned};

/// The drafts format this build writes.
pub const DRAFTS_FORMAT: u32 = 1;

/// The folder, inside the data folder, that holds drafts.
pub const DRAFTS_DIR: &str = "panel-drafts";

/// What a panelist has not submitted yet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftsFile {
    pub format: u32,
    pub panel_id: String,
    pub panelist: String,
    /// Cards not yet submitted, in question order.
    #[serde(default)]
    pub cards: Vec<DraftCard>,
    /// The note being typed, not yet added.
    #[serde(default)]
    pub note: String,
}

/// One unsubmitted card, with its question's id so that a card is never restored onto
/// another question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftCard {
    pub index: usize,
    /// `bank/question`.
    pub question: String,
    pub card: Scorecard,
}

impl DraftsFile {
    /// Where a panelist's drafts for a panel live under `data`.
    pub fn path(data: &Path, panel_id: &str, panelist: &str) -> PathBuf {
        data.join(DRAFTS_DIR)
            .join(safe_name(panel_id))
            .join(format!("{}.ron", safe_name(panelist)))
    }

    /// True when there is nothing worth keeping: no score, evidence, recommendation or
    /// note in any card, and no note typed.
    pub fn is_empty(&self) -> bool {
        self.note.trim().is_empty() && self.cards.iter().all(|c| card_is_blank(&c.card))
    }

    /// The cards that still belong to `host`'s panel: the same question at the same
    /// place, not yet submitted (`submitted(index)`).
    pub fn restorable(&self, host: &HostFile, submitted: impl Fn(usize) -> bool) -> Vec<(usize, Scorecard)> {
        if self.panel_id != host.panel_id {
            return Vec::new();
        }
        self.cards
            .iter()
            .filter(|c| {
                host.questions
                    .get(c.index)
                    .is_some_and(|q| q.global_id == c.question)
                    && !submitted(c.index)
                    && !card_is_blank(&c.card)
            })
            .map(|c| {
                let mut card = c.card.clone();
                card.question = c.index;
                (c.index, card)
            })
            .collect()
    }
}

/// A card with nothing filled in.
pub fn card_is_blank(card: &Scorecard) -> bool {
    card.scores.is_empty()
        && card.evidence.values().all(|e| e.trim().is_empty())
        && card.recommendation == Default::default()
        && card.notes.trim().is_empty()
}

/// Letters, digits, `-` and `_` kept; anything else (a path separator, `..`) becomes `-`.
fn safe_name(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() { "-".to_owned() } else { name }
}

/// Reads the drafts at `path`; none yet is `Ok(None)`. A file that cannot be read is
/// moved aside (beside it, as `<name>.unreadable-<stamp>`) and the error says where.
pub fn load_drafts(path: &Path, now: DateTime<FixedOffset>) -> Result<Option<DraftsFile>, String> {
    match load_versioned::<DraftsFile>(path, DRAFTS_FORMAT) {
        Ok(drafts) => Ok(drafts),
        // a newer Panelist's file is left where it is, untouched
        Err(err @ VersionedFileError::Newer { .. }) => Err(err.to_string()),
        Err(err) => {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("drafts.ron");
            let aside = path.with_file_name(format!("{name}.unreadable-{}", now.format("%Y%m%d-%H%M%S")));
            match std::fs::rename(path, &aside) {
                Ok(()) => Err(format!(
                    "Your unsent drafts could not be read ({err}); the file was moved to {}.",
                    aside.display()
                )),
                Err(move_err) => Err(format!(
                    "Your unsent drafts could not be read ({err}); moving the file aside failed: {move_err}."
                )),
            }
        }
    }
}

/// Writes the drafts atomically, or removes the file when there is nothing left to keep.
pub fn save_drafts(path: &Path, drafts: &DraftsFile) -> Result<(), String> {
    if drafts.is_empty() {
        return match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(format!("cannot remove {}: {err}", path.display())),
        };
    }
    if let Some(folder) = path.parent() {
        crate::store::ensure_private_dir(folder)
            .map_err(|err| format!("cannot create {}: {err}", folder.display()))?;
    }
    save_versioned(path, drafts).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Recommendation, Score};

    fn host() -> HostFile {
        let mut host = crate::panel_share::tests::host_file(&["ana", "ben"], 2);
        host.panel_id = "panel-1".to_owned();
        host
    }

    fn drafts_for(host: &HostFile) -> DraftsFile {
        let mut card = Scorecard::default();
        card.scores.insert("technical_depth".to_owned(), Score::ALL[2]);
        card.recommendation = Recommendation::Hire;
        DraftsFile {
            format: DRAFTS_FORMAT,
            panel_id: host.panel_id.clone(),
            panelist: "ana".to_owned(),
            cards: vec![DraftCard {
                index: 0,
                question: host.questions[0].global_id.clone(),
                card,
            }],
            note: "probed on headcount".to_owned(),
        }
    }

    #[test]
    fn drafts_round_trip_and_empty_drafts_remove_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let host = host();
        let path = DraftsFile::path(dir.path(), &host.panel_id, "ana");
        assert!(path.starts_with(dir.path().join(DRAFTS_DIR)));
        let drafts = drafts_for(&host);
        save_drafts(&path, &drafts).expect("saved");
        let now = chrono::Utc::now().fixed_offset();
        assert_eq!(load_drafts(&path, now).expect("read"), Some(drafts.clone()));
        let empty = DraftsFile {
            cards: vec![DraftCard {
                card: Scorecard::default(),
                ..drafts.cards[0].clone()
            }],
            note: "  ".to_owned(),
            ..drafts
        };
        assert!(empty.is_empty());
        save_drafts(&path, &empty).expect("removed");
        assert!(!path.exists());
        assert_eq!(load_drafts(&path, now).expect("none"), None);
        save_drafts(&path, &empty).expect("removing nothing is fine");
    }

    #[test]
    fn only_cards_that_still_belong_are_restored() {
        let host = host();
        let mut drafts = drafts_for(&host);
        assert_eq!(drafts.restorable(&host, |_| false).len(), 1);
        assert_eq!(drafts.restorable(&host, |_| false)[0].1.question, 0);
        // submitted since (from another run): nothing to restore
        assert!(drafts.restorable(&host, |i| i == 0).is_empty());
        // another panel
        let mut other = host.clone();
        other.panel_id = "panel-2".to_owned();
        assert!(drafts.restorable(&other, |_| false).is_empty());
        // the question at that place changed
        drafts.cards[0].question = "other/question".to_owned();
        assert!(drafts.restorable(&host, |_| false).is_empty());
        // beyond the panel's questions
        drafts.cards[0].question = host.questions[0].global_id.clone();
        drafts.cards[0].index = 99;
        assert!(drafts.restorable(&host, |_| false).is_empty());
    }

    #[test]
    fn an_unreadable_file_is_moved_aside_and_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = DraftsFile::path(dir.path(), "panel-1", "ana");
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(&path, "DraftsFile(format: 1, panel_id: ").expect("written");
        let now = chrono::Utc::now().fixed_offset();
        let err = load_drafts(&path, now).expect_err("unreadable");
        assert!(err.contains("ana.ron"), "{err}");
        assert!(err.contains("moved to"), "{err}");
        assert!(!path.exists());
        let moved: Vec<_> = std::fs::read_dir(path.parent().expect("folder"))
            .expect("listed")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            moved.iter().any(|n| n.starts_with("ana.ron.unreadable-")),
            "{moved:?}"
        );
    }

    #[test]
    fn ids_cannot_leave_the_drafts_folder() {
        let path = DraftsFile::path(Path::new("/data"), "../../etc", "a/b");
        assert_eq!(path, Path::new("/data/panel-drafts/------etc/a-b.ron"));
    }
}

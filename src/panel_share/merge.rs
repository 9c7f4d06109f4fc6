//! The host's session with every panelist's submitted cards and notes merged in, and
//! the blind rule as each panelist's machine applies it.
//!
//! The merge depends only on what is in the folder, never on the order files arrived:
//! cards are placed by (question, panelist), notes are kept as a multiset and sorted by
//! (question, time into the answer, panelist, text). Merging twice changes nothing.

use std::collections::BTreeMap;

use super::{CardFile, FolderView, HostFile};
use crate::session::{Mode, Panel, PanelNote, Panelist, Scorecard, Session};

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub cards_added: usize,
    pub notes_added: usize,
    /// Cards (question index, panelist id) that arrived after the host revealed the
    /// question without them: kept and counted, flagged here.
    pub late_cards: Vec<(usize, String)>,
    /// Cards (question index, panelist id) that differ from a submitted card already in
    /// the session: the session's card is kept (a submitted card is final).
    pub differing_cards: Vec<(usize, String)>,
}

impl MergeReport {
    pub fn changed(&self) -> bool {
        self.cards_added + self.notes_added > 0
    }
}

/// A new panel session from the host's file alone (on a machine without the host's
/// session, or for `panelist panel merge`).
pub fn session_from_host(host: &HostFile) -> Session {
    let questions = host
        .questions
        .iter()
        .map(|q| (q.global_id.clone(), q.question.clone()))
        .collect();
    let mut session = Session::new(
        host.panel_id.clone(),
        host.created,
        Mode::Panel,
        host.title.clone(),
        host.time_scale,
        questions,
    );
    session.candidate = host.candidate.clone();
    session.current = host.live.current.min(host.questions.len().saturating_sub(1));
    session.panel = Some(Panel::new(
        host.panelists
            .iter()
            .map(|p| Panelist {
                name: p.name.clone(),
                role: p.role,
            })
            .collect(),
    ));
    session
}

fn scorecard(card: &CardFile, question: usize, panelist: usize) -> Scorecard {
    Scorecard {
        question,
        panelist,
        scores: card.scores.clone(),
        evidence: card.evidence.clone(),
        recommendation: card.recommendation,
        notes: card.notes.clone(),
        submitted_at: Some(card.submitted_at),
    }
}

/// Merges the folder's submitted cards and notes into `session` (the host's panel
/// session, whose panelists are `host.panelists` in order). Returns what changed.
pub fn merge_into(session: &mut Session, host: &HostFile, view: &FolderView) -> MergeReport {
    let mut report = MergeReport::default();
    if session.panel.is_none() {
        session.mode = Mode::Panel;
        session.panel = Some(Panel::default());
    }
    // question index in the host file -> index in the session, by global id
    let question_in_session: Vec<Option<usize>> = host
        .questions
        .iter()
        .map(|q| session.question_index(&q.global_id))
        .collect();
    let Some(panel) = session.panel.as_mut() else {
        return report;
    };
    for ((panelist_id, index), card) in &view.cards {
        let (Some(p), Some(Some(q))) = (host.panelist_index(panelist_id), question_in_session.get(*index))
        else {
            continue;
        };
        if p >= panel.panelists.len() {
            continue;
        }
        if let Some(reveal) = host.live.reveal_of(*index)
            && !reveal.cards.contains(panelist_id)
        {
            report.late_cards.push((*index, panelist_id.clone()));
        }
        let incoming = scorecard(card, *q, p);
        match panel
            .scorecards
            .iter_mut()
            .find(|c| c.question == *q && c.panelist == p)
        {
            Some(existing) if existing.is_submitted() => {
                if *existing != incoming {
                    report.differing_cards.push((*index, panelist_id.clone()));
                }
            }
            Some(draft) => {
                *draft = incoming;
                report.cards_added += 1;
            }
            None => {
                panel.scorecards.push(incoming);
                report.cards_added += 1;
            }
        }
    }
    panel.scorecards.sort_by_key(|c| (c.question, c.panelist));

    // notes: a multiset, so the same note merged twice is kept once and two equal notes
    // written apart are both kept
    let key = |n: &PanelNote| (n.question, n.at_ms, n.panelist, n.text.clone(), n.evidence);
    let mut have: BTreeMap<_, usize> = BTreeMap::new();
    for note in &panel.notes {
        *have.entry(key(note)).or_default() += 1;
    }
    let mut incoming: BTreeMap<_, usize> = BTreeMap::new();
    for ((panelist_id, _), note) in &view.notes {
        let (Some(p), Some(q)) = (
            host.panelist_index(panelist_id),
            session_question(&question_in_session, host, &note.question),
        ) else {
            continue;
        };
        if p >= panel.panelists.len() {
            continue;
        }
        let note = PanelNote {
            panelist: p,
            question: q,
            at_ms: note.at_ms,
            text: note.text.clone(),
            evidence: note.evidence,
        };
        *incoming.entry(key(&note)).or_default() += 1;
    }
    for ((question, at_ms, panelist, text, evidence), count) in incoming {
        let held = have
            .get(&(question, at_ms, panelist, text.clone(), evidence))
            .copied()
            .unwrap_or(0);
        for _ in held..count {
            panel.notes.push(PanelNote {
                panelist,
                question,
                at_ms,
                text: text.clone(),
                evidence,
            });
            report.notes_added += 1;
        }
    }
    panel.notes.sort_by_key(key);

    for reveal in &host.live.reveals {
        if let Some(Some(q)) = question_in_session.get(reveal.question) {
            panel.revealed.insert(*q);
        }
    }
    report.late_cards.sort();
    report.differing_cards.sort();
    report
}

fn session_question(map: &[Option<usize>], host: &HostFile, global_id: &str) -> Option<usize> {
    let index = host.questions.iter().position(|q| q.global_id == global_id)?;
    map.get(index).copied().flatten()
}

/// Blind scoring on a panelist's machine: `viewer` sees their own card, and another's
/// card for `question` (an index into the host's questions) only once they have
/// submitted their own for it, or once the host revealed the question.
pub fn can_see_card(view: &FolderView, viewer: &str, author: &str, question: usize) -> bool {
    if viewer == author {
        return true;
    }
    let revealed = view
        .host
        .as_ref()
        .is_some_and(|h| h.live.reveal_of(question).is_some());
    revealed || view.has_submitted(viewer, question)
}

/// The submitted cards for `question` that `viewer` may see, by panelist id.
pub fn visible_cards<'a>(
    view: &'a FolderView,
    viewer: &str,
    question: usize,
) -> Vec<(&'a str, &'a CardFile)> {
    view.cards
        .iter()
        .filter(|((author, q), _)| *q == question && can_see_card(view, viewer, author, question))
        .map(|((author, _), card)| (author.as_str(), card))
        .collect()
}

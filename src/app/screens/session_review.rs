//! A saved session reviewed (not the review schedule, which is `history::schedule`): everything recorded; notes and self-scores editable.

use eframe::egui::{self, RichText};

use super::export_form::{ExportForm, export_ui};
use crate::app::command::{Commands, ModelCommand, ViewCommand};
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::app::widgets::board_replay;
use crate::app::widgets::names::set_accessible_name;
use crate::session::{QuestionRecord, Score, Session, SessionEdit, debrief, format_clock};

/// The review screen's state: which session it shows. Edits go to the session in the
/// history (`ModelCommand::EditSaved`) and are saved within seconds.
#[derive(Debug)]
pub struct ReviewScreen {
    pub id: String,
    confirm_delete: bool,
    pub export: ExportForm,
}

impl ReviewScreen {
    pub fn new(id: String) -> Self {
        Self {
            id,
            confirm_delete: false,
            export: ExportForm::default(),
        }
    }
}

pub fn review_ui(ui: &mut egui::Ui, screen: &mut ReviewScreen, state: &AppState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    let Some(session) = state.history.iter().find(|s| s.id == screen.id) else {
        ui.label("This session is no longer in the history.");
        if ui.button("Back to history").clicked() {
            commands.push(ViewCommand::BackToHistory);
        }
        return;
    };
    let unsaved = state.has_unsaved_edits(&session.id);
    ui.horizontal(|ui| {
        if ui.button("Back to history").clicked() {
            commands.push(ViewCommand::BackToHistory);
        }
        let save = ui
            .add_enabled(unsaved, egui::Button::new("Save changes"))
            .on_hover_text("Edits are also saved by themselves within two seconds");
        if save.clicked() {
            commands.push(ModelCommand::SaveNow(session.id.clone()));
        }
        if unsaved {
            ui.colored_label(palette.warn, "Unsaved changes");
        }
        if screen.confirm_delete {
            ui.label("Move this session to the trash?");
            if ui.button("Move to trash").clicked() {
                commands.push(ModelCommand::DeleteSession(session.id.clone()));
            }
            if ui.button("Cancel").clicked() {
                screen.confirm_delete = false;
            }
        } else if ui.button("Delete session…").clicked() {
            screen.confirm_delete = true;
        }
    });
    let ids = vec![session.id.clone()];
    export_ui(ui, &mut screen.export, &ids, state, commands);
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 120.0);
        crate::app::widgets::a11y::page_heading(
            ui,
            format!(
                "{} — {}",
                session.title,
                session.created.format("%a %-d %b %Y %H:%M")
            ),
        );
        let (used, target) = session.time_used_vs_target();
        let who = if session.candidate.trim().is_empty() {
            session.mode.label().to_owned()
        } else {
            format!("{} · {}", session.mode.label(), session.candidate)
        };
        ui.label(
            RichText::new(format!(
                "{who} · {:?} · answer time {} of {} · mean self-score {}",
                session.status,
                format_clock(used),
                format_clock(target),
                session
                    .self_mean()
                    .map_or_else(|| "–".to_owned(), |m| format!("{m:.2}"))
            ))
            .color(palette.muted),
        );
        let label = ui.label(RichText::new("Notes on the round").strong());
        let mut notes = session.notes.clone();
        if ui
            .add(
                egui::TextEdit::multiline(&mut notes)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
            .changed()
        {
            commands.push(ModelCommand::EditSaved {
                session: session.id.clone(),
                edit: SessionEdit::RoundNotes(notes),
            });
        }
        for (index, record) in session.questions.iter().enumerate() {
            ui.add_space(theme::SECTION_GAP);
            if let Some(edit) = question_ui(ui, index, record, &session.id, state, commands) {
                commands.push(ModelCommand::EditSaved {
                    session: session.id.clone(),
                    edit,
                });
            }
        }
        if session.panel.is_some() {
            ui.add_space(theme::SECTION_GAP);
            panel_ui(ui, session, state);
        }
    });
}

/// One question; returns the edit made, if any.
fn question_ui(
    ui: &mut egui::Ui,
    index: usize,
    record: &QuestionRecord,
    session: &str,
    state: &AppState,
    commands: &mut Commands,
) -> Option<SessionEdit> {
    let palette = Palette::current(ui);
    let mut edited = None;
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let question = &record.question;
        ui.label(
            RichText::new(format!("{}. {}", index + 1, question.title))
                .strong()
                .size(17.0),
        );
        let due = state
            .insights
            .schedule
            .get(&record.global_id)
            .map_or_else(String::new, |item| {
                format!(" · next review {}", item.due.format("%a %-d %b"))
            });
        ui.label(
            RichText::new(format!(
                "{} · {} · {:?}{due}",
                question.round.label(),
                record.global_id,
                record.state
            ))
            .color(palette.muted),
        );
        let prompt = egui::CollapsingHeader::new("Prompt")
            .id_salt(("prompt", index))
            .show(ui, |ui| {
                ui.label(&question.prompt);
            });
        // each question has these: name them by question, as the self-scores are
        set_accessible_name(&prompt.header_response, format!("Q{} prompt", index + 1));
        let over = record.overrun_ms();
        let mut timing = format!(
            "Answer {} of {}",
            format_clock(record.answer_ms / 1000),
            format_clock(record.answer_target_secs.into())
        );
        if record.prep_target_secs > 0 {
            timing = format!(
                "Prep {} of {} · {timing}",
                format_clock(record.prep_ms / 1000),
                format_clock(record.prep_target_secs.into())
            );
        }
        ui.colored_label(if over > 0 { palette.over } else { palette.ok }, timing);
        if !question.phases.is_empty() {
            let phases: Vec<String> = question
                .phases
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let used = record.phase_ms.get(i).copied().unwrap_or(0) / 1000;
                    let target = record.phase_target_secs.get(i).copied().unwrap_or(0);
                    format!(
                        "{} {} of {}",
                        p.name,
                        format_clock(used),
                        format_clock(target.into())
                    )
                })
                .collect();
            ui.label(RichText::new(phases.join(" · ")).color(palette.muted));
        }
        if let Some(spoken) = &record.spoken {
            ui.add_space(6.0);
            // the player beside the transcript, whose words play from their moment
            crate::app::widgets::player::recorded_answer_ui(
                ui,
                session,
                index,
                &spoken.recording,
                state,
                commands,
            );
            ui.add_space(6.0);
            edited = spoken_section_ui(ui, index, record, spoken, session, state, commands);
            ui.add_space(6.0);
        }
        if !record.scratchpad.trim().is_empty() {
            let scratchpad = egui::CollapsingHeader::new("Scratchpad")
                .id_salt(("scratch", index))
                .show(ui, |ui| {
                    ui.label(RichText::new(&record.scratchpad).monospace());
                });
            set_accessible_name(&scratchpad.header_response, format!("Q{} scratchpad", index + 1));
        }
        if let Some(board) = record.board().filter(|b| !b.is_empty()) {
            let replay = egui::CollapsingHeader::new("Board and replay")
                .id_salt(("board", index))
                .default_open(true)
                .show(ui, |ui| {
                    let phases = crate::export::document::phase_ends(record);
                    let key = format!("{session}/{index}");
                    board_replay::replay_ui(ui, board, &phases, &key, &format!("Q{}", index + 1));
                });
            set_accessible_name(
                &replay.header_response,
                format!("Q{} board and replay", index + 1),
            );
        }
        let strong: Vec<&String> = record
            .strong_shown
            .iter()
            .filter_map(|i| question.strong_signals.get(*i))
            .collect();
        let weak: Vec<&String> = record
            .weak_shown
            .iter()
            .filter_map(|i| question.weak_signals.get(*i))
            .collect();
        for signal in strong {
            ui.colored_label(palette.ok, format!("Strong signal: {signal}"));
        }
        for signal in weak {
            ui.colored_label(palette.over, format!("Weak signal: {signal}"));
        }
        ui.label(RichText::new("Self-scores").strong());
        let competencies = record.question.competencies.clone();
        for competency in competencies {
            ui.horizontal(|ui| {
                let name = state.catalog.competency_name(&competency).to_owned();
                ui.label(&name);
                let current = record.self_scores.get(&competency).copied();
                for score in Score::ALL {
                    let text = score.value().to_string();
                    let selected = current == Some(score);
                    let response = ui.selectable_label(selected, &text).on_hover_text(score.label());
                    let accessible = format!("Q{} {name}: {text}", index + 1);
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::Button, true, selected, &accessible)
                    });
                    if response.clicked() {
                        edited = Some(SessionEdit::SelfScore {
                            question: record.global_id.clone(),
                            competency: competency.clone(),
                            score: (!selected).then_some(score),
                        });
                    }
                }
                if let Some(score) = record.self_scores.get(&competency) {
                    ui.label(RichText::new(score.short_label()).color(palette.score(score.value().into())));
                }
            });
        }
        let label = ui.label(RichText::new("What I would change").strong());
        let mut text = record.notes.clone();
        let notes = ui
            .add(
                egui::TextEdit::multiline(&mut text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        set_accessible_name(&notes, format!("Q{} what I would change", index + 1));
        if notes.changed() {
            edited = Some(SessionEdit::Notes {
                question: record.global_id.clone(),
                text,
            });
        }
    });
    edited
}

/// The recording's transcript and delivery; a correction comes back as the edit to make.
pub fn spoken_section_ui(
    ui: &mut egui::Ui,
    index: usize,
    record: &QuestionRecord,
    spoken: &crate::session::SpokenAnswer,
    session: &str,
    state: &AppState,
    commands: &mut Commands,
) -> Option<SessionEdit> {
    use crate::app::widgets::transcript::{SpokenAction, SpokenContext, spoken_ui};
    let model = state.speech.model_to_use().map(|m| m.name.as_str());
    let cx = SpokenContext {
        number: index + 1,
        clock_ms: record.answer_ms,
        phases: record.question.phases.iter().map(|p| p.name.as_str()).collect(),
        job: state.speech.job(session, &record.global_id),
        failure: state.speech.failure(session, &record.global_id),
        model,
        heading: "Your spoken answer",
    };
    let mut edit = None;
    for action in spoken_ui(ui, spoken, &cx) {
        match action {
            SpokenAction::PlayFrom(at_ms) => commands.push(ViewCommand::PlayFrom {
                question: record.global_id.clone(),
                at_ms,
            }),
            SpokenAction::Transcribe => commands.push(ModelCommand::Transcribe {
                session: session.to_owned(),
                question: record.global_id.clone(),
            }),
            SpokenAction::Correct { index, text } => {
                edit = Some(SessionEdit::CorrectWord {
                    question: record.global_id.clone(),
                    index,
                    text,
                });
            }
        }
    }
    edit
}

fn panel_ui(ui: &mut egui::Ui, session: &Session, state: &AppState) {
    let Some(panel) = &session.panel else { return };
    let palette = Palette::current(ui);
    crate::app::widgets::a11y::heading(ui, 2, "Panel debrief");
    let rows = debrief(session);
    egui::Grid::new("review-debrief")
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Competency").strong());
            for p in &panel.panelists {
                ui.label(RichText::new(&p.name).strong());
            }
            for heading in ["Mean", "Spread", "Self"] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            let fmt = |v: Option<f32>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
            for row in rows {
                ui.label(state.catalog.competency_name(&row.competency));
                for m in &row.by_panelist {
                    ui.label(fmt(*m));
                }
                ui.label(fmt(row.mean));
                let spread = format!("{:.1}", row.spread);
                if row.is_disagreement() {
                    ui.colored_label(palette.warn, spread);
                } else {
                    ui.label(spread);
                }
                ui.label(fmt(row.self_mean));
                ui.end_row();
            }
        });
    for card in panel.scorecards.iter().filter(|c| c.is_submitted()) {
        let who = panel
            .panelists
            .get(card.panelist)
            .map_or("Panelist", |p| p.name.as_str());
        let scores: Vec<String> = card
            .scores
            .iter()
            .map(|(c, s)| format!("{} {}", state.catalog.competency_name(c), s.value()))
            .collect();
        ui.label(format!(
            "{who} on question {}: {} · {}",
            card.question + 1,
            card.recommendation.label(),
            scores.join(", ")
        ));
        for (competency, evidence) in card.evidence.iter().filter(|(_, e)| !e.trim().is_empty()) {
            ui.label(
                RichText::new(format!(
                    "  {}: {evidence}",
                    state.catalog.competency_name(competency)
                ))
                .color(palette.muted),
            );
        }
        if !card.notes.trim().is_empty() {
            ui.label(RichText::new(format!("  {}", card.notes)).color(palette.muted));
        }
    }
    if !panel.discussion.trim().is_empty() {
        ui.label(RichText::new("Discussion").strong());
        ui.label(&panel.discussion);
    }
    ui.label(RichText::new(format!("Decision: {}", panel.decision.label())).strong());
    if !panel.decision_reason.trim().is_empty() {
        ui.label(&panel.decision_reason);
    }
}

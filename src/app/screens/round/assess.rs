//! Self-assessment after an answer: a score per competency, the signals shown, notes.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, ModelCommand, ViewCommand};
use crate::app::speech::SpeechStatus;
use crate::app::theme::{self, Palette};
use crate::app::widgets::a11y;
use crate::app::widgets::levels::{chosen_level, score_button};
use crate::app::widgets::transcript::{SpokenAction, SpokenContext, signal_hints_ui, spoken_ui};
use crate::bank::{competency_name, levels_for};
use crate::session::{Flow, Runner, Score, SessionEdit, SignalKind, format_clock};

pub fn assess_ui(
    ui: &mut egui::Ui,
    runner: &Runner,
    sound: &crate::app::sound::Sound,
    focus: usize,
    speech: &SpeechStatus,
    commands: &mut Commands,
) {
    let index = runner.session().current;
    let is_last = runner
        .session()
        .questions
        .iter()
        .skip(index + 1)
        .all(|q| q.state != crate::session::QuestionState::Pending);
    let Some(record) = runner.session().questions.get(index) else {
        return;
    };
    let question = record.global_id.as_str();
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            theme::reading_column(ui, 0.0);
            let palette = Palette::current(ui);
            ui.label(RichText::new("How did that go?").color(palette.muted));
            a11y::page_heading(ui, &record.question.title);
            let over = record.overrun_ms();
            let timing = format!(
                "Answered in {} of {}{}",
                format_clock(record.answer_ms / 1000),
                format_clock(u64::from(record.answer_target_secs)),
                if over > 0 {
                    format!(" (+{} over)", format_clock(over / 1000))
                } else {
                    String::new()
                }
            );
            ui.colored_label(if over > 0 { palette.over } else { palette.ok }, timing);
            recorded_answer_ui(
                ui,
                runner.session(),
                index,
                sound,
                speech,
                "Your spoken answer",
                commands,
            );
            ui.add_space(theme::SECTION_GAP);

            let heading = ui.label(RichText::new("Score yourself per competency").strong());
            a11y::mark_heading(&heading, 2, "Score yourself per competency");
            ui.label(
                RichText::new(
                    "1 Strong no hire · 2 Lean no hire · 3 Hire · 4 Strong hire. Leave unscored if unsure. Keys: Up/Down choose, 1-4 score, 0 clears.",
                )
                .small()
                .color(palette.muted),
            );
            egui::Grid::new("self-scores")
                .num_columns(2)
                .spacing([14.0, 8.0])
                .show(ui, |ui| {
                    let focus = focus.min(record.question.competencies.len().saturating_sub(1));
                    // a competency chosen (Up, Down) or scored (1-4, 0) is announced: its name
                    // and its score, since the keys leave the focus where it is
                    let chosen = record.question.competencies.get(focus).map(|c| {
                        (focus, record.self_scores.get(c).copied())
                    });
                    let key = ui.make_persistent_id(("assess-chosen", question));
                    let before = ui.data(|d| d.get_temp::<Option<(usize, Option<Score>)>>(key));
                    ui.data_mut(|d| d.insert_temp(key, chosen));
                    if let (Some(before), Some((row, score))) = (before, chosen)
                        && before != chosen
                        && let Some(competency) = record.question.competencies.get(row)
                    {
                        let name = competency_name(competency).unwrap_or(competency);
                        let score = score.map_or_else(
                            || "not scored".to_owned(),
                            |s| format!("scored {} {}", s.value(), s.short_label()),
                        );
                        let moved = before.is_some_and(|(was, _)| was != row);
                        a11y::announce(
                            ui.ctx(),
                            if moved {
                                format!("{name}, chosen: {score}")
                            } else {
                                format!("{name}: {score}")
                            },
                        );
                    }
                    for (row, competency) in record.question.competencies.iter().enumerate() {
                        let name = competency_name(competency).unwrap_or(competency);
                        if row == focus {
                            let chosen_label = ui
                                .label(RichText::new(name).strong().color(palette.accent))
                                .on_hover_text("Keys 1-4 score this competency; Up and Down choose another");
                            // shown by colour; said in words
                            ui.ctx().accesskit_node_builder(chosen_label.id, |node| {
                                node.set_description("chosen: keys 1 to 4 score it");
                            });
                        } else {
                            ui.label(name);
                        }
                        let current = record.self_scores.get(competency).copied();
                        let levels = levels_for(&record.question, competency, None);
                        ui.vertical(|ui| {
                            a11y::group(ui, egui::Role::RadioGroup, &format!("{name}: score"), |ui| {
                            ui.horizontal(|ui| {
                                for score in Score::ALL {
                                    let text = format!("{} {}", score.value(), score.short_label());
                                    let accessible = format!("{name}: {text}");
                                    let selected = current == Some(score);
                                    let response =
                                        score_button(ui, score, selected, &text, &accessible, levels);
                                    if response.clicked() {
                                    let score = if current == Some(score) { None } else { Some(score) };
                                    commands.push(ModelCommand::Edit(SessionEdit::SelfScore {
                                        question: question.to_owned(),
                                        competency: competency.clone(),
                                        score,
                                    }));
                                    }
                                }
                            });
                            });
                            chosen_level(ui, levels, current);
                        });
                        ui.end_row();
                    }
                });
            ui.add_space(theme::SECTION_GAP);
            let words = record.spoken.as_ref().map(|s| s.words()).unwrap_or_default();
            signals_ui(
                ui,
                "What a strong answer shows: tick what yours did",
                record,
                SignalKind::Strong,
                &words,
                commands,
            );
            ui.add_space(8.0);
            signals_ui(
                ui,
                "What a weak answer does: tick what yours did",
                record,
                SignalKind::Weak,
                &words,
                commands,
            );
            ui.add_space(theme::SECTION_GAP);
            a11y::caption(ui, RichText::new("What I would change").strong());
            let mut text = record.notes.clone();
            let edit = egui::TextEdit::multiline(&mut text)
                .hint_text("Next time I would…")
                .desired_rows(4)
                .desired_width(f32::INFINITY);
            let notes = ui.add(edit);
            a11y::name_widget(&notes, "What I would change");
            if notes.changed() {
                commands.push(ModelCommand::Edit(SessionEdit::Notes {
                    question: question.to_owned(),
                    text,
                }));
            }
            ui.add_space(theme::SECTION_GAP);
            ui.horizontal(|ui| {
                let next = if is_last { "Finish round" } else { "Next question" };
                if ui
                    .button(RichText::new(next).strong())
                    .on_hover_text("Enter")
                    .clicked()
                {
                    commands.push(ModelCommand::Flow(Flow::NextQuestion));
                }
                if !is_last && ui.button("End round").clicked() {
                    commands.push(ModelCommand::Flow(Flow::EndRound));
                }
            });
        });
    });
}

fn signals_ui(
    ui: &mut egui::Ui,
    heading: &str,
    record: &crate::session::QuestionRecord,
    kind: SignalKind,
    words: &[crate::speech::Word],
    commands: &mut Commands,
) {
    let question = record.global_id.as_str();
    let (signals, ticked) = match kind {
        SignalKind::Strong => (&record.question.strong_signals, &record.strong_shown),
        SignalKind::Weak => (&record.question.weak_signals, &record.weak_shown),
    };
    if signals.is_empty() {
        return;
    }
    a11y::caption(ui, RichText::new(heading).strong());
    a11y::group(ui, egui::Role::Group, heading, |ui| {
        for (i, signal) in signals.iter().enumerate() {
            let mut on = ticked.contains(&i);
            if ui.checkbox(&mut on, signal).changed() {
                commands.push(ModelCommand::Edit(SessionEdit::ToggleSignal {
                    question: question.to_owned(),
                    kind,
                    index: i,
                }));
            }
            if let Some(at_ms) = signal_hints_ui(ui, signal, words) {
                commands.push(ViewCommand::PlayFrom {
                    question: question.to_owned(),
                    at_ms,
                });
            }
        }
    });
}

/// A recorded answer's player and transcript (with its delivery), in a card; nothing when
/// the answer was not recorded. Shown where an answer is assessed: the self-assessment and
/// a panel's scorecards and debrief.
pub(crate) fn recorded_answer_ui(
    ui: &mut egui::Ui,
    session: &crate::session::Session,
    index: usize,
    sound: &crate::app::sound::Sound,
    speech: &SpeechStatus,
    heading: &str,
    commands: &mut Commands,
) {
    let Some((record, spoken)) = session
        .questions
        .get(index)
        .and_then(|record| Some((record, record.spoken.as_ref()?)))
    else {
        return;
    };
    let session = session.id.as_str();
    let question = record.global_id.as_str();
    let state = sound.replay.state(&(session.to_owned(), index));
    crate::app::widgets::player::player_ui(ui, session, index, &spoken.recording, &state, commands);
    ui.add_space(theme::SECTION_GAP);
    let cx = SpokenContext {
        number: index + 1,
        clock_ms: record.answer_ms,
        phases: record.question.phases.iter().map(|p| p.name.as_str()).collect(),
        job: speech.job(session, question),
        failure: speech.failure(session, question),
        model: speech.model_to_use().map(|m| m.name.as_str()),
        heading,
    };
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        for action in spoken_ui(ui, spoken, &cx) {
            commands.push(spoken_command(action, session, question));
        }
    });
}

/// The command for what the user asked of the answer just recorded.
fn spoken_command(action: SpokenAction, session: &str, question: &str) -> crate::app::command::Command {
    match action {
        SpokenAction::PlayFrom(at_ms) => ViewCommand::PlayFrom {
            question: question.to_owned(),
            at_ms,
        }
        .into(),
        SpokenAction::Transcribe => ModelCommand::Transcribe {
            session: session.to_owned(),
            question: question.to_owned(),
        }
        .into(),
        SpokenAction::Correct { index, text } => ModelCommand::Edit(SessionEdit::CorrectWord {
            question: question.to_owned(),
            index,
            text,
        })
        .into(),
    }
}

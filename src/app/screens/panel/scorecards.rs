//! Blind scorecards: the active panelist fills theirs; other cards stay hidden until
//! they submit; the mentor reveals all once everyone has. The candidate's
//! self-assessment sits apart and never mixes with the panel's scores.

use eframe::egui::{self, RichText};

use super::PanelView;
use crate::app::command::{Commands, ModelCommand, PanelViewCommand, ViewCommand};
use crate::app::theme::{self, Palette};
use crate::app::widgets::levels::{chosen_level, score_button};
use crate::bank::{competency_name, levels_for};
use crate::session::{Flow, PanelEdit, SessionEdit};
use crate::session::{Panel, QuestionRecord, QuestionState, Recommendation, Runner, Score, Scorecard, Stage};

pub fn scorecards_ui(
    ui: &mut egui::Ui,
    runner: &Runner,
    view: &PanelView,
    question: usize,
    reads: super::PanelReads<'_>,
    commands: &mut Commands,
) {
    let session = runner.session();
    let (Some(record), Some(panel)) = (session.questions.get(question), &session.panel) else {
        return;
    };
    let submitted = panel.submitted_for(question);
    let scorer = view
        .scorer
        .filter(|(q, _)| *q == question)
        .map(|(_, p)| p)
        .or_else(|| submitted.iter().position(|done| !done))
        .unwrap_or(0)
        .min(panel.panelists.len().saturating_sub(1));
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 120.0);
        let palette = Palette::current(ui);
        ui.label(RichText::new(format!("Scorecards · question {}", question + 1)).color(palette.muted));
        crate::app::widgets::a11y::page_heading(ui, &record.question.title);
        ui.label(
            RichText::new(
                "Blind scoring: each panelist sees the others' cards only after submitting their own.",
            )
            .color(palette.muted),
        );
        if record.spoken.is_some() {
            ui.add_space(8.0);
            egui::CollapsingHeader::new("The recorded answer")
                .id_salt(("recorded-answer", question))
                .default_open(true)
                .show(ui, |ui| {
                    crate::app::screens::round::recorded_answer_ui(
                        ui,
                        session,
                        question,
                        reads.sound,
                        reads.speech,
                        "The candidate's spoken answer",
                        commands,
                    );
                });
        }
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            ui.label("Scoring as:");
            for (i, panelist) in panel.panelists.iter().enumerate() {
                let text = if submitted[i] {
                    format!("{} · submitted", panelist.name)
                } else {
                    panelist.name.clone()
                };
                if ui.selectable_label(scorer == i, text).clicked() {
                    commands.push(ViewCommand::Panel(PanelViewCommand::SelectScorer {
                        question,
                        panelist: i,
                    }));
                }
            }
        });
        ui.add_space(8.0);
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            own_card_ui(ui, panel, record, question, scorer, commands);
        });
        ui.add_space(theme::SECTION_GAP);
        ui.label(RichText::new("The other scorecards").strong());
        for (other, panelist) in panel.panelists.iter().enumerate().filter(|(i, _)| *i != scorer) {
            match panel.scorecard(question, other) {
                Some(card) if panel.can_see(scorer, card) => card_summary_ui(ui, &panelist.name, card),
                Some(card) if card.is_submitted() => {
                    ui.label(format!(
                        "{}: submitted · hidden until {} submits",
                        panelist.name, panel.panelists[scorer].name
                    ));
                }
                _ => {
                    ui.label(format!("{}: not submitted yet", panelist.name));
                }
            }
        }
        ui.add_space(8.0);
        let all = panel.all_submitted(question);
        if panel.is_revealed(question) {
            ui.colored_label(palette.ok, "All scorecards revealed.");
        } else {
            let reveal = ui
                .add_enabled(all, egui::Button::new("Reveal all scorecards"))
                .on_disabled_hover_text("Possible once every panelist has submitted");
            if reveal.clicked() {
                commands.push(ModelCommand::Edit(SessionEdit::Panel(PanelEdit::Reveal {
                    question: record.global_id.clone(),
                })));
            }
        }
        ui.add_space(theme::SECTION_GAP);
        egui::CollapsingHeader::new("Candidate's self-assessment (kept apart from the panel's scores)")
            .id_salt(("self-assessment", question))
            .show(ui, |ui| self_assessment_ui(ui, record, commands));
        ui.add_space(theme::SECTION_GAP);
        next_ui(ui, runner, question, commands);
    });
}

fn own_card_ui(
    ui: &mut egui::Ui,
    panel: &Panel,
    record: &QuestionRecord,
    question: usize,
    scorer: usize,
    commands: &mut Commands,
) {
    let Some(panelist) = panel.panelists.get(scorer) else {
        return;
    };
    let card = panel.scorecard(question, scorer);
    if let Some(card) = card.filter(|c| c.is_submitted()) {
        card_summary_ui(ui, &panelist.name, card);
        return;
    }
    ui.label(
        RichText::new(format!(
            "{}'s scorecard ({})",
            panelist.name,
            panelist.role.label()
        ))
        .strong(),
    );
    egui::Grid::new(("own-card", question, scorer))
        .num_columns(2)
        .spacing([14.0, 8.0])
        .show(ui, |ui| {
            for competency in &record.question.competencies {
                let name = competency_name(competency).unwrap_or(competency);
                ui.label(name);
                ui.vertical(|ui| {
                    let current = card.and_then(|c| c.scores.get(competency).copied());
                    let levels = levels_for(&record.question, competency, None);
                    ui.horizontal(|ui| {
                        for score in Score::ALL {
                            let text = format!("{} {}", score.value(), score.short_label());
                            let selected = current == Some(score);
                            let accessible = format!("{name}: {text}");
                            let response = score_button(ui, score, selected, &text, &accessible, levels);
                            if response.clicked() {
                                commands.push(ModelCommand::Edit(SessionEdit::Panel(PanelEdit::SetScore {
                                    question: record.global_id.clone(),
                                    panelist: scorer,
                                    competency: competency.clone(),
                                    score: (!selected).then_some(score),
                                })));
                            }
                        }
                    });
                    chosen_level(ui, levels, current);
                    let mut text = card
                        .and_then(|c| c.evidence.get(competency).cloned())
                        .unwrap_or_default();
                    let edit = egui::TextEdit::singleline(&mut text)
                        .hint_text("Evidence: what they said or did")
                        .desired_width(f32::INFINITY);
                    let response = ui.add(edit);
                    let accessible = format!("Evidence for {name}");
                    response.widget_info(|| egui::WidgetInfo {
                        label: Some(accessible.clone()),
                        ..egui::WidgetInfo::text_edit(true, &text, &text, "Evidence: what they said or did")
                    });
                    if response.changed() {
                        commands.push(ModelCommand::Edit(SessionEdit::Panel(PanelEdit::SetEvidence {
                            question: record.global_id.clone(),
                            panelist: scorer,
                            competency: competency.clone(),
                            text: text.clone(),
                        })));
                    }
                });
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    let current = card.map(|c| c.recommendation).unwrap_or_default();
    ui.horizontal_wrapped(|ui| {
        ui.label("Recommendation:");
        for recommendation in Recommendation::ALL {
            let selected = current == recommendation;
            let response = ui.selectable_label(selected, recommendation.label());
            let accessible = format!("Recommendation: {}", recommendation.label());
            response
                .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &accessible));
            if response.clicked() {
                commands.push(ModelCommand::Edit(SessionEdit::Panel(
                    PanelEdit::SetRecommendation {
                        question: record.global_id.clone(),
                        panelist: scorer,
                        recommendation,
                    },
                )));
            }
        }
    });
    ui.add_space(6.0);
    if ui
        .button(RichText::new(format!("Submit scorecard for {}", panelist.name)).strong())
        .on_hover_text("A submitted scorecard is final")
        .clicked()
    {
        commands.push(ModelCommand::Edit(SessionEdit::Panel(PanelEdit::Submit {
            question: record.global_id.clone(),
            panelist: scorer,
        })));
    }
}

/// A submitted card, as others see it once allowed.
fn card_summary_ui(ui: &mut egui::Ui, name: &str, card: &Scorecard) {
    let palette = Palette::current(ui);
    ui.label(RichText::new(format!("{name} · {}", card.recommendation.label())).strong());
    for (competency, score) in &card.scores {
        let competency_label = competency_name(competency).unwrap_or(competency);
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{name} · {competency_label}: {}", score.value()));
            if let Some(evidence) = card.evidence.get(competency).filter(|e| !e.is_empty()) {
                ui.label(RichText::new(evidence).color(palette.muted));
            }
        });
    }
}

fn self_assessment_ui(ui: &mut egui::Ui, record: &QuestionRecord, commands: &mut Commands) {
    for competency in &record.question.competencies {
        let name = competency_name(competency).unwrap_or(competency);
        ui.horizontal_wrapped(|ui| {
            ui.label(name);
            let current = record.self_scores.get(competency).copied();
            let levels = levels_for(&record.question, competency, None);
            for score in Score::ALL {
                let selected = current == Some(score);
                let text = score.value().to_string();
                let accessible = format!("Self · {name}: {}", score.value());
                let response = score_button(ui, score, selected, &text, &accessible, levels);
                if response.clicked() {
                    commands.push(ModelCommand::Edit(SessionEdit::SelfScore {
                        question: record.global_id.clone(),
                        competency: competency.clone(),
                        score: (!selected).then_some(score),
                    }));
                }
            }
        });
    }
}

pub(super) fn next_ui(ui: &mut egui::Ui, runner: &Runner, question: usize, commands: &mut Commands) {
    ui.horizontal(|ui| {
        if runner.stage() == Stage::Assess {
            let session = runner.session();
            let is_last = session
                .questions
                .iter()
                .skip(question + 1)
                .all(|q| q.state != QuestionState::Pending);
            let next = if is_last { "Finish round" } else { "Next question" };
            if ui.button(RichText::new(next).strong()).clicked() {
                commands.push(ModelCommand::Flow(Flow::NextQuestion));
            }
            if !is_last && ui.button("End round").clicked() {
                commands.push(ModelCommand::Flow(Flow::EndRound));
            }
        } else if ui.button("Back to the debrief").clicked() {
            commands.push(ViewCommand::Panel(PanelViewCommand::ScoreFromDebrief(None)));
        }
    });
}

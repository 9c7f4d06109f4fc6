//! A remote panelist's console: it follows the host (question, stage, clock) through the
//! shared folder. Notes go to the folder as they are taken; the card stays a draft on
//! this machine until submitted; another panelist's card shows only once you submitted
//! yours for that question (or the host revealed it). The candidate sees only the
//! question and the clock.

use std::time::Duration;

use eframe::egui::{self, RichText};
use egui_commonmark::CommonMarkCache;

use super::console::rubric_ui;
use super::remote_host::problems_ui;
use crate::app::command::{Commands, Effect, PanelViewCommand, RemoteEffect, ViewCommand};
use crate::app::remote::FollowSide;
use crate::app::screens::round::question_column_ui;
use crate::app::settings::Settings;
use crate::app::theme::{self, Palette};
use crate::app::widgets::clock::{ClockStyle, clock_ui};
use crate::app::widgets::columns::{Column, main_and_side};
use crate::bank::{competency_name, levels_for};
use crate::panel_share::{CardFile, LiveStage, SharedQuestion};
use crate::session::{ClockView, Recommendation, Score, Stage, format_clock};

/// The host's clock as this machine shows it.
fn clock_view(side: &FollowSide, now: Duration) -> Option<ClockView> {
    let (stage, elapsed_ms, target_ms) = side.follower.clock(now)?;
    Some(ClockView {
        stage: if stage == LiveStage::Prep {
            Stage::Prep
        } else {
            Stage::Answer
        },
        running: side.follower.host().is_some_and(|h| h.live.clock.running),
        elapsed_ms,
        target_ms,
        phases: Vec::new(),
    })
}

pub(crate) fn remote_console_ui(
    ui: &mut egui::Ui,
    side: &mut FollowSide,
    now: Duration,
    settings: &Settings,
    markdown: &mut CommonMarkCache,
    commands: &mut Commands,
) {
    let clock = clock_view(side, now);
    if side.candidate {
        egui::CentralPanel::default().show(ui, |ui| {
            let question = match side.follower.stage() {
                LiveStage::Prep | LiveStage::Answer | LiveStage::Ready => side
                    .follower
                    .current()
                    .map(|(_, q)| (q.question.title.as_str(), q.question.prompt.as_str())),
                _ => None,
            };
            // the shared folder carries no board: the host shares it on the call
            if super::candidate_ui(ui, question, None, clock.as_ref(), settings.clock_scale) {
                commands.push(Effect::Remote(RemoteEffect::Leave));
            }
        });
        return;
    }
    let Some((index, question)) = side.follower.current().map(|(i, q)| (i, q.clone())) else {
        egui::CentralPanel::default().show(ui, |ui| {
            theme::reading_column(ui, 120.0);
            ui.heading("Waiting for the panel to arrive…");
            ui.label("The host's panel.ron has not reached this folder yet; your sync tool brings it.");
            problems_ui(ui, &side.follower.view, side.error.as_deref());
            leave_button(ui, commands);
        });
        return;
    };
    let Some(host) = side.follower.host() else { return };
    let stage = host.live.stage;
    let context = format!(
        "{} · you are {} · question {} of {} · {}",
        if host.candidate.is_empty() {
            "Mock panel".to_owned()
        } else {
            format!("Mock panel for {}", host.candidate)
        },
        side.my_name(),
        index + 1,
        host.questions.len(),
        stage.label()
    );
    let side_width = 330.0 * settings.clock_scale.max(1.0);
    egui::CentralPanel::default().show(ui, |ui| {
        main_and_side(ui, side_width, |ui, column| match column {
            Column::Main => {
                question_column_ui(ui, &context, &question.question, markdown, |ui| {
                    if stage.is_over() {
                        debrief_ui(ui, side);
                        return;
                    }
                    rubric_ui(ui, &question.question);
                    ui.add_space(theme::SECTION_GAP);
                    notes_ui(ui, side, &question, commands);
                    ui.add_space(theme::SECTION_GAP);
                    card_ui(ui, side, index, &question, commands);
                });
            }
            Column::Side => {
                ui.add_space(8.0);
                let palette = Palette::current(ui);
                ui.label(RichText::new(format!("The host's panel · {}", stage.label())).strong());
                if let Some(view) = &clock {
                    let style = ClockStyle {
                        scale: settings.clock_scale,
                        warn_at_75: settings.warn_at_75,
                        warn_at_100: settings.warn_at_100,
                        announce: settings.announce_time,
                    };
                    clock_ui(ui, view, style);
                } else {
                    ui.label(RichText::new("The clock is not running.").color(palette.muted));
                }
                ui.add_space(theme::SECTION_GAP);
                problems_ui(ui, &side.follower.view, side.error.as_deref());
                ui.add_space(theme::SECTION_GAP);
                leave_button(ui, commands);
            }
        });
    });
}

fn leave_button(ui: &mut egui::Ui, commands: &mut Commands) {
    if ui
        .button("Leave the panel")
        .on_hover_text("Your submitted cards and notes stay in the folder")
        .clicked()
    {
        commands.push(Effect::Remote(RemoteEffect::Leave));
    }
}

fn notes_ui(ui: &mut egui::Ui, side: &mut FollowSide, question: &SharedQuestion, commands: &mut Commands) {
    let palette = Palette::current(ui);
    ui.label(RichText::new("Your notes").strong());
    let label = ui.label("Note");
    let edit = egui::TextEdit::singleline(&mut side.note_draft)
        .hint_text("probed on headcount plan")
        .desired_width(f32::INFINITY);
    let response = ui.add(edit).labelled_by(label.id);
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        if ui.button("Add note").on_hover_text("Enter").clicked() || entered {
            commands.push(Effect::Remote(RemoteEffect::Note {
                text: std::mem::take(&mut side.note_draft),
                evidence: false,
            }));
        }
        if ui
            .button("Evidence")
            .on_hover_text("Stamp the current time as evidence (with the note, if any)")
            .clicked()
        {
            commands.push(Effect::Remote(RemoteEffect::Note {
                text: std::mem::take(&mut side.note_draft),
                evidence: true,
            }));
        }
    });
    let mut any = false;
    for note in side
        .follower
        .own_notes()
        .filter(|n| n.question == question.global_id)
    {
        any = true;
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format_clock(note.at_ms / 1000))
                    .monospace()
                    .strong(),
            );
            if note.evidence {
                ui.label(RichText::new("evidence").color(palette.ok).strong());
            }
            ui.add(egui::Label::new(&note.text).wrap());
        });
    }
    if !any {
        ui.label(RichText::new("No notes on this question yet.").color(palette.muted));
    }
}

/// Your card for the question: a draft until submitted; then the others' cards you may see.
fn card_ui(
    ui: &mut egui::Ui,
    side: &mut FollowSide,
    index: usize,
    question: &SharedQuestion,
    commands: &mut Commands,
) {
    let palette = Palette::current(ui);
    ui.label(RichText::new(format!("Your scorecard · question {}", index + 1)).strong());
    if side.follower.has_submitted(index) {
        ui.colored_label(palette.ok, "Submitted: your card is in the folder.");
    } else {
        draft_ui(ui, side, index, question, commands);
    }
    ui.add_space(theme::SECTION_GAP);
    others_ui(ui, side, index);
}

fn draft_ui(
    ui: &mut egui::Ui,
    side: &mut FollowSide,
    index: usize,
    question: &SharedQuestion,
    commands: &mut Commands,
) {
    ui.label(
        RichText::new("Blind scoring: your draft stays on this machine until you submit it.")
            .color(Palette::current(ui).muted),
    );
    let draft = side.draft_mut(index);
    egui::Grid::new(("remote-card", index))
        .num_columns(2)
        .spacing([14.0, 8.0])
        .show(ui, |ui| {
            for competency in &question.question.competencies {
                let name = competency_name(competency).unwrap_or(competency);
                ui.label(name);
                ui.vertical(|ui| {
                    let current = draft.scores.get(competency).copied();
                    let levels = levels_for(&question.question, competency, None);
                    ui.horizontal(|ui| {
                        for score in Score::ALL {
                            let text = format!("{} {}", score.value(), score.short_label());
                            let selected = current == Some(score);
                            let accessible = format!("{name}: {text}");
                            let response = crate::app::widgets::levels::score_button(
                                ui,
                                score,
                                selected,
                                &text,
                                &accessible,
                                levels,
                            );
                            if response.clicked() {
                                commands.push(ViewCommand::Panel(PanelViewCommand::DraftScore {
                                    question: index,
                                    competency: competency.clone(),
                                    score: (!selected).then_some(score),
                                }));
                            }
                        }
                    });
                    let text = draft.evidence.entry(competency.clone()).or_default();
                    let response = ui.add(
                        egui::TextEdit::singleline(text)
                            .hint_text("Evidence: what they said or did")
                            .desired_width(f32::INFINITY),
                    );
                    let accessible = format!("Evidence for {name}");
                    let shown = text.clone();
                    response.widget_info(|| egui::WidgetInfo {
                        label: Some(accessible.clone()),
                        ..egui::WidgetInfo::text_edit(true, &shown, &shown, "Evidence: what they said or did")
                    });
                });
                ui.end_row();
            }
        });
    let current = draft.recommendation;
    ui.horizontal_wrapped(|ui| {
        ui.label("Recommendation:");
        for recommendation in Recommendation::ALL {
            let selected = current == recommendation;
            let response = ui.selectable_label(selected, recommendation.label());
            let accessible = format!("Recommendation: {}", recommendation.label());
            response
                .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &accessible));
            if response.clicked() {
                commands.push(ViewCommand::Panel(PanelViewCommand::DraftRecommendation {
                    question: index,
                    recommendation,
                }));
            }
        }
    });
    if ui
        .button(RichText::new("Submit your scorecard").strong())
        .on_hover_text("A submitted scorecard is final; the others see it once they submit theirs")
        .clicked()
    {
        commands.push(Effect::Remote(RemoteEffect::Submit(index)));
    }
}

/// The other panelists' cards for the question, as the blind rule allows.
fn others_ui(ui: &mut egui::Ui, side: &FollowSide, index: usize) {
    let Some(host) = side.follower.host() else { return };
    let visible = side.follower.visible_cards(index);
    for panelist in host.panelists.iter().filter(|p| p.id != side.follower.me) {
        match visible.iter().find(|(id, _)| *id == panelist.id) {
            Some((_, card)) => card_summary_ui(ui, &panelist.name, card),
            None if side.follower.view.has_submitted(&panelist.id, index) => {
                ui.label(format!("{}: submitted · hidden until you submit", panelist.name));
            }
            None => {
                ui.label(format!("{}: not submitted yet", panelist.name));
            }
        }
    }
}

fn card_summary_ui(ui: &mut egui::Ui, name: &str, card: &CardFile) {
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

/// The host runs the debrief: every card you may see, per question.
fn debrief_ui(ui: &mut egui::Ui, side: &FollowSide) {
    let palette = Palette::current(ui);
    ui.label(RichText::new("Debrief").strong());
    ui.label(
        RichText::new(
            "The host runs the debrief. The merged panel is in your History, to review and export.",
        )
        .color(palette.muted),
    );
    let Some(host) = side.follower.host() else { return };
    for (index, question) in host.questions.iter().enumerate() {
        ui.add_space(8.0);
        ui.label(RichText::new(format!("Question {}: {}", index + 1, question.question.title)).strong());
        let cards = side.follower.visible_cards(index);
        if cards.is_empty() {
            ui.label(RichText::new("No cards you can see yet.").color(palette.muted));
        }
        for (id, card) in cards {
            let name = host
                .panelists
                .iter()
                .find(|p| p.id == id)
                .map_or(id, |p| p.name.as_str());
            card_summary_ui(ui, name, card);
        }
    }
}

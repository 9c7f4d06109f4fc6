//! The debrief: per competency each panelist's score side by side, the mean and the
//! spread, disagreements first; the candidate's self view against the panel's; the
//! recommendation tally; discussion notes and the panel's decision.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, ModelCommand, PanelViewCommand, ViewCommand};
use crate::app::theme::{self, Palette};
use crate::bank::competency_name;
use crate::session::{Panel, Recommendation, Runner, SelfGap, Session, debrief, recommendation_tally};
use crate::session::{PanelEdit, SessionEdit};

pub fn debrief_ui(ui: &mut egui::Ui, runner: &Runner, reads: super::PanelReads<'_>, commands: &mut Commands) {
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 240.0);
        let session = runner.session();
        let Some(panel) = &session.panel else { return };
        let palette = Palette::current(ui);
        let who = if session.candidate.is_empty() {
            "the candidate".to_owned()
        } else {
            session.candidate.clone()
        };
        crate::app::widgets::a11y::page_heading(ui, format!("Debrief · {who}"));
        ui.label(RichText::new(&session.title).color(palette.muted));
        ui.add_space(8.0);
        let pending = pending_ui(ui, session, panel, commands);
        if pending {
            ui.label(
                RichText::new("Scores appear here once every scorecard is submitted and revealed.")
                    .color(palette.muted),
            );
        } else {
            competencies_ui(ui, session, panel);
            ui.add_space(theme::SECTION_GAP);
            tally_ui(ui, panel);
        }
        ui.add_space(theme::SECTION_GAP);
        recordings_ui(ui, session, reads, commands);
        decision_ui(ui, runner, commands);
    });
}

/// The recorded answers, each with its player and transcript, for the panel to go back to.
fn recordings_ui(
    ui: &mut egui::Ui,
    session: &Session,
    reads: super::PanelReads<'_>,
    commands: &mut Commands,
) {
    let recorded: Vec<_> = session
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.spoken.is_some())
        .collect();
    if recorded.is_empty() {
        return;
    }
    let heading = ui.label(RichText::new("Recorded answers").strong());
    crate::app::widgets::a11y::mark_heading(&heading, 2, "Recorded answers");
    for (i, record) in recorded {
        egui::CollapsingHeader::new(format!("Question {}: {}", i + 1, record.question.title))
            .id_salt(("debrief-recording", i))
            .show(ui, |ui| {
                crate::app::screens::round::recorded_answer_ui(
                    ui,
                    session,
                    i,
                    reads.sound,
                    reads.speech,
                    "The candidate's spoken answer",
                    commands,
                );
            });
    }
    ui.add_space(theme::SECTION_GAP);
}

/// Questions still being scored or not yet revealed. Returns true when any is.
fn pending_ui(ui: &mut egui::Ui, session: &Session, panel: &Panel, commands: &mut Commands) -> bool {
    let mut pending = false;
    for (i, record) in session
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.was_answered())
    {
        if panel.is_revealed(i) {
            continue;
        }
        pending = true;
        let done = panel.submitted_for(i).into_iter().filter(|s| *s).count();
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "Question {}: {} · {done} of {} scorecards submitted",
                i + 1,
                record.question.title,
                panel.panelists.len()
            ));
            if panel.all_submitted(i) {
                if ui.button(format!("Reveal question {}", i + 1)).clicked() {
                    commands.push(ModelCommand::Edit(SessionEdit::Panel(PanelEdit::Reveal {
                        question: record.global_id.clone(),
                    })));
                }
            } else if ui.button(format!("Score question {}", i + 1)).clicked() {
                commands.push(ViewCommand::Panel(PanelViewCommand::ScoreFromDebrief(Some(i))));
            }
        });
    }
    pending
}

fn competencies_ui(ui: &mut egui::Ui, session: &Session, panel: &Panel) {
    let palette = Palette::current(ui);
    let rows = debrief(session);
    if rows.is_empty() {
        ui.label(RichText::new("No competency was scored.").color(palette.muted));
        return;
    }
    ui.label(RichText::new("By competency · disagreements (spread of 2 or more) first").strong());
    egui::Grid::new("debrief-grid")
        .num_columns(panel.panelists.len() + 5)
        .spacing([18.0, 8.0])
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("Competency").strong());
            for panelist in &panel.panelists {
                ui.label(RichText::new(&panelist.name).strong());
            }
            for heading in ["Mean", "Spread", "Self", "Self vs panel"] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for row in &rows {
                let name = competency_name(&row.competency).unwrap_or(&row.competency);
                if row.is_disagreement() {
                    ui.label(
                        RichText::new(format!("{name} · disagreement"))
                            .color(palette.over)
                            .strong(),
                    );
                } else {
                    ui.label(name);
                }
                for score in &row.by_panelist {
                    match score {
                        Some(score) => {
                            ui.label(RichText::new(one_decimal(*score)).color(palette.score(*score)))
                        }
                        None => ui.label(RichText::new("—").color(palette.muted)),
                    };
                }
                ui.label(row.mean.map_or("—".to_owned(), one_decimal));
                let spread = RichText::new(one_decimal(row.spread));
                ui.label(if row.is_disagreement() {
                    spread.color(palette.over).strong()
                } else {
                    spread
                });
                ui.label(row.self_mean.map_or("—".to_owned(), one_decimal));
                match row.self_gap() {
                    Some(SelfGap::Overrated) => ui.colored_label(palette.warn, "Rates self higher"),
                    Some(SelfGap::Underrated) => ui.colored_label(palette.accent, "Rates self lower"),
                    Some(SelfGap::Aligned) => ui.colored_label(palette.ok, "Aligned"),
                    None => ui.label(RichText::new("—").color(palette.muted)),
                };
                ui.end_row();
            }
        });
}

fn tally_ui(ui: &mut egui::Ui, panel: &Panel) {
    ui.label(RichText::new("Recommendations · one vote per panelist, their latest").strong());
    ui.horizontal_wrapped(|ui| {
        for (recommendation, count) in recommendation_tally(panel) {
            ui.label(format!("{}: {count}", recommendation.label()));
            ui.add_space(10.0);
        }
    });
}

fn decision_ui(ui: &mut egui::Ui, runner: &Runner, commands: &mut Commands) {
    let Some(panel) = runner.session().panel.as_ref() else {
        return;
    };
    let label = ui.label(RichText::new("Discussion notes").strong());
    let mut discussion = panel.discussion.clone();
    let edit = egui::TextEdit::multiline(&mut discussion)
        .hint_text("Where the panel disagreed and why; what would change their minds…")
        .desired_rows(4)
        .desired_width(f32::INFINITY);
    if ui.add(edit).labelled_by(label.id).changed() {
        commands.push(ModelCommand::Edit(SessionEdit::Panel(PanelEdit::Discussion(
            discussion,
        ))));
    }
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Panel decision:").strong());
        for recommendation in Recommendation::ALL {
            let selected = panel.decision == recommendation;
            let response = ui.selectable_label(selected, recommendation.label());
            let accessible = format!("Decision: {}", recommendation.label());
            response
                .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &accessible));
            if response.clicked() {
                commands.push(ModelCommand::Edit(SessionEdit::Panel(PanelEdit::Decision(
                    recommendation,
                ))));
            }
        }
    });
    ui.add_space(8.0);
    let label = ui.label(RichText::new("Reason for the decision").strong());
    let mut reason = panel.decision_reason.clone();
    let edit = egui::TextEdit::multiline(&mut reason)
        .hint_text("The evidence that settled it, in a sentence or two…")
        .desired_rows(2)
        .desired_width(f32::INFINITY);
    if ui.add(edit).labelled_by(label.id).changed() {
        commands.push(ModelCommand::Edit(SessionEdit::Panel(PanelEdit::DecisionReason(
            reason,
        ))));
    }
    ui.add_space(theme::SECTION_GAP);
    if ui.button(RichText::new("Done").strong()).clicked() {
        commands.push(ModelCommand::CloseRound);
    }
}

fn one_decimal(value: f32) -> String {
    if (value - value.round()).abs() < 0.05 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

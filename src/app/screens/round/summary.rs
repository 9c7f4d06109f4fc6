//! The round summary: per question time and scores, and the mean per competency.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, ModelCommand};
use crate::app::theme::{self, Palette};
use crate::bank::competency_name;
use crate::session::{QuestionState, Session, format_clock};

pub fn summary_ui(ui: &mut egui::Ui, session: &Session, commands: &mut Commands) {
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            theme::reading_column(ui, 120.0);
            let palette = Palette::current(ui);
            ui.heading(format!("{}: summary", session.title));
            let (used, target) = session.time_used_vs_target();
            let ended = if session.ended_early { " Ended early." } else { "" };
            ui.label(format!(
                "Answer time {} against {} planned.{ended}",
                format_clock(used),
                format_clock(target)
            ));
            ui.add_space(theme::SECTION_GAP);
            for (i, record) in session.questions.iter().enumerate() {
                theme::card(ui).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("{}. {}", i + 1, record.question.title)).strong(),
                        )
                        .wrap(),
                    );
                    match record.state {
                        QuestionState::Answered => {
                            let over = record.overrun_ms();
                            let text = format!(
                                "{} of {}{}",
                                format_clock(record.answer_ms / 1000),
                                format_clock(u64::from(record.answer_target_secs)),
                                if over > 0 {
                                    format!(", +{} over", format_clock(over / 1000))
                                } else {
                                    String::new()
                                }
                            );
                            ui.colored_label(if over > 0 { palette.over } else { palette.ok }, text);
                            for ((phase, used), budget) in record
                                .question
                                .phases
                                .iter()
                                .zip(&record.phase_ms)
                                .zip(&record.phase_target_secs)
                            {
                                ui.label(
                                    RichText::new(format!(
                                        "  {}: {} of {}",
                                        phase.name,
                                        format_clock(used / 1000),
                                        format_clock(u64::from(*budget))
                                    ))
                                    .small()
                                    .color(
                                        if *used > u64::from(*budget) * 1000 {
                                            palette.over
                                        } else {
                                            palette.muted
                                        },
                                    ),
                                );
                            }
                            if let Some(spoken) = &record.spoken {
                                let text = match &spoken.metrics {
                                    Some(m) => format!(
                                        "Delivery: {}",
                                        crate::speech::report::summary(
                                            m,
                                            Some(record.answer_ms),
                                            spoken.transcript.is_some()
                                        )
                                    ),
                                    None => "Delivery: being measured…".to_owned(),
                                };
                                ui.label(RichText::new(text).color(palette.muted));
                            }
                            // in the question's order, as the self-assessment listed them
                            let competencies = &record.question.competencies;
                            let scored = competencies
                                .iter()
                                .filter_map(|c| record.self_scores.get_key_value(c))
                                .chain(
                                    record
                                        .self_scores
                                        .iter()
                                        .filter(|(c, _)| !competencies.contains(c)),
                                );
                            for (competency, score) in scored {
                                let name = competency_name(competency).unwrap_or(competency);
                                ui.label(format!("{name}: {} {}", score.value(), score.short_label()));
                            }
                            if record.self_scores.is_empty() {
                                ui.label(RichText::new("Not scored").color(palette.muted));
                            }
                            if !record.notes.trim().is_empty() {
                                ui.add(
                                    egui::Label::new(
                                        RichText::new(format!("Notes: {}", record.notes)).italics(),
                                    )
                                    .wrap(),
                                );
                            }
                        }
                        QuestionState::Skipped => {
                            ui.label(RichText::new("Skipped").color(palette.muted));
                        }
                        _ => {
                            ui.label(RichText::new("Not reached").color(palette.muted));
                        }
                    }
                });
            }
            ui.add_space(theme::SECTION_GAP);
            ui.label(RichText::new("Mean per competency").strong());
            let means = session.self_means_by_competency();
            if means.is_empty() {
                ui.label(RichText::new("No scores in this round.").color(palette.muted));
            }
            egui::Grid::new("competency-means")
                .num_columns(2)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    for (competency, mean) in &means {
                        ui.label(competency_name(competency).unwrap_or(competency));
                        ui.colored_label(palette.score(*mean), format!("{mean:.1}"));
                        ui.end_row();
                    }
                });
            ui.add_space(theme::SECTION_GAP);
            if ui.button(RichText::new("Back to home").strong()).clicked() {
                commands.push(ModelCommand::CloseRound);
            }
        });
    });
}

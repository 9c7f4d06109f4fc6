//! Progress: scores over time per competency (self and panel apart), time discipline,
//! coverage, the weakest competency and the review queue. Drawn from cached insights.

use chrono::DateTime;
use eframe::egui::{self, RichText};
use egui_plot::{Line, LineStyle, MarkerShape, Plot, PlotPoints, Points};

use crate::app::command::{Commands, ViewCommand};
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::history::{CompetencySeries, Grouping, Progress};
use crate::session::format_clock;

pub fn progress_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    let progress = &state.insights.progress;
    crate::app::widgets::a11y::page_heading(ui, "Progress");
    if progress.series.is_empty() {
        ui.label(
            RichText::new(
                "No scored answers yet. Score yourself after a round and your progress shows here.",
            )
            .color(palette.muted),
        );
        return;
    }
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        weakest_ui(ui, state, commands);
        ui.add_space(theme::SECTION_GAP);
        crate::app::widgets::a11y::heading(ui, 2, "Scores over time");
        ui.label(
            RichText::new(format!(
                "Solid: your own scores. Dashed: the panel's mean. {}.",
                chart_grouping(progress)
            ))
            .color(palette.muted),
        );
        charts_ui(ui, state, progress);
        ui.add_space(theme::SECTION_GAP);
        timing_ui(ui, progress);
        ui.add_space(theme::SECTION_GAP);
        delivery_ui(ui, progress);
        ui.add_space(theme::SECTION_GAP);
        coverage_ui(ui, progress);
        ui.add_space(theme::SECTION_GAP);
        review_queue_ui(ui, state);
    });
}

fn weakest_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        match state.insights.progress.weakest.first() {
            Some((competency, mean)) => {
                let name = state.catalog.competency_name(competency);
                ui.label(
                    RichText::new(format!("Weakest competency: {name}"))
                        .strong()
                        .size(18.0),
                );
                ui.label(
                    RichText::new(format!("Mean score {mean:.2} over your self and panel scores."))
                        .color(palette.muted),
                );
                let next: Vec<String> = state
                    .insights
                    .progress
                    .weakest
                    .iter()
                    .skip(1)
                    .take(2)
                    .map(|(c, m)| format!("{} {m:.2}", state.catalog.competency_name(c)))
                    .collect();
                if !next.is_empty() {
                    ui.label(RichText::new(format!("Then: {}", next.join(" · "))).color(palette.muted));
                }
            }
            None => {
                ui.label("No competency scored yet.");
            }
        }
        ui.horizontal(|ui| {
            let weakest = state.insights.weakest_with_questions(&state.catalog).is_some();
            if ui
                .add_enabled(weakest, egui::Button::new("Work on my weakest competency"))
                .clicked()
            {
                commands.push(ViewCommand::PlanWeakest);
            }
            let due = state
                .insights
                .due_questions(state.wall().date_naive(), &state.catalog)
                .len();
            if ui
                .add_enabled(due > 0, egui::Button::new(format!("Due for review ({due})")))
                .clicked()
            {
                commands.push(ViewCommand::PlanDueForReview);
            }
        });
    });
}

/// What a chart point stands for, in words: the coarsest grouping any chart needed.
fn chart_grouping(progress: &Progress) -> String {
    let coarsest = progress
        .series
        .values()
        .flat_map(|s| [s.self_line.grouping, s.panel_line.grouping])
        .max()
        .unwrap_or_default();
    let mut words = coarsest.label().to_owned();
    if coarsest != Grouping::Session {
        words.push_str(" where there are too many sessions to show apart");
    }
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The first and last day any chart shows, so charts side by side share one time axis.
fn day_range(progress: &Progress) -> (f64, f64) {
    progress
        .series
        .values()
        .flat_map(|s| s.self_line.points.iter().chain(&s.panel_line.points))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p[0]), hi.max(p[0]))
        })
}

fn charts_ui(ui: &mut egui::Ui, state: &AppState, progress: &Progress) {
    let palette = Palette::current(ui);
    let mut ordered: Vec<&CompetencySeries> = progress.series.values().collect();
    let rank = |s: &CompetencySeries| {
        progress
            .weakest
            .iter()
            .position(|(c, _)| *c == s.competency)
            .unwrap_or(usize::MAX)
    };
    ordered.sort_by_key(|s| rank(s));
    // no points at all leaves the range empty (lo > hi): each chart then fits its own
    let days = day_range(progress);
    let (first_day, last_day) = if days.0 <= days.1 {
        days
    } else {
        (f64::NAN, f64::NAN)
    };
    let width = ((ui.available_width() - 16.0) / 2.0).max(280.0);
    egui::Grid::new("progress-charts")
        .num_columns(2)
        .spacing([16.0, 12.0])
        .show(ui, |ui| {
            for (i, series) in ordered.iter().enumerate() {
                ui.vertical(|ui| {
                    ui.set_width(width);
                    let mean = series
                        .overall_mean()
                        .map_or_else(String::new, |m| format!(" · mean {m:.2}"));
                    ui.label(
                        RichText::new(format!(
                            "{}{mean}",
                            state.catalog.competency_name(&series.competency)
                        ))
                        .strong(),
                    );
                    Plot::new(("competency-plot", &series.competency))
                        .height(150.0)
                        .width(width)
                        .include_y(0.8)
                        .include_y(4.2)
                        .allow_zoom(false)
                        .allow_drag(false)
                        .allow_scroll(false)
                        .include_x(first_day)
                        .include_x(last_day)
                        .x_axis_formatter(|mark, _| {
                            DateTime::from_timestamp((mark.value * 86_400.0) as i64, 0)
                                .map_or_else(String::new, |d| d.format("%-d %b").to_string())
                        })
                        .show(ui, |plot| {
                            let own = series.self_line.points.clone();
                            plot.line(Line::new("Self", PlotPoints::from(own.clone())).color(palette.accent));
                            plot.points(
                                Points::new("Self", PlotPoints::from(own))
                                    .color(palette.accent)
                                    .radius(3.0),
                            );
                            if !series.panel_line.points.is_empty() {
                                let panel = series.panel_line.points.clone();
                                plot.line(
                                    Line::new("Panel", PlotPoints::from(panel.clone()))
                                        .color(palette.warn)
                                        .style(LineStyle::dashed_loose()),
                                );
                                plot.points(
                                    Points::new("Panel", PlotPoints::from(panel))
                                        .color(palette.warn)
                                        .shape(MarkerShape::Diamond)
                                        .radius(4.0),
                                );
                            }
                        });
                });
                if i % 2 == 1 {
                    ui.end_row();
                }
            }
        });
}

fn timing_ui(ui: &mut egui::Ui, progress: &Progress) {
    let palette = Palette::current(ui);
    crate::app::widgets::a11y::heading(ui, 2, "Time discipline");
    egui::Grid::new("progress-timing")
        .striped(true)
        .spacing([18.0, 5.0])
        .show(ui, |ui| {
            for heading in [
                "Round",
                "Answers",
                "Overran",
                "Median overrun",
                "Phases that overrun most",
            ] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for row in &progress.timing {
                ui.label(row.round.label());
                ui.label(row.answered.to_string());
                let rate = row.overrun_rate();
                let colour = if rate > 0.5 {
                    palette.over
                } else if rate > 0.2 {
                    palette.warn
                } else {
                    palette.ok
                };
                ui.colored_label(colour, format!("{} ({:.0}%)", row.overran, rate * 100.0));
                ui.label(if row.overran == 0 {
                    "–".to_owned()
                } else {
                    format_clock(row.median_overrun_secs)
                });
                let phases: Vec<String> = row
                    .phases
                    .iter()
                    .take(3)
                    .map(|p| format!("{} {} of {}", p.phase, p.overruns, p.timed))
                    .collect();
                ui.label(if phases.is_empty() {
                    "–".to_owned()
                } else {
                    phases.join(" · ")
                });
                ui.end_row();
            }
        });
}

fn coverage_ui(ui: &mut egui::Ui, progress: &Progress) {
    let palette = Palette::current(ui);
    crate::app::widgets::a11y::heading(ui, 2, "Coverage");
    ui.horizontal_top(|ui| {
        egui::Grid::new("coverage-rounds")
            .striped(true)
            .spacing([18.0, 5.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Round").strong());
                ui.label(RichText::new("Practised").strong());
                ui.end_row();
                for row in &progress.rounds {
                    ui.label(row.round.label());
                    ui.label(format!("{} of {}", row.practised, row.available));
                    ui.end_row();
                }
            });
        ui.add_space(30.0);
        egui::Grid::new("coverage-competencies")
            .striped(true)
            .spacing([18.0, 5.0])
            .show(ui, |ui| {
                for heading in ["Competency", "Practised", "Mean"] {
                    ui.label(RichText::new(heading).strong());
                }
                ui.end_row();
                for row in &progress.competencies {
                    ui.label(&row.name);
                    ui.label(format!("{} of {}", row.practised, row.available));
                    match row.mean {
                        Some(mean) => ui.colored_label(palette.score(mean), format!("{mean:.2}")),
                        None => ui.colored_label(palette.muted, "–"),
                    };
                    ui.end_row();
                }
            });
    });
}

fn review_queue_ui(ui: &mut egui::Ui, state: &AppState) {
    let palette = Palette::current(ui);
    crate::app::widgets::a11y::heading(ui, 2, "Review schedule");
    let today = state.wall().date_naive();
    let mut items: Vec<_> = state.insights.schedule.items.values().collect();
    items.sort_by(|a, b| a.due.cmp(&b.due).then(a.global_id.cmp(&b.global_id)));
    egui::Grid::new("review-queue")
        .striped(true)
        .spacing([18.0, 5.0])
        .show(ui, |ui| {
            for heading in ["Question", "Round", "Reviews", "Next review"] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for item in items.iter().take(12) {
                ui.label(&item.title);
                ui.label(item.round.label());
                ui.label(item.reviews.len().to_string());
                let due = item.due.format("%a %-d %b").to_string();
                if item.is_due(today) {
                    ui.colored_label(palette.over, format!("{due} (due)"));
                } else {
                    ui.label(due);
                }
                ui.end_row();
            }
        });
}

/// Home's one-click rounds: the questions due for review and the weakest competency.
/// Two rows of Home's grid of rounds: "Due for review" and "Work on my weakest competency".
pub fn review_rounds_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    let today = state.wall().date_naive();
    let due = state.insights.due_questions(today, &state.catalog).len();
    let weakest = state.insights.weakest_with_questions(&state.catalog);
    let button = egui::Button::new("Due for review").min_size(egui::vec2(190.0, 30.0));
    if ui.add_enabled(due > 0, button).clicked() {
        commands.push(ViewCommand::PlanDueForReview);
    }
    let text = match due {
        0 if state.insights.schedule.items.is_empty() => {
            "Nothing scheduled yet: answer and score a question first.".to_owned()
        }
        0 => "Nothing is due today.".to_owned(),
        n => format!(
            "{} due today; the round takes up to {}.",
            crate::text::plural(n, "question"),
            crate::history::REVIEW_ROUND_SIZE
        ),
    };
    ui.add(egui::Label::new(RichText::new(text).color(palette.muted)).wrap());
    ui.end_row();
    let button = egui::Button::new("Work on my weakest competency").min_size(egui::vec2(190.0, 30.0));
    if ui.add_enabled(weakest.is_some(), button).clicked() {
        commands.push(ViewCommand::PlanWeakest);
    }
    let text = match weakest {
        Some((competency, mean)) => format!(
            "Two questions on {} (your mean {mean:.1}).",
            state.catalog.competency_name(competency)
        ),
        None => "Score a few answers first.".to_owned(),
    };
    ui.add(egui::Label::new(RichText::new(text).color(palette.muted)).wrap());
    ui.end_row();
}

/// Pace and pauses over time per round type, from recorded answers.
fn delivery_ui(ui: &mut egui::Ui, progress: &Progress) {
    let palette = Palette::current(ui);
    ui.heading("Delivery over time");
    if progress.delivery.is_empty() {
        ui.label(
            RichText::new(
                "No recorded answers yet. Record your answers (in Settings, under Microphone) and your pace and pauses show here.",
            )
            .color(palette.muted),
        );
        return;
    }
    ui.label(
        RichText::new(
            "Each point is a session's mean over its recorded answers of that round type. \
             Pace needs a transcript.",
        )
        .color(palette.muted),
    );
    let colours = [
        palette.accent,
        palette.warn,
        palette.ok,
        palette.over,
        palette.muted,
    ];
    let day = |p: &crate::history::DeliveryPoint| p.at.timestamp() as f64 / 86_400.0;
    let width = ((ui.available_width() - 16.0) / 2.0).max(280.0);
    let charts: [(&str, &str, f64); 2] = [
        ("Pace (words a minute)", "delivery-pace", 220.0),
        ("Pauses of 3 s or more per answer", "delivery-pauses", 3.0),
    ];
    ui.horizontal_top(|ui| {
        for (chart, (title, id, top)) in charts.into_iter().enumerate() {
            ui.vertical(|ui| {
                ui.set_width(width);
                ui.label(RichText::new(title).strong());
                Plot::new(id)
                    .height(170.0)
                    .width(width)
                    .include_y(0.0)
                    .include_y(top)
                    .allow_zoom(false)
                    .allow_drag(false)
                    .allow_scroll(false)
                    // pace sits high on its axis and pauses fall as a candidate improves:
                    // each legend goes where its lines usually are not
                    .legend(egui_plot::Legend::default().position(if chart == 0 {
                        egui_plot::Corner::RightBottom
                    } else {
                        egui_plot::Corner::RightTop
                    }))
                    .x_axis_formatter(|mark, _| {
                        DateTime::from_timestamp((mark.value * 86_400.0) as i64, 0)
                            .map_or_else(String::new, |d| d.format("%-d %b").to_string())
                    })
                    .show(ui, |plot| {
                        for (i, series) in progress.delivery.iter().enumerate() {
                            let points: Vec<[f64; 2]> = series
                                .points
                                .iter()
                                .filter_map(|p| {
                                    let y = if chart == 0 {
                                        p.words_per_minute?
                                    } else {
                                        p.pauses_per_answer
                                    };
                                    Some([day(p), y])
                                })
                                .collect();
                            if points.is_empty() {
                                continue;
                            }
                            let colour = colours[i % colours.len()];
                            let name = series.round.label();
                            plot.line(Line::new(name, PlotPoints::from(points.clone())).color(colour));
                            plot.points(
                                Points::new(name, PlotPoints::from(points))
                                    .color(colour)
                                    .radius(3.0)
                                    .shape(MarkerShape::Circle),
                            );
                        }
                    });
            });
        }
    });
}

//! Home: start a round, see the banks and their problems, resume an interrupted round.

use eframe::egui::{self, RichText};

use crate::app::command::{BankView, Commands, Effect, ModelCommand, ViewCommand};
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::app::widgets::a11y;
use crate::bank::{Catalog, Round};
use crate::session::{RoundKind, Session, format_clock};
use crate::text::plural;

const READY_MADE: [RoundKind; 4] = [
    RoundKind::FullLoop,
    RoundKind::LeadershipDrill,
    RoundKind::Quick,
    RoundKind::Custom,
];

pub fn home_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Commands) {
    if state.is_loading() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Loading history…");
        });
        return;
    }
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 240.0);
        if let Some(id) = &state.resume_offer
            && let Some(session) = state.history.iter().find(|s| &s.id == id)
        {
            resume_ui(ui, session, commands);
            ui.add_space(theme::SECTION_GAP);
        }
        if state.read_only() {
            ui.colored_label(
                Palette::current(ui).warn,
                RichText::new(crate::app::state::READ_ONLY_EXPLANATION).strong(),
            );
            ui.add_space(theme::SECTION_GAP);
        }
        a11y::page_heading(ui, "Start a round");
        ui.add_space(4.0);
        if state.banks_loading() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Loading question banks…");
            });
        }
        // a read-only window cannot keep a round, so it offers none
        let empty = state.catalog.question_count() == 0;
        let can_start = !empty && !state.read_only();
        egui::Grid::new("ready-made").num_columns(2).spacing([16.0, 10.0]).show(ui, |ui| {
            for kind in READY_MADE {
                let button = ui
                    .add_enabled(can_start, egui::Button::new(kind.label()).min_size(egui::vec2(190.0, 30.0)))
                    .on_disabled_hover_text(if state.read_only() {
                        "This window is read-only: another Panelist window is using the data folder"
                    } else {
                        "No questions are loaded"
                    });
                if button.clicked() {
                    commands.push(ViewCommand::PlanRound { kind, panel: None });
                }
                ui.add(egui::Label::new(RichText::new(kind.description()).color(Palette::current(ui).muted)).wrap());
                ui.end_row();
            }
            mock_panel_row_ui(ui, can_start, commands);
            join_panel_row_ui(ui, commands);
            if can_start {
                super::progress::review_rounds_ui(ui, state, commands);
            }
        });
        if empty && !state.banks_loading() {
            ui.colored_label(
                Palette::current(ui).warn,
                "No questions are loaded. Fix the bank problems below, or add a bank to your data folder's questions/ folder.",
            );
        }
        ui.add_space(theme::SECTION_GAP);
        banks_ui(ui, &state.catalog, commands);
        ui.add_space(theme::SECTION_GAP);
        recent_ui(ui, state);
    });
}

fn resume_ui(ui: &mut egui::Ui, session: &Session, commands: &mut Commands) {
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("You have an unfinished round").strong());
        let answered = session.questions.iter().filter(|q| q.was_answered()).count();
        ui.label(format!(
            "{} started {}: question {} of {}, {} answered. Resume it where you left off?",
            session.title,
            session.created.format("%a %-d %b %H:%M"),
            session.current + 1,
            session.questions.len(),
            answered
        ));
        ui.horizontal(|ui| {
            if ui.button("Resume round").clicked() {
                commands.push(ModelCommand::Resume(session.id.clone()));
            }
            if ui.button("Keep as unfinished").clicked() {
                commands.push(ModelCommand::DeclineResume(session.id.clone()));
            }
        });
    });
}

fn banks_ui(ui: &mut egui::Ui, catalog: &Catalog, commands: &mut Commands) {
    a11y::heading(ui, 2, "Question banks");
    ui.label(
        RichText::new(format!(
            "{} loaded, {} in all.",
            plural(catalog.banks.len(), "bank"),
            plural(catalog.question_count(), "question")
        ))
        .color(Palette::current(ui).muted),
    );
    // a table for a screen reader: rows of cells under their column headers
    a11y::group(ui, egui::Role::Table, "Question banks", |ui| {
        egui::Grid::new("banks")
            .striped(true)
            .num_columns(3)
            .spacing([18.0, 6.0])
            .show(ui, |ui| {
                let row = a11y::table_row(ui, "header");
                for header in ["Bank", "Questions per round", "File"] {
                    a11y::cell(ui, row, true, |ui| ui.label(RichText::new(header).strong()));
                }
                ui.end_row();
                for (i, loaded) in catalog.banks.iter().enumerate() {
                    let row = a11y::table_row(ui, i);
                    a11y::cell(ui, row, false, |ui| ui.label(&loaded.bank.title));
                    let counts: Vec<String> = Catalog::round_counts(&loaded.bank)
                        .iter()
                        .map(|(round, n)| format!("{} {n}", short(*round)))
                        .collect();
                    a11y::cell(ui, row, false, |ui| {
                        ui.label(if counts.is_empty() {
                            "none".to_owned()
                        } else {
                            counts.join(" · ")
                        })
                    });
                    let file = if loaded.is_shipped() {
                        format!("{} (shipped)", loaded.path)
                    } else {
                        loaded.path.clone()
                    };
                    a11y::cell(ui, row, false, |ui| {
                        ui.label(RichText::new(file).small().color(Palette::current(ui).muted))
                    });
                    ui.end_row();
                }
            });
    });
    if !catalog.problems.is_empty() {
        ui.add_space(8.0);
        problems_ui(ui, catalog, commands);
    }
}

fn problems_ui(ui: &mut egui::Ui, catalog: &Catalog, commands: &mut Commands) {
    let palette = Palette::current(ui);
    let colour = if catalog.error_count() > 0 {
        palette.over
    } else {
        palette.warn
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("Bank problems: {}", super::problems::summary(catalog)))
                .color(colour)
                .strong(),
        );
        if ui.button("Show bank problems").clicked() {
            commands.push(ViewCommand::Bank(BankView::ShowProblems));
        }
    });
    for file in catalog.files_with_errors() {
        ui.colored_label(palette.over, format!("{file} was not loaded."));
    }
}

fn recent_ui(ui: &mut egui::Ui, state: &AppState) {
    a11y::heading(ui, 2, "Recent sessions");
    if state.history.is_empty() {
        ui.label(
            RichText::new("No sessions yet. Start a Quick question above: it takes under ten minutes.")
                .color(Palette::current(ui).muted),
        );
        return;
    }
    egui::Grid::new("recent")
        .striped(true)
        .num_columns(4)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            for session in state.history.iter().take(5) {
                ui.label(session.created.format("%a %-d %b %H:%M").to_string());
                ui.label(&session.title);
                let (used, target) = session.time_used_vs_target();
                ui.label(format!("{} of {}", format_clock(used), format_clock(target)));
                ui.label(match session.self_mean() {
                    Some(mean) => format!("mean {mean:.1}"),
                    None if session.is_finished() => "not scored".to_owned(),
                    None => "unfinished".to_owned(),
                });
                ui.end_row();
            }
        });
}

/// A short round name for tight spaces.
pub fn short(round: Round) -> &'static str {
    match round {
        Round::SystemsDesign => "Systems",
        Round::Leadership => "Leadership",
        Round::OrgDesign => "Org",
        Round::ReverseInterview => "Ask",
        Round::Career => "Career",
    }
}

/// Joining a panel that a host shares through a folder (panelists on their own machines).
fn join_panel_row_ui(ui: &mut egui::Ui, commands: &mut Commands) {
    if ui
        .add(egui::Button::new("Join a panel").min_size(egui::vec2(190.0, 30.0)))
        .clicked()
    {
        commands.push(ViewCommand::Panel(
            crate::app::command::PanelViewCommand::OpenJoin,
        ));
    }
    ui.add(
        egui::Label::new(
            RichText::new("For panelists: a host shares a mock panel through a synced folder; take your own notes and score blind on this machine.")
                .color(Palette::current(ui).muted),
        )
        .wrap(),
    );
    ui.end_row();
}

/// The entry to mock panel mode, as one more row of the round grid.
fn mock_panel_row_ui(ui: &mut egui::Ui, enabled: bool, commands: &mut Commands) {
    let button = ui.add_enabled(
        enabled,
        egui::Button::new("Run a mock panel").min_size(egui::vec2(190.0, 30.0)),
    );
    if button.clicked() {
        commands.push(Effect::OpenPanelSetup);
    }
    ui.add(
        egui::Label::new(
            RichText::new("For mentors: a console for the panel, a clean window for the candidate, blind scorecards, a debrief.")
                .color(Palette::current(ui).muted),
        )
        .wrap(),
    );
    ui.end_row();
}

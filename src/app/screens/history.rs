//! History: every saved session, filtered and sorted; open, delete (with undo), export.

use chrono::NaiveDate;
use eframe::egui::{self, RichText};

use super::export_form::{ExportForm, export_ui};
use crate::app::apply_history::HistoryCommand;
use crate::app::command::Command;
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::bank::Round;
use crate::history::{SessionFilter, SessionSummary, SortKey, list, totals};
use crate::session::{Mode, format_clock};

/// The History tab's own state.
#[derive(Debug, Default)]
pub struct HistoryScreen {
    pub filter: SessionFilter,
    pub sort: SortKey,
    since_text: String,
    until_text: String,
    confirm_delete: Option<String>,
    /// The session just moved to the trash, offered for undo.
    pub undo: Option<String>,
    pub export: ExportForm,
    /// The list as last computed, with what it was computed from.
    rows: Vec<SessionSummary>,
    rows_key: Option<(u64, SessionFilter, SortKey)>,
}

impl HistoryScreen {
    fn refresh_rows(&mut self, state: &AppState) {
        let key = (state.history_revision, self.filter.clone(), self.sort);
        if self.rows_key.as_ref() != Some(&key) {
            self.rows = list(&state.history, &self.filter, self.sort);
            self.rows_key = Some(key);
        }
    }
}

pub fn history_ui(
    ui: &mut egui::Ui,
    screen: &mut HistoryScreen,
    state: &AppState,
    commands: &mut Vec<Command>,
) {
    let palette = Palette::current(ui);
    ui.heading("History");
    if let Some(id) = screen.undo.clone() {
        theme::card(ui).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("Session {id} moved to the trash."));
                if ui.button("Undo").clicked() {
                    commands.push(Command::History(HistoryCommand::Undo(id)));
                }
            });
        });
    }
    if state.history.is_empty() {
        ui.label(RichText::new("No sessions yet. Finish a round and it appears here.").color(palette.muted));
        return;
    }
    filters_ui(ui, screen);
    screen.refresh_rows(state);
    let (used, target, mean) = totals(&screen.rows);
    ui.label(
        RichText::new(format!(
            "{} shown of {} · answer time {} of {} target · mean score {}",
            screen.rows.len(),
            state.history.len(),
            format_clock(used),
            format_clock(target),
            mean.map_or_else(|| "–".to_owned(), |m| format!("{m:.2}"))
        ))
        .color(palette.muted),
    );
    let ids: Vec<String> = screen.rows.iter().map(|r| r.id.clone()).collect();
    export_ui(ui, &mut screen.export, &ids, state, commands);
    ui.add_space(6.0);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("history-list")
            .striped(true)
            .num_columns(8)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for heading in [
                    "Date",
                    "Mode",
                    "Round",
                    "Rounds",
                    "Questions",
                    "Time vs target",
                    "Mean",
                    "",
                ] {
                    ui.label(RichText::new(heading).strong());
                }
                ui.end_row();
                for row in &screen.rows {
                    row_ui(ui, row, &mut screen.confirm_delete, commands);
                    ui.end_row();
                }
            });
    });
}

fn filters_ui(ui: &mut egui::Ui, screen: &mut HistoryScreen) {
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_label("Mode")
            .selected_text(screen.filter.mode.map_or("All modes", |m| m.label()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut screen.filter.mode, None, "All modes");
                for mode in [Mode::Solo, Mode::Panel] {
                    ui.selectable_value(&mut screen.filter.mode, Some(mode), mode.label());
                }
            });
        egui::ComboBox::from_label("Round type")
            .selected_text(screen.filter.round.map_or("All rounds", |r| r.label()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut screen.filter.round, None, "All rounds");
                for round in Round::ALL {
                    ui.selectable_value(&mut screen.filter.round, Some(round), round.label());
                }
            });
        egui::ComboBox::from_label("Sort")
            .selected_text(screen.sort.label())
            .show_ui(ui, |ui| {
                for sort in SortKey::ALL {
                    ui.selectable_value(&mut screen.sort, sort, sort.label());
                }
            });
    });
    ui.horizontal_wrapped(|ui| {
        date_field(ui, "From", &mut screen.since_text, &mut screen.filter.since);
        date_field(ui, "To", &mut screen.until_text, &mut screen.filter.until);
        let label = ui.label("Notes contain:");
        ui.add(egui::TextEdit::singleline(&mut screen.filter.text).desired_width(180.0))
            .labelled_by(label.id);
        if !screen.filter.is_empty() && ui.button("Clear filters").clicked() {
            screen.filter = SessionFilter::default();
            screen.since_text.clear();
            screen.until_text.clear();
        }
    });
}

/// A YYYY-MM-DD field; an unreadable date is shown in the error colour and ignored.
fn date_field(ui: &mut egui::Ui, name: &str, text: &mut String, date: &mut Option<NaiveDate>) {
    let label = ui.label(format!("{name}:"));
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text("YYYY-MM-DD")
            .desired_width(96.0),
    )
    .labelled_by(label.id);
    let trimmed = text.trim();
    *date = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d").ok();
    if !trimmed.is_empty() && date.is_none() {
        ui.colored_label(Palette::current(ui).over, "not a date");
    }
}

fn row_ui(
    ui: &mut egui::Ui,
    row: &SessionSummary,
    confirm: &mut Option<String>,
    commands: &mut Vec<Command>,
) {
    let palette = Palette::current(ui);
    ui.label(row.date.format("%a %-d %b %Y").to_string());
    ui.label(row.mode_label());
    ui.label(&row.title);
    let rounds: Vec<&str> = row.rounds.iter().map(|r| super::home::short(*r)).collect();
    ui.label(rounds.join(", "));
    ui.label(format!("{} of {}", row.answered, row.questions));
    let over = row.over_secs();
    let time = format!(
        "{} of {}",
        format_clock(row.used_secs),
        format_clock(row.target_secs)
    );
    ui.colored_label(if over > 0 { palette.over } else { palette.ok }, time);
    match row.shown_mean() {
        Some(mean) => ui.colored_label(palette.score(mean), format!("{mean:.1}")),
        None => ui.colored_label(palette.muted, "–"),
    };
    ui.horizontal(|ui| {
        if named_button(ui, "Open", &format!("Open session {}", row.id)).clicked() {
            commands.push(Command::History(HistoryCommand::Open(row.id.clone())));
        }
        if confirm.as_deref() == Some(row.id.as_str()) {
            if named_button(ui, "Move to trash", "Move to trash").clicked() {
                commands.push(Command::History(HistoryCommand::Delete(row.id.clone())));
                *confirm = None;
            }
            if ui.button("Cancel").clicked() {
                *confirm = None;
            }
        } else if named_button(ui, "Delete…", &format!("Delete session {}", row.id)).clicked() {
            *confirm = Some(row.id.clone());
        }
    });
}

/// A button whose accessible name differs from its short visible text.
pub fn named_button(ui: &mut egui::Ui, text: &str, name: &str) -> egui::Response {
    let response = ui.button(text);
    let name = name.to_owned();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    response
}

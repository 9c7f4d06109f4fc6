//! History: every saved session, filtered and sorted; open, delete (with undo), export.

use chrono::NaiveDate;
use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder, TableRow};

use super::export_form::{ExportForm, export_ui};
use crate::app::command::{Commands, ModelCommand, ViewCommand};
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

pub fn history_ui(ui: &mut egui::Ui, screen: &mut HistoryScreen, state: &AppState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    crate::app::widgets::a11y::page_heading(ui, "History");
    if let Some(id) = screen.undo.clone() {
        theme::card(ui).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("Session {id} moved to the trash."));
                if ui.button("Undo").clicked() {
                    commands.push(ModelCommand::RestoreSession(id));
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
    list_ui(ui, screen, commands);
}

/// The sessions as a table; only the rows in view are laid out, so 1,000 sessions cost
/// what a screenful does. The first column stacks a session's title, date, mode and rounds,
/// so a row and its buttons fit an 800-point window.
fn list_ui(ui: &mut egui::Ui, screen: &mut HistoryScreen, commands: &mut Commands) {
    const HEADINGS: [&str; 5] = ["Session", "Questions", "Time vs target", "Mean", ""];
    let header_height =
        ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y + 4.0;
    let row_height = ui.text_style_height(&egui::TextStyle::Body)
        + 2.0 * ui.text_style_height(&egui::TextStyle::Small)
        + 2.0 * SESSION_LINE_GAP
        + 10.0;
    let HistoryScreen {
        rows, confirm_delete, ..
    } = screen;
    TableBuilder::new(ui)
        .id_salt("history-list")
        .striped(true)
        .auto_shrink(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::auto().at_least(180.0).at_most(360.0).clip(true))
        .columns(Column::auto().at_least(60.0), 3)
        .column(Column::remainder().at_least(150.0))
        .header(header_height, |mut header| {
            for heading in HEADINGS {
                header.col(|ui| {
                    let label = ui.label(RichText::new(heading).strong());
                    if heading.is_empty() {
                        // the actions' column has no heading: nothing to read
                        crate::app::widgets::a11y::unread(&label);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut table_row| {
                let row = &rows[table_row.index()];
                row_ui(&mut table_row, row, confirm_delete, commands);
            });
        });
}

/// Space between the lines of the session column.
const SESSION_LINE_GAP: f32 = 1.0;

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
            .desired_width(130.0),
    )
    .labelled_by(label.id);
    let trimmed = text.trim();
    *date = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d").ok();
    if !trimmed.is_empty() && date.is_none() {
        ui.colored_label(Palette::current(ui).over, "not a date");
    }
}

fn row_ui(
    table_row: &mut TableRow<'_, '_>,
    row: &SessionSummary,
    confirm: &mut Option<String>,
    commands: &mut Commands,
) {
    table_row.col(|ui| {
        let muted = Palette::current(ui).muted;
        ui.vertical(|ui| {
            // lines of text, not of widgets: no minimum row height between them
            ui.spacing_mut().item_spacing.y = SESSION_LINE_GAP;
            ui.spacing_mut().interact_size.y = 0.0;
            ui.add(egui::Label::new(&row.title).truncate());
            ui.horizontal(|ui| {
                let small = |text: String| egui::Label::new(RichText::new(text).small().color(muted));
                ui.add(small(row.date.format("%a %-d %b %Y").to_string()));
                ui.add(small("·".to_owned()));
                ui.add(small(row.mode_label()).truncate());
            });
            let rounds: Vec<&str> = row.rounds.iter().map(|r| super::home::short(*r)).collect();
            ui.add(egui::Label::new(RichText::new(rounds.join(", ")).small().color(muted)).truncate());
        });
    });
    table_row.col(|ui| {
        ui.label(format!("{} of {}", row.answered, row.questions));
    });
    table_row.col(|ui| {
        let palette = Palette::current(ui);
        let time = format!(
            "{} of {}",
            format_clock(row.used_secs),
            format_clock(row.target_secs)
        );
        let colour = if row.over_secs() > 0 {
            palette.over
        } else {
            palette.ok
        };
        ui.colored_label(colour, time);
    });
    table_row.col(|ui| {
        let palette = Palette::current(ui);
        match row.shown_mean() {
            Some(mean) => ui.colored_label(palette.score(mean), format!("{mean:.1}")),
            None => ui.colored_label(palette.muted, "–"),
        };
    });
    table_row.col(|ui| actions_ui(ui, row, confirm, commands));
}

fn actions_ui(
    ui: &mut egui::Ui,
    row: &SessionSummary,
    confirm: &mut Option<String>,
    commands: &mut Commands,
) {
    if named_button(ui, "Open", &format!("Open session {}", row.id)).clicked() {
        commands.push(ViewCommand::OpenSession(row.id.clone()));
    }
    if confirm.as_deref() == Some(row.id.as_str()) {
        if named_button(ui, "Move to trash", "Move to trash").clicked() {
            commands.push(ModelCommand::DeleteSession(row.id.clone()));
            *confirm = None;
        }
        if ui.button("Cancel").clicked() {
            *confirm = None;
        }
    } else if named_button(ui, "Delete…", &format!("Delete session {}", row.id)).clicked() {
        *confirm = Some(row.id.clone());
    }
}

/// A button whose accessible name differs from its short visible text.
pub fn named_button(ui: &mut egui::Ui, text: &str, name: &str) -> egui::Response {
    let response = ui.button(text);
    let name = name.to_owned();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    response
}

//! The question editor: every field of the format, checked as the user types by the same
//! parser and validator that load banks.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use crate::app::command::{BankView, Commands, Effect, ViewCommand};
use crate::app::theme::{self, Palette};
use crate::bank::{Bank, Difficulty, Problem, QuestionDraft, Round, Style, check_draft};

pub struct EditorState {
    /// The user's bank file the question is saved into (created if missing).
    pub file: PathBuf,
    /// The bank as it is on disk (or new).
    pub bank: Bank,
    /// The question being edited; `None` adds a new one.
    pub index: Option<usize>,
    pub draft: QuestionDraft,
    /// The draft the problems below were found for.
    checked: Option<QuestionDraft>,
    pub problems: Vec<Problem>,
    /// The bank's text with the draft in it, when it has no errors.
    pub valid_text: Option<String>,
}

impl EditorState {
    pub fn new(file: PathBuf, bank: Bank, index: Option<usize>, draft: QuestionDraft) -> Self {
        let mut editor = Self {
            file,
            bank,
            index,
            draft,
            checked: None,
            problems: Vec::new(),
            valid_text: None,
        };
        let _ = editor.check();
        editor
    }

    /// Checks the draft again if it changed since the last check; true when it did.
    pub fn check(&mut self) -> bool {
        if self.checked.as_ref() == Some(&self.draft) {
            return false;
        }
        let name = self.file.display().to_string();
        let (text, problems) = check_draft(&self.bank, self.index, &self.draft, &name);
        self.valid_text = text;
        self.problems = problems;
        self.checked = Some(self.draft.clone());
        true
    }
}

pub fn editor_ui(ui: &mut egui::Ui, editor: &mut EditorState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 120.0);
        crate::app::widgets::a11y::page_heading(
            ui,
            if editor.index.is_some() {
                "Edit question"
            } else {
                "New question"
            },
        );
        ui.label(
            RichText::new(format!(
                "Saved into {} ({}). Saving rewrites the file: comments in it are not kept.",
                editor.file.display(),
                editor.bank.title
            ))
            .color(palette.muted),
        );
        status_ui(ui, editor, commands);
        ui.add_space(8.0);
        let draft = &mut editor.draft;
        egui::Grid::new("question-form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                line(ui, "Id:", &mut draft.id, "lowercase-with-dashes");
                ui.end_row();
                let label = ui.label("Round:");
                egui::ComboBox::from_id_salt("round")
                    .selected_text(draft.round.label())
                    .show_ui(ui, |ui| {
                        for round in Round::ALL {
                            ui.selectable_value(&mut draft.round, round, round.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                line(ui, "Title:", &mut draft.title, "one line");
                ui.end_row();
                text(ui, "Prompt (Markdown):", &mut draft.prompt, 6);
                ui.end_row();
                line(ui, "Minutes:", &mut draft.minutes, "1 to 180");
                ui.end_row();
                line(ui, "Prep minutes:", &mut draft.prep_minutes, "0");
                ui.end_row();
                let label = ui.label("Difficulty:");
                ui.horizontal(|ui| {
                    for difficulty in Difficulty::ALL {
                        ui.radio_value(&mut draft.difficulty, difficulty, difficulty.label());
                    }
                })
                .response
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Style:");
                ui.horizontal(|ui| {
                    for style in Style::ALL {
                        ui.radio_value(&mut draft.style, style, style.label())
                            .on_hover_text(style.hint());
                    }
                })
                .response
                .labelled_by(label.id);
                ui.end_row();
                line(
                    ui,
                    "Competencies:",
                    &mut draft.competencies,
                    "ids, comma-separated",
                );
                ui.end_row();
                text(ui, "Phases (Name = minutes):", &mut draft.phases, 3);
                ui.end_row();
                text(ui, "Follow-ups (one a line):", &mut draft.follow_ups, 3);
                ui.end_row();
                text(ui, "Strong signals (one a line):", &mut draft.strong_signals, 3);
                ui.end_row();
                text(ui, "Weak signals (one a line):", &mut draft.weak_signals, 3);
                ui.end_row();
                line(ui, "Tags:", &mut draft.tags, "comma-separated");
                ui.end_row();
            });
        // checked after the form; one more frame shows the new status above it
        if editor.check() {
            ui.ctx().request_repaint();
        }
    });
}

/// Save and Cancel, and whether the draft is valid with its problems.
fn status_ui(ui: &mut egui::Ui, editor: &EditorState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let save = ui.add_enabled(
            editor.valid_text.is_some(),
            egui::Button::new(RichText::new("Save question").strong()),
        );
        if save.clicked() {
            commands.push(Effect::SaveQuestion);
        }
        if ui.button("Cancel").clicked() {
            commands.push(ViewCommand::Bank(BankView::CloseEditor));
        }
        if editor.problems.is_empty() {
            ui.colored_label(palette.ok, "No problems: ready to save.");
        }
    });
    for problem in &editor.problems {
        let colour = if problem.is_error() {
            palette.over
        } else {
            palette.warn
        };
        let severity = if problem.is_error() { "error" } else { "warning" };
        ui.add(
            egui::Label::new(RichText::new(format!("{severity}: {}", problem.message)).color(colour)).wrap(),
        );
    }
}

fn line(ui: &mut egui::Ui, name: &str, value: &mut String, hint: &str) {
    let label = ui.label(name);
    ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(480.0),
    )
    .labelled_by(label.id);
}

fn text(ui: &mut egui::Ui, name: &str, value: &mut String, rows: usize) {
    let label = ui.label(name);
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(rows)
            .desired_width(480.0),
    )
    .labelled_by(label.id);
}

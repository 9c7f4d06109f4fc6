//! The question browser: search and filters on the left, a virtualised list, the detail on the right.

use std::path::PathBuf;

use eframe::egui::{self, RichText};
use egui_commonmark::CommonMarkCache;

use crate::app::command::{BankView, Commands, Effect, ModelCommand, ViewCommand};
use crate::app::state::AppState;
use crate::app::theme::Palette;
use crate::bank::{BrowseFilter, Difficulty, Practised, Problem, Round, all_tags, filter_questions};
use crate::text::plural;

use super::setup::SetupState;

/// The browser's filters, its cached list, and the import in progress.
#[derive(Default)]
pub struct BrowserState {
    pub filter: BrowseFilter,
    /// (bank index, question index) of the questions passing `filter`, sorted.
    pub rows: Vec<(usize, usize)>,
    /// What `rows` was computed for: the filter, the catalog generation, the history revision.
    cached_for: Option<(BrowseFilter, u64, u64)>,
    tags: Vec<String>,
    pub selected: Option<String>,
    pub import_path: String,
    /// Problems of the last import that was refused, or (all warnings) the rows of an
    /// imported spreadsheet or list that could not be used.
    pub import_problems: Vec<Problem>,
    /// An import waiting for "Replace": (source, existing destination).
    pub confirm_replace: Option<(PathBuf, PathBuf)>,
    /// A custom round set up before visiting the browser, to extend with "Add to custom round".
    pub parked_setup: Option<Box<SetupState>>,
}

impl BrowserState {
    /// Recomputes the list only when the filter, the catalog or the history changed.
    pub fn refresh(&mut self, state: &AppState) {
        let key = (
            self.filter.clone(),
            state.catalog_generation,
            state.history_revision,
        );
        if self.cached_for.as_ref() == Some(&key) {
            return;
        }
        if self.cached_for.as_ref().is_none_or(|k| k.1 != key.1) {
            self.tags = all_tags(&state.catalog);
        }
        self.rows = filter_questions(&state.catalog, &self.filter, &state.last_practised());
        self.cached_for = Some(key);
    }
}

pub fn browser_ui(
    ui: &mut egui::Ui,
    browser: &mut BrowserState,
    state: &AppState,
    time_scale: f32,
    markdown: &mut CommonMarkCache,
    commands: &mut Commands,
) {
    browser.refresh(state);
    egui::Panel::top("browser-actions").show(ui, |ui| actions_ui(ui, browser, state, commands));
    egui::Panel::left("browser-list")
        .resizable(true)
        .default_size(480.0)
        .min_size(320.0)
        .show(ui, |ui| {
            filters_ui(ui, browser, state);
            ui.separator();
            list_ui(ui, browser, state, commands);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        let selected = browser
            .selected
            .as_deref()
            .and_then(|id| state.catalog.question(id));
        match selected {
            Some(question) => {
                super::question_detail::detail_ui(ui, question, state, time_scale, markdown, commands)
            }
            None => {
                ui.label(
                    RichText::new("Select a question to see it in full.").color(Palette::current(ui).muted),
                );
            }
        }
    });
}

fn actions_ui(ui: &mut egui::Ui, browser: &mut BrowserState, state: &AppState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("New question")
            .on_hover_text("Write a question into your own bank")
            .clicked()
        {
            commands.push(ViewCommand::Bank(BankView::NewQuestion));
        }
        if ui
            .button("Reload banks")
            .on_hover_text("Read every bank file again")
            .clicked()
        {
            commands.push(ModelCommand::ReloadBanks);
        }
        ui.separator();
        if ui
            .button("Import bank…")
            .on_hover_text("Choose a bank file to copy into your data folder")
            .clicked()
        {
            commands.push(Effect::ImportDialog);
        }
        let label = ui.label("or path:");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut browser.import_path)
                    .hint_text("/path/to/bank.ron, .csv or .md")
                    .desired_width(240.0),
            )
            .labelled_by(label.id);
        let typed = browser.import_path.trim().to_owned();
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui
            .add_enabled(!typed.is_empty(), egui::Button::new("Import"))
            .clicked()
            || entered)
            && !typed.is_empty()
        {
            commands.push(Effect::Import(PathBuf::from(typed)));
        }
        ui.separator();
        let problems = state.catalog.problems.len();
        if problems > 0 {
            let text = RichText::new(format!("Bank problems ({problems})")).color(palette.over);
            if ui.button(text).clicked() {
                commands.push(ViewCommand::Bank(BankView::ShowProblems));
            }
        }
    });
    if let Some((_, dest)) = &browser.confirm_replace {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                palette.warn,
                format!(
                    "{} already exists. Replace it with the imported bank?",
                    dest.display()
                ),
            );
            if ui.button("Replace").clicked() {
                commands.push(Effect::ConfirmReplace);
            }
            if ui.button("Keep the existing file").clicked() {
                commands.push(ViewCommand::Bank(BankView::CancelImport));
            }
        });
    }
    if !browser.import_problems.is_empty() {
        let refused = browser.import_problems.iter().any(Problem::is_error);
        ui.colored_label(
            palette.over,
            if refused {
                "Not imported: the file has problems, and nothing was copied.".to_owned()
            } else {
                format!(
                    "{} could not be used and {} left out:",
                    plural(browser.import_problems.len(), "row"),
                    if browser.import_problems.len() == 1 {
                        "was"
                    } else {
                        "were"
                    }
                )
            },
        );
        for problem in &browser.import_problems {
            ui.add(
                egui::Label::new(RichText::new(problem.to_string()).monospace().color(palette.over)).wrap(),
            );
        }
    }
}

fn filters_ui(ui: &mut egui::Ui, browser: &mut BrowserState, state: &AppState) {
    let filter = &mut browser.filter;
    ui.horizontal(|ui| {
        let label = ui.label("Search:");
        ui.add(
            egui::TextEdit::singleline(&mut filter.query)
                .hint_text("title, prompt or tag")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        let banks: Vec<(String, String)> = state
            .catalog
            .banks
            .iter()
            .map(|b| (b.bank.id.clone(), b.bank.title.clone()))
            .collect();
        let current = banks
            .iter()
            .find(|(id, _)| Some(id) == filter.bank.as_ref())
            .map_or("Any bank", |(_, title)| title.as_str())
            .to_owned();
        choose(ui, "Bank", &current, &mut filter.bank, "Any bank", banks);
        let rounds = Round::ALL.iter().map(|r| (*r, r.label().to_owned())).collect();
        let current = filter.round.map_or("Any round", Round::label);
        choose(ui, "Round", current, &mut filter.round, "Any round", rounds);
        let competencies: Vec<(String, String)> = state
            .catalog
            .competencies()
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        let current = filter
            .competency
            .as_deref()
            .map_or("Any competency", |id| state.catalog.competency_name(id))
            .to_owned();
        choose(
            ui,
            "Competency",
            &current,
            &mut filter.competency,
            "Any competency",
            competencies,
        );
        let difficulties = Difficulty::ALL
            .iter()
            .map(|d| (*d, d.label().to_owned()))
            .collect();
        let current = filter.difficulty.map_or("Any difficulty", Difficulty::label);
        choose(
            ui,
            "Difficulty",
            current,
            &mut filter.difficulty,
            "Any difficulty",
            difficulties,
        );
        let tags = browser.tags.iter().map(|t| (t.clone(), t.clone())).collect();
        let current = filter.tag.clone().unwrap_or_else(|| "Any tag".to_owned());
        choose(ui, "Tag", &current, &mut filter.tag, "Any tag", tags);
        egui::ComboBox::from_label("History")
            .selected_text(filter.practised.label())
            .show_ui(ui, |ui| {
                for choice in Practised::ALL {
                    ui.selectable_value(&mut filter.practised, choice, choice.label());
                }
            });
        if *filter != BrowseFilter::default() && ui.button("Clear filters").clicked() {
            *filter = BrowseFilter::default();
        }
    });
}

fn choose<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    current: &str,
    value: &mut Option<T>,
    any: &str,
    choices: Vec<(T, String)>,
) {
    egui::ComboBox::from_label(label)
        .selected_text(current)
        .width(130.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, any);
            for (choice, text) in choices {
                ui.selectable_value(value, Some(choice), text);
            }
        });
}

fn list_ui(ui: &mut egui::Ui, browser: &BrowserState, state: &AppState, commands: &mut Commands) {
    let palette = Palette::current(ui);
    let total = state.catalog.question_count();
    ui.label(
        RichText::new(format!("{} of {}", plural(browser.rows.len(), "question"), total))
            .color(palette.muted),
    );
    if browser.rows.is_empty() {
        ui.label(if total == 0 {
            "No questions are loaded. Use New question, or import a bank."
        } else {
            "No question matches. Clear the search or a filter."
        });
        return;
    }
    // a dense list: the rows are buttons, spaced less than the rest of the app
    ui.spacing_mut().item_spacing.y = 2.0;
    let row_height = (ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y)
        .max(ui.spacing().interact_size.y);
    egui::ScrollArea::vertical().auto_shrink(false).show_rows(
        ui,
        row_height,
        browser.rows.len(),
        |ui, range| {
            for &(b, i) in &browser.rows[range] {
                let Some(bank) = state.catalog.banks.get(b) else {
                    continue;
                };
                let Some(question) = bank.bank.questions.get(i) else {
                    continue;
                };
                let id = crate::bank::global_id(&bank.bank.id, &question.id);
                let selected = browser.selected.as_deref() == Some(id.as_str());
                let row = ui.add(
                    egui::Button::selectable(selected, &question.title)
                        .truncate()
                        .min_size(egui::vec2(ui.available_width(), row_height)),
                );
                if row.clicked() {
                    commands.push(ViewCommand::Bank(BankView::Select(id)));
                }
                // the row cuts a long title short: the tooltip has it in full
                row.on_hover_text(format!(
                    "{}\n{} · {} min · {}",
                    question.title,
                    question.round.label(),
                    question.minutes,
                    bank.bank.title
                ));
            }
        },
    );
}

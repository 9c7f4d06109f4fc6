//! The story list and the STAR editor.

use eframe::egui::{self, RichText};

use super::PrepScreen;
use crate::app::command::{Commands, ModelCommand, PrepCommand};
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::prep::{Scope, Story};

pub fn stories_ui(ui: &mut egui::Ui, screen: &mut PrepScreen, state: &AppState, commands: &mut Commands) {
    egui::Panel::left("story-list").resizable(true).default_size(260.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label("New story:");
            ui.add(egui::TextEdit::singleline(&mut screen.new_story_title).hint_text("A short title").desired_width(140.0))
                .labelled_by(label.id);
            let ready = !screen.new_story_title.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Add story")).clicked() {
                let story = Story { title: screen.new_story_title.trim().to_owned(), ..Story::default() };
                commands.push(ModelCommand::Prep(PrepCommand::AddStory(Box::new(story))));
                screen.new_story_title.clear();
            }
        });
        ui.separator();
        if state.prep.stories.stories.is_empty() {
            ui.label(
                RichText::new("No stories yet. Add the five or six stories you would tell in a leadership round: a turnaround, a hard call, a reorg, a hire, a failure.")
                    .color(Palette::current(ui).muted),
            );
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            for story in &state.prep.stories.stories {
                let selected = screen.story.as_ref().is_some_and(|s| s.id == story.id);
                if ui.selectable_label(selected, &story.title).clicked() {
                    screen.select_story(Some(story));
                }
            }
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let Some(draft) = screen.story.as_mut() else {
            ui.label(RichText::new("Choose a story, or add one.").color(Palette::current(ui).muted));
            return;
        };
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            theme::reading_column(ui, 0.0);
            editor_ui(ui, draft, &mut screen.tags_text, &mut screen.date_text, state);
            ui.add_space(theme::SECTION_GAP);
            ui.horizontal(|ui| {
                let story = story_to_save(draft, &screen.tags_text, &screen.date_text);
                if ui.button(RichText::new("Save story").strong()).clicked() {
                    commands.push(ModelCommand::Prep(PrepCommand::SaveStory(Box::new(
                        story.clone(),
                    ))));
                }
                if state.prep.stories.get(&story.id) != Some(&story) {
                    ui.colored_label(Palette::current(ui).warn, "Unsaved changes");
                }
                if ui.button("Delete story").clicked() {
                    commands.push(ModelCommand::Prep(PrepCommand::DeleteStory(draft.id.clone())));
                }
            });
        });
    });
}

/// The draft as it would be saved: tags split, the date read.
fn story_to_save(draft: &Story, tags_text: &str, date_text: &str) -> Story {
    let mut story = draft.clone();
    story.tags = tags_text
        .split(',')
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    story.happened = chrono::NaiveDate::parse_from_str(date_text.trim(), "%Y-%m-%d").ok();
    story
}

fn editor_ui(ui: &mut egui::Ui, story: &mut Story, tags: &mut String, date: &mut String, state: &AppState) {
    let field = |ui: &mut egui::Ui, name: &str, text: &mut String, hint: &str| {
        let label = ui.label(RichText::new(name).strong());
        ui.add(
            egui::TextEdit::multiline(text)
                .hint_text(hint)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    };
    let label = ui.label(RichText::new("Title").strong());
    ui.add(egui::TextEdit::singleline(&mut story.title).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    field(
        ui,
        "Situation",
        &mut story.situation,
        "Where, when, how big: the context a panel needs",
    );
    field(ui, "Task", &mut story.task, "What you were on the hook for");
    field(
        ui,
        "Actions",
        &mut story.actions,
        "What you did, and why: your decisions, not the team's",
    );
    field(
        ui,
        "Result",
        &mut story.result,
        "What changed, with numbers; what you learned",
    );
    ui.horizontal(|ui| {
        ui.label("Scope:");
        for scope in Scope::ALL {
            ui.radio_value(&mut story.scope, scope, scope.label());
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Evidences:");
        for competency in state.catalog.competencies() {
            let mut on = story.competencies.contains(&competency.id);
            if ui.toggle_value(&mut on, &competency.name).changed() {
                if on {
                    story.competencies.push(competency.id.clone());
                } else {
                    story.competencies.retain(|c| *c != competency.id);
                }
            }
        }
    });
    // wraps: the date field goes under the tags when the column is narrow
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Tags (comma-separated):");
        ui.add(egui::TextEdit::singleline(tags).desired_width(220.0))
            .labelled_by(label.id);
        let label = ui.label("When (YYYY-MM-DD):");
        let response = ui
            .add(egui::TextEdit::singleline(date).desired_width(110.0))
            .labelled_by(label.id);
        let bad =
            !date.trim().is_empty() && chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").is_err();
        if bad {
            response.on_hover_text("Write the date as 2024-03-01");
            ui.colored_label(Palette::current(ui).over, "not a date");
        }
    });
}

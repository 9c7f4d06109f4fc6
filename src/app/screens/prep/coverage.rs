//! Competencies × stories: where a story is missing, thin, or leaned on too often.

use eframe::egui::{self, RichText};

use crate::app::state::AppState;
use crate::app::theme::Palette;
use crate::prep::coverage;

/// How wide each story's column is; its title wraps within it.
const STORY_COLUMN_WIDTH: f32 = 110.0;

pub fn coverage_ui(ui: &mut egui::Ui, state: &AppState) {
    let palette = Palette::current(ui);
    let ids: Vec<String> = state
        .catalog
        .competencies()
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let stories = &state.prep.stories;
    let coverage = coverage(stories, &ids, &state.history);
    if stories.stories.is_empty() {
        ui.label(RichText::new("Add stories to see which competencies they cover.").color(palette.muted));
        return;
    }
    let gaps = coverage.gaps();
    let thin = coverage.thin();
    let overused = coverage.overused();
    let name = |id: &str| state.catalog.competency_name(id).to_owned();
    if !gaps.is_empty() {
        let names: Vec<String> = gaps.iter().map(|c| name(c)).collect();
        ui.colored_label(palette.over, format!("No story yet for: {}", names.join(", ")));
    }
    if !thin.is_empty() {
        let names: Vec<String> = thin.iter().map(|c| name(c)).collect();
        ui.colored_label(palette.warn, format!("Only one story for: {}", names.join(", ")));
    }
    for id in &overused {
        let title = stories.get(id).map_or(*id, |s| s.title.as_str());
        ui.colored_label(
            palette.warn,
            format!(
                "Leaned on too often: \"{title}\" carried {} answers. Vary your stories.",
                coverage.uses_of(id)
            ),
        );
    }
    ui.add_space(8.0);
    egui::ScrollArea::both().auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("coverage-matrix")
            .striped(true)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Competency").strong());
                for story in &stories.stories {
                    // a narrow column each, the title wrapped over a few lines to fit it
                    ui.vertical(|ui| {
                        ui.set_width(STORY_COLUMN_WIDTH);
                        ui.add(egui::Label::new(RichText::new(&story.title).strong()).wrap())
                            .on_hover_text(format!(
                                "{} · used in {} answers",
                                story.title,
                                coverage.uses_of(&story.id)
                            ));
                    });
                }
                ui.label(RichText::new("Stories").strong());
                ui.end_row();
                for (competency, covering) in &coverage.by_competency {
                    ui.label(name(competency));
                    for story in &stories.stories {
                        let covered = covering.contains(&story.id);
                        let cell = ui.label(if covered { "×" } else { "" });
                        // read as words; an empty cell is not read
                        if covered {
                            let said = format!("covered by {}", story.title);
                            ui.ctx()
                                .accesskit_node_builder(cell.id, |node| node.set_value(said));
                        } else {
                            crate::app::widgets::a11y::unread(&cell);
                        }
                    }
                    let colour = match covering.len() {
                        0 => palette.over,
                        1 => palette.warn,
                        _ => palette.ok,
                    };
                    ui.colored_label(colour, covering.len().to_string());
                    ui.end_row();
                }
                ui.label(RichText::new("Used in practice").strong());
                for story in &stories.stories {
                    let uses = coverage.uses_of(&story.id);
                    let colour = if overused.contains(&story.id.as_str()) {
                        palette.warn
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.colored_label(colour, uses.to_string());
                }
                ui.end_row();
            });
    });
}

//! Set up a round: see the picks before starting, reroll any of them, or build a custom round.

use eframe::egui::{self, RichText};

use crate::app::command::{Commands, ModelCommand, RoundStart, SetupCommand, ViewCommand};
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::app::widgets::names::set_accessible_name;
use crate::bank::{Catalog, Difficulty, Round};
use crate::session::{RoundKind, RoundPlan, RoundSpec, Slot};

pub struct SetupState {
    pub plan: RoundPlan,
    /// Custom round: how many questions, and what they must match.
    pub count: usize,
    pub filter: Slot,
    pub tags_text: String,
    /// Custom round: search text for hand-picking.
    pub search: String,
    /// Set when this round is a mock panel's (the panel setup screen came first).
    pub panel: Option<crate::session::PanelStart>,
}

impl SetupState {
    /// The round to start from these picks; `None` when nothing is picked.
    pub fn round_start(&self, time_scale: f32) -> Option<RoundStart> {
        let questions = self.plan.picked();
        (!questions.is_empty()).then(|| RoundStart {
            title: self.plan.spec.title.clone(),
            questions,
            time_scale,
            panel: self.panel.clone(),
        })
    }

    /// Re-picks the round as a hand-picked one of `ids` (or the custom filter when empty).
    pub fn set_hand_picked(
        &mut self,
        ids: Vec<String>,
        catalog: &Catalog,
        last: &std::collections::HashMap<String, chrono::DateTime<chrono::FixedOffset>>,
        seed: u64,
    ) {
        let spec = if ids.is_empty() {
            RoundSpec::custom(self.count, self.filter.clone())
        } else {
            RoundSpec::hand_picked(RoundKind::Custom, RoundKind::Custom.label(), ids)
        };
        self.plan = RoundPlan::pick(spec, catalog, last, self.plan.favour_new, seed);
    }

    pub fn new(plan: RoundPlan) -> Self {
        let count = plan.picks.len();
        Self {
            plan,
            count,
            filter: Slot::default(),
            tags_text: String::new(),
            search: String::new(),
            panel: None,
        }
    }
}

pub fn setup_ui(
    ui: &mut egui::Ui,
    setup: &mut SetupState,
    state: &AppState,
    time_scale: f32,
    interviewer_mode: bool,
    commands: &mut Commands,
) {
    let catalog = &state.catalog;
    // The actions stay in view however long the list of picks is: the list scrolls in the
    // space above them. They are drawn after the list, so Tab reaches them after the picks,
    // in reading order; their height is the one measured on the frame before.
    let actions_id = egui::Id::unique("setup-actions-height");
    let actions_height = ui.data(|d| d.get_temp::<f32>(actions_id)).unwrap_or(48.0);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .max_height((ui.available_height() - actions_height).max(0.0))
        .show(ui, |ui| {
            theme::reading_column(ui, 120.0);
            crate::app::widgets::a11y::page_heading(ui, &setup.plan.spec.title);
            ui.label(RichText::new(setup.plan.spec.kind.description()).color(Palette::current(ui).muted));
            if let Some(panel) = &setup.panel {
                super::panel::panel_banner_ui(ui, panel);
            }
            ui.add_space(8.0);
            if setup.plan.spec.kind == RoundKind::Custom {
                custom_ui(ui, setup, catalog, commands);
                ui.add_space(theme::SECTION_GAP);
            }
            picks_ui(ui, &setup.plan, catalog, commands);
        });
    let record = state.sound.recording.wanted;
    let actions = ui.scope(|ui| actions_ui(ui, setup, time_scale, interviewer_mode, record, commands));
    let measured = actions.response.rect.height() + ui.spacing().item_spacing.y;
    if (measured - actions_height).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(actions_id, measured));
        ui.ctx().request_discard("round setup: actions measured");
    }
}

/// Start, Back, and the preference for new questions, under the list of picks.
fn actions_ui(
    ui: &mut egui::Ui,
    setup: &SetupState,
    time_scale: f32,
    interviewer_mode: bool,
    record: bool,
    commands: &mut Commands,
) {
    ui.separator();
    ui.horizontal(|ui| {
        let ready = !setup.plan.picked().is_empty();
        let start = ui.add_enabled(ready, egui::Button::new(RichText::new("Start round").strong()));
        if start.on_hover_text("Enter").clicked()
            && let Some(round) = setup.round_start(time_scale)
        {
            commands.push(ModelCommand::StartRound(round));
        }
        if ui.button("Back").clicked() {
            commands.push(ViewCommand::Navigate(super::ScreenId::Home));
        }
        ui.separator();
        let mut record = record;
        // a panel's candidate is not the one at the keyboard: the host records them
        let label = if setup.panel.is_some() {
            "Record the answers"
        } else {
            "Record my answers"
        };
        if ui
            .checkbox(&mut record, label)
            .on_hover_text("Records the microphone while the answer clock runs; it stays on this machine")
            .changed()
        {
            commands.push(crate::app::command::Effect::Sound(
                crate::app::command::SoundCommand::SetRecord(record),
            ));
        }
        let mut favour_new = setup.plan.favour_new;
        if ui
            .checkbox(&mut favour_new, "Prefer questions I have never practised")
            .changed()
        {
            commands.push(ViewCommand::Setup(SetupCommand::SetFavourNew(favour_new)));
        }
        if setup.panel.is_none() {
            let mut on = interviewer_mode;
            if ui
                .checkbox(&mut on, "Interviewer mode")
                .on_hover_text(
                    "The interviewer reads each question aloud before its clock starts, and asks follow-ups",
                )
                .changed()
            {
                commands.push(ViewCommand::SetInterviewerMode(on));
            }
        }
    });
}

fn picks_ui(ui: &mut egui::Ui, plan: &RoundPlan, catalog: &Catalog, commands: &mut Commands) {
    let hand_picked = plan.spec.slots.iter().all(|s| s.fixed.is_some());
    let mut total_secs = 0u64;
    for (slot, pick) in plan.picks.iter().enumerate() {
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{}.", slot + 1)).strong());
                match pick.as_deref().and_then(|id| catalog.question(id)) {
                    Some(q) => {
                        let question = q.question;
                        total_secs += u64::from(question.total_minutes()) * 60;
                        ui.vertical(|ui| {
                            // cut short to the card; egui shows the full title on hover when it is
                            ui.add(egui::Label::new(RichText::new(&question.title).strong()).truncate());
                            let prep = if question.prep_minutes > 0 {
                                format!(" + {} min prep", question.prep_minutes)
                            } else {
                                String::new()
                            };
                            ui.label(
                                RichText::new(format!(
                                    "{} · {} min{prep} · {}",
                                    question.round.label(),
                                    question.minutes,
                                    question.difficulty.label()
                                ))
                                .color(Palette::current(ui).muted),
                            );
                        });
                    }
                    None => {
                        ui.colored_label(Palette::current(ui).warn, "No question matches this slot.");
                    }
                }
            });
            ui.horizontal(|ui| {
                if hand_picked {
                    if ui.button(format!("Remove question {}", slot + 1)).clicked() {
                        commands.push(ViewCommand::Setup(SetupCommand::RemovePick(slot)));
                    }
                } else if ui.button(format!("Reroll question {}", slot + 1)).clicked() {
                    commands.push(ViewCommand::Setup(SetupCommand::Reroll(slot)));
                }
            });
        });
    }
    if !plan.picks.is_empty() {
        ui.label(format!("About {} minutes in all.", total_secs / 60));
    }
}

fn custom_ui(ui: &mut egui::Ui, setup: &mut SetupState, catalog: &Catalog, commands: &mut Commands) {
    let mut changed = false;
    theme::card(ui).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("Filters").strong());
        ui.horizontal_wrapped(|ui| {
            ui.label("Rounds:");
            for round in Round::ALL {
                changed |= toggle(ui, &mut setup.filter.rounds, round, round.label());
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Difficulty:");
            for difficulty in Difficulty::ALL {
                changed |= toggle(ui, &mut setup.filter.difficulties, difficulty, difficulty.label());
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Competencies:");
            for competency in catalog.competencies() {
                changed |= toggle(
                    ui,
                    &mut setup.filter.competencies,
                    competency.id.clone(),
                    &competency.name,
                );
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Tags (comma-separated):");
            if ui
                .add(egui::TextEdit::singleline(&mut setup.tags_text).desired_width(220.0))
                .labelled_by(label.id)
                .lost_focus()
            {
                setup.filter.tags = setup
                    .tags_text
                    .split(',')
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect();
                changed = true;
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Questions:");
            changed |= ui
                .add(egui::Slider::new(&mut setup.count, 1..=8))
                .labelled_by(label.id)
                .changed();
        });
        let matching = catalog.questions().filter(|q| setup.filter.accepts(q)).count();
        ui.label(RichText::new(format!("{matching} questions match.")).color(Palette::current(ui).muted));
    });
    if changed {
        commands.push(ViewCommand::Setup(SetupCommand::SetCustomFilter {
            count: setup.count,
            filter: setup.filter.clone(),
        }));
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new("Hand-pick questions")
        .id_salt("hand-pick")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Search:");
                ui.add(egui::TextEdit::singleline(&mut setup.search).desired_width(280.0))
                    .labelled_by(label.id);
            });
            let needle = setup.search.to_lowercase();
            let found: Vec<_> = catalog
                .questions()
                .filter(|q| needle.is_empty() || q.question.title.to_lowercase().contains(&needle))
                .take(40)
                .collect();
            for q in found {
                ui.horizontal(|ui| {
                    let add = ui.small_button("Add").on_hover_text("Add to this round");
                    // every row has an "Add": say which question it adds
                    set_accessible_name(&add, format!("Add {} to this round", q.question.title));
                    if add.clicked() {
                        commands.push(ViewCommand::Setup(SetupCommand::HandPick(q.global_id())));
                    }
                    // cut short to the column; egui shows the rest on hover
                    let text = format!("{} · {}", q.question.title, q.question.round.label());
                    ui.add(egui::Label::new(text).truncate());
                });
            }
        });
}

fn toggle<T: PartialEq>(ui: &mut egui::Ui, set: &mut Vec<T>, value: T, label: &str) -> bool {
    let mut on = set.contains(&value);
    let changed = ui.toggle_value(&mut on, label).changed();
    if changed {
        if on {
            set.push(value);
        } else {
            set.retain(|v| *v != value);
        }
    }
    changed
}

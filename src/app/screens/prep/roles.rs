//! Role checklists: what each employer's answers reveal, and a side-by-side comparison.

use eframe::egui::{self, Color32, RichText};

use super::PrepScreen;
use crate::app::command::{Commands, ModelCommand, PrepCommand, ViewCommand};
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::app::widgets::names::set_accessible_name;
use crate::prep::{Band, CheckKind, Compensation, Currency, Flag, Role};

pub fn roles_ui(ui: &mut egui::Ui, screen: &mut PrepScreen, state: &AppState, commands: &mut Commands) {
    egui::Panel::left("role-list").resizable(true).default_size(240.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label("Company:");
            ui.add(egui::TextEdit::singleline(&mut screen.new_role_company).desired_width(120.0)).labelled_by(label.id);
            let ready = !screen.new_role_company.trim().is_empty();
            if ui.add_enabled(ready, egui::Button::new("Add role")).clicked() {
                commands.push(ModelCommand::Prep(PrepCommand::AddRole(screen.new_role_company.trim().to_owned())));
                screen.new_role_company.clear();
            }
        });
        ui.separator();
        if state.prep.roles.roles.is_empty() {
            ui.label(
                RichText::new("No roles yet. Add each role you are considering, then note what every conversation told you.")
                    .color(Palette::current(ui).muted),
            );
        }
        for role in &state.prep.roles.roles {
            let selected = screen.role.as_ref().is_some_and(|r| r.id == role.id);
            let text = format!("{} ({} green, {} red)", role.company, role.count(Flag::Green), role.count(Flag::Red));
            if ui.selectable_label(selected, text).clicked() {
                screen.select_role(Some(role));
            }
        }
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            if let Some(draft) = screen.role.as_mut() {
                theme::reading_column(ui, 160.0);
                let saved = state.prep.roles.get(&draft.id).cloned();
                editor_ui(ui, draft, saved.as_ref(), &mut screen.base_text, commands);
                ui.add_space(theme::SECTION_GAP);
            }
            comparison_ui(ui, &state.prep.roles.roles);
        });
    });
}

fn flag_colour(ui: &egui::Ui, flag: Flag) -> Color32 {
    let palette = Palette::current(ui);
    match flag {
        Flag::Green => palette.ok,
        Flag::Red => palette.over,
        Flag::Unknown => palette.muted,
    }
}

fn editor_ui(
    ui: &mut egui::Ui,
    role: &mut Role,
    saved: Option<&Role>,
    base_text: &mut String,
    commands: &mut Commands,
) {
    ui.horizontal(|ui| {
        if ui.button(RichText::new("Save role").strong()).clicked() {
            commands.push(ModelCommand::Prep(PrepCommand::SaveRole(Box::new(role.clone()))));
        }
        if saved != Some(&*role) {
            ui.colored_label(Palette::current(ui).warn, "Unsaved changes");
        }
        let unanswered = role.unanswered().len();
        let practise = ui.add_enabled(unanswered > 0, egui::Button::new("Practise unanswered questions"));
        if practise
            .on_hover_text(format!(
                "A questions-to-ask round on the {unanswered} checks still open"
            ))
            .clicked()
        {
            commands.push(ViewCommand::PractiseRole(role.id.clone()));
        }
        if ui.button("Delete role").clicked() {
            commands.push(ModelCommand::Prep(PrepCommand::DeleteRole(role.id.clone())));
        }
    });
    ui.add_space(8.0);
    egui::Grid::new("role-fields")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            for (name, value) in [
                ("Company", &mut role.company),
                ("Title", &mut role.title),
                ("Stage", &mut role.stage),
                ("Sector", &mut role.sector),
            ] {
                let label = ui.label(name);
                ui.add(egui::TextEdit::singleline(value).desired_width(320.0))
                    .labelled_by(label.id);
                ui.end_row();
            }
            let label = ui.label("Base salary heard (thousands)");
            ui.horizontal_wrapped(|ui| {
                ui.add(egui::TextEdit::singleline(base_text).desired_width(80.0))
                    .labelled_by(label.id);
                let mut currency = role.compensation.map_or(Currency::Usd, |c| c.currency);
                ui.radio_value(&mut currency, Currency::Usd, "USD");
                ui.radio_value(&mut currency, Currency::Eur, "EUR");
                role.compensation = base_text.trim().parse::<u32>().ok().map(|k| Compensation {
                    base: k * 1000,
                    currency,
                });
                if let Some(comp) = role.compensation {
                    let colour = match comp.band() {
                        Band::Below => Palette::current(ui).warn,
                        Band::Within => Palette::current(ui).ok,
                        Band::Above => Palette::current(ui).accent,
                    };
                    ui.colored_label(colour, comp.describe());
                }
            });
            ui.end_row();
        });
    ui.add_space(8.0);
    ui.label(RichText::new("What you heard").strong());
    for check in &mut role.checks {
        theme::card(ui).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(check.kind.label()).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    // the check's name is already on the left: the button repeats it only for screen readers
                    let menu = ui.menu_button("Typical answers", |ui| {
                        for (flag, text) in check.kind.suggested() {
                            if ui
                                .button(RichText::new(*text).color(flag_colour(ui, *flag)))
                                .clicked()
                            {
                                check.answer = (*text).to_owned();
                                check.flag = *flag;
                            }
                        }
                    });
                    let name = format!("Typical answers: {}", check.kind.label());
                    menu.response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                });
            });
            let label = ui.label("Answer");
            let answer = ui
                .add(
                    egui::TextEdit::multiline(&mut check.answer)
                        .desired_rows(1)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            // every card has an "Answer": say which check it answers
            set_accessible_name(&answer, format!("{}: answer", check.kind.label()));
            ui.horizontal(|ui| {
                for flag in Flag::ALL {
                    let text = RichText::new(flag.label()).color(flag_colour(ui, flag));
                    let response = ui.radio(check.flag == flag, text);
                    let name = format!("{}: {}", check.kind.label(), flag.label());
                    let selected = check.flag == flag;
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, &name)
                    });
                    if response.clicked() {
                        check.flag = flag;
                    }
                }
            });
        });
    }
    let label = ui.label(RichText::new("Notes").strong());
    ui.add(
        egui::TextEdit::multiline(&mut role.notes)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
}

fn comparison_ui(ui: &mut egui::Ui, roles: &[Role]) {
    if roles.len() < 2 {
        return;
    }
    crate::app::widgets::a11y::heading(ui, 2, "Side by side");
    // the roles share the width (at least 140 points each, scrolling sideways past that);
    // answers wrap in their cells rather than being cut short
    const SPACING: f32 = 16.0;
    let label_width = (ui.available_width() * 0.3).clamp(120.0, 240.0);
    let role_width = ((ui.available_width() - label_width) / roles.len() as f32 - SPACING).max(140.0);
    let cell = |ui: &mut egui::Ui, width: f32, text: RichText| {
        ui.vertical(|ui| {
            ui.set_width(width);
            ui.add(egui::Label::new(text).wrap())
        })
        .inner
    };
    egui::ScrollArea::horizontal()
        .id_salt("role-comparison")
        .show(ui, |ui| {
            egui::Grid::new("role-comparison-grid")
                .striped(true)
                .spacing([SPACING, 6.0])
                .show(ui, |ui| {
                    cell(ui, label_width, RichText::new(""));
                    for role in roles {
                        cell(ui, role_width, RichText::new(&role.company).strong());
                    }
                    ui.end_row();
                    for kind in CheckKind::ALL {
                        cell(ui, label_width, RichText::new(kind.label()));
                        for role in roles {
                            let check = role.check(kind);
                            let flag = check.map_or(Flag::Unknown, |c| c.flag);
                            let answer = check
                                .map(|c| c.answer.trim())
                                .filter(|a| !a.is_empty())
                                .unwrap_or("not asked yet");
                            let text = RichText::new(answer).color(flag_colour(ui, flag));
                            cell(ui, role_width, text).on_hover_text(flag.label());
                        }
                        ui.end_row();
                    }
                    cell(ui, label_width, RichText::new("Base salary"));
                    for role in roles {
                        let salary = role.compensation.map_or("not heard".to_owned(), |c| c.describe());
                        cell(ui, role_width, RichText::new(salary));
                    }
                    ui.end_row();
                    cell(ui, label_width, RichText::new("Flags").strong());
                    for role in roles {
                        let flags = format!(
                            "{} green · {} red",
                            role.count(Flag::Green),
                            role.count(Flag::Red)
                        );
                        cell(ui, role_width, RichText::new(flags));
                    }
                    ui.end_row();
                });
        });
}

//! One question in full, with the user's history of it and what can be done with it.

use eframe::egui::{self, RichText};
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::app::command::{BankView, Commands, ModelCommand, RoundStart, ViewCommand};
use crate::app::state::AppState;
use crate::app::theme::{self, Palette};
use crate::bank::QuestionRef;

pub fn detail_ui(
    ui: &mut egui::Ui,
    q: QuestionRef<'_>,
    state: &AppState,
    time_scale: f32,
    markdown: &mut CommonMarkCache,
    commands: &mut Commands,
) {
    let question = q.question;
    let id = q.global_id();
    let palette = Palette::current(ui);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.set_max_width(ui.available_width().min(theme::READING_WIDTH));
        crate::app::widgets::a11y::page_heading(ui, &question.title);
        let prep = if question.prep_minutes > 0 {
            format!(" + {} min prep", question.prep_minutes)
        } else {
            String::new()
        };
        // the bank's title, unless it only repeats the round's name
        let bank = &q.bank.bank.title;
        let bank = if bank.eq_ignore_ascii_case(question.round.label()) {
            String::new()
        } else {
            format!(" · from {bank}")
        };
        ui.label(
            RichText::new(format!(
                "{} · {} min{prep} · {}{bank}",
                question.round.label(),
                question.minutes,
                question.difficulty.label(),
            ))
            .color(palette.muted),
        );
        ui.horizontal_wrapped(|ui| {
            if ui.button("Practise this now").clicked() {
                commands.push(ModelCommand::StartRound(RoundStart {
                    title: "Practise one question".to_owned(),
                    questions: vec![id.clone()],
                    time_scale,
                    panel: None,
                }));
            }
            if ui.button("Add to custom round").clicked() {
                commands.push(ViewCommand::Bank(BankView::AddToCustomRound(id.clone())));
            }
            if is_users(q, state) {
                if ui.button("Edit").clicked() {
                    commands.push(ViewCommand::Bank(BankView::Edit(id.clone())));
                }
            } else if ui
                .button("Copy to my bank")
                .on_hover_text("This bank is read-only here; edit a copy in your own bank")
                .clicked()
            {
                commands.push(ViewCommand::Bank(BankView::CopyToMyBank(id.clone())));
            }
        });
        ui.add_space(theme::SECTION_GAP);
        crate::app::widgets::a11y::markdown(ui, &question.prompt, |ui| {
            CommonMarkViewer::new().show(ui, markdown, &question.prompt);
        });
        ui.add_space(theme::SECTION_GAP);
        if !question.phases.is_empty() {
            let phases: Vec<String> = question
                .phases
                .iter()
                .map(|p| format!("{} {} min", p.name, p.minutes))
                .collect();
            field(ui, "Phases", &phases.join(" · "));
        }
        let competencies: Vec<&str> = question
            .competencies
            .iter()
            .map(|c| state.catalog.competency_name(c))
            .collect();
        field(ui, "Competencies", &competencies.join(" · "));
        if !question.tags.is_empty() {
            field(ui, "Tags", &question.tags.join(", "));
        }
        list(ui, "Follow-ups", &question.follow_ups);
        list(ui, "Strong signals", &question.strong_signals);
        list(ui, "Weak signals", &question.weak_signals);
        let source = if q.bank.is_shipped() {
            format!("{} (shipped, read-only)", q.bank.path)
        } else {
            q.bank.path.clone()
        };
        field(ui, "Source", &source);
        ui.add_space(theme::SECTION_GAP);
        history_ui(ui, &id, state);
    });
}

/// A question in a bank file under the data folder's questions/ is the user's to edit.
pub fn is_users(q: QuestionRef<'_>, state: &AppState) -> bool {
    q.bank
        .file
        .as_ref()
        .is_some_and(|f| f.starts_with(state.config.data.questions()))
}

fn field(ui: &mut egui::Ui, name: &str, value: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{name}:")).strong());
        ui.label(value);
    });
}

fn list(ui: &mut egui::Ui, name: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    ui.label(RichText::new(name).strong());
    for item in items {
        ui.label(format!("· {item}"));
    }
}

fn history_ui(ui: &mut egui::Ui, id: &str, state: &AppState) {
    ui.label(RichText::new("Your history").strong());
    let mut times = 0;
    for session in state.history.iter() {
        for record in session
            .questions
            .iter()
            .filter(|r| r.global_id == id && r.was_answered())
        {
            times += 1;
            let when = record.started_at.unwrap_or(session.created);
            let score = record.self_mean().map_or("not scored".to_owned(), |mean| {
                format!("self-score mean {mean:.1}")
            });
            ui.label(format!(
                "{} · {} · {score}",
                when.format("%a %-d %b %Y %H:%M"),
                session.title
            ));
        }
    }
    if times == 0 {
        ui.label(RichText::new("Never practised.").color(Palette::current(ui).muted));
    }
    if let Some(item) = state.insights.schedule.get(id) {
        let today = state.wall().date_naive();
        let text = if item.is_due(today) {
            "Due for review now.".to_owned()
        } else {
            format!(
                "Next review: {} (in {} days).",
                item.due.format("%a %-d %b %Y"),
                (item.due - today).num_days()
            )
        };
        ui.label(RichText::new(text).color(Palette::current(ui).accent));
    }
}

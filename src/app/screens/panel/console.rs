//! The interviewer console: the prompt, the clock, follow-ups and signals all visible,
//! and notes per panelist stamped with the question's elapsed time.

use eframe::egui::{self, RichText};
use egui_commonmark::CommonMarkCache;

use super::PanelView;
use crate::app::command::{Commands, ModelCommand, PanelViewCommand, ViewCommand};
use crate::app::screens::round::{clock_column_ui, question_column_ui};
use crate::app::settings::Settings;
use crate::app::theme::{self, Palette};
use crate::app::widgets::columns::{Column, main_and_side};
use crate::bank::Question;
use crate::session::{Panel, Runner, format_clock};

pub fn console_ui(
    ui: &mut egui::Ui,
    runner: &Runner,
    view: &mut PanelView,
    settings: &Settings,
    markdown: &mut CommonMarkCache,
    reads: super::PanelReads<'_>,
    commands: &mut Commands,
) {
    let super::PanelReads { sound, remote, .. } = reads;
    let session = runner.session();
    let index = session.current;
    let Some(record) = session.questions.get(index) else {
        return;
    };
    let question = &record.question;
    let heading = format!(
        "{} · question {} of {} · {}",
        session.title,
        index + 1,
        session.questions.len(),
        question.round.label()
    );
    let candidate = if session.candidate.is_empty() {
        "Mock panel".to_owned()
    } else {
        format!("Mock panel for {}", session.candidate)
    };
    let side_width = 330.0 * settings.clock_scale.max(1.0);
    egui::CentralPanel::default().show(ui, |ui| {
        main_and_side(ui, side_width, |ui, column| match column {
            Column::Main => {
                let context = format!("{candidate} · {heading}");
                question_column_ui(ui, &context, question, markdown, |ui| {
                    rubric_ui(ui, question);
                    ui.add_space(theme::SECTION_GAP);
                    if let Some(panel) = &session.panel {
                        notes_ui(ui, panel, index, view, remote.is_none(), commands);
                    }
                });
            }
            Column::Side => {
                clock_column_ui(ui, runner, settings, sound, commands);
                ui.add_space(theme::SECTION_GAP);
                candidate_window_button(ui, view, commands);
                crate::app::screens::interviewer::play_to_room_ui(ui, &settings.voice, commands);
                if let Some(status) = remote {
                    ui.add_space(theme::SECTION_GAP);
                    super::remote_status_ui(ui, status, index);
                }
            }
        });
    });
}

fn candidate_window_button(ui: &mut egui::Ui, view: &PanelView, commands: &mut Commands) {
    let (label, command) = if view.candidate_window {
        ("Hide candidate window", PanelViewCommand::CloseCandidateWindow)
    } else {
        ("Open candidate window", PanelViewCommand::OpenCandidateWindow)
    };
    if ui
        .add(egui::Button::new(label).min_size(egui::vec2(ui.available_width(), 32.0)))
        .on_hover_text("A second window with only the question and the clock, to share")
        .clicked()
    {
        commands.push(ViewCommand::Panel(command));
    }
}

/// Follow-ups and both signal lists, for the panel's eyes only.
pub(super) fn rubric_ui(ui: &mut egui::Ui, question: &Question) {
    let palette = Palette::current(ui);
    let list = |ui: &mut egui::Ui, heading: &str, colour, items: &[String]| {
        if items.is_empty() {
            return;
        }
        ui.label(RichText::new(heading).strong().color(colour));
        for (i, item) in items.iter().enumerate() {
            ui.add(egui::Label::new(format!("{}. {item}", i + 1)).wrap());
        }
        ui.add_space(8.0);
    };
    list(
        ui,
        "Follow-ups to ask",
        ui.visuals().strong_text_color(),
        &question.follow_ups,
    );
    list(ui, "Strong signals", palette.ok, &question.strong_signals);
    list(ui, "Weak signals", palette.over, &question.weak_signals);
}

fn notes_ui(
    ui: &mut egui::Ui,
    panel: &Panel,
    question: usize,
    view: &mut PanelView,
    can_take: bool,
    commands: &mut Commands,
) {
    ui.label(RichText::new("Panel notes").strong());
    if !can_take {
        // panelists on their own machines take their own notes; theirs arrive here
        notes_list_ui(ui, panel, question);
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Taking notes:");
        for (i, panelist) in panel.panelists.iter().enumerate() {
            let text = format!("{} ({})", panelist.name, panelist.role.label());
            if ui.selectable_label(view.note_taker == i, text).clicked() {
                commands.push(ViewCommand::Panel(PanelViewCommand::SelectNoteTaker(i)));
            }
        }
    });
    let label = ui.label("Note");
    let edit = egui::TextEdit::singleline(&mut view.note_draft)
        .hint_text("probed on headcount plan")
        .desired_width(f32::INFINITY);
    let response = ui.add(edit).labelled_by(label.id);
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        if ui.button("Add note").on_hover_text("Enter").clicked() || entered {
            commands.push(ModelCommand::PanelNote {
                panelist: view.note_taker,
                text: std::mem::take(&mut view.note_draft),
                evidence: false,
            });
        }
        if ui
            .button("Evidence")
            .on_hover_text("Stamp the current time as evidence (with the note, if any)")
            .clicked()
        {
            commands.push(ModelCommand::PanelNote {
                panelist: view.note_taker,
                text: std::mem::take(&mut view.note_draft),
                evidence: true,
            });
        }
    });
    ui.add_space(6.0);
    notes_list_ui(ui, panel, question);
}

fn notes_list_ui(ui: &mut egui::Ui, panel: &Panel, question: usize) {
    let palette = Palette::current(ui);
    let mut any = false;
    for note in panel.notes_for(question) {
        any = true;
        let who = panel
            .panelists
            .get(note.panelist)
            .map_or("?", |p| p.name.as_str());
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format_clock(note.at_ms / 1000))
                    .monospace()
                    .strong(),
            );
            ui.label(RichText::new(who).color(palette.muted));
            if note.evidence {
                ui.label(RichText::new("evidence").color(palette.ok).strong());
            }
            ui.add(egui::Label::new(&note.text).wrap());
        });
    }
    if !any {
        ui.label(RichText::new("No notes on this question yet.").color(palette.muted));
    }
}

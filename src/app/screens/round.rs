//! The running round: prompt, clock, follow-ups and scratchpad; then self-assessment and the summary.

use eframe::egui::{self, RichText};
use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::app::command::{Commands, ModelCommand};
use crate::app::settings::Settings;
use crate::app::theme::{self, Palette};
use crate::app::widgets::a11y;
use crate::app::widgets::clock::{ClockStyle, clock_ui, phases_ui};
use crate::app::widgets::columns::{Column, main_and_side};
use crate::bank::{Question, Round};
use crate::prep::StoryBank;
use crate::session::{Flow, Runner, SessionEdit, Stage};

mod assess;
mod summary;

pub use assess::assess_ui;
pub(crate) use assess::recorded_answer_ui;
pub use summary::summary_ui;

/// What the round's screens read besides the runner: the prep kit's stories and the
/// transcription of recorded answers.
pub struct RoundReads<'a> {
    pub stories: &'a StoryBank,
    pub speech: &'a crate::app::speech::SpeechStatus,
    /// The recorder and replay.
    pub sound: &'a crate::app::sound::Sound,
}

/// Draws whichever stage the round is in.
pub fn round_ui(
    ui: &mut egui::Ui,
    runner: &Runner,
    settings: &Settings,
    assess_focus: usize,
    reads: RoundReads<'_>,
    markdown: &mut CommonMarkCache,
    commands: &mut Commands,
) {
    let RoundReads {
        stories,
        speech,
        sound,
    } = reads;
    match runner.stage() {
        Stage::Ready | Stage::Prep | Stage::Answer => {
            question_ui(ui, runner, settings, stories, sound, markdown, commands)
        }
        Stage::Assess => assess_ui(ui, runner, sound, assess_focus, speech, commands),
        Stage::Summary => summary_ui(ui, runner.session(), commands),
    }
}

fn question_ui(
    ui: &mut egui::Ui,
    runner: &Runner,
    settings: &Settings,
    stories: &StoryBank,
    sound: &crate::app::sound::Sound,
    markdown: &mut CommonMarkCache,
    commands: &mut Commands,
) {
    let side_width = 330.0 * settings.clock_scale.max(1.0);
    egui::CentralPanel::default().show(ui, |ui| {
        main_and_side(ui, side_width, |ui, column| match column {
            Column::Main => prompt_column_ui(ui, runner, stories, markdown, commands),
            Column::Side => {
                clock_column_ui(ui, runner, settings, sound, commands);
                super::interviewer::interviewer_ui(ui, runner, &settings.voice, commands);
            }
        });
    });
}

/// The question: where it stands in the round, its prompt, follow-ups, stories, scratchpad.
fn prompt_column_ui(
    ui: &mut egui::Ui,
    runner: &Runner,
    stories: &StoryBank,
    markdown: &mut CommonMarkCache,
    commands: &mut Commands,
) {
    let session = runner.session();
    let index = session.current;
    let count = session.questions.len();
    let title = session.title.clone();
    let Some(record) = runner.current() else { return };
    let question = record.question.clone();
    let shown = record.follow_ups_shown;
    let global_id = record.global_id.clone();
    let context = format!(
        "{title} · question {} of {count} · {}",
        index + 1,
        question.round.label()
    );
    question_column_ui(ui, &context, &question, markdown, |ui| {
        follow_ups_ui(ui, &global_id, &question.follow_ups, shown, commands);
        ui.add_space(theme::SECTION_GAP);
        if matches!(question.round, Round::Leadership | Round::Career)
            && let Some(record) = runner.current()
        {
            story_links_ui(ui, stories, &global_id, &record.stories, commands);
            ui.add_space(theme::SECTION_GAP);
        }
        if scratchpad_or_board_ui(ui, runner, &global_id, question.round, commands) {
            return;
        }
        if let Some(record) = runner.current() {
            let mut text = record.scratchpad.clone();
            let edit = egui::TextEdit::multiline(&mut text)
                .hint_text("Outline your answer: structure, numbers, the story you will use…")
                .desired_rows(8)
                .desired_width(f32::INFINITY);
            // the Scratchpad tab above is its caption; the field has a name of its own
            let response = ui.add(edit);
            a11y::name_widget(&response, "Scratchpad text");
            if response.changed() {
                commands.push(ModelCommand::Edit(SessionEdit::Scratchpad {
                    question: global_id.clone(),
                    text,
                }));
            }
        }
    });
}

/// The Scratchpad and Board tabs, the board open first for design questions. Draws the
/// board and returns true when the Board tab is open.
fn scratchpad_or_board_ui(
    ui: &mut egui::Ui,
    runner: &Runner,
    question: &str,
    round: Round,
    commands: &mut Commands,
) -> bool {
    let id = ui.make_persistent_id(("board-tab", question));
    let drawn = matches!(round, Round::SystemsDesign | Round::OrgDesign);
    let mut board_open = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(drawn);
    ui.horizontal(|ui| {
        ui.selectable_value(&mut board_open, false, "Scratchpad");
        ui.selectable_value(&mut board_open, true, "Board");
    });
    ui.data_mut(|d| d.insert_temp(id, board_open));
    if !board_open {
        return false;
    }
    let Some(record) = runner.current() else {
        return true;
    };
    if let Some(crate::board::BoardSlot::Unreadable(kept)) = &record.board {
        ui.colored_label(
            Palette::current(ui).over,
            format!(
                "This board could not be read ({}). It is kept in the session file as it was.",
                kept.error
            ),
        );
        return true;
    }
    let at_ms = runner
        .clock_view()
        .filter(|v| v.stage == Stage::Answer)
        .map_or(record.answer_ms, |v| v.elapsed_ms);
    let empty = crate::board::Board::new();
    let board = record.board().unwrap_or(&empty);
    crate::app::widgets::board::board_ui(ui, board, question, at_ms, true, commands);
    true
}

/// Where the question stands (`context`), its title, and its prompt in a scrolled reading
/// column that `below` continues.
pub(crate) fn question_column_ui(
    ui: &mut egui::Ui,
    context: &str,
    question: &Question,
    markdown: &mut CommonMarkCache,
    below: impl FnOnce(&mut egui::Ui),
) {
    ui.label(RichText::new(context).color(Palette::current(ui).muted));
    a11y::page_heading(ui, &question.title);
    ui.add_space(6.0);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        theme::reading_column(ui, 0.0);
        a11y::markdown(ui, &question.prompt, |ui| {
            CommonMarkViewer::new().show(ui, markdown, &question.prompt);
        });
        ui.add_space(theme::SECTION_GAP);
        below(ui);
    });
}

/// The clock, its phases and the buttons that drive the round.
pub(crate) fn clock_column_ui(
    ui: &mut egui::Ui,
    runner: &Runner,
    settings: &Settings,
    sound: &crate::app::sound::Sound,
    commands: &mut Commands,
) {
    ui.add_space(8.0);
    if let Some(view) = &runner.clock_view() {
        let style = ClockStyle {
            scale: settings.clock_scale,
            warn_at_75: settings.warn_at_75,
            warn_at_100: settings.warn_at_100,
            announce: settings.announce_time,
        };
        clock_ui(ui, view, style);
        ui.add_space(8.0);
        phases_ui(ui, view);
    }
    ui.add_space(theme::SECTION_GAP);
    controls_ui(ui, runner, commands);
    ui.add_space(theme::SECTION_GAP);
    crate::app::widgets::player::round_record_ui(ui, runner, sound, commands);
}

pub(crate) fn follow_ups_ui(
    ui: &mut egui::Ui,
    question: &str,
    follow_ups: &[String],
    shown: usize,
    commands: &mut Commands,
) {
    if follow_ups.is_empty() {
        return;
    }
    let heading = ui.label(RichText::new("Follow-ups").strong());
    a11y::mark_heading(&heading, 2, "Follow-ups");
    // a follow-up revealed since the last frame (by the button, F or a screen reader) is
    // announced; the focus stays where it was
    let seen = ui.make_persistent_id(("follow-ups-seen", question));
    let before = ui.data(|d| d.get_temp::<usize>(seen));
    if let Some(before) = before
        && shown > before
        && let Some(newest) = follow_ups.get(shown - 1)
    {
        a11y::announce(ui.ctx(), format!("Follow-up {shown}: {newest}"));
    }
    ui.data_mut(|d| d.insert_temp(seen, shown));
    for (i, follow_up) in follow_ups.iter().take(shown).enumerate() {
        ui.add(egui::Label::new(format!("{}. {follow_up}", i + 1)).wrap());
    }
    if shown < follow_ups.len() {
        let left = follow_ups.len() - shown;
        // an id of its own, not one counted by position: a follow-up revealed above it
        // would otherwise take its id, and with it the keyboard focus
        let button = a11y::stable(ui, ("ask-follow-up", question), |ui| {
            ui.button("Ask me a follow-up")
        });
        if button.on_hover_text(format!("F · {left} left")).clicked() {
            commands.push(ModelCommand::Edit(SessionEdit::ShowFollowUp {
                question: question.to_owned(),
            }));
        }
    } else {
        ui.label(RichText::new("No more follow-ups.").color(Palette::current(ui).muted));
    }
}

pub(crate) fn controls_ui(ui: &mut egui::Ui, runner: &Runner, commands: &mut Commands) {
    let stage = runner.stage();
    let wide = egui::vec2(ui.available_width(), 32.0);
    let mut button = |ui: &mut egui::Ui, label: &str, hint: &str, flow: Flow| {
        if ui
            .add(egui::Button::new(label).min_size(wide))
            .on_hover_text(hint)
            .clicked()
        {
            commands.push(ModelCommand::Flow(flow));
        }
    };
    let pause_label = if runner.is_held() {
        "Start the clock"
    } else if runner.is_running() {
        "Pause"
    } else {
        "Resume"
    };
    button(ui, pause_label, "Space", Flow::TogglePause);
    if stage == Stage::Prep {
        button(
            ui,
            "Start answering",
            "Skip the rest of the prep time",
            Flow::StartAnswer,
        );
    }
    let has_next_phase = runner
        .current()
        .is_some_and(|r| stage == Stage::Answer && r.phase + 1 < r.phase_ms.len());
    if has_next_phase {
        button(
            ui,
            "Next phase",
            "Move the timeline to the next phase",
            Flow::NextPhase,
        );
    }
    button(
        ui,
        "Finish answer",
        "Enter · then score yourself",
        Flow::FinishAnswer,
    );
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui
            .button("Skip question")
            .on_hover_text("Move on without answering")
            .clicked()
        {
            commands.push(ModelCommand::Flow(Flow::Skip));
        }
        if ui
            .button("End round")
            .on_hover_text("Stop here and see the summary")
            .clicked()
        {
            commands.push(ModelCommand::Flow(Flow::EndRound));
        }
    });
}

/// Which prep-kit stories this answer uses; the session records them and the coverage matrix counts them.
fn story_links_ui(
    ui: &mut egui::Ui,
    stories: &StoryBank,
    question: &str,
    used: &[String],
    commands: &mut Commands,
) {
    let heading = ui.label(RichText::new("Stories in this answer").strong());
    a11y::mark_heading(&heading, 2, "Stories in this answer");
    if stories.stories.is_empty() {
        ui.label(
            RichText::new("Add your stories in the Prep kit to link them to answers.")
                .color(Palette::current(ui).muted),
        );
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for story in &stories.stories {
            let mut on = used.contains(&story.id);
            if ui.toggle_value(&mut on, &story.title).clicked() {
                commands.push(ModelCommand::Edit(SessionEdit::ToggleStory {
                    question: question.to_owned(),
                    story: story.id.clone(),
                }));
            }
        }
    });
}

//! A recorded answer's transcript and delivery, as the review and the self-assessment
//! show them: words laid out as text (click one to play from there, or correct it), the
//! metrics, per-phase figures, and where the transcript touches each signal.

use eframe::egui::{self, RichText};

use crate::app::speech::JobStatus;
use crate::app::theme::Palette;
use crate::session::SpokenAnswer;
use crate::speech::{hints, report};

/// What the user asked of a spoken answer.
#[derive(Debug, Clone, PartialEq)]
pub enum SpokenAction {
    /// Play the recording from here (ms).
    PlayFrom(u64),
    /// Correct the machine's word at `index` (blank or the machine's text undoes it).
    Correct { index: usize, text: String },
    /// Transcribe (again) and measure.
    Transcribe,
}

/// What the widget needs besides the answer.
pub struct SpokenContext<'a> {
    /// Names widgets per question ("Q2 transcribe").
    pub number: usize,
    /// The answer clock's time for the question.
    pub clock_ms: u64,
    /// The question's phases, to name the per-phase rows.
    pub phases: Vec<&'a str>,
    pub job: Option<&'a JobStatus>,
    pub failure: Option<&'a str>,
    /// The model transcription would use, if one is installed.
    pub model: Option<&'a str>,
    /// Whose answer it is, as the section's heading ("Your spoken answer"; on a panel's
    /// screens, the candidate's).
    pub heading: &'a str,
}

#[derive(Debug, Clone, Default)]
struct Correcting {
    index: usize,
    text: String,
}

/// Draws the answer's status, metrics and transcript; returns what the user asked for.
pub fn spoken_ui(ui: &mut egui::Ui, spoken: &SpokenAnswer, cx: &SpokenContext<'_>) -> Vec<SpokenAction> {
    let palette = Palette::current(ui);
    let mut actions = Vec::new();
    let q = cx.number;
    ui.label(RichText::new(cx.heading).strong());
    // the recording's length is on its player, drawn just above wherever this is shown
    ui.horizontal_wrapped(|ui| match cx.job {
        Some(job) => {
            let text = match (job.started, job.transcribing, job.progress) {
                (false, _, _) => "Waiting to be transcribed…".to_owned(),
                (true, true, Some(p)) => format!("Transcribing… {:.0} %", p * 100.0),
                (true, true, None) => "Loading the speech model…".to_owned(),
                (true, false, _) => "Measuring the audio…".to_owned(),
            };
            ui.spinner();
            ui.label(text);
        }
        None => {
            let label = if spoken.transcript.is_some() {
                "Transcribe again"
            } else {
                "Transcribe"
            };
            let hover = match cx.model {
                Some(model) => format!("On this machine, with {model}; nothing leaves it"),
                None => "No speech model is installed: this measures the audio only".to_owned(),
            };
            let button = ui.button(label).on_hover_text(hover);
            super::names::set_accessible_name(&button, format!("Q{q} {}", label.to_lowercase()));
            if button.clicked() {
                actions.push(SpokenAction::Transcribe);
            }
        }
    });
    if let Some(failure) = cx.failure {
        ui.colored_label(palette.over, format!("Transcription failed: {failure}"));
    }
    if cx.model.is_none() && spoken.transcript.is_none() {
        ui.label(
            RichText::new(
                "Transcription needs a speech model: in Settings, open Speech models to download \
                 one (about 71 MB) or to use a model folder you already have. Talk time and \
                 pauses are measured from the audio without one.",
            )
            .small()
            .color(palette.muted),
        );
    }
    let transcribed = spoken.transcript.is_some();
    if let Some(m) = &spoken.metrics {
        egui::Grid::new(("delivery", q))
            .num_columns(2)
            .spacing([14.0, 2.0])
            .show(ui, |ui| {
                for line in report::lines(m, Some(cx.clock_ms), transcribed) {
                    ui.label(RichText::new(line.label).color(palette.muted));
                    ui.label(line.value);
                    ui.end_row();
                }
            });
        if !spoken.phase_metrics.is_empty() {
            let phases = egui::CollapsingHeader::new("Delivery per phase")
                .id_salt(("phase-delivery", q))
                .show(ui, |ui| {
                    for (i, m) in spoken.phase_metrics.iter().enumerate() {
                        let name = cx.phases.get(i).copied().unwrap_or("Phase");
                        ui.label(format!("{name}: {}", report::summary(m, None, transcribed)));
                    }
                });
            super::names::set_accessible_name(&phases.header_response, format!("Q{q} delivery per phase"));
        }
    }
    if let Some(transcript) = &spoken.transcript {
        transcript_ui(ui, spoken, transcript, q, &mut actions);
    }
    actions
}

fn transcript_ui(
    ui: &mut egui::Ui,
    spoken: &SpokenAnswer,
    transcript: &crate::speech::Transcript,
    q: usize,
    actions: &mut Vec<SpokenAction>,
) {
    let palette = Palette::current(ui);
    let mode_id = egui::Id::unique(("transcript-correcting", q));
    let edit_id = egui::Id::unique(("transcript-edit", q));
    let mut correcting = ui.data(|d| d.get_temp::<bool>(mode_id)).unwrap_or(false);
    let mut editing = ui.data(|d| d.get_temp::<Correcting>(edit_id));
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Transcript ({})", transcript.model)).strong());
        let toggle = ui.checkbox(&mut correcting, "Correct words").on_hover_text(
            "Click a word to correct it; your corrections are kept apart from the machine's text",
        );
        super::names::set_accessible_name(&toggle, format!("Q{q} correct words"));
    });
    ui.label(
        RichText::new(if correcting {
            "Click a word to correct it."
        } else {
            "Click a word to play the recording from there."
        })
        .small()
        .color(palette.muted),
    );
    if let Some(edit) = &mut editing {
        let heard = transcript.words.get(edit.index).map_or("", |w| w.text.as_str());
        ui.horizontal(|ui| {
            ui.label(format!("Heard \u{201c}{heard}\u{201d}; said:"));
            let field = ui.add(
                egui::TextEdit::singleline(&mut edit.text)
                    .hint_text("the word you said")
                    .desired_width(160.0),
            );
            super::names::set_accessible_name(&field, format!("Q{q} corrected word"));
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Save correction").clicked() || enter {
                actions.push(SpokenAction::Correct {
                    index: edit.index,
                    text: edit.text.clone(),
                });
                ui.data_mut(|d| d.remove::<Correcting>(edit_id));
            } else if ui.button("Cancel").clicked() {
                ui.data_mut(|d| d.remove::<Correcting>(edit_id));
            } else {
                let edit = edit.clone();
                ui.data_mut(|d| d.insert_temp(edit_id, edit));
            }
        });
    }
    ui.data_mut(|d| d.insert_temp(mode_id, correcting));
    let words = spoken.words();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        // every line as tall as the text: a wrapped row otherwise starts a button's height tall
        ui.set_row_height(ui.text_style_height(&egui::TextStyle::Body));
        for (i, word) in words.iter().enumerate() {
            let corrected = spoken.corrections.contains_key(&i);
            let mut text = RichText::new(&word.text);
            if corrected {
                text = text.color(palette.accent).underline();
            }
            let response = ui
                .add(egui::Label::new(text).sense(egui::Sense::click()))
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            let response = if corrected {
                let heard = transcript.words.get(i).map_or("", |w| w.text.as_str());
                response.on_hover_text(format!(
                    "{} · heard \u{201c}{heard}\u{201d}",
                    report::clock(word.start_ms)
                ))
            } else {
                response.on_hover_text(report::clock(word.start_ms))
            };
            if response.clicked() {
                if correcting {
                    let start = Correcting {
                        index: i,
                        text: String::new(),
                    };
                    ui.data_mut(|d| d.insert_temp(edit_id, start));
                } else {
                    actions.push(SpokenAction::PlayFrom(word.start_ms));
                }
            }
        }
    });
}

/// Under a signal: where the transcript touches it, each clickable to that moment.
/// Returns the moment clicked. Never ticks anything.
pub fn signal_hints_ui(ui: &mut egui::Ui, signal: &str, words: &[crate::speech::Word]) -> Option<u64> {
    if words.is_empty() {
        return None;
    }
    let found = hints::signal_hints(signal, words);
    if found.is_empty() {
        return None;
    }
    let palette = Palette::current(ui);
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        ui.add_space(24.0);
        ui.label(RichText::new("In your answer:").small().color(palette.muted));
        for hint in found {
            let text = format!("{} \u{201c}{}\u{201d}", report::clock(hint.at_ms), hint.excerpt);
            let link = ui.link(RichText::new(text).small()).on_hover_text(format!(
                "Play from here · shares \u{201c}{}\u{201d}",
                hint.matched.join("\u{201d}, \u{201c}")
            ));
            if link.clicked() {
                clicked = Some(hint.at_ms);
            }
        }
    });
    clicked
}

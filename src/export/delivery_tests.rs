//! Delivery metrics and transcripts in the exports: CSV columns, Markdown and HTML.

use chrono::DateTime;

use super::{CSV_HEADER, Format, render};
use crate::audio::{Marker, MarkerKind, RECORDING_FORMAT_VERSION, RecordingInfo};
use crate::bank::Question;
use crate::session::{Mode, Score, Session, SpokenAnswer};
use crate::speech::metrics::{Fillers, Pause};
use crate::speech::{DeliveryMetrics, Transcript, Word};

fn question() -> Question {
    ron::from_str(
        r#"Question(id: "q", round: Leadership, title: "Hiring", prompt: "Tell me.", minutes: 8,
            competencies: ["people"],
            phases: [Phase(name: "Story", minutes: 4), Phase(name: "Lessons", minutes: 4)])"#,
    )
    .expect("question")
}

fn metrics(talk_ms: u64, words: u32, wpm: Option<f64>, fillers: u32) -> DeliveryMetrics {
    DeliveryMetrics {
        start_ms: 0,
        end_ms: 200_000,
        talk_ms,
        words,
        words_per_minute: wpm,
        pauses: vec![Pause {
            start_ms: 40_000,
            end_ms: 44_500,
        }],
        pause_count: 1,
        longest_pause_ms: 4_500,
        time_to_first_word_ms: Some(2_300),
        longest_run_ms: 95_000,
        fillers: Fillers {
            approximate: true,
            total: fillers,
            counts: if fillers > 0 {
                vec![("um".to_owned(), fillers)]
            } else {
                Vec::new()
            },
        },
    }
}

fn session(transcribed: bool) -> Session {
    let at = DateTime::parse_from_rfc3339("2026-11-26T10:00:00+00:00").expect("date");
    let mut s = Session::new(
        "s1".to_owned(),
        at,
        Mode::Solo,
        "Round".to_owned(),
        1.0,
        vec![("b/q".to_owned(), question())],
    );
    let q = &mut s.questions[0];
    q.answer_ms = 210_000;
    q.self_scores
        .insert("people".to_owned(), Score::new(3).expect("score"));
    let mut spoken = SpokenAnswer::new(RecordingInfo {
        file: "s1/0.flac".into(),
        duration_ms: 200_000,
        sample_rate: 16_000,
        markers: vec![Marker {
            kind: MarkerKind::Phase,
            at_ms: 120_000,
            label: "Lessons".to_owned(),
        }],
        format_version: RECORDING_FORMAT_VERSION,
    });
    if transcribed {
        spoken.transcript = Some(Transcript {
            words: ["We", "hird", "two", "<leads>"]
                .iter()
                .enumerate()
                .map(|(i, t)| Word {
                    text: (*t).to_owned(),
                    start_ms: 2_300 + i as u64 * 400,
                    end_ms: 2_600 + i as u64 * 400,
                })
                .collect(),
            text: "We hird two <leads>".to_owned(),
            model: "whisper-tiny".to_owned(),
        });
        spoken.corrections.insert(1, "hired".to_owned());
        spoken.metrics = Some(metrics(180_000, 420, Some(140.0), 3));
        spoken.phase_metrics = vec![
            metrics(110_000, 260, Some(141.8), 2),
            metrics(70_000, 160, Some(137.1), 1),
        ];
    } else {
        spoken.metrics = Some(metrics(180_000, 0, None, 0));
    }
    q.spoken = Some(spoken);
    s
}

fn csv_row(s: &Session) -> Vec<(String, String)> {
    let text = render(Format::Csv, &[s], None).expect("csv");
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split(',')
        .map(str::to_owned)
        .collect();
    let row: Vec<String> = lines.next().expect("row").split(',').map(str::to_owned).collect();
    assert_eq!(header, CSV_HEADER);
    header.into_iter().zip(row).collect()
}

fn cell<'a>(row: &'a [(String, String)], name: &str) -> &'a str {
    row.iter()
        .find(|(h, _)| h == name)
        .map(|(_, v)| v.as_str())
        .expect("column")
}

#[test]
fn csv_has_the_delivery_columns_of_a_transcribed_answer() {
    let row = csv_row(&session(true));
    assert_eq!(cell(&row, "talk_minutes"), "3.0");
    assert_eq!(cell(&row, "words_per_minute"), "140");
    assert_eq!(cell(&row, "pauses_3s"), "1");
    assert_eq!(cell(&row, "longest_pause_seconds"), "4.5");
    assert_eq!(cell(&row, "first_word_seconds"), "2.3");
    assert_eq!(cell(&row, "longest_run_seconds"), "95.0");
    assert_eq!(cell(&row, "fillers_approximate"), "3");
}

#[test]
fn csv_leaves_pace_and_fillers_empty_without_a_transcript_and_all_empty_without_a_recording() {
    let row = csv_row(&session(false));
    assert_eq!(cell(&row, "talk_minutes"), "3.0");
    assert_eq!(cell(&row, "pauses_3s"), "1");
    assert_eq!(cell(&row, "words_per_minute"), "");
    assert_eq!(cell(&row, "fillers_approximate"), "");
    let mut unrecorded = session(false);
    unrecorded.questions[0].spoken = None;
    let row = csv_row(&unrecorded);
    for name in &CSV_HEADER[10..] {
        assert_eq!(cell(&row, name), "", "{name}");
    }
}

#[test]
fn markdown_shows_delivery_per_phase_and_the_corrected_transcript() {
    let md = render(Format::Markdown, &[&session(true)], None).expect("markdown");
    for expected in [
        "### Delivery",
        "Recording: 3:20",
        "Talk time: 3:00 of 3:30 on the clock",
        "Pace: 140 words a minute (420 words)",
        "Pauses of 3 s or more: 1, longest 0:05",
        "Time to first word: 0:02",
        "Longest stretch without a pause: 1:35",
        "Filler words (approximate): 3",
        "Story: 1:50 talk · 142 wpm · 1 pause of 3 s or more · 2 fillers (approx.)",
        "Lessons: 1:10 talk",
        "### Transcript",
        "Transcribed on this machine by whisper-tiny, 1 word corrected by you",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    assert!(md.contains("We hired two"), "{md}");
    assert!(
        !md.contains("hird"),
        "the machine's word is replaced by the correction"
    );
    assert!(
        !md.contains("two <leads>"),
        "user text is escaped in Markdown: {md}"
    );
}

#[test]
fn html_has_the_transcript_escaped_and_audio_only_metrics_say_what_they_need() {
    let html = render(Format::Html, &[&session(true)], None).expect("html");
    assert!(html.contains("We hired two &lt;leads&gt;"), "{html}");
    let html = render(Format::Html, &[&session(false)], None).expect("html");
    assert!(html.contains("Pace: needs a transcript"), "{html}");
    assert!(!html.contains("Transcript"), "no transcript heading without one");
}

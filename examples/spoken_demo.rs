//! Writes a data folder with recorded answers, for screenshots and for trying the
//! transcript view: `cargo run --example spoken_demo -- FOLDER ANSWER.wav`.
//!
//! Five older sessions get made-up delivery figures (no audio, an empty transcript), so
//! Progress has something to chart; the newest session's answer is ANSWER.wav (any WAV or FLAC),
//! written as the recorder writes it, with a phase marker half way. Transcribe it with
//! `panelist --data-dir FOLDER transcribe SESSION-ID` (the id is printed).

use chrono::{DateTime, Duration};
use panelist::audio::{
    FlacWriter, Marker, MarkerKind, RECORDING_FORMAT_VERSION, RecordingInfo, recording_path,
};
use panelist::bank::Question;
use panelist::paths::DataDir;
use panelist::session::{Mode, QuestionState, Score, Session, SpokenAnswer, Status};
use panelist::speech::metrics::{Fillers, Pause};
use panelist::speech::{DeliveryMetrics, Transcript};
use panelist::store::SessionStore;

const LEADERSHIP: &str = r#"Question(id: "demo-turnaround", round: Leadership,
    title: "Turning round a team that misses its commitments",
    prompt: "Tell me about a team of yours that kept missing what it committed to, and what you did.",
    minutes: 6, competencies: ["manager-coaching", "communication"],
    phases: [Phase(name: "The situation", minutes: 3), Phase(name: "What you did", minutes: 3)],
    strong_signals: ["Names the measure that showed the team was slipping", "Hires or moves people deliberately, with a plan"],
    weak_signals: ["Blames the previous manager", "No number for the outcome"])"#;

const DESIGN: &str = r#"Question(id: "demo-ledger", round: SystemsDesign,
    title: "A payments ledger",
    prompt: "Design the ledger behind a payments product.",
    minutes: 10, competencies: ["technical-depth", "strategy"])"#;

fn metrics(wpm: f64, pauses: u32, talk_ms: u64) -> DeliveryMetrics {
    DeliveryMetrics {
        start_ms: 0,
        end_ms: talk_ms + 20_000,
        talk_ms,
        words: (wpm * talk_ms as f64 / 60_000.0) as u32,
        words_per_minute: Some(wpm),
        pauses: (0..pauses)
            .map(|i| Pause {
                start_ms: 30_000 * u64::from(i + 1),
                end_ms: 30_000 * u64::from(i + 1) + 3_500,
            })
            .collect(),
        pause_count: pauses,
        longest_pause_ms: if pauses > 0 { 3_500 } else { 0 },
        time_to_first_word_ms: Some(2_000),
        longest_run_ms: talk_ms / u64::from(pauses + 1),
        fillers: Fillers {
            approximate: true,
            total: pauses * 2,
            counts: vec![("um".to_owned(), pauses * 2)],
        },
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(folder), Some(wav)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: spoken_demo FOLDER ANSWER.wav");
    };
    let data = DataDir::new(std::path::Path::new(&folder));
    let store = SessionStore::new(data.clone());
    let leadership: Question = ron::from_str(LEADERSHIP)?;
    let design: Question = ron::from_str(DESIGN)?;
    let start = DateTime::parse_from_rfc3339("2026-10-12T09:00:00+00:00")?;
    let history = [
        (178.0, 4, 3),
        (171.0, 3, 2),
        (166.0, 3, 3),
        (158.0, 2, 3),
        (151.0, 1, 4),
    ];
    for (week, (wpm, pauses, score)) in history.into_iter().enumerate() {
        let at = start + Duration::days(7 * week as i64);
        let id = format!("{}-{week:04x}", at.format("%Y%m%d-%H%M%S"));
        let mut s = Session::new(
            id,
            at,
            Mode::Solo,
            "Leadership and design".to_owned(),
            1.0,
            vec![
                ("demo/turnaround".to_owned(), leadership.clone()),
                ("demo/ledger".to_owned(), design.clone()),
            ],
        );
        for (i, q) in s.questions.iter_mut().enumerate() {
            q.state = QuestionState::Answered;
            q.answer_ms = if i == 0 { 380_000 } else { 610_000 };
            for c in q.question.competencies.clone() {
                q.self_scores.insert(c, Score::new(score).expect("1-4"));
            }
            let mut spoken = SpokenAnswer::new(RecordingInfo {
                file: format!("{}/{i}.flac", s.id).into(),
                duration_ms: q.answer_ms,
                sample_rate: 16_000,
                markers: Vec::new(),
                format_version: RECORDING_FORMAT_VERSION,
            });
            let (wpm, pauses) = if i == 0 {
                (wpm, pauses)
            } else {
                (wpm - 12.0, pauses + 1)
            };
            spoken.metrics = Some(metrics(wpm, pauses, q.answer_ms - 40_000));
            // made-up figures: a transcript without words marks them as from one
            spoken.transcript = Some(Transcript {
                words: Vec::new(),
                text: String::new(),
                model: "whisper-tiny".to_owned(),
            });
            q.spoken = Some(spoken);
        }
        s.status = Status::Finished;
        s.current = 1;
        store.save(&s)?;
    }
    let at = start + Duration::days(7 * history.len() as i64);
    let id = format!("{}-beef", at.format("%Y%m%d-%H%M%S"));
    let mut s = Session::new(
        id.clone(),
        at,
        Mode::Solo,
        "Leadership".to_owned(),
        1.0,
        vec![("demo/turnaround".to_owned(), leadership)],
    );
    let samples = panelist::speech::audio::load_16k_mono(std::path::Path::new(&wav))?;
    let path = recording_path(&data, &id, 0);
    std::fs::create_dir_all(path.parent().expect("a folder"))?;
    let mut writer = FlacWriter::create(&path, 16_000)?;
    writer.write(&samples)?;
    let duration_ms = writer.duration_ms();
    writer.finish()?;
    let q = &mut s.questions[0];
    q.state = QuestionState::Answered;
    q.answer_ms = duration_ms + 4_000;
    q.phase_ms = vec![duration_ms / 2, duration_ms / 2 + 4_000];
    q.self_scores
        .insert("communication".to_owned(), Score::new(3).expect("1-4"));
    q.spoken = Some(SpokenAnswer::new(RecordingInfo {
        file: format!("{id}/0.flac").into(),
        duration_ms,
        sample_rate: 16_000,
        markers: vec![Marker {
            kind: MarkerKind::Phase,
            at_ms: duration_ms / 2,
            label: "What you did".to_owned(),
        }],
        format_version: RECORDING_FORMAT_VERSION,
    }));
    s.status = Status::Finished;
    store.save(&s)?;
    println!("{id}");
    Ok(())
}

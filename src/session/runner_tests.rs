//! The clock and flow of a round, driven by a fake clock: no test sleeps.

use std::sync::Arc;

use super::*;
use crate::bank::{Difficulty, Phase, Question, Round};
use crate::session::{Clock, FakeClock, Mode, Session};

fn question(id: &str, minutes: u32, prep: u32, phases: &[(&str, u32)]) -> Question {
    Question {
        id: id.to_owned(),
        round: Round::SystemsDesign,
        title: format!("Question {id}"),
        prompt: "Design it.".to_owned(),
        minutes,
        prep_minutes: prep,
        difficulty: Difficulty::Core,
        style: Default::default(),
        competencies: vec!["technical-depth".to_owned()],
        phases: phases
            .iter()
            .map(|(name, minutes)| Phase {
                name: (*name).to_owned(),
                minutes: *minutes,
            })
            .collect(),
        follow_ups: vec![],
        follow_up_timing: Vec::new(),
        strong_signals: vec![],
        weak_signals: vec![],
        tags: vec![],
        levels: Default::default(),
    }
}

fn runner(questions: Vec<Question>, clock: &Arc<FakeClock>) -> Runner {
    let session = Session::new(
        "s1".to_owned(),
        clock.wall(),
        Mode::Solo,
        "Test round".to_owned(),
        1.0,
        questions
            .into_iter()
            .map(|q| (format!("b/{}", q.id), q))
            .collect(),
    );
    let mut runner = Runner::new(session, clock.clone());
    runner.start_current();
    runner
}

#[test]
fn prep_runs_first_then_the_answer_clock() {
    let clock = FakeClock::fixed();
    let mut r = runner(vec![question("a", 10, 2, &[])], &clock);
    assert_eq!(r.stage(), Stage::Prep);
    clock.advance_secs(90);
    let view = r.clock_view().expect("clock");
    assert_eq!(
        (view.stage, view.elapsed_ms, view.target_ms),
        (Stage::Prep, 90_000, 120_000)
    );
    assert_eq!(view.digits(), "0:30");
    clock.advance_secs(45); // 15 s past the prep target flow into the answer
    assert!(r.tick(), "prep running out changes the stage");
    assert_eq!(r.stage(), Stage::Answer);
    let record = r.current().expect("record");
    assert_eq!((record.prep_ms, record.answer_ms), (120_000, 15_000));
}

#[test]
fn starting_the_answer_early_keeps_the_prep_used() {
    let clock = FakeClock::fixed();
    let mut r = runner(vec![question("a", 10, 3, &[])], &clock);
    clock.advance_secs(40);
    r.start_answer();
    clock.advance_secs(20);
    r.finish_answer();
    let record = r.current().expect("record");
    assert_eq!((record.prep_ms, record.answer_ms), (40_000, 20_000));
    assert_eq!(r.stage(), Stage::Assess);
}

#[test]
fn pauses_are_excluded_and_counted() {
    let clock = FakeClock::fixed();
    let mut r = runner(vec![question("a", 10, 0, &[])], &clock);
    clock.advance_secs(30);
    r.pause();
    assert!(r.is_paused());
    assert_eq!(r.repaint_after(), None, "a paused clock needs no repaint");
    clock.advance_secs(600);
    r.resume();
    clock.advance_secs(30);
    r.toggle_pause();
    r.toggle_pause();
    clock.advance_secs(5);
    r.finish_answer();
    let record = r.current().expect("record");
    assert_eq!(record.answer_ms, 65_000);
    assert_eq!(record.pauses, 2);
}

#[test]
fn phases_take_time_while_current_and_show_their_budget() {
    let clock = FakeClock::fixed();
    let mut r = runner(
        vec![question(
            "a",
            10,
            0,
            &[("Clarify", 2), ("Design", 5), ("Wrap-up", 3)],
        )],
        &clock,
    );
    clock.advance_secs(150); // 30 s over the Clarify budget
    let view = r.clock_view().expect("clock");
    assert!(view.phases[0].current && view.phases[0].is_over());
    assert_eq!(view.phases[0].used_ms, 150_000);
    r.next_phase();
    clock.advance_secs(200);
    r.next_phase();
    r.next_phase(); // no phase after the last: stays
    clock.advance_secs(100);
    r.finish_answer();
    let record = r.current().expect("record");
    assert_eq!(record.phase_ms, vec![150_000, 200_000, 100_000]);
    assert_eq!(record.phase_target_secs, vec![120, 300, 180]);
    assert_eq!(record.phase, 2);
}

#[test]
fn overrun_is_shown_never_stopped() {
    let clock = FakeClock::fixed();
    let r = runner(vec![question("a", 1, 0, &[])], &clock);
    clock.advance_secs(83);
    let view = r.clock_view().expect("clock");
    assert!(view.is_over());
    assert_eq!(view.digits(), "+0:23");
    assert!(r.is_running(), "the clock keeps running past the target");
    clock.advance_secs(60);
    let view = r.clock_view().expect("clock");
    assert_eq!(view.digits(), "+1:23");
}

#[test]
fn repaint_waits_until_the_next_displayed_second() {
    let clock = FakeClock::fixed();
    let r = runner(vec![question("a", 5, 0, &[])], &clock);
    clock.advance(std::time::Duration::from_millis(2_300));
    assert_eq!(r.repaint_after(), Some(std::time::Duration::from_millis(700)));
}

#[test]
fn skip_next_and_end_round() {
    let clock = FakeClock::fixed();
    let mut r = runner(
        vec![
            question("a", 5, 0, &[]),
            question("b", 5, 0, &[]),
            question("c", 5, 0, &[]),
        ],
        &clock,
    );
    r.skip();
    assert_eq!(r.session().current, 1);
    assert_eq!(r.stage(), Stage::Answer, "the next question starts at once");
    clock.advance_secs(10);
    r.finish_answer();
    r.end_round();
    assert_eq!(r.stage(), Stage::Summary);
    let session = r.session();
    assert!(session.ended_early);
    assert_eq!(session.questions[0].state, QuestionState::Skipped);
    assert_eq!(session.questions[1].state, QuestionState::Answered);
    assert_eq!(session.questions[2].state, QuestionState::Pending);
}

#[test]
fn finishing_the_last_question_ends_the_round() {
    let clock = FakeClock::fixed();
    let mut r = runner(vec![question("a", 5, 0, &[])], &clock);
    clock.advance_secs(10);
    r.finish_answer();
    r.next_question();
    assert_eq!(r.stage(), Stage::Summary);
    assert!(!r.session().ended_early);
    assert_eq!(r.session().status, Status::Finished);
}

#[test]
fn a_round_resumes_after_a_crash_without_counting_the_time_closed() {
    let clock = FakeClock::fixed();
    let mut r = runner(
        vec![
            question("a", 10, 0, &[("One", 4), ("Two", 6)]),
            question("b", 5, 0, &[]),
        ],
        &clock,
    );
    clock.advance_secs(100);
    r.next_phase();
    clock.advance_secs(20);
    r.edit(&crate::session::SessionEdit::Scratchpad {
        question: "b/a".to_owned(),
        text: "my outline".to_owned(),
    })
    .expect("edited");
    r.checkpoint();
    // what was saved, written and read back as the store does
    let text = crate::store::session_to_ron(r.session()).expect("encode");
    drop(r);
    clock.advance_secs(3_600); // the app was closed for an hour
    let loaded = crate::store::session_from_ron(std::path::Path::new("s1.ron"), &text).expect("decode");
    let mut r = Runner::new(loaded, clock.clone());
    assert_eq!(r.stage(), Stage::Answer);
    assert!(r.is_paused() && !r.is_running(), "comes back paused");
    assert_eq!(r.clock_view().expect("clock").elapsed_ms, 120_000);
    r.resume();
    clock.advance_secs(30);
    r.finish_answer();
    let record = r.current().expect("record");
    assert_eq!(record.answer_ms, 150_000);
    assert_eq!(record.phase_ms, vec![100_000, 50_000]);
    assert_eq!(record.scratchpad, "my outline");
}

#[test]
fn time_scale_shortens_targets() {
    let clock = FakeClock::fixed();
    let session = Session::new(
        "s".to_owned(),
        clock.wall(),
        Mode::Solo,
        "t".to_owned(),
        0.8,
        vec![("b/a".to_owned(), question("a", 10, 5, &[("One", 4), ("Two", 6)]))],
    );
    let record = &session.questions[0];
    assert_eq!((record.answer_target_secs, record.prep_target_secs), (480, 240));
    assert_eq!(record.phase_target_secs, vec![192, 288]);
}

#[test]
fn a_held_start_waits_for_the_reading_then_runs() {
    let clock = FakeClock::fixed();
    let mut r = runner(
        vec![
            question("a", 10, 0, &[]),
            question("b", 10, 0, &[]),
            question("c", 10, 2, &[]),
        ],
        &clock,
    );
    r.set_hold_starts(true);
    r.skip();
    assert_eq!(r.stage(), Stage::Answer);
    assert!(r.is_held() && !r.is_running() && !r.is_paused());
    assert_eq!(
        r.repaint_after(),
        None,
        "nothing to redraw while the question is read"
    );
    clock.advance_secs(40); // the reading
    assert_eq!(r.clock_view().expect("clock").elapsed_ms, 0);
    r.release_hold();
    assert!(!r.is_held() && r.is_running());
    clock.advance_secs(30);
    assert_eq!(r.clock_view().expect("clock").elapsed_ms, 30_000);
    // releasing again changes nothing; the next question is held in turn (its prep too)
    r.release_hold();
    r.next_question();
    assert_eq!(r.stage(), Stage::Prep);
    assert!(r.is_held() && !r.is_running());
    clock.advance_secs(10);
    // resuming (Space) during the reading starts the clock at once
    r.resume();
    assert!(!r.is_held() && r.is_running());
    clock.advance_secs(5);
    assert_eq!(r.clock_view().expect("clock").elapsed_ms, 5_000);
    assert_eq!(r.current().expect("record").pauses, 0, "a reading is not a pause");
}

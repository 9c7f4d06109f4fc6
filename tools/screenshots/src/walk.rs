//! The walk: from the welcome screen through a full Director loop, history, progress,
//! questions, the prep kit, settings and a mock panel, shooting each main screen.

use std::path::Path;
use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use panelist::app::{AppConfig, PanelistApp, Screen, Settings, ThemeChoice, theme};
use panelist::bank::{Round, competency_name};
use panelist::paths::DataDir;
use panelist::session::{FakeClock, RoundPlan, Score, Stage};

use crate::{Shooter, WALK_SIZE, settle};

type App = Harness<'static, PanelistApp>;

struct Walk<'s> {
    h: App,
    clock: Arc<FakeClock>,
    shooter: &'s mut Shooter,
}

impl Walk<'_> {
    fn shoot(&mut self, name: &str) -> anyhow::Result<()> {
        self.shooter.shoot(&mut self.h, name)
    }

    fn sees(&self, label: &str) -> bool {
        self.h.query_by_label(label).is_some()
    }

    /// Clicks the widget with this label; when several share it, the first button among them.
    fn click(&mut self, label: &str) -> anyhow::Result<()> {
        let count = self.h.query_all_by_label(label).count();
        let pick = match count {
            0 => anyhow::bail!("no widget labelled {label:?} on {}", self.screen_name()),
            1 => 0,
            _ => self
                .h
                .query_all_by_label(label)
                .position(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
                .unwrap_or(0),
        };
        let outside = {
            let node = self.h.query_all_by_label(label).nth(pick).expect("counted");
            let rect = node.rect();
            let outside = rect.bottom() > WALK_SIZE.1 || rect.right() > WALK_SIZE.0 || rect.top() < 0.0;
            if outside {
                node.scroll_to_me();
            }
            outside
        };
        if outside {
            self.h.run();
        }
        self.h
            .query_all_by_label(label)
            .nth(pick)
            .expect("counted")
            .click();
        self.h.run();
        Ok(())
    }

    fn type_into(&mut self, label: &str, text: &str) {
        self.h.get_by_label(label).focus();
        self.h.run();
        self.h.get_by_label(label).type_text(text);
        self.h.run();
    }

    /// Moves the fake clock on and lets the app draw.
    fn wait_secs(&mut self, secs: u64) {
        self.clock.advance_secs(secs);
        self.h.step();
        self.h.run();
    }

    fn app(&mut self) -> &mut PanelistApp {
        self.h.state_mut()
    }

    fn screen_name(&self) -> &'static str {
        self.h.state().view.screen.title()
    }

    /// Picks the round set up on screen again with a fixed seed, so every run shows the same questions.
    fn fix_picks(&mut self, seed: u64) -> Vec<String> {
        let app = self.app();
        let last = app.state.last_practised();
        let Screen::Setup(setup) = &mut app.view.screen else {
            return Vec::new();
        };
        setup.plan = RoundPlan::pick(
            setup.plan.spec.clone(),
            &app.state.catalog,
            &last,
            setup.plan.favour_new,
            seed,
        );
        let picked = setup.plan.picked();
        self.h.run();
        picked
    }

    /// The current question's competencies as the screens name them.
    fn competencies(&self) -> Vec<String> {
        let runner = self.h.state().state.runner.as_ref().expect("a round runs");
        let record = runner.current().expect("a current question");
        record
            .question
            .competencies
            .iter()
            .map(|c| competency_name(c).unwrap_or(c).to_owned())
            .collect()
    }

    /// The current question's answer time, in seconds.
    fn current_target_secs(&self) -> u64 {
        let runner = self.h.state().state.runner.as_ref().expect("a round runs");
        u64::from(runner.current().expect("a current question").answer_target_secs)
    }

    fn stage(&self) -> Option<Stage> {
        self.h.state().state.runner.as_ref().map(|r| r.stage())
    }

    /// Scores every competency of the current question from `scores` and ticks some signals.
    fn self_assess(&mut self, scores: &[u8], notes: &str) -> anyhow::Result<()> {
        for (i, name) in self.competencies().iter().enumerate() {
            let score = Score::new(scores[i % scores.len()]).expect("1..=4");
            self.click(&format!("{name}: {} {}", score.value(), score.short_label()))?;
        }
        let question = {
            let runner = self.h.state().state.runner.as_ref().expect("a round runs");
            runner.current().expect("a current question").question.clone()
        };
        for signal in question.strong_signals.iter().take(2) {
            self.click(signal)?;
        }
        if let Some(signal) = question.weak_signals.get(1) {
            self.click(signal)?;
        }
        if !notes.is_empty() {
            self.type_into("What I would change", notes);
        }
        Ok(())
    }
}

pub fn walk(data: &Path, shooter: &mut Shooter) -> anyhow::Result<()> {
    let clock = FakeClock::fixed();
    let mut config = AppConfig::new(DataDir::new(data), Vec::new(), clock.clone());
    config.background_load = false;
    let settings = Settings {
        theme: ThemeChoice::Light,
        welcomed: false,
        ..Settings::default()
    };
    let h = Harness::builder()
        .with_size(egui::vec2(WALK_SIZE.0, WALK_SIZE.1))
        .with_pixels_per_point(1.0)
        .with_render_cursor(false)
        .build_eframe(move |cc| {
            // the real app's style; panels filled, where the real window clears to the same colour
            theme::apply_style(&cc.egui_ctx, false);
            PanelistApp::new(config, settings)
        });
    let mut w = Walk { h, clock, shooter };
    settle(&mut w.h);

    w.shoot("welcome")?;
    w.click("Practise alone")?;
    w.shoot("home")?;

    solo_round(&mut w)?;
    let played =
        w.h.state()
            .state
            .runner
            .as_ref()
            .map(|r| r.session().id.clone())
            .expect("the round just played");
    w.click("Back to home")?;

    w.click("History")?;
    w.shoot("history")?;
    w.click(&format!("Open session {played}"))?;
    w.shoot("session-review")?;

    w.click("Progress")?;
    w.shoot("progress")?;

    w.click("Questions")?;
    w.shoot("questions")?;
    // the systems design question just practised: its detail shows the history and next review
    let title =
        w.h.state()
            .state
            .history
            .iter()
            .find(|s| s.id == played)
            .map(|s| s.questions[0].question.title.clone())
            .expect("the round just played is in the history");
    w.type_into("Search:", &title);
    w.click(&title)?;
    w.shoot("question-detail")?;

    w.click("Prep kit")?;
    w.click("Turning round the payments platform team")?;
    w.shoot("prep-stories")?;
    w.click("Coverage")?;
    w.shoot("prep-coverage")?;
    w.click("Roles")?;
    w.shoot("prep-roles")?; // no role open: the side-by-side comparison
    w.click("Northwind Health (4 green, 1 red)")?;
    w.shoot("prep-role")?;

    w.click("Settings")?;
    w.shoot("settings")?;

    mock_panel(&mut w)?;
    Ok(())
}

/// A full Director loop: setup, the systems design question against the clock, its
/// self-assessment, the other questions answered and scored, the summary.
fn solo_round(w: &mut Walk) -> anyhow::Result<()> {
    w.click("Full Director loop")?;
    // a seed whose first pick is a systems design question with prep time and phases
    let mut seed = 1;
    loop {
        let picked = w.fix_picks(seed);
        let first = picked
            .first()
            .and_then(|id| w.h.state().state.catalog.question(id));
        if first.is_some_and(|q| {
            q.question.round == Round::SystemsDesign
                && q.question.prep_minutes > 0
                && q.question.phases.len() >= 4
        }) {
            break;
        }
        seed += 1;
        anyhow::ensure!(seed < 1000, "no seed picks a systems design question with prep");
    }
    w.shoot("round-setup")?;
    w.click("Start round")?;
    w.wait_secs(130);
    w.shoot("question-prep")?;
    w.click("Start answering")?;
    // Clarify and Estimate a little over, then well into the high-level design
    w.wait_secs(5 * 60 + 40);
    w.click("Next phase")?;
    w.wait_secs(5 * 60 + 15);
    w.click("Next phase")?;
    w.wait_secs(6 * 60 + 32);
    w.type_into(
        "Scratchpad",
        "Clarify: 2,400 tenants, 20 biggest = 55% of load, 99.9%/month\n\
         Now: per-tenant concurrency limits, exports on their own queue\n\
         Next: cells for the top tier; tenant moves as a routine operation\n\
         Teams: platform owns cells, reporting owns admission control",
    );
    w.click("Ask me a follow-up")?;
    w.shoot("running-question")?;
    w.click("Finish answer")?;
    w.self_assess(
        &[3, 2, 4],
        "Lead with the mitigation, then the structural fix. Cost the cells before the CFO asks.",
    )?;
    w.shoot("self-assessment")?;
    w.click("Next question")?;

    // the other four questions: answered a little under or over time, scored, next;
    // the leadership answers link a prep-kit story
    let plans: [(&[u8], f32, &str); 4] = [
        (&[3, 3], 1.12, "Name the EM's outcome before the plan."),
        (&[2, 3, 2], 0.9, ""),
        (
            &[2, 2],
            1.05,
            "Draw the org before and after; say who loses scope.",
        ),
        (&[4, 3], 0.8, ""),
    ];
    for (scores, share, notes) in plans {
        if w.sees("Start answering") {
            w.wait_secs(60);
            w.click("Start answering")?;
        }
        let target = w.current_target_secs();
        w.wait_secs((target as f32 * share) as u64);
        if w.sees("Stories in this answer") && w.sees("Turning round the payments platform team") {
            w.click("Turning round the payments platform team")?;
        }
        w.click("Finish answer")?;
        anyhow::ensure!(w.stage() == Some(Stage::Assess), "not on the self-assessment");
        w.self_assess(scores, notes)?;
        if w.sees("Finish round") {
            w.click("Finish round")?;
        } else {
            w.click("Next question")?;
        }
    }
    anyhow::ensure!(w.stage() == Some(Stage::Summary), "not on the summary");
    w.shoot("round-summary")?;
    Ok(())
}

/// A mock panel on one leadership question: console with notes, scorecards, debrief.
fn mock_panel(w: &mut Walk) -> anyhow::Result<()> {
    w.click("Home")?;
    w.click("Run a mock panel")?;
    w.type_into("Candidate", "Maria Chen");
    w.shoot("panel-setup")?;
    w.click("Quick question")?;
    let mut seed = 1;
    loop {
        let picked = w.fix_picks(seed);
        let question = picked
            .first()
            .and_then(|id| w.h.state().state.catalog.question(id));
        if question
            .is_some_and(|q| q.question.round == Round::Leadership && q.question.competencies.len() >= 3)
        {
            break;
        }
        seed += 1;
        anyhow::ensure!(seed < 1000, "no seed picks a leadership question");
    }
    w.click("Start round")?;
    if w.sees("Start answering") {
        w.wait_secs(90);
        w.click("Start answering")?;
    }
    w.wait_secs(95);
    w.click("Marcus (Engineering Manager)")?;
    w.type_into(
        "Note",
        "Asked what the EM thinks is going wrong before proposing anything",
    );
    w.click("Add note")?;
    w.wait_secs(140);
    w.click("Priya (VP of Engineering)")?;
    w.type_into("Note", "Clear 30-60-90 plan; vague on when to escalate to HR");
    w.click("Evidence")?;
    w.wait_secs(75);
    w.click("Jun (Senior IC engineer)")?;
    w.type_into("Note", "Good on protecting the team's focus");
    w.click("Add note")?;
    w.wait_secs(40);
    w.shoot("panel-console")?;

    w.click("Finish answer")?;
    let names = w.competencies();
    let cards: [(&str, [u8; 3], &str); 3] = [
        ("Priya", [2, 3, 3], "No hire"),
        ("Marcus", [4, 3, 3], "Hire"),
        ("Jun", [3, 3, 2], "Hire"),
    ];
    for (who, scores, recommendation) in cards {
        for (name, score) in names.iter().zip(scores) {
            let score = Score::new(score).expect("1..=4");
            w.click(&format!("{name}: {} {}", score.value(), score.short_label()))?;
        }
        w.click(&format!("Recommendation: {recommendation}"))?;
        if who == "Jun" {
            w.shoot("panel-scorecard")?;
        }
        w.click(&format!("Submit scorecard for {who}"))?;
    }
    w.click("Candidate's self-assessment (kept apart from the panel's scores)")?;
    for (name, score) in names.iter().zip([4, 3, 3]) {
        w.click(&format!("Self · {name}: {score}"))?;
    }
    w.click("Reveal all scorecards")?;
    w.click("Finish round")?;
    w.type_into(
        "Discussion notes",
        "Priya wanted a dated plan for the EM; Marcus heard one in the 30-60-90. Agreed it was there but late.",
    );
    w.click("Decision: Hire")?;
    w.type_into(
        "Reason for the decision",
        "Strong coaching plan; probe escalation judgement in the references.",
    );
    w.wait_secs(3);
    w.shoot("panel-debrief")?;
    Ok(())
}

//! A realistic data folder: several weeks of finished sessions over the shipped banks,
//! five STAR stories and three roles being considered.

use std::path::Path;

use chrono::NaiveDate;
use panelist::bank::{BankSource, Catalog};
use panelist::paths::DataDir;
use panelist::prep::{
    Check, CheckKind, Compensation, Currency, Flag, Role, RoleBook, Scope, Story, StoryBank, make_id,
    save_prep_file,
};
use panelist::session::{Clock, FakeClock};
use panelist::store::SessionStore;

#[path = "../../../tests/common/demo_history.rs"]
mod demo_history;

/// Weeks of history before the fake clock's start, enough for the progress chart.
const WEEKS: i64 = 8;

pub fn write(root: &Path) -> anyhow::Result<()> {
    let data = DataDir::new(root);
    let catalog = Catalog::load(&BankSource::shipped());
    let store = SessionStore::new(data.clone());
    let bad_day = [
        "org-design/three-or-six-ems",
        "org-design/senior-reqs-open-four-months",
    ];
    for session in
        demo_history::demo_history_with_bad_day(&catalog, FakeClock::fixed().wall(), WEEKS, bad_day)
    {
        store.save(&session)?;
    }
    save_prep_file(&data.stories_file(), &stories())?;
    save_prep_file(&data.roles_file(), &roles())?;
    Ok(())
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn stories() -> StoryBank {
    let list = [
        Story {
            title: "Turning round the payments platform team".to_owned(),
            situation: "Payments platform, 4 teams, 31 engineers. Six missed quarterly commitments in a row; two EMs new to management; attrition at 28%.".to_owned(),
            task: "Restore predictable delivery within two quarters without losing more people, while PCI re-certification was due.".to_owned(),
            actions: "Cut work in progress by half, introduced a weekly delivery review with the EMs, paired each new EM with a senior peer, and renegotiated two commitments with Product openly instead of slipping them.".to_owned(),
            result: "Hit 9 of 10 commitments the next two quarters; attrition fell to 11%; both EMs were rated strong at the next review.".to_owned(),
            scope: Scope::SeveralTeams,
            competencies: vec![
                "delivery-cadence".to_owned(),
                "manager-coaching".to_owned(),
                "communication".to_owned(),
            ],
            tags: vec!["turnaround".to_owned(), "payments".to_owned()],
            happened: date(2023, 3, 1),
            ..Story::default()
        },
        Story {
            title: "Splitting the monolith team into three stream-aligned teams".to_owned(),
            situation: "One 22-person team owned the whole checkout monolith; every change needed three approvals and deploys were weekly.".to_owned(),
            task: "Design an org that could ship independently without a rewrite.".to_owned(),
            actions: "Mapped change hotspots to business capabilities, proposed three teams with explicit interfaces, ran the change with HR and the EMs over six weeks, and kept one platform pairing rotation.".to_owned(),
            result: "Deploys went from weekly to daily; lead time dropped from 9 days to 2.".to_owned(),
            scope: Scope::Organisation,
            competencies: vec![
                "org-design".to_owned(),
                "cross-functional".to_owned(),
                "delivery-cadence".to_owned(),
            ],
            tags: vec!["reorg".to_owned(), "team-topologies".to_owned()],
            happened: date(2022, 9, 1),
            ..Story::default()
        },
        Story {
            title: "Hiring 14 engineers in two quarters without lowering the bar".to_owned(),
            situation: "Series C, funded to double the data platform; recruiting had one technical sourcer.".to_owned(),
            task: "Grow from 12 to 26 engineers with a calibrated loop.".to_owned(),
            actions: "Wrote the hiring plan by capability, trained 10 interviewers, added a calibration meeting after every loop, and kept a written bar per level.".to_owned(),
            result: "14 hires, offer acceptance 78%, no regretted hire after a year.".to_owned(),
            scope: Scope::Organisation,
            competencies: vec!["hiring".to_owned(), "org-design".to_owned()],
            tags: vec!["hiring".to_owned(), "scale".to_owned()],
            happened: date(2021, 6, 1),
            ..Story::default()
        },
        Story {
            title: "The outage I explained to the board".to_owned(),
            situation: "A six-hour outage of the reporting API during a customer's month-end close.".to_owned(),
            task: "Own the incident review and the message to the board and the customer.".to_owned(),
            actions: "Ran a blameless review, separated the trigger from the systemic cause (no per-tenant limits), and presented a three-step plan with dates.".to_owned(),
            result: "Customer renewed; per-tenant limits shipped in five weeks; no repeat in 18 months.".to_owned(),
            scope: Scope::SeveralTeams,
            competencies: vec![
                "communication".to_owned(),
                "technical-depth".to_owned(),
                "cross-functional".to_owned(),
            ],
            tags: vec!["incident".to_owned()],
            happened: date(2024, 1, 15),
            ..Story::default()
        },
        Story {
            title: "Saying no to the rewrite".to_owned(),
            situation: "Senior engineers wanted to rewrite the billing service in a new language; the roadmap had a pricing change due in a quarter.".to_owned(),
            task: "Decide, and keep the team with me.".to_owned(),
            actions: "Asked for the three worst pains with data, funded an incremental strangler path for the worst one, and tied the rest to the pricing work.".to_owned(),
            result: "Pricing shipped on time; the strangler retired 40% of the old code within a year.".to_owned(),
            scope: Scope::Team,
            competencies: vec![
                "strategy".to_owned(),
                "technical-depth".to_owned(),
                "communication".to_owned(),
            ],
            tags: vec!["architecture".to_owned(), "prioritisation".to_owned()],
            happened: date(2024, 6, 1),
            ..Story::default()
        },
    ];
    let mut bank = StoryBank::default();
    for mut story in list {
        story.id = make_id(&story.title, |id| bank.stories.iter().any(|s| s.id == id));
        bank.stories.push(story);
    }
    bank
}

fn role(
    company: &str,
    stage: &str,
    sector: &str,
    answers: &[(CheckKind, Flag, &str)],
    base: Option<(u32, Currency)>,
) -> Role {
    let mut role = Role::new(company);
    role.stage = stage.to_owned();
    role.sector = sector.to_owned();
    role.checks = CheckKind::ALL
        .iter()
        .map(|kind| {
            let (flag, answer) = answers
                .iter()
                .find(|(k, _, _)| k == kind)
                .map_or((Flag::Unknown, ""), |(_, flag, text)| (*flag, *text));
            Check {
                kind: *kind,
                answer: answer.to_owned(),
                flag,
            }
        })
        .collect();
    role.compensation = base.map(|(base, currency)| Compensation { base, currency });
    role
}

fn roles() -> RoleBook {
    let mut book = RoleBook::default();
    book.add(role(
        "Northwind Health",
        "Series C",
        "Health data",
        &[
            (CheckKind::Span, Flag::Green, "Four EMs, 32 engineers"),
            (
                CheckKind::NewOrBackfill,
                Flag::Green,
                "New role: the VP can no longer run delivery and the platform",
            ),
            (
                CheckKind::DecisionRights,
                Flag::Green,
                "Owns roadmap trade-offs with the product director",
            ),
            (
                CheckKind::EmBench,
                Flag::Red,
                "Two of the four EMs promoted this year",
            ),
            (
                CheckKind::SeniorHireBudget,
                Flag::Green,
                "Two staff engineers budgeted",
            ),
        ],
        Some((205_000, Currency::Usd)),
    ));
    book.add(role(
        "Acme Payments",
        "Public",
        "Fintech",
        &[
            (CheckKind::Span, Flag::Red, "Nine EMs, no operations support"),
            (
                CheckKind::DecisionRights,
                Flag::Red,
                "EMs still report dotted-line to the VP",
            ),
            (
                CheckKind::PathToVp,
                Flag::Unknown,
                "Ask the CTO in the final round",
            ),
            (
                CheckKind::TeamTopology,
                Flag::Green,
                "Named teams with published interfaces",
            ),
        ],
        Some((150_000, Currency::Eur)),
    ));
    book.add(role(
        "Lumen Analytics",
        "Series B",
        "B2B SaaS",
        &[
            (
                CheckKind::NewOrBackfill,
                Flag::Green,
                "Backfill; the last Director moved to VP",
            ),
            (
                CheckKind::PathToVp,
                Flag::Green,
                "The VP grew two Directors already",
            ),
        ],
        None,
    ));
    book
}

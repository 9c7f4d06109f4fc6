use std::collections::HashMap;
use std::time::Instant;

use super::*;
use crate::bank::generate::generated_bank;
use crate::bank::{BankSource, Catalog};

fn big_catalog() -> Catalog {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("big.ron");
    std::fs::write(&file, generated_bank("big", 10_000, 11)).expect("write");
    Catalog::load(&[BankSource::File(file)])
}

#[test]
fn filters_and_searches_ten_thousand_questions() {
    let catalog = big_catalog();
    assert_eq!(catalog.question_count(), 10_000);
    let none: HashMap<String, ()> = HashMap::new();

    let started = Instant::now();
    let all = filter_questions(&catalog, &BrowseFilter::default(), &none);
    let elapsed = started.elapsed();
    assert_eq!(all.len(), 10_000);
    // sorted by title, any case
    let titles: Vec<String> = all
        .iter()
        .map(|&(b, i)| catalog.banks[b].bank.questions[i].title.to_lowercase())
        .collect();
    assert!(titles.windows(2).all(|w| w[0] <= w[1]));
    eprintln!("unfiltered 10,000 questions: {elapsed:?}");

    let search = BrowseFilter {
        query: "LEDGER keeps".to_owned(),
        ..BrowseFilter::default()
    };
    let started = Instant::now();
    let found = filter_questions(&catalog, &search, &none);
    eprintln!("search over 10,000 questions: {:?}", started.elapsed());
    let expected = catalog
        .questions()
        .filter(|q| {
            let text = format!(
                "{} {} {}",
                q.question.title,
                q.question.prompt,
                q.question.tags.join(" ")
            )
            .to_lowercase();
            text.contains("ledger") && text.contains("keeps")
        })
        .count();
    assert!(expected > 0 && expected < 10_000);
    assert_eq!(found.len(), expected);

    let narrow = BrowseFilter {
        round: Some(Round::Leadership),
        difficulty: Some(Difficulty::Stretch),
        competency: Some("hiring".to_owned()),
        tag: Some("set-3".to_owned()),
        bank: Some("big".to_owned()),
        ..BrowseFilter::default()
    };
    for &(b, i) in &filter_questions(&catalog, &narrow, &none) {
        let q = &catalog.banks[b].bank.questions[i];
        assert_eq!(q.round, Round::Leadership);
        assert_eq!(q.difficulty, Difficulty::Stretch);
        assert!(q.competencies.iter().any(|c| c == "hiring"));
        assert!(q.tags.iter().any(|t| t == "set-3"));
    }
    let other_bank = BrowseFilter {
        bank: Some("elsewhere".to_owned()),
        ..BrowseFilter::default()
    };
    assert!(filter_questions(&catalog, &other_bank, &none).is_empty());
}

#[test]
fn practised_filter_uses_history() {
    let catalog = big_catalog();
    let mut last: HashMap<String, u32> = HashMap::new();
    last.insert("big/q00001".to_owned(), 1);
    last.insert("big/q00002".to_owned(), 2);
    let practised = BrowseFilter {
        practised: Practised::Practised,
        ..BrowseFilter::default()
    };
    let found = filter_questions(&catalog, &practised, &last);
    let ids: Vec<&str> = found
        .iter()
        .map(|&(b, i)| catalog.banks[b].bank.questions[i].id.as_str())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"q00001") && ids.contains(&"q00002"));
    let never = BrowseFilter {
        practised: Practised::Never,
        ..BrowseFilter::default()
    };
    assert_eq!(filter_questions(&catalog, &never, &last).len(), 9_998);
}

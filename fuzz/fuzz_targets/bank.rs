//! Any bytes given to the bank parser and validator: a located result, never a panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parsed = panelist::bank::parse_bank("fuzz.ron", data);
    // A bank is returned only when no error was found.
    if parsed.bank.is_some() {
        assert!(!parsed.problems.iter().any(|p| p.is_error()));
    }
    for problem in &parsed.problems {
        let _ = problem.to_string();
    }
});

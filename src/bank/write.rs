//! Writes a bank as format-1 RON text: optional fields plainly, empty ones left out.

use super::Bank;

/// The bank as RON text that `parse_bank` reads back to an equal bank.
pub fn to_ron(bank: &Bank) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned())
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    // a Bank holds only strings, numbers, unit enums and lists: serialising cannot fail
    ron::ser::to_string_pretty(bank, config).unwrap_or_else(|e| format!("// cannot write the bank: {e}\n"))
}

/// The text of `panelist new-bank`: a commented starter bank that validates.
pub fn starter_bank(id: &str) -> String {
    format!(
        r##"// A Panelist question bank, format 1. See docs/question-banks.md for every field.
// Check it with `panelist validate FILE`; the app reloads it when you save.
Bank(
    format: 1,
    // unique among loaded banks: lowercase letters, digits and dashes
    id: "{id}",
    title: "My questions",
    description: "Questions I want to practise.",
    // competencies beyond the built-in ones (org-design, technical-depth, delivery-cadence,
    // manager-coaching, hiring, cross-functional, strategy, communication)
    competencies: [],
    questions: [
        Question(
            id: "first-question",
            // SystemsDesign | Leadership | OrgDesign | ReverseInterview | Career
            round: Leadership,
            title: "A team that keeps missing its commitments",
            // CommonMark; raw strings r#"..."# may span lines
            prompt: r#"One of your teams has missed its last three quarterly commitments.

What do you do in your first month?"#,
            minutes: 8,        // answer time, 1..=180
            prep_minutes: 2,   // optional thinking time before the answer clock
            difficulty: Core,  // Warmup | Core | Stretch
            competencies: ["delivery-cadence", "manager-coaching"],
            // optional: the phases' minutes add up to `minutes`
            phases: [
                Phase(name: "Diagnose", minutes: 3),
                Phase(name: "Plan", minutes: 5),
            ],
            follow_ups: ["What if the team's manager disagrees with your read?"],
            strong_signals: ["Separates estimation problems from execution problems."],
            weak_signals: ["Adds process before understanding the cause."],
            tags: ["delivery"],
        ),
    ],
)
"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::parse_bank;

    #[test]
    fn starter_bank_validates() {
        let parsed = parse_bank("starter.ron", starter_bank("mine").as_bytes());
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    }

    #[test]
    fn written_bank_reads_back_equal() {
        let bank = crate::bank::generate::generated("round-trip", 20, 3);
        let text = to_ron(&bank);
        assert!(!text.contains("Some("), "{text}");
        let parsed = parse_bank("rt.ron", text.as_bytes());
        assert_eq!(parsed.bank, Some(bank), "{:?}", parsed.problems);
    }
}

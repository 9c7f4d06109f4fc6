//! Small text helpers shared by the window, the command line and exports.

/// `1 question`, `2 questions`: a count with its noun.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn plural_adds_s_except_for_one() {
        assert_eq!(plural(0, "question"), "0 questions");
        assert_eq!(plural(1, "question"), "1 question");
        assert_eq!(plural(2, "bank"), "2 banks");
    }
}

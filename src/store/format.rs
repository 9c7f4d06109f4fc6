//! Reading a file's `format` number before reading the rest, whatever the file's struct is called.

/// The top-level `format: N` of a RON file, `None` when it has none.
pub fn format_of(text: &str) -> Result<Option<u32>, ron::error::SpannedError> {
    let value: ron::Value = ron::from_str(text)?;
    let ron::Value::Map(map) = value else {
        return Ok(None);
    };
    Ok(match map.get(&ron::Value::String("format".to_owned())) {
        Some(ron::Value::Number(n)) => {
            let n = n.into_f64();
            (n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::format_of;

    #[test]
    fn reads_the_format_of_any_named_struct() {
        assert_eq!(
            format_of("StoryBank(format: 3, stories: [])").expect("parses"),
            Some(3)
        );
        assert_eq!(format_of("(format: 1)").expect("parses"), Some(1));
        assert_eq!(format_of("Session(id: \"x\")").expect("parses"), None);
        assert!(format_of("Session(format: 1,").is_err());
    }
}

//! The built-in competencies every bank may use without declaring them.

/// `(id, name)` pairs, in the order the format document lists them.
pub const BUILT_IN_COMPETENCIES: [(&str, &str); 8] = [
    ("org-design", "Organisational design judgement"),
    ("technical-depth", "Calibrated technical depth"),
    ("delivery-cadence", "Delivery cadence ownership"),
    ("manager-coaching", "Manager coaching at pace"),
    ("hiring", "Headcount planning and hiring"),
    ("cross-functional", "Cross-functional coordination"),
    ("strategy", "Strategic scope and VP-track readiness"),
    ("communication", "Structured communication"),
];

pub fn is_built_in(id: &str) -> bool {
    BUILT_IN_COMPETENCIES.iter().any(|(known, _)| *known == id)
}

/// The name of a built-in competency, if `id` is one.
pub fn competency_name(id: &str) -> Option<&'static str> {
    BUILT_IN_COMPETENCIES
        .iter()
        .find(|(known, _)| *known == id)
        .map(|(_, name)| *name)
}

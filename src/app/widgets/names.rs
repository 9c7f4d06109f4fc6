//! Accessible names for widgets whose visible text does not say what they act on.

use eframe::egui;

/// Sets the name a screen reader says (and kittest finds) for `response`'s widget, keeping
/// its visible text, role and state. For widgets that repeat on a screen with the same short
/// text, such as an "Add" beside every question or an "Answer" field in every card.
pub fn set_accessible_name(response: &egui::Response, name: impl Into<String>) {
    let name = name.into();
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}

//! Reading the AccessKit tree the app publishes: names, roles, rects, focus.

use eframe::egui::{self, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT as _};

/// Roles a user acts on: each needs a name a screen reader can say.
pub fn is_interactive(role: Role) -> bool {
    matches!(
        role,
        Role::Button
            | Role::DefaultButton
            | Role::CheckBox
            | Role::RadioButton
            | Role::Switch
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::SearchInput
            | Role::EmailInput
            | Role::NumberInput
            | Role::PasswordInput
            | Role::DateInput
            | Role::SpinButton
            | Role::Slider
            | Role::ComboBox
            | Role::EditableComboBox
            | Role::ListBoxOption
            | Role::Link
            | Role::Tab
            | Role::MenuItem
            | Role::MenuItemCheckBox
            | Role::MenuItemRadio
            | Role::DisclosureTriangle
            | Role::TreeItem
            | Role::ColorWell
    )
}

/// What a screen reader says for a node: a label's text, or a widget's name.
pub fn name_of(node: &AccessKitNode<'_>) -> Option<String> {
    let name = if node.role() == Role::Label {
        node.value()
    } else {
        node.label()
    };
    name.filter(|n| !n.trim().is_empty())
}

/// One node of the tree, as a test needs it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub role: Role,
    pub name: Option<String>,
    pub rect: egui::Rect,
    pub disabled: bool,
    pub focused: bool,
}

/// Whether a node is in what a screen reader reads: neither it nor any node above it is hidden.
pub fn is_shown(node: &AccessKitNode<'_>) -> bool {
    let mut at = Some(*node);
    while let Some(node) = at {
        if node.is_hidden() {
            return false;
        }
        at = node.parent();
    }
    true
}

/// Every visible node of the tree, in tree order.
pub fn nodes<S>(harness: &Harness<'_, S>) -> Vec<Seen> {
    harness
        .root()
        .children_recursive()
        .filter(|node| is_shown(&node.accesskit_node()))
        .map(|node| {
            let ak = node.accesskit_node();
            let rect = ak.bounding_box().map_or(egui::Rect::NOTHING, |r| {
                let ppp = harness.ctx.pixels_per_point();
                egui::Rect::from_min_max(
                    egui::pos2(r.x0 as f32 / ppp, r.y0 as f32 / ppp),
                    egui::pos2(r.x1 as f32 / ppp, r.y1 as f32 / ppp),
                )
            });
            Seen {
                role: ak.role(),
                name: name_of(&ak),
                rect,
                disabled: ak.is_disabled(),
                focused: ak.is_focused(),
            }
        })
        .collect()
}

/// Every interactive node with no name, described by role and place.
pub fn unnamed_interactive<S>(harness: &Harness<'_, S>) -> Vec<String> {
    nodes(harness)
        .into_iter()
        .filter(|n| is_interactive(n.role) && n.name.is_none())
        .map(|n| format!("{:?} at {:?}", n.role, n.rect))
        .collect()
}

/// Fails, naming the screen, when an interactive widget has no name; returns how many were checked.
#[track_caller]
pub fn assert_every_widget_named<S>(harness: &Harness<'_, S>, screen: &str) -> usize {
    let checked = nodes(harness).iter().filter(|n| is_interactive(n.role)).count();
    assert!(checked > 0, "{screen}: no interactive widget found at all");
    let unnamed = unnamed_interactive(harness);
    assert!(
        unnamed.is_empty(),
        "{screen}: {} interactive widget(s) without an accessible name:\n{}",
        unnamed.len(),
        unnamed.join("\n")
    );
    checked
}

/// Names shared by two or more interactive widgets of the same role (a slider and its number
/// field may share one; two "Add" buttons may not: neither a listener nor `get_by_label` can
/// tell them apart).
pub fn repeated_names<S>(harness: &Harness<'_, S>) -> Vec<String> {
    let mut seen: Vec<(Role, String)> = nodes(harness)
        .into_iter()
        .filter(|n| is_interactive(n.role))
        .filter_map(|n| n.name.map(|name| (n.role, name)))
        .collect();
    seen.sort_by(|a, b| (format!("{:?}", a.0), &a.1).cmp(&(format!("{:?}", b.0), &b.1)));
    let mut repeated: Vec<String> = seen
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| format!("{:?} {:?}", pair[0].0, pair[0].1))
        .collect();
    repeated.dedup();
    repeated
}

/// Fails, naming the screen, when two interactive widgets of one role share a name.
#[track_caller]
pub fn assert_names_tell_widgets_apart<S>(harness: &Harness<'_, S>, screen: &str) {
    let repeated = repeated_names(harness);
    assert!(
        repeated.is_empty(),
        "{screen}: widgets that share a name cannot be told apart:\n{}",
        repeated.join("\n")
    );
}

/// The widget with keyboard focus, if any.
pub fn focused<S>(harness: &Harness<'_, S>) -> Option<Seen> {
    nodes(harness).into_iter().find(|n| n.focused)
}

/// The names of the headings on screen, in tree order.
pub fn headings<S>(harness: &Harness<'_, S>) -> Vec<String> {
    nodes(harness)
        .into_iter()
        .filter(|n| n.role == Role::Heading)
        .filter_map(|n| n.name)
        .collect()
}

/// Labels a screen reader would read as nothing: an empty or blank text ("\n").
pub fn blank_labels<S>(harness: &Harness<'_, S>) -> usize {
    harness
        .root()
        .children_recursive()
        .filter(|node| is_shown(&node.accesskit_node()))
        .filter(|node| {
            let ak = node.accesskit_node();
            ak.role() == Role::Label && ak.value().is_some_and(|v| v.trim().is_empty())
        })
        .count()
}

/// What the polite live region last said, if anything (an AT-SPI `object:announcement`).
pub fn announced<S>(harness: &Harness<'_, S>) -> Option<String> {
    harness
        .root()
        .children_recursive()
        .map(|node| node.accesskit_node())
        .filter(|ak| ak.live() == egui::accesskit::Live::Polite)
        .filter_map(|ak| ak.value())
        .last()
}

/// The window's own name, as a screen reader says it for the window.
pub fn window_name<S>(harness: &Harness<'_, S>) -> Option<String> {
    harness.root().accesskit_node().label()
}

/// A progress bar as a screen reader has it: (name, min, value, max).
pub type Bar = (String, f64, f64, f64);

/// The timer: its name, and the progress bar's.
pub fn timer<S>(harness: &Harness<'_, S>) -> Option<(String, Option<Bar>)> {
    let all: Vec<_> = harness
        .root()
        .children_recursive()
        .map(|node| node.accesskit_node())
        .collect();
    let timer = all.iter().find(|ak| ak.role() == Role::Timer)?;
    let bar = all
        .iter()
        .find(|ak| ak.role() == Role::ProgressIndicator)
        .and_then(|ak| {
            Some((
                ak.label()?,
                ak.min_numeric_value()?,
                ak.numeric_value()?,
                ak.max_numeric_value()?,
            ))
        });
    Some((timer.label()?, bar))
}

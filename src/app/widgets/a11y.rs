//! What a screen reader needs beyond widget names: headings, a focus that follows the
//! page, named groups, and polite announcements (AccessKit live regions, which reach
//! Linux screen readers as AT-SPI `object:announcement` events).

use eframe::egui::{self, Id, Response, RichText, Role, Sense, Ui, UiBuilder, accesskit};

/// Where the page key and the pending focus live in egui's memory.
fn page_id() -> Id {
    Id::unique("panelist-a11y-page")
}

fn focus_pending_id() -> Id {
    Id::unique("panelist-a11y-focus-pending")
}

fn announcement_id() -> Id {
    Id::unique("panelist-a11y-announcement")
}

/// Called once a frame, before the screen is drawn, with a key naming what the window shows
/// (screen, round stage, question). When the key changes, the page's first heading drawn
/// with [`page_heading`] takes the keyboard focus, so a screen reader says where the user
/// now is instead of losing focus to the window frame.
pub fn begin_page(ctx: &egui::Context, key: &str) {
    let changed = ctx.data(|d| d.get_temp::<String>(page_id())).as_deref() != Some(key);
    if changed {
        ctx.data_mut(|d| {
            d.insert_temp(page_id(), key.to_owned());
            d.insert_temp(focus_pending_id(), true);
        });
    }
}

/// Whether the page has just changed and no widget has taken its focus yet.
pub fn page_focus_pending(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(focus_pending_id()).unwrap_or(false))
}

/// Gives the keyboard focus to `response` if the page has just changed, once.
pub fn take_page_focus(response: &Response) {
    if page_focus_pending(&response.ctx) {
        response.request_focus();
        response.ctx.data_mut(|d| d.remove::<bool>(focus_pending_id()));
    }
}

/// Marks a widget already drawn as a heading of `level` (1 for a screen's title) named `text`.
pub fn mark_heading(response: &Response, level: usize, text: &str) {
    let text = text.to_owned();
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_role(Role::Heading);
        node.set_level(level);
        node.clear_value();
        node.set_label(text);
    });
}

/// A heading of `level` (1 for a screen's title) drawn in the style `text` has, wrapped.
/// A page's title (`page`) can take the keyboard focus, and takes it when the page changes.
pub fn heading_label(ui: &mut Ui, level: usize, text: RichText, page: bool) -> Response {
    let plain = text.text().to_owned();
    let mut label = egui::Label::new(text).wrap();
    if page {
        // focusable, but not selectable: a selectable label senses clicks, and would take
        // Enter and Space from the screen's own shortcuts while it has the focus
        label = label.selectable(false).sense(Sense::focusable_noninteractive());
    }
    let response = ui.add(label);
    mark_heading(&response, level, &plain);
    if page {
        take_page_focus(&response);
        focus_ring(ui, &response);
    }
    response
}

/// Outlines a widget that egui draws no focus for (a title, the timer) while it has the
/// keyboard focus, so that a sighted keyboard user sees where it is too.
pub fn focus_ring(ui: &Ui, response: &Response) {
    if response.has_focus() {
        let stroke = egui::Stroke::new(2.0, ui.visuals().strong_text_color());
        ui.painter()
            .rect_stroke(response.rect.expand(2.0), 3.0, stroke, egui::StrokeKind::Inside);
    }
}

/// A heading drawn as `ui.heading` draws it.
pub fn heading(ui: &mut Ui, level: usize, text: impl Into<RichText>) -> Response {
    heading_label(ui, level, text.into().heading(), false)
}

/// A screen's title, drawn as `ui.heading` draws it: a level-1 heading that takes the
/// focus when the page changes.
pub fn page_heading(ui: &mut Ui, text: impl Into<RichText>) -> Response {
    heading_label(ui, 1, text.into().heading(), true)
}

/// Draws `add_contents` with ids that do not depend on what was drawn before it in `ui`
/// (egui counts ids by position, even in `push_id`): a widget that keeps the keyboard focus
/// while things appear above it (the follow-up button) keeps its id.
pub fn stable<R>(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    add_contents: impl FnOnce(&mut Ui) -> R,
) -> R {
    let id = ui.make_persistent_id(salt);
    ui.scope_builder(UiBuilder::new().scope_id(id), add_contents)
        .inner
}

/// Draws `add_contents` inside a node of `role` named `name` (a group of check boxes, a
/// radio group), so a screen reader says what the controls inside belong to.
pub fn group<R>(ui: &mut Ui, role: Role, name: &str, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    ui.scope_builder(
        UiBuilder::new()
            .accessibility_role(role)
            .accessibility_label(name),
        add_contents,
    )
    .inner
}

/// Asks for `text` to be announced politely (after what the screen reader is saying).
/// Shown by [`announcer_ui`], which every frame draws.
pub fn announce(ctx: &egui::Context, text: impl Into<String>) {
    let text = text.into();
    ctx.data_mut(|d| {
        let (count, _) = d.get_temp::<(u64, String)>(announcement_id()).unwrap_or_default();
        d.insert_temp(announcement_id(), (count + 1, text));
    });
}

/// The last announcement, if any, as a polite live region: a node of its own for each
/// announcement, so that saying the same words twice is announced twice. It has no
/// place on screen; the words are shown where they belong (the clock, the follow-ups).
pub fn announcer_ui(ctx: &egui::Context) {
    let Some((count, text)) = ctx.data(|d| d.get_temp::<(u64, String)>(announcement_id())) else {
        return;
    };
    ctx.accesskit_node_builder(Id::unique(("panelist-a11y-live", count)), |node| {
        node.set_role(Role::Label);
        node.set_value(text);
        node.set_live(accesskit::Live::Polite);
    });
}

/// The last announcement's words (for tests and the timer's own checks).
pub fn last_announcement(ctx: &egui::Context) -> Option<String> {
    ctx.data(|d| d.get_temp::<(u64, String)>(announcement_id()))
        .map(|(_, text)| text)
}

/// After the screen is drawn: if the page changed and no title took the focus (a screen
/// without a [`page_heading`]), `fallback` (the top bar's tab for the screen) takes it.
pub fn finish_page(ctx: &egui::Context, fallback: Option<Id>) {
    if page_focus_pending(ctx)
        && let Some(id) = fallback
    {
        ctx.memory_mut(|m| m.request_focus(id));
        ctx.data_mut(|d| d.remove::<bool>(focus_pending_id()));
    }
}

/// Names a widget for a screen reader (its caption is drawn apart, or it has none).
pub fn name_widget(response: &Response, name: &str) {
    let name = name.to_owned();
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}

/// Leaves a widget already drawn out of the accessibility tree (a figure that a row's
/// first label already says, an empty spacer).
pub fn unread(response: &Response) {
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_hidden());
}

/// A caption drawn above a field that is named directly ([`name_widget`]): seen, but left
/// out of the accessibility tree, so that a screen reader says the name once.
pub fn caption(ui: &mut Ui, text: impl Into<RichText>) -> Response {
    let response = ui.label(text.into());
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_hidden());
    response
}

/// Markdown drawn by `draw`, read by a screen reader as one label per paragraph, heading
/// or list item of `source`'s plain text: the renderer's own nodes (a label per styled
/// run, and blank ones for line breaks) are left out of the tree.
pub fn markdown(ui: &mut Ui, source: &str, draw: impl FnOnce(&mut Ui)) {
    let drawn = ui.scope(draw).response;
    drawn
        .ctx
        .accesskit_node_builder(drawn.id, |node| node.set_hidden());
    for (i, block) in plain_blocks(source).into_iter().enumerate() {
        // a fixed rect: the node's place is given by its bounds, and a rect that moved
        // with the text would cost a frame after every change of layout
        let reader = ui.new_child(
            UiBuilder::new()
                .id_salt(("markdown-block", i))
                .max_rect(egui::Rect::ZERO)
                .accessibility_role(Role::Label),
        );
        let rect = drawn.rect;
        reader.ctx().accesskit_node_builder(reader.unique_id(), |node| {
            node.set_value(block);
            node.set_bounds(accesskit::Rect {
                x0: rect.min.x.into(),
                y0: rect.min.y.into(),
                x1: rect.max.x.into(),
                y1: rect.max.y.into(),
            });
        });
    }
}

/// The plain text of each paragraph, heading and list item of Markdown `source`.
pub fn plain_blocks(source: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            blocks.push(text);
        }
        current.clear();
    };
    for event in Parser::new(source) {
        match event {
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::Start(Tag::Item) | Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                flush(&mut current)
            }
            _ => {}
        }
    }
    flush(&mut current);
    blocks
}

/// A row of a table drawn with `egui::Grid` (inside a [`group`] with `Role::Table`): a node
/// of its own that takes no room, for the row's [`cell`]s to belong to.
pub fn table_row(ui: &mut Ui, salt: impl std::hash::Hash + std::fmt::Debug) -> Id {
    let row = ui.new_child(
        UiBuilder::new()
            .id_salt(("table-row", salt))
            .max_rect(egui::Rect::ZERO)
            .accessibility_role(Role::Row),
    );
    row.unique_id()
}

/// One cell of a grid row (a column header when `header`), drawn by `add_contents` in the
/// grid's next cell and read as part of `row`.
pub fn cell<R>(ui: &mut Ui, row: Id, header: bool, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    let role = if header { Role::ColumnHeader } else { Role::Cell };
    ui.scope_builder(
        UiBuilder::new()
            .accessibility_parent(row)
            .accessibility_role(role),
        add_contents,
    )
    .inner
}

#[cfg(test)]
mod tests {
    use super::plain_blocks;

    #[test]
    fn markdown_is_read_a_paragraph_or_item_at_a_time_without_blank_lines() {
        let source = "# The brief\n\nA payments company with **40** engineers.\nIt grows.\n\n- First, `ledger` design\n- Second\n\n\n";
        assert_eq!(
            plain_blocks(source),
            [
                "The brief",
                "A payments company with 40 engineers. It grows.",
                "First, ledger design",
                "Second",
            ]
        );
        assert!(plain_blocks("\n\n").is_empty());
    }
}

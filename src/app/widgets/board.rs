//! The whiteboard: draws a [`Board`] with the theme's colours and turns pointer and
//! keyboard input into [`BoardEdit`]s, pushed as `SessionEdit::Board` commands.
//!
//! What is only on screen (tool, selection, pan and zoom, a drag under way, the label
//! being typed) lives in egui's memory under the canvas's id; the board itself is only
//! changed by the commands, after the frame.

use eframe::egui::{self, Color32, CornerRadius, FontId, Pos2, Rect as ScreenRect, Sense, Stroke, Vec2};

use crate::app::command::{Commands, ModelCommand};
use crate::app::theme::Palette;
use crate::board::{Board, BoardEdit, Element, NodeKind, Rect, Shape, Template, snap};
use crate::session::SessionEdit;

/// The canvas's height on screen.
const CANVAS_HEIGHT: f32 = 460.0;

/// A drawing tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tool {
    #[default]
    Select,
    Node(NodeTool),
    Arrow,
    Pen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeTool {
    Service,
    Database,
    Queue,
    External,
    Client,
    Team,
    Text,
}

impl NodeTool {
    fn kind(self) -> NodeKind {
        match self {
            NodeTool::Service => NodeKind::Service,
            NodeTool::Database => NodeKind::Database,
            NodeTool::Queue => NodeKind::Queue,
            NodeTool::External => NodeKind::External,
            NodeTool::Client => NodeKind::Client,
            NodeTool::Team => NodeKind::Team {
                em: String::new(),
                headcount: 0,
            },
            NodeTool::Text => NodeKind::Text,
        }
    }

    fn default_label(self) -> &'static str {
        match self {
            NodeTool::Service => "Service",
            NodeTool::Database => "Database",
            NodeTool::Queue => "Queue",
            NodeTool::External => "External system",
            NodeTool::Client => "User",
            NodeTool::Team => "Team",
            NodeTool::Text => "Text",
        }
    }
}

/// Every tool with its button label and key.
pub const TOOLS: [(Tool, &str, egui::Key); 10] = [
    (Tool::Select, "Select (V)", egui::Key::V),
    (Tool::Node(NodeTool::Service), "Box (B)", egui::Key::B),
    (Tool::Node(NodeTool::Database), "Database (D)", egui::Key::D),
    (Tool::Node(NodeTool::Queue), "Queue (Q)", egui::Key::Q),
    (Tool::Node(NodeTool::External), "External (E)", egui::Key::E),
    (Tool::Node(NodeTool::Client), "Person (P)", egui::Key::P),
    (Tool::Node(NodeTool::Team), "Team (T)", egui::Key::T),
    (Tool::Node(NodeTool::Text), "Text (X)", egui::Key::X),
    (Tool::Arrow, "Arrow (A)", egui::Key::A),
    (Tool::Pen, "Pen (N)", egui::Key::N),
];

/// The board's keys, for the shortcuts sheet.
pub const SHORTCUTS: [(&str, &str); 10] = [
    (
        "V B D Q E P T X A N",
        "Board tools: select, box, database, queue, external, person, team, text, arrow, pen",
    ),
    (
        "Enter",
        "Board: place the tool's shape, or edit the selected label",
    ),
    ("C", "Board: connect the two selected shapes"),
    (
        "Escape · Tab",
        "Board: the select tool with nothing selected; leave the board",
    ),
    ("Ctrl+A · [ · ]", "Board: select all, previous, next"),
    ("Arrow keys", "Board: move the selection one grid step"),
    ("Delete · Ctrl+D", "Board: delete, duplicate"),
    ("Ctrl+Z · Ctrl+Y", "Board: undo, redo"),
    ("0 · + · -", "Board: fit to content, zoom in, zoom out"),
    ("Ctrl+scroll · right drag", "Board: zoom, pan"),
];

/// What the canvas remembers between frames.
#[derive(Debug, Clone, Default)]
struct BoardView {
    tool: Tool,
    selection: Vec<u32>,
    /// The board point at the canvas's top-left corner.
    origin: Vec2,
    zoom: f32,
    fitted: bool,
    snap: bool,
    drag: Drag,
    /// The element whose label is being typed, and the text so far.
    editing: Option<(u32, String)>,
    /// Where the next shape placed from the keyboard goes, counted from the view's centre.
    placed: u32,
}

#[derive(Debug, Clone, Default)]
enum Drag {
    #[default]
    None,
    Move {
        start: Pos2,
    },
    Resize {
        id: u32,
        start: Pos2,
    },
    Marquee {
        start: Pos2,
    },
    Arrow {
        from: u32,
    },
    Pen {
        points: Vec<[f32; 2]>,
    },
}

/// The screen transform of the canvas.
#[derive(Clone, Copy)]
struct Transform {
    canvas: ScreenRect,
    origin: Vec2,
    zoom: f32,
}

impl Transform {
    fn to_screen(self, p: [f32; 2]) -> Pos2 {
        self.canvas.min + (Vec2::new(p[0], p[1]) - self.origin) * self.zoom
    }

    fn rect(self, r: Rect) -> ScreenRect {
        ScreenRect::from_min_size(self.to_screen([r.x, r.y]), Vec2::new(r.w, r.h) * self.zoom)
    }

    fn to_board(self, p: Pos2) -> [f32; 2] {
        let v = (p - self.canvas.min) / self.zoom + self.origin;
        [v.x, v.y]
    }
}

/// Whether a board canvas has the keyboard focus (the app's own shortcuts then stand aside).
pub fn board_has_focus(ctx: &egui::Context) -> bool {
    let id = ctx.data(|d| d.get_temp::<egui::Id>(egui::Id::unique(FOCUS_KEY)));
    id.is_some_and(|id| ctx.memory(|m| m.has_focus(id)))
}

const FOCUS_KEY: &str = "panelist-board-canvas";

/// Draws the board of `question`; with `editable`, its tools too. `at_ms` stamps the edits.
pub fn board_ui(
    ui: &mut egui::Ui,
    board: &Board,
    question: &str,
    at_ms: u64,
    editable: bool,
    commands: &mut Commands,
) {
    let id = ui.make_persistent_id(("board", question));
    let mut view: BoardView = ui.data(|d| d.get_temp(id)).unwrap_or(BoardView {
        zoom: 1.0,
        snap: true,
        ..BoardView::default()
    });
    view.selection.retain(|id| board.get(*id).is_some());
    let mut edits: Vec<BoardEdit> = Vec::new();
    if editable {
        toolbar_ui(ui, board, &mut view, &mut edits);
    }
    let width = ui.available_width().max(200.0);
    let (canvas, response) = ui.allocate_exact_size(Vec2::new(width, CANVAS_HEIGHT), Sense::click_and_drag());
    let description = board.describe();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, &description));
    if editable {
        // Only an editable board holds the focus that the app's own shortcuts stand aside for.
        ui.data_mut(|d| d.insert_temp(egui::Id::unique(FOCUS_KEY), response.id));
    }
    if !view.fitted {
        fit(&mut view, board, canvas);
    }
    let mut t = Transform {
        canvas,
        origin: view.origin,
        zoom: view.zoom,
    };
    if response.hovered() {
        zoom_and_pan(ui, &mut view, &mut t);
    }
    if response.dragged_by(egui::PointerButton::Secondary) || response.dragged_by(egui::PointerButton::Middle)
    {
        view.origin -= response.drag_delta() / view.zoom;
        t.origin = view.origin;
    }
    if editable {
        pointer_ui(ui, board, &response, t, &mut view, &mut edits);
        if response.has_focus() {
            // The canvas keeps Escape and the arrow keys (they clear and move the selection,
            // rather than leave the canvas); Tab still moves on.
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    response.id,
                    egui::EventFilter {
                        tab: false,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                    },
                );
            });
            keys_ui(ui, board, canvas, t, &mut view, &mut edits);
        }
        if response.clicked() || response.drag_started() {
            response.request_focus();
        }
    }
    paint(ui, board, &view, t, canvas);
    if editable {
        label_editor_ui(ui, board, t, &mut view, &mut edits, &response);
        properties_ui(ui, board, &view, &mut edits);
    }
    ui.data_mut(|d| d.insert_temp(id, view));
    for edit in edits {
        commands.push(ModelCommand::Edit(SessionEdit::Board {
            question: question.to_owned(),
            at_ms,
            edit,
        }));
    }
}

fn toolbar_ui(ui: &mut egui::Ui, board: &Board, view: &mut BoardView, edits: &mut Vec<BoardEdit>) {
    ui.horizontal_wrapped(|ui| {
        for (tool, label, _) in TOOLS {
            if ui.selectable_label(view.tool == tool, label).clicked() {
                view.tool = tool;
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(board.can_undo(), egui::Button::new("Undo"))
            .on_hover_text("Ctrl+Z")
            .clicked()
        {
            edits.push(BoardEdit::Undo);
        }
        if ui
            .add_enabled(board.can_redo(), egui::Button::new("Redo"))
            .on_hover_text("Ctrl+Y")
            .clicked()
        {
            edits.push(BoardEdit::Redo);
        }
        let two = connectable(board, &view.selection);
        if ui
            .add_enabled(two.is_some(), egui::Button::new("Connect"))
            .on_hover_text("C · an arrow from the first selected shape to the second")
            .clicked()
            && let Some((from, to)) = two
        {
            edits.push(BoardEdit::Connect {
                from,
                to,
                label: String::new(),
            });
        }
        let any = !view.selection.is_empty();
        if ui
            .add_enabled(any, egui::Button::new("Duplicate"))
            .on_hover_text("Ctrl+D")
            .clicked()
        {
            edits.push(duplicate(view));
        }
        if ui
            .add_enabled(any, egui::Button::new("Delete"))
            .on_hover_text("Delete")
            .clicked()
        {
            edits.push(BoardEdit::Delete {
                ids: std::mem::take(&mut view.selection),
            });
        }
        if ui
            .button("Fit")
            .on_hover_text("0 · fit the board to its content")
            .clicked()
        {
            view.fitted = false;
        }
        ui.checkbox(&mut view.snap, "Snap to grid");
        ui.menu_button("Template", |ui| {
            for template in Template::ALL {
                if ui.button(template.label()).clicked() {
                    edits.push(BoardEdit::ApplyTemplate { template });
                    view.selection.clear();
                    view.fitted = false;
                    ui.close();
                }
            }
        });
    });
}

fn connectable(board: &Board, selection: &[u32]) -> Option<(u32, u32)> {
    match selection {
        [from, to] if board.get(*from)?.rect().is_some() && board.get(*to)?.rect().is_some() => {
            Some((*from, *to))
        }
        _ => None,
    }
}

fn duplicate(view: &BoardView) -> BoardEdit {
    BoardEdit::Duplicate {
        ids: view.selection.clone(),
        dx: crate::board::GRID,
        dy: crate::board::GRID,
    }
}

fn fit(view: &mut BoardView, board: &Board, canvas: ScreenRect) {
    view.fitted = true;
    let Some(bounds) = board.bounds() else {
        view.zoom = 1.0;
        view.origin = Vec2::ZERO;
        return;
    };
    let margin = 30.0;
    let zoom = ((canvas.width() - 2.0 * margin) / bounds.w.max(1.0))
        .min((canvas.height() - 2.0 * margin) / bounds.h.max(1.0))
        .clamp(0.1, 1.5);
    let [cx, cy] = bounds.centre();
    view.zoom = zoom;
    view.origin = Vec2::new(cx, cy) - canvas.size() / (2.0 * zoom);
}

fn zoom_and_pan(ui: &egui::Ui, view: &mut BoardView, t: &mut Transform) {
    let (zoom, scroll, pointer) =
        ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
    if zoom != 1.0 {
        let anchor = pointer.unwrap_or(t.canvas.center());
        zoom_at(view, t, anchor, zoom);
    } else if scroll != Vec2::ZERO {
        view.origin -= scroll / view.zoom;
        t.origin = view.origin;
    }
}

fn zoom_at(view: &mut BoardView, t: &mut Transform, anchor: Pos2, factor: f32) {
    let before = t.to_board(anchor);
    view.zoom = (view.zoom * factor).clamp(0.1, 4.0);
    view.origin = Vec2::new(before[0], before[1]) - (anchor - t.canvas.min) / view.zoom;
    t.origin = view.origin;
    t.zoom = view.zoom;
}

fn snapped(view: &BoardView, v: f32) -> f32 {
    if view.snap { snap(v) } else { v }
}

fn pointer_ui(
    ui: &egui::Ui,
    board: &Board,
    response: &egui::Response,
    t: Transform,
    view: &mut BoardView,
    edits: &mut Vec<BoardEdit>,
) {
    let tolerance = 6.0 / t.zoom;
    let shift = ui.input(|i| i.modifiers.shift);
    let primary = |r: &egui::Response| r.dragged_by(egui::PointerButton::Primary);
    if response.drag_started_by(egui::PointerButton::Primary)
        && let Some(pos) = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos())
    {
        let p = t.to_board(pos);
        view.drag = match view.tool {
            Tool::Select => {
                let handle = resize_handle(board, view, t).filter(|h| h.1.distance(pos) <= 8.0);
                if let Some((id, _)) = handle {
                    Drag::Resize { id, start: pos }
                } else {
                    match board.hit(p[0], p[1], tolerance) {
                        Some(id) => {
                            if !view.selection.contains(&id) {
                                if !shift {
                                    view.selection.clear();
                                }
                                view.selection.push(id);
                            }
                            Drag::Move { start: pos }
                        }
                        None => Drag::Marquee { start: pos },
                    }
                }
            }
            Tool::Arrow => match board.hit(p[0], p[1], tolerance) {
                Some(id) if board.get(id).and_then(Element::rect).is_some() => Drag::Arrow { from: id },
                _ => Drag::None,
            },
            Tool::Pen => Drag::Pen { points: vec![p] },
            Tool::Node(_) => Drag::None,
        };
    }
    if primary(response)
        && let (Drag::Pen { points }, Some(pos)) = (&mut view.drag, response.interact_pointer_pos())
    {
        let p = t.to_board(pos);
        if points
            .last()
            .is_none_or(|last| (last[0] - p[0]).hypot(last[1] - p[1]) * t.zoom > 2.0)
        {
            points.push(p);
        }
    }
    if response.drag_stopped_by(egui::PointerButton::Primary) {
        let end = response.interact_pointer_pos().unwrap_or_default();
        match std::mem::take(&mut view.drag) {
            Drag::Move { start } => {
                let d = (end - start) / t.zoom;
                let (dx, dy) = (snapped(view, d.x), snapped(view, d.y));
                if dx != 0.0 || dy != 0.0 {
                    edits.push(BoardEdit::Move {
                        ids: view.selection.clone(),
                        dx,
                        dy,
                    });
                }
            }
            Drag::Resize { id, start } => {
                if let Some(rect) = board.get(id).and_then(Element::rect) {
                    let d = (end - start) / t.zoom;
                    let w = snapped(view, rect.x + rect.w + d.x) - rect.x;
                    let h = snapped(view, rect.y + rect.h + d.y) - rect.y;
                    edits.push(BoardEdit::Resize {
                        id,
                        rect: Rect::new(rect.x, rect.y, w, h),
                    });
                }
            }
            Drag::Marquee { start } => {
                let (a, b) = (t.to_board(start), t.to_board(end));
                let area = Rect::spanning(&[a, b]);
                if !shift {
                    view.selection.clear();
                }
                for id in board.inside(area) {
                    if !view.selection.contains(&id) {
                        view.selection.push(id);
                    }
                }
            }
            Drag::Arrow { from } => {
                let p = t.to_board(end);
                if let Some(to) = board.hit(p[0], p[1], tolerance)
                    && to != from
                    && board.get(to).and_then(Element::rect).is_some()
                {
                    view.selection = vec![board.next_id()];
                    edits.push(BoardEdit::Connect {
                        from,
                        to,
                        label: String::new(),
                    });
                }
            }
            Drag::Pen { points } => {
                if points.len() >= 2 {
                    edits.push(BoardEdit::Stroke { points });
                }
            }
            Drag::None => {}
        }
    }
    if response.clicked_by(egui::PointerButton::Primary)
        && let Some(pos) = response.interact_pointer_pos()
    {
        let p = t.to_board(pos);
        match view.tool {
            Tool::Node(tool) => place(board, view, tool, p, edits),
            Tool::Select | Tool::Arrow => match board.hit(p[0], p[1], tolerance) {
                Some(id) if shift => {
                    if let Some(at) = view.selection.iter().position(|s| *s == id) {
                        view.selection.remove(at);
                    } else {
                        view.selection.push(id);
                    }
                }
                Some(id) => view.selection = vec![id],
                None => view.selection.clear(),
            },
            Tool::Pen => {}
        }
    }
    if response.double_clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let p = t.to_board(pos);
        if let Some(element) = board.hit(p[0], p[1], tolerance).and_then(|id| board.get(id)) {
            view.selection = vec![element.id];
            view.editing = Some((element.id, element.label.clone()));
        }
    }
}

/// Adds a shape of `tool` centred on `p`, selects it and starts editing its label.
fn place(board: &Board, view: &mut BoardView, tool: NodeTool, p: [f32; 2], edits: &mut Vec<BoardEdit>) {
    let kind = tool.kind();
    let (w, h) = kind.default_size();
    let rect = Rect::new(snapped(view, p[0] - w / 2.0), snapped(view, p[1] - h / 2.0), w, h);
    // Edits of this frame are applied in order, so the new shape takes the next id.
    let id = board.next_id()
        + edits
            .iter()
            .filter(|e| matches!(e, BoardEdit::Add { .. } | BoardEdit::Connect { .. }))
            .count() as u32;
    edits.push(BoardEdit::Add {
        node: kind,
        rect,
        label: tool.default_label().to_owned(),
    });
    view.selection = vec![id];
    view.editing = Some((id, tool.default_label().to_owned()));
}

fn keys_ui(
    ui: &egui::Ui,
    board: &Board,
    canvas: ScreenRect,
    mut t: Transform,
    view: &mut BoardView,
    edits: &mut Vec<BoardEdit>,
) {
    if view.editing.is_some() {
        return;
    }
    let (pressed, modifiers) = ui.input(|i| {
        let keys: Vec<egui::Key> = i
            .events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Key {
                    key, pressed: true, ..
                } => Some(*key),
                _ => None,
            })
            .collect();
        (keys, i.modifiers)
    });
    for key in pressed {
        use egui::Key;
        match key {
            Key::Z if modifiers.command && modifiers.shift => edits.push(BoardEdit::Redo),
            Key::Z if modifiers.command => edits.push(BoardEdit::Undo),
            Key::Y if modifiers.command => edits.push(BoardEdit::Redo),
            Key::A if modifiers.command => view.selection = board.elements().iter().map(|e| e.id).collect(),
            Key::D if modifiers.command && !view.selection.is_empty() => edits.push(duplicate(view)),
            Key::Delete | Key::Backspace if !view.selection.is_empty() => edits.push(BoardEdit::Delete {
                ids: std::mem::take(&mut view.selection),
            }),
            Key::C if !modifiers.any() => {
                if let Some((from, to)) = connectable(board, &view.selection) {
                    edits.push(BoardEdit::Connect {
                        from,
                        to,
                        label: String::new(),
                    });
                }
            }
            Key::Enter | Key::F2 => match view.tool {
                Tool::Node(tool) => {
                    let centre = t.to_board(canvas.center());
                    let step = view.placed as f32 * crate::board::GRID * 2.0;
                    view.placed += 1;
                    place(
                        board,
                        view,
                        tool,
                        [centre[0] + step * 4.0, centre[1] + step],
                        edits,
                    );
                }
                _ => {
                    if let [id] = view.selection[..]
                        && let Some(element) = board.get(id)
                    {
                        view.editing = Some((id, element.label.clone()));
                    }
                }
            },
            Key::Escape => {
                view.tool = Tool::Select;
                view.selection.clear();
            }
            Key::OpenBracket | Key::CloseBracket => {
                let ids: Vec<u32> = board.elements().iter().map(|e| e.id).collect();
                if ids.is_empty() {
                    continue;
                }
                let current = view
                    .selection
                    .last()
                    .and_then(|s| ids.iter().position(|i| i == s));
                let next = match (key, current) {
                    (Key::CloseBracket, Some(i)) => (i + 1) % ids.len(),
                    (Key::OpenBracket, Some(i)) => (i + ids.len() - 1) % ids.len(),
                    (Key::OpenBracket, None) => ids.len() - 1,
                    _ => 0,
                };
                if !modifiers.shift {
                    view.selection.clear();
                }
                if !view.selection.contains(&ids[next]) {
                    view.selection.push(ids[next]);
                }
            }
            Key::ArrowLeft | Key::ArrowRight | Key::ArrowUp | Key::ArrowDown => {
                if view.selection.is_empty() {
                    continue;
                }
                let g = crate::board::GRID;
                let (dx, dy) = match key {
                    Key::ArrowLeft => (-g, 0.0),
                    Key::ArrowRight => (g, 0.0),
                    Key::ArrowUp => (0.0, -g),
                    _ => (0.0, g),
                };
                edits.push(BoardEdit::Move {
                    ids: view.selection.clone(),
                    dx,
                    dy,
                });
            }
            Key::Num0 => view.fitted = false,
            Key::Plus | Key::Equals => zoom_at(view, &mut t, canvas.center(), 1.25),
            Key::Minus => zoom_at(view, &mut t, canvas.center(), 0.8),
            _ if !modifiers.any() => {
                if let Some((tool, _, _)) = TOOLS.iter().find(|(_, _, k)| *k == key) {
                    view.tool = *tool;
                }
            }
            _ => {}
        }
    }
}

/// The single selected node and its resize handle's position.
fn resize_handle(board: &Board, view: &BoardView, t: Transform) -> Option<(u32, Pos2)> {
    let [id] = view.selection[..] else { return None };
    let rect = board.get(id)?.rect()?;
    Some((id, t.rect(rect).right_bottom()))
}

/// The label being typed, in place over its element; Enter or leaving the field keeps it.
fn label_editor_ui(
    ui: &mut egui::Ui,
    board: &Board,
    t: Transform,
    view: &mut BoardView,
    edits: &mut Vec<BoardEdit>,
    canvas: &egui::Response,
) {
    let Some((id, mut text)) = view.editing.take() else {
        return;
    };
    let area = match board.get(id) {
        Some(element) => match element.rect() {
            Some(rect) => t.rect(rect),
            None => match board.connector_line(element) {
                Some((a, b)) => {
                    let mid = t.to_screen([(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]);
                    ScreenRect::from_center_size(mid, Vec2::new(160.0, 28.0))
                }
                None => ScreenRect::from_center_size(t.canvas.center(), Vec2::new(160.0, 28.0)),
            },
        },
        // A shape placed this frame: edit over the canvas's centre until it is drawn.
        None if board.next_id() <= id => {
            ScreenRect::from_center_size(t.canvas.center(), Vec2::new(160.0, 28.0))
        }
        None => return,
    };
    let area = ScreenRect::from_center_size(area.center(), Vec2::new(area.width().max(140.0), 28.0));
    // An id of its own (not the next automatic one), so the field keeps its focus and its
    // place in the accessibility tree however the board above it changes.
    let field = canvas.id.with("label");
    let edit = egui::TextEdit::singleline(&mut text)
        .id(field)
        .hint_text("Label")
        .align(egui::Align2::CENTER_CENTER);
    let response = ui.put(area, edit);
    crate::app::widgets::a11y::name_widget(&response, "Label");
    // Enter or Escape only answer the field once it has been typed in: the Enter that opened
    // it (on the canvas) arrives in the same frame and must not close it at once.
    let typing = ui.memory(|m| m.had_focus_last_frame(field));
    if !response.has_focus() && !response.lost_focus() {
        response.request_focus();
        // The whole label is selected, so typing replaces it.
        let mut state = egui::TextEdit::load_state(ui.ctx(), response.id).unwrap_or_default();
        let all = egui::text::CCursorRange::two(
            egui::text::CCursor::new(0),
            egui::text::CCursor::new(text.chars().count()),
        );
        state.cursor.set_char_range(Some(all));
        state.store(ui.ctx(), response.id);
    }
    let (enter, escape) = ui.input(|i| (i.key_pressed(egui::Key::Enter), i.key_pressed(egui::Key::Escape)));
    let (enter, escape) = (enter && typing, escape && typing);
    if escape {
        canvas.request_focus();
        return;
    }
    if enter || response.lost_focus() {
        if board.get(id).is_none_or(|e| e.label != text) {
            edits.push(BoardEdit::SetLabel { id, label: text });
        }
        canvas.request_focus();
        return;
    }
    view.editing = Some((id, text));
}

/// A team card's manager and headcount, when one team card is selected.
fn properties_ui(ui: &mut egui::Ui, board: &Board, view: &BoardView, edits: &mut Vec<BoardEdit>) {
    let [id] = view.selection[..] else { return };
    let Some(NodeKind::Team { em, headcount }) = board.get(id).and_then(Element::node) else {
        return;
    };
    ui.horizontal(|ui| {
        let label = ui.label("Engineering manager");
        let mut name = em.clone();
        if ui.text_edit_singleline(&mut name).labelled_by(label.id).changed() {
            edits.push(BoardEdit::SetTeam {
                id,
                em: name,
                headcount: *headcount,
            });
        }
        let label = ui.label("Headcount");
        let mut count = *headcount;
        if ui
            .add(egui::DragValue::new(&mut count).range(0..=500))
            .labelled_by(label.id)
            .changed()
        {
            edits.push(BoardEdit::SetTeam {
                id,
                em: em.clone(),
                headcount: count,
            });
        }
    });
}

/// The colours of the board in the current theme.
struct Colours {
    ink: Color32,
    muted: Color32,
    line: Color32,
    fill: Color32,
    grid: Color32,
    selected: Color32,
    team: Color32,
    store: Color32,
}

impl Colours {
    fn of(ui: &egui::Ui) -> Self {
        let palette = Palette::current(ui);
        let visuals = ui.visuals();
        Self {
            // Labels in the strong text colour: the plain one is too faint on a card in dark.
            ink: visuals.strong_text_color(),
            muted: palette.muted,
            line: palette.accent,
            fill: palette.card,
            grid: palette.phase_todo,
            selected: palette.warn,
            team: palette.ok,
            // A tint of the phase colour, so that a store's label reads in light and dark.
            store: palette.card.lerp_to_gamma(palette.phase_done, 0.4),
        }
    }
}

fn paint(ui: &egui::Ui, board: &Board, view: &BoardView, t: Transform, canvas: ScreenRect) {
    let colours = Colours::of(ui);
    let painter = ui.painter_at(canvas);
    painter.rect_filled(canvas, CornerRadius::same(4), colours.fill.gamma_multiply(0.5));
    grid(&painter, t, colours.grid);
    let drag_offset = match (&view.drag, ui.input(|i| i.pointer.interact_pos())) {
        (Drag::Move { start }, Some(now)) => (now - *start) / t.zoom,
        _ => Vec2::ZERO,
    };
    let moved = |id: u32| {
        if view.selection.contains(&id) {
            drag_offset
        } else {
            Vec2::ZERO
        }
    };
    let font = FontId::proportional((14.0 * t.zoom).clamp(6.0, 40.0));
    for element in board.elements() {
        let selected = view.selection.contains(&element.id);
        match &element.shape {
            Shape::Node { node, rect } => {
                let d = moved(element.id);
                let r = t.rect(Rect::new(rect.x + d.x, rect.y + d.y, rect.w, rect.h));
                if painter.clip_rect().intersects(r) {
                    node_shape(&painter, node, r, &element.label, &font, &colours, t.zoom);
                }
                if selected {
                    painter.rect_stroke(
                        r.expand(3.0),
                        CornerRadius::same(4),
                        Stroke::new(2.0, colours.selected),
                        egui::StrokeKind::Outside,
                    );
                    painter.rect_filled(
                        ScreenRect::from_center_size(r.right_bottom(), Vec2::splat(8.0)),
                        CornerRadius::ZERO,
                        colours.selected,
                    );
                }
            }
            Shape::Connector { from, to } => {
                let (Some(a), Some(b)) = (
                    board.get(*from).and_then(Element::outline),
                    board.get(*to).and_then(Element::outline),
                ) else {
                    continue;
                };
                let (da, db) = (moved(*from), moved(*to));
                let a = Rect::new(a.x + da.x, a.y + da.y, a.w, a.h);
                let b = Rect::new(b.x + db.x, b.y + db.y, b.w, b.h);
                let (p, q) = (
                    t.to_screen(a.border_towards(b.centre())),
                    t.to_screen(b.border_towards(a.centre())),
                );
                // An arrow wholly outside the view is not drawn.
                if !painter
                    .clip_rect()
                    .intersects(ScreenRect::from_two_pos(p, q).expand(8.0))
                {
                    continue;
                }
                let colour = if selected { colours.selected } else { colours.line };
                arrow(&painter, p, q, Stroke::new(2.0, colour));
                if !element.label.is_empty() {
                    let mid = p + (q - p) / 2.0;
                    let galley = painter.layout_no_wrap(element.label.clone(), font.clone(), colours.muted);
                    let back = ScreenRect::from_center_size(mid, galley.size() + Vec2::splat(4.0));
                    painter.rect_filled(back, CornerRadius::same(3), ui.visuals().extreme_bg_color);
                    painter.galley(back.min + Vec2::splat(2.0), galley, colours.muted);
                }
            }
            Shape::Stroke { points } => {
                let d = moved(element.id);
                let line: Vec<Pos2> = points
                    .iter()
                    .map(|p| t.to_screen([p[0] + d.x, p[1] + d.y]))
                    .collect();
                let colour = if selected { colours.selected } else { colours.ink };
                painter.add(egui::Shape::line(line, Stroke::new(2.0, colour)));
            }
        }
    }
    match &view.drag {
        Drag::Marquee { start } => {
            if let Some(now) = ui.input(|i| i.pointer.interact_pos()) {
                painter.rect_stroke(
                    ScreenRect::from_two_pos(*start, now),
                    CornerRadius::ZERO,
                    Stroke::new(1.0, colours.selected),
                    egui::StrokeKind::Middle,
                );
            }
        }
        Drag::Arrow { from } => {
            if let (Some(rect), Some(now)) = (
                board.get(*from).and_then(Element::rect),
                ui.input(|i| i.pointer.interact_pos()),
            ) {
                arrow(
                    &painter,
                    t.rect(rect).center(),
                    now,
                    Stroke::new(2.0, colours.selected),
                );
            }
        }
        Drag::Pen { points } => {
            let line: Vec<Pos2> = points.iter().map(|p| t.to_screen(*p)).collect();
            painter.add(egui::Shape::line(line, Stroke::new(2.0, colours.ink)));
        }
        Drag::Resize { .. } | Drag::Move { .. } | Drag::None => {}
    }
}

/// The grid's dots, never closer than 12 points apart (every fifth or 25th dot when zoomed
/// out), as one mesh: a shape each would cost more than the board itself.
fn grid(painter: &egui::Painter, t: Transform, colour: Color32) {
    let mut step = crate::board::GRID * t.zoom;
    if step <= 0.0 || !step.is_finite() {
        return;
    }
    while step < 12.0 {
        step *= 5.0;
    }
    let start = t.to_screen([0.0, 0.0]);
    let c = t.canvas;
    let first_x = c.left() + (start.x - c.left()).rem_euclid(step);
    let first_y = c.top() + (start.y - c.top()).rem_euclid(step);
    let mut dots = egui::Mesh::default();
    let mut x = first_x;
    while x < c.right() {
        let mut y = first_y;
        while y < c.bottom() {
            dots.add_colored_rect(
                ScreenRect::from_center_size(Pos2::new(x, y), Vec2::splat(1.5)),
                colour,
            );
            y += step;
        }
        x += step;
    }
    painter.add(egui::Shape::mesh(dots));
}

fn arrow(painter: &egui::Painter, from: Pos2, to: Pos2, stroke: Stroke) {
    painter.line_segment([from, to], stroke);
    let dir = (to - from).normalized();
    if dir.is_finite() {
        let back = to - dir * 10.0;
        let side = dir.rot90() * 5.0;
        painter.add(egui::Shape::convex_polygon(
            vec![to, back + side, back - side],
            stroke.color,
            Stroke::NONE,
        ));
    }
}

fn node_shape(
    painter: &egui::Painter,
    node: &NodeKind,
    r: ScreenRect,
    label: &str,
    font: &FontId,
    c: &Colours,
    zoom: f32,
) {
    let outline = Stroke::new(1.5, c.line);
    let text_at = |pos: Pos2, text: &str, colour: Color32| {
        if !text.is_empty() {
            painter.text(pos, egui::Align2::CENTER_CENTER, text, font.clone(), colour);
        }
    };
    match node {
        NodeKind::Service => {
            painter.rect(
                r,
                CornerRadius::same(6),
                c.fill,
                outline,
                egui::StrokeKind::Inside,
            );
            text_at(r.center(), label, c.ink);
        }
        NodeKind::Queue => {
            painter.rect(
                r,
                CornerRadius::same(2),
                c.fill,
                outline,
                egui::StrokeKind::Inside,
            );
            for i in 1..4 {
                let x = r.right() - 10.0 * zoom * i as f32;
                painter.line_segment([Pos2::new(x, r.top()), Pos2::new(x, r.bottom())], outline);
            }
            text_at(r.center() - Vec2::new(15.0 * zoom, 0.0), label, c.ink);
        }
        NodeKind::Database => {
            let ry = (r.height() * 0.12).min(14.0 * zoom);
            let body = ScreenRect::from_min_max(
                Pos2::new(r.left(), r.top() + ry),
                Pos2::new(r.right(), r.bottom() - ry),
            );
            let radius = Vec2::new(r.width() / 2.0, ry);
            painter.add(egui::Shape::ellipse_filled(
                Pos2::new(r.center().x, r.bottom() - ry),
                radius,
                c.store,
            ));
            painter.add(egui::Shape::ellipse_stroke(
                Pos2::new(r.center().x, r.bottom() - ry),
                radius,
                outline,
            ));
            painter.rect_filled(body, CornerRadius::ZERO, c.store);
            painter.line_segment([body.left_top(), body.left_bottom()], outline);
            painter.line_segment([body.right_top(), body.right_bottom()], outline);
            painter.add(egui::Shape::ellipse_filled(
                Pos2::new(r.center().x, r.top() + ry),
                radius,
                c.store,
            ));
            painter.add(egui::Shape::ellipse_stroke(
                Pos2::new(r.center().x, r.top() + ry),
                radius,
                outline,
            ));
            text_at(r.center() + Vec2::new(0.0, ry / 2.0), label, c.ink);
        }
        NodeKind::External => {
            let radius = (r.height().min(r.width()) / 2.0).min(255.0) as u8;
            painter.rect(
                r,
                CornerRadius::same(radius),
                c.fill,
                Stroke::new(1.5, c.muted),
                egui::StrokeKind::Inside,
            );
            text_at(r.center(), label, c.ink);
        }
        NodeKind::Client => {
            let head = (r.width().min(r.height()) * 0.18).max(4.0);
            let centre = Pos2::new(r.center().x, r.top() + head + 2.0);
            painter.circle(centre, head, c.fill, Stroke::new(1.5, c.team));
            let body = ScreenRect::from_center_size(
                Pos2::new(r.center().x, centre.y + head * 2.2),
                Vec2::new(head * 3.2, head * 1.8),
            );
            painter.rect(
                body,
                CornerRadius::same((head.min(100.0)) as u8),
                c.fill,
                Stroke::new(1.5, c.team),
                egui::StrokeKind::Inside,
            );
            text_at(
                Pos2::new(r.center().x, r.bottom() - font.size * 0.5),
                label,
                c.ink,
            );
        }
        NodeKind::Team { em, headcount } => {
            painter.rect(
                r,
                CornerRadius::same(6),
                c.fill,
                Stroke::new(1.5, c.team),
                egui::StrokeKind::Inside,
            );
            text_at(Pos2::new(r.center().x, r.top() + r.height() * 0.28), label, c.ink);
            if !em.is_empty() {
                text_at(
                    Pos2::new(r.center().x, r.top() + r.height() * 0.55),
                    &format!("EM: {em}"),
                    c.muted,
                );
            }
            let people = if *headcount == 1 {
                "1 person".to_owned()
            } else {
                format!("{headcount} people")
            };
            text_at(
                Pos2::new(r.center().x, r.top() + r.height() * 0.8),
                &people,
                c.muted,
            );
        }
        NodeKind::Text => text_at(r.center(), label, c.ink),
    }
}

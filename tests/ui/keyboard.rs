//! Full keyboard navigation: Tab visits every widget on the screen in reading order (row by
//! row, left to right), comes back round without a trap, and the focused widget is drawn with
//! a stroke that was not there before it had focus, in the light and the dark theme.

use eframe::egui::{self, Color32, Key, Rgba, Shape, Stroke, Theme};
use panelist::app::{Settings, ThemeChoice};

use egui_kittest::kittest::Queryable;

use crate::harness::{TestApp, open_app};
use crate::tree::{Seen, focused, is_interactive, nodes};

/// Two widgets whose centres are this close vertically sit on one row.
const ROW_TOLERANCE: f32 = 6.0;
/// More Tab presses than this without coming back to the first widget is a trap.
const MAX_PRESSES: usize = 150;

fn app_in(theme: ThemeChoice) -> TestApp {
    let data = tempfile::tempdir().expect("temp");
    open_app(
        data,
        Settings {
            welcomed: true,
            theme,
            ..Settings::default()
        },
    )
}

fn key(node: &Seen) -> (String, String) {
    (format!("{:?}", node.role), node.name.clone().unwrap_or_default())
}

/// Every stroke painted inside `rect` (a widget's frame, a check box, a slider's handle…).
fn strokes_inside(app: &TestApp, rect: egui::Rect) -> Vec<Stroke> {
    fn collect(shape: &Shape, rect: egui::Rect, out: &mut Vec<Stroke>) {
        let inside = rect.expand(3.0).contains_rect(shape.visual_bounding_rect());
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, rect, out)),
            Shape::Rect(r) if inside => out.push(r.stroke),
            Shape::Circle(c) if inside => out.push(c.stroke),
            Shape::LineSegment { stroke, .. } if inside => out.push(*stroke),
            Shape::Path(p) if inside => {
                if let egui::epaint::ColorMode::Solid(color) = p.stroke.color {
                    out.push(Stroke::new(p.stroke.width, color));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &app.harness.output().shapes {
        collect(&clipped.shape, rect, &mut out);
    }
    out.retain(|s| s.width > 0.0 && s.color.a() > 0);
    out
}

/// WCAG relative luminance of an opaque colour.
fn luminance(color: Color32) -> f32 {
    let linear = Rgba::from(color);
    0.2126 * linear.r() + 0.7152 * linear.g() + 0.0722 * linear.b()
}

/// WCAG contrast ratio, 1 to 21.
fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The widgets Tab visits from nothing focused until it comes back to the first, checking at
/// each stop that the focused widget is drawn with a visible stroke it did not have before.
fn tab_cycle(app: &mut TestApp, screen: &str) -> Vec<Seen> {
    app.harness.remove_cursor();
    app.run();
    // a new screen puts the focus on its title, for a screen reader: start from nothing
    if let Some(title) = focused(&app.harness).filter(|n| n.role == egui::Role::Heading) {
        assert!(title.name.is_some(), "{screen}: the focused title has no name");
        app.harness.ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
        app.run();
    }
    assert!(
        focused(&app.harness).is_none(),
        "{screen}: something has focus already"
    );
    let before: Vec<(Seen, Vec<Stroke>)> = nodes(&app.harness)
        .into_iter()
        .filter(|n| is_interactive(n.role))
        .map(|n| {
            let strokes = strokes_inside(app, n.rect);
            (n, strokes)
        })
        .collect();
    let panel = app.harness.ctx.global_style().visuals.panel_fill;
    let mut cycle: Vec<Seen> = Vec::new();
    for _ in 0..MAX_PRESSES {
        app.harness.key_press(Key::Tab);
        app.run();
        let now = focused(&app.harness).unwrap_or_else(|| {
            panic!(
                "{screen}: Tab left nothing focused after {:?}",
                cycle.last().map(key)
            )
        });
        if cycle.first().is_some_and(|first| key(first) == key(&now)) {
            return cycle;
        }
        let unfocused = before
            .iter()
            .find(|(n, _)| key(n) == key(&now))
            .map(|(_, strokes)| strokes.clone())
            .unwrap_or_default();
        let ring: Vec<Stroke> = strokes_inside(app, now.rect)
            .into_iter()
            .filter(|s| !unfocused.contains(s))
            .collect();
        assert!(
            ring.iter()
                .any(|s| s.width >= 1.0 && contrast(s.color, panel) >= 3.0),
            "{screen}: focused {:?} {:?} is drawn without a visible focus stroke (new strokes: {ring:?})",
            now.role,
            now.name
        );
        assert!(
            !cycle.iter().any(|seen| key(seen) == key(&now)),
            "{screen}: Tab came back to {:?} before returning to the first widget",
            now.name
        );
        cycle.push(now);
    }
    panic!("{screen}: Tab never came back to the first widget in {MAX_PRESSES} presses (a trap?)");
}

/// Asserts that `cycle` goes row by row, top to bottom, left to right within a row, using the
/// rects of the widgets before any focus moved, and that it reached every enabled widget.
fn assert_reading_order(app: &TestApp, screen: &str, cycle: &[Seen]) {
    let layout: Vec<Seen> = nodes(&app.harness)
        .into_iter()
        .filter(|n| is_interactive(n.role))
        .collect();
    let rect_of = |seen: &Seen| {
        layout
            .iter()
            .find(|n| key(n) == key(seen))
            .map_or(seen.rect, |n| n.rect)
    };
    for pair in cycle.windows(2) {
        let (a, b) = (rect_of(&pair[0]), rect_of(&pair[1]));
        let same_row = (a.center().y - b.center().y).abs() <= ROW_TOLERANCE;
        let in_order = if same_row {
            b.left() >= a.left() - ROW_TOLERANCE
        } else {
            b.center().y > a.center().y
        };
        assert!(
            in_order,
            "{screen}: Tab goes from {:?} at {a:?} to {:?} at {b:?}, against reading order",
            pair[0].name, pair[1].name
        );
    }
    let missed: Vec<String> = layout
        .iter()
        .filter(|n| !n.disabled)
        .filter(|n| !cycle.iter().any(|seen| key(seen) == key(n)))
        .map(|n| format!("{:?} {:?}", n.role, n.name))
        .collect();
    assert!(
        missed.is_empty(),
        "{screen}: Tab never reaches:\n{}",
        missed.join("\n")
    );
}

fn check_screen(app: &mut TestApp, screen: &str, first: &str, last: &str) {
    let cycle = tab_cycle(app, screen);
    assert!(
        cycle.len() >= 5,
        "{screen}: only {} widgets take focus",
        cycle.len()
    );
    assert_eq!(
        cycle.first().and_then(|n| n.name.as_deref()),
        Some(first),
        "{screen}: the first stop"
    );
    assert_eq!(
        cycle.last().and_then(|n| n.name.as_deref()),
        Some(last),
        "{screen}: the last stop"
    );
    assert_reading_order(app, screen, &cycle);
}

#[test]
fn tab_follows_reading_order_on_home() {
    for theme in [ThemeChoice::Light, ThemeChoice::Dark] {
        let mut app = app_in(theme);
        check_screen(&mut app, &format!("Home ({theme:?})"), "Home", "Join a panel");
    }
}

#[test]
fn tab_follows_reading_order_on_settings() {
    for theme in [ThemeChoice::Light, ThemeChoice::Dark] {
        // tall enough that the whole page shows: positions are compared in one layout, and
        // a page scrolled by Tab would move its first controls above the top bar
        let data = tempfile::tempdir().expect("temp");
        let settings = Settings {
            welcomed: true,
            theme,
            ..Settings::default()
        };
        let mut app = crate::harness::open_app_sized(data, settings, [1200.0, 2000.0]);
        app.click("Settings");
        check_screen(
            &mut app,
            &format!("Settings ({theme:?})"),
            "Home",
            "Restore defaults",
        );
    }
}

#[test]
fn tab_follows_reading_order_on_the_self_assessment() {
    for theme in [ThemeChoice::Light, ThemeChoice::Dark] {
        let mut app = app_in(theme);
        app.click("Full Director loop");
        app.click("Start round");
        app.click("Finish answer");
        assert!(app.sees("How did that go?"));
        check_screen(
            &mut app,
            &format!("Self-assessment ({theme:?})"),
            "Home",
            "End round",
        );
    }
}

#[test]
fn tab_follows_reading_order_on_the_round_setup() {
    let mut app = app_in(ThemeChoice::Light);
    app.click("Full Director loop");
    check_screen(&mut app, "Round setup", "Home", "Interviewer mode");
}

#[test]
fn focus_strokes_are_visible_in_both_themes() {
    let app = app_in(ThemeChoice::System);
    for theme in [Theme::Light, Theme::Dark] {
        let style = app.harness.ctx.style_of(theme);
        let visuals = &style.visuals;
        assert_eq!(visuals.dark_mode, theme == Theme::Dark);
        // buttons, check boxes, radio buttons and slider handles: the active frame
        let focus = visuals.widgets.active.bg_stroke;
        // text fields and number fields: the selection stroke
        let field = visuals.selection.stroke;
        for (what, stroke, against) in [
            ("focus frame on the window", focus, visuals.panel_fill),
            (
                "focus frame on the focused widget",
                focus,
                visuals.widgets.active.weak_bg_fill,
            ),
            ("focused text field on the window", field, visuals.panel_fill),
            (
                "focused text field on its background",
                field,
                visuals.text_edit_bg_color(),
            ),
        ] {
            assert!(stroke.width >= 1.0, "{theme:?}: {what} is {stroke:?}");
            let ratio = contrast(stroke.color, against);
            assert!(
                ratio >= 3.0,
                "{theme:?}: {what}: {:?} against {against:?} has contrast {ratio:.2}, under 3:1",
                stroke.color
            );
        }
        assert_ne!(
            visuals.widgets.active.bg_stroke, visuals.widgets.inactive.bg_stroke,
            "{theme:?}: a focused widget looks like an idle one"
        );
    }
}

/// Presses Tab until the widget named `name` has focus.
fn tab_to(app: &mut TestApp, name: &str) {
    app.harness.remove_cursor();
    for _ in 0..MAX_PRESSES {
        app.harness.key_press(Key::Tab);
        app.run();
        if focused(&app.harness).and_then(|n| n.name).as_deref() == Some(name) {
            return;
        }
    }
    panic!("Tab never reaches {name:?}");
}

#[test]
fn enter_presses_the_focused_button_and_nothing_else() {
    // on the round setup, Enter alone starts the round; on a focused Back it goes back
    let mut app = app_in(ThemeChoice::Light);
    app.click("Full Director loop");
    tab_to(&mut app, "Back");
    app.harness.key_press(Key::Enter);
    app.run();
    assert!(app.sees("Start a round"), "Back went home");
    assert!(
        app.harness.state().state.runner.is_none(),
        "no round was started behind the user's back"
    );

    // on the self-assessment, Enter alone moves on; on a focused score it scores
    let mut app = app_in(ThemeChoice::Light);
    app.click("Full Director loop");
    app.click("Start round");
    app.click("Finish answer");
    let first = app.session().questions[0].question.competencies[0].clone();
    let name = app
        .harness
        .state()
        .state
        .catalog
        .competency_name(&first)
        .to_owned();
    tab_to(&mut app, &format!("{name}: 3 Hire"));
    app.harness.key_press(Key::Enter);
    app.run();
    assert!(app.sees("How did that go?"), "still scoring the same answer");
    let session = app.session();
    assert_eq!(session.current, 0);
    assert_eq!(
        session.questions[0].self_scores.get(&first).map(|s| s.value()),
        Some(3)
    );

    // with nothing focused, Enter is the screen's again
    app.harness.key_press(Key::Escape);
    app.run();
    app.harness.key_press(Key::Enter);
    app.run();
    let session = app.session();
    assert_eq!(session.current, 1, "Enter moved on to the next question");
}

/// The running question has two columns: Tab reads the question's column (follow-ups,
/// scratchpad) top to bottom before the clock's column (pause, finish, skip, end).
#[test]
fn tab_reads_the_question_column_before_the_clock_column() {
    let mut app = app_in(ThemeChoice::Light);
    app.click("Quick question");
    app.click("Start round");
    if app.sees("Start answering") {
        app.click("Start answering");
    }
    assert!(app.sees("Finish answer"), "the answer clock runs");
    let side_left = app.harness.get_by_label("Finish answer").rect().left() - 1.0;
    let top_bar_bottom = app.harness.get_by_label("Home").rect().bottom();
    let cycle = tab_cycle(&mut app, "Running question");
    let body: Vec<&Seen> = cycle.iter().filter(|n| n.rect.top() > top_bar_bottom).collect();
    let in_side = |n: &Seen| n.rect.left() >= side_left;
    let first_side = body
        .iter()
        .position(|n| in_side(n))
        .expect("the clock column takes focus");
    assert!(
        body[..first_side]
            .iter()
            .any(|n| n.name.as_deref() == Some("Scratchpad")),
        "the scratchpad comes before the clock column: {:?}",
        body.iter().map(|n| &n.name).collect::<Vec<_>>()
    );
    assert!(
        body[first_side..].iter().all(|n| in_side(n)),
        "once in the clock column, Tab stays there until the cycle ends: {:?}",
        body.iter().map(|n| &n.name).collect::<Vec<_>>()
    );
    for column in [&body[..first_side], &body[first_side..]] {
        for pair in column.windows(2) {
            assert!(
                pair[1].rect.center().y + ROW_TOLERANCE >= pair[0].rect.center().y,
                "Tab goes up from {:?} to {:?}",
                pair[0].name,
                pair[1].name
            );
        }
    }
}

/// Up and Down choose the competency to score, unless a widget has focus: then they are
/// egui's, and move that focus.
#[test]
fn arrow_keys_choose_the_competency_only_when_nothing_has_focus() {
    let mut app = app_in(ThemeChoice::Light);
    app.click("Full Director loop");
    app.click("Start round");
    app.click("Finish answer");
    let competencies = app.session().questions[0].question.competencies.clone();
    assert!(competencies.len() >= 2, "a question with two competencies");
    let name = app
        .harness
        .state()
        .state
        .catalog
        .competency_name(&competencies[0])
        .to_owned();
    assert_eq!(app.harness.state().view.assess_focus, 0);

    tab_to(&mut app, &format!("{name}: 3 Hire"));
    app.harness.key_press(Key::ArrowDown);
    app.run();
    assert_eq!(
        app.harness.state().view.assess_focus,
        0,
        "a focused widget owns Down"
    );

    app.harness.key_press(Key::Escape);
    app.run();
    app.harness.key_press(Key::ArrowDown);
    app.run();
    assert_eq!(
        app.harness.state().view.assess_focus,
        1,
        "with nothing focused, Down is the screen's"
    );
}

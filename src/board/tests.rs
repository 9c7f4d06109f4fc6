use super::*;

fn add(board: &mut Board, at_ms: u64, node: NodeKind, x: f32, y: f32, label: &str) -> u32 {
    let id = board.next_id();
    let (w, h) = node.default_size();
    let changed = board
        .apply(
            at_ms,
            &BoardEdit::Add {
                node,
                rect: Rect::new(x, y, w, h),
                label: label.to_owned(),
            },
        )
        .expect("add applies");
    assert!(changed);
    id
}

fn connect(board: &mut Board, at_ms: u64, from: u32, to: u32, label: &str) -> u32 {
    let id = board.next_id();
    board
        .apply(
            at_ms,
            &BoardEdit::Connect {
                from,
                to,
                label: label.to_owned(),
            },
        )
        .expect("connect applies");
    id
}

fn two_boxes() -> (Board, u32, u32, u32) {
    let mut board = Board::new();
    let a = add(&mut board, 1_000, NodeKind::Service, 0.0, 0.0, "API");
    let b = add(&mut board, 2_000, NodeKind::Database, 300.0, 0.0, "Orders DB");
    let arrow = connect(&mut board, 3_000, a, b, "writes");
    (board, a, b, arrow)
}

#[test]
fn adding_and_connecting_gives_ids_in_order() {
    let (board, a, b, arrow) = two_boxes();
    assert_eq!((a, b, arrow), (1, 2, 3));
    assert_eq!(board.elements().len(), 3);
    assert_eq!(board.get(b).map(|e| e.label.as_str()), Some("Orders DB"));
    assert_eq!(
        board.get(arrow).map(|e| &e.shape),
        Some(&Shape::Connector { from: a, to: b })
    );
    assert_eq!(board.describe(), "Board: 1 box, 1 database, 1 arrow");
    assert_eq!(board.history().len(), 3);
}

#[test]
fn a_connector_follows_the_box_it_is_attached_to() {
    let (mut board, a, b, arrow) = two_boxes();
    let before = board
        .connector_line(board.get(arrow).expect("arrow"))
        .expect("line");
    board
        .apply(
            4_000,
            &BoardEdit::Move {
                ids: vec![b],
                dx: 0.0,
                dy: 200.0,
            },
        )
        .expect("move");
    let after = board
        .connector_line(board.get(arrow).expect("arrow"))
        .expect("line");
    assert_ne!(before, after);
    // The arrow ends on the moved box's border, facing the other box.
    let moved = board.get(b).and_then(Element::rect).expect("rect");
    assert_eq!(moved.y, 200.0);
    assert!(moved.contains(after.1[0], after.1[1]));
    let source = board.get(a).and_then(Element::rect).expect("rect");
    assert!(source.contains(after.0[0], after.0[1]));
}

#[test]
fn connecting_needs_two_existing_nodes() {
    let (mut board, a, _, arrow) = two_boxes();
    let edit = |from, to| BoardEdit::Connect {
        from,
        to,
        label: String::new(),
    };
    assert_eq!(board.apply(0, &edit(a, a)), Err(BoardError::SameEnds));
    assert_eq!(board.apply(0, &edit(a, 99)), Err(BoardError::NoElement(99)));
    assert_eq!(board.apply(0, &edit(a, arrow)), Err(BoardError::NotANode(arrow)));
    assert_eq!(board.history().len(), 3, "failed edits stay out of the history");
}

#[test]
fn deleting_a_box_deletes_its_arrows_and_undo_brings_both_back() {
    let (mut board, a, b, arrow) = two_boxes();
    let full = board.clone();
    board
        .apply(5_000, &BoardEdit::Delete { ids: vec![a] })
        .expect("delete");
    assert!(board.get(a).is_none());
    assert!(board.get(arrow).is_none(), "the arrow went with its box");
    assert!(board.get(b).is_some());
    assert!(board.apply(6_000, &BoardEdit::Undo).expect("undo"));
    assert_eq!(board.elements(), full.elements());
    assert!(board.apply(7_000, &BoardEdit::Redo).expect("redo"));
    assert_eq!(board.elements().len(), 1);
}

#[test]
fn undo_and_redo_walk_back_and_forth_and_a_new_edit_clears_redo() {
    let (mut board, a, _, _) = two_boxes();
    board
        .apply(
            4_000,
            &BoardEdit::SetLabel {
                id: a,
                label: "Gateway".into(),
            },
        )
        .expect("label");
    board.apply(5_000, &BoardEdit::Undo).expect("undo");
    assert_eq!(board.get(a).map(|e| e.label.as_str()), Some("API"));
    board.apply(5_500, &BoardEdit::Undo).expect("undo");
    assert_eq!(board.elements().len(), 2, "the arrow is undone");
    assert!(board.can_redo());
    board.apply(6_000, &BoardEdit::Redo).expect("redo");
    assert_eq!(board.elements().len(), 3);
    add(&mut board, 7_000, NodeKind::Queue, 0.0, 200.0, "Events");
    assert!(!board.can_redo());
    assert!(
        !board.apply(7_500, &BoardEdit::Redo).expect("redo"),
        "nothing to redo"
    );
}

#[test]
fn undo_is_bounded() {
    let mut board = Board::new();
    for i in 0..(UNDO_LIMIT + 20) {
        add(&mut board, i as u64, NodeKind::Service, 0.0, 0.0, "x");
    }
    let mut undone = 0;
    while board.apply(0, &BoardEdit::Undo).expect("undo") {
        undone += 1;
    }
    assert_eq!(undone, UNDO_LIMIT);
    assert_eq!(board.elements().len(), 20);
}

#[test]
fn resize_keeps_a_minimum_and_moves_shift_strokes() {
    let (mut board, a, _, _) = two_boxes();
    board
        .apply(
            0,
            &BoardEdit::Resize {
                id: a,
                rect: Rect::new(0.0, 0.0, 2.0, 300.0),
            },
        )
        .expect("resize");
    assert_eq!(
        board.get(a).and_then(Element::rect),
        Some(Rect::new(0.0, 0.0, MIN_SIZE, 300.0))
    );
    let stroke = board.next_id();
    board
        .apply(
            0,
            &BoardEdit::Stroke {
                points: vec![[0.0, 0.0], [10.0, 5.0]],
            },
        )
        .expect("stroke");
    board
        .apply(
            0,
            &BoardEdit::Move {
                ids: vec![stroke],
                dx: 1.0,
                dy: 2.0,
            },
        )
        .expect("move");
    assert_eq!(
        board.get(stroke).map(|e| &e.shape),
        Some(&Shape::Stroke {
            points: vec![[1.0, 2.0], [11.0, 7.0]]
        })
    );
    assert_eq!(
        board.apply(
            0,
            &BoardEdit::Stroke {
                points: vec![[0.0, 0.0]]
            }
        ),
        Err(BoardError::ShortStroke)
    );
    assert_eq!(
        board.apply(
            0,
            &BoardEdit::Move {
                ids: vec![a],
                dx: f32::NAN,
                dy: 0.0
            }
        ),
        Err(BoardError::NotFinite)
    );
}

#[test]
fn duplicate_copies_nodes_and_the_arrows_between_them() {
    let (mut board, a, b, _) = two_boxes();
    let first = board.next_id();
    board
        .apply(
            0,
            &BoardEdit::Duplicate {
                ids: vec![a, b],
                dx: 20.0,
                dy: 20.0,
            },
        )
        .expect("duplicate");
    assert_eq!(board.elements().len(), 6);
    assert_eq!(
        board.get(first + 2).map(|e| (&e.shape, e.label.as_str())),
        Some((
            &Shape::Connector {
                from: first,
                to: first + 1
            },
            "writes"
        ))
    );
    assert_eq!(
        board.get(first).and_then(Element::rect).map(|r| (r.x, r.y)),
        Some((20.0, 20.0))
    );
}

#[test]
fn team_cards_carry_their_manager_and_headcount() {
    let mut board = Board::new();
    let team = add(
        &mut board,
        0,
        NodeKind::Team {
            em: String::new(),
            headcount: 0,
        },
        0.0,
        0.0,
        "Payments",
    );
    let text = add(&mut board, 0, NodeKind::Text, 0.0, 100.0, "note");
    board
        .apply(
            0,
            &BoardEdit::SetTeam {
                id: team,
                em: "Asha".into(),
                headcount: 7,
            },
        )
        .expect("team");
    assert_eq!(
        board.get(team).and_then(Element::node),
        Some(&NodeKind::Team {
            em: "Asha".into(),
            headcount: 7
        })
    );
    assert_eq!(
        board.apply(
            0,
            &BoardEdit::SetTeam {
                id: text,
                em: "x".into(),
                headcount: 1
            }
        ),
        Err(BoardError::NotATeam(text))
    );
}

#[test]
fn templates_replace_the_board_and_can_be_undone() {
    let (mut board, _, _, _) = two_boxes();
    board
        .apply(
            9_000,
            &BoardEdit::ApplyTemplate {
                template: Template::OrgChart,
            },
        )
        .expect("template");
    assert_eq!(board.describe(), "Board: 4 people, 3 teams, 6 arrows");
    board.apply(9_500, &BoardEdit::Undo).expect("undo");
    assert_eq!(board.describe(), "Board: 1 box, 1 database, 1 arrow");
    let three_tier = Board::from_template(Template::ThreeTier);
    assert_eq!(
        three_tier.describe(),
        "Board: 1 person, 4 boxes, 1 database, 1 queue, 1 external system, 7 arrows"
    );
    assert!(Board::from_template(Template::Empty).is_empty());
}

#[test]
fn arrows_leave_a_person_clear_of_a_caption_wider_than_the_figure() {
    // The org chart's director has a caption about twice as wide as the figure; the
    // arrows to the managers used to start inside it.
    let mut board = Board::from_template(Template::OrgChart);
    let person = add(
        &mut board,
        1_000,
        NodeKind::Client,
        0.0,
        400.0,
        "Head of Platform Engineering",
    );
    let below = add(&mut board, 2_000, NodeKind::Service, -300.0, 560.0, "Below left");
    connect(&mut board, 3_000, person, below, "");
    let mut checked = 0;
    for element in board.elements() {
        let Some((start, end)) = board.connector_line(element) else {
            continue;
        };
        let Shape::Connector { from, to } = element.shape else {
            continue;
        };
        for id in [from, to] {
            let node = board.get(id).expect("a node");
            let rect = node.rect().expect("a rectangle");
            let width = node.label.chars().count() as f32 * 7.0;
            // Where the caption is written: centred, just above the bottom edge.
            let caption = Rect::new(rect.centre()[0] - width / 2.0, rect.bottom() - 16.0, width, 15.0);
            for step in 0..=100 {
                let t = step as f32 / 100.0;
                let p = [
                    start[0] + (end[0] - start[0]) * t,
                    start[1] + (end[1] - start[1]) * t,
                ];
                assert!(
                    !caption.contains(p[0], p[1]),
                    "the arrow {start:?} → {end:?} crosses the caption {:?} at {p:?}",
                    node.label
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 14, "seven arrows, two ends each");
    // The caption is part of the drawing: an SVG or a PDF of the board holds all of it.
    let mut alone = Board::new();
    let id = add(
        &mut alone,
        1_000,
        NodeKind::Client,
        0.0,
        0.0,
        "Head of Platform Engineering",
    );
    let outline = alone.get(id).and_then(Element::outline).expect("an outline");
    assert!(outline.w > 200.0 && outline.x < -60.0, "{outline:?}");
    assert_eq!(alone.bounds(), Some(outline));
    // A caption that fits under the figure changes nothing.
    let short = board
        .get(person)
        .map(|e| Element {
            label: "Ana".into(),
            ..e.clone()
        })
        .expect("a node");
    assert_eq!(short.outline(), short.rect());
}

#[test]
fn replay_at_a_time_gives_the_board_as_it_stood_then() {
    let mut board = Board::new();
    let mut states = Vec::new();
    let a = add(&mut board, 1_000, NodeKind::Service, 0.0, 0.0, "A");
    states.push((1_000, board.clone()));
    let b = add(&mut board, 2_000, NodeKind::Service, 200.0, 0.0, "B");
    states.push((2_000, board.clone()));
    connect(&mut board, 3_000, a, b, "");
    states.push((3_000, board.clone()));
    board
        .apply(
            4_000,
            &BoardEdit::Move {
                ids: vec![a],
                dx: 40.0,
                dy: 0.0,
            },
        )
        .expect("move");
    states.push((4_000, board.clone()));
    board.apply(5_000, &BoardEdit::Undo).expect("undo");
    states.push((5_000, board.clone()));
    board
        .apply(6_000, &BoardEdit::Delete { ids: vec![b] })
        .expect("delete");
    states.push((6_000, board.clone()));

    assert!(board.at(999).is_empty());
    for (at, expected) in &states {
        assert_eq!(&board.at(*at), expected, "at {at} ms");
        assert_eq!(
            &board.at(at + 999),
            expected,
            "just before the next edit after {at} ms"
        );
    }
    assert_eq!(board.at(u64::MAX), board);
}

#[test]
fn hit_testing_finds_the_topmost_element() {
    let (board, a, b, arrow) = two_boxes();
    assert_eq!(board.hit(10.0, 10.0, 4.0), Some(a));
    assert_eq!(board.hit(310.0, 10.0, 4.0), Some(b));
    // The arrow runs between the boxes along y = 30 (the API box is 60 high, the store 80).
    let (start, end) = board
        .connector_line(board.get(arrow).expect("arrow"))
        .expect("line");
    let mid = [(start[0] + end[0]) / 2.0, (start[1] + end[1]) / 2.0];
    assert_eq!(board.hit(mid[0], mid[1] + 2.0, 4.0), Some(arrow));
    assert_eq!(board.hit(1000.0, 1000.0, 4.0), None);
    assert_eq!(board.inside(Rect::new(-5.0, -5.0, 150.0, 70.0)), vec![a]);
}

#[test]
fn a_board_round_trips_through_ron_with_its_undo_history() {
    let (mut board, a, _, _) = two_boxes();
    board
        .apply(
            4_000,
            &BoardEdit::Move {
                ids: vec![a],
                dx: 10.0,
                dy: 0.0,
            },
        )
        .expect("move");
    let text = ron::to_string(&board).expect("serialises");
    let mut back: Board = BoardSlot::from_value(ron::from_str(&text).expect("value"))
        .board()
        .cloned()
        .expect("readable");
    assert_eq!(back, board);
    assert!(
        back.apply(5_000, &BoardEdit::Undo).expect("undo"),
        "undo survives a reload"
    );
    assert_eq!(back.get(a).and_then(Element::rect).map(|r| r.x), Some(0.0));
}

#[test]
fn a_board_that_cannot_be_read_is_kept_as_found() {
    let raw: ron::Value =
        ron::from_str(r#"(format: 1, elements: [(id: "one")], history: 7)"#).expect("value");
    let slot = BoardSlot::from_value(raw.clone());
    let BoardSlot::Unreadable(kept) = &slot else {
        panic!("read a broken board: {slot:?}");
    };
    assert_eq!(kept.raw, raw);
    assert!(!kept.error.is_empty());
    // Written back unchanged.
    let again: ron::Value = ron::from_str(&ron::to_string(&slot).expect("serialises")).expect("value");
    assert_eq!(again, raw);

    let newer: ron::Value = ron::from_str("(format: 9, elements: [], history: [])").expect("value");
    let BoardSlot::Unreadable(kept) = BoardSlot::from_value(newer) else {
        panic!("read a newer board");
    };
    assert!(kept.error.contains("newer"), "{}", kept.error);
}

#[test]
fn snapping_rounds_to_the_grid() {
    assert_eq!(snap(29.0), 20.0);
    assert_eq!(snap(31.0), 40.0);
    assert_eq!(snap(-11.0), -20.0);
}

//! The whiteboard kept with a session: through the session file, read leniently when
//! broken, written as SVG (checked with an XML parser and against golden files) and
//! exported by `panelist export --format svg`.

#[path = "common/demo_history.rs"]
mod demo_history;

use std::path::Path;

use clap::Parser;
use panelist::board::svg::board_svg;
use panelist::board::{Board, BoardEdit, BoardSlot, NodeKind, Rect, Template};
use panelist::cli::{Cli, run};
use panelist::paths::DataDir;
use panelist::session::{EditError, Session, SessionEdit};
use panelist::store::{SessionStore, session_from_ron, session_to_ron};

/// A small system design: a client, a service with a database behind it, an arrow each.
fn design() -> Board {
    let mut board = Board::new();
    let edits = [
        BoardEdit::Add {
            node: NodeKind::Client,
            rect: Rect::new(0.0, 0.0, 80.0, 80.0),
            label: "Riders".into(),
        },
        BoardEdit::Add {
            node: NodeKind::Service,
            rect: Rect::new(200.0, 10.0, 140.0, 60.0),
            label: "Trips API".into(),
        },
        BoardEdit::Add {
            node: NodeKind::Database,
            rect: Rect::new(220.0, 160.0, 100.0, 80.0),
            label: "Trips <primary> & \"replica\"".into(),
        },
        BoardEdit::Connect {
            from: 1,
            to: 2,
            label: "HTTPS".into(),
        },
        BoardEdit::Connect {
            from: 2,
            to: 3,
            label: String::new(),
        },
        BoardEdit::Stroke {
            points: vec![[0.0, 200.0], [40.0, 220.0], [80.0, 200.0]],
        },
    ];
    for (i, edit) in edits.iter().enumerate() {
        assert!(board.apply(1_000 * (i as u64 + 1), edit).expect("applies"));
    }
    board
}

fn session_with_board() -> Session {
    let catalog = demo_history::sample_catalog();
    let mut session = demo_history::golden_solo(&catalog);
    let question = session.questions[0].global_id.clone();
    for stamped in design().history() {
        session
            .apply(
                &SessionEdit::Board {
                    question: question.clone(),
                    at_ms: stamped.at_ms,
                    edit: stamped.edit.clone(),
                },
                session.updated,
            )
            .expect("board edit");
    }
    session
}

#[test]
fn a_board_round_trips_through_the_session_file() {
    let session = session_with_board();
    let text = session_to_ron(&session).expect("encodes");
    let back = session_from_ron(Path::new("s.ron"), &text).expect("reads");
    assert_eq!(back, session);
    assert_eq!(back.questions[0].board(), Some(&design()));
    assert!(back.questions[1].board.is_none());
    assert!(
        !text.contains("board: None"),
        "questions without a board write nothing"
    );
}

#[test]
fn a_broken_board_leaves_the_session_readable_and_is_kept_as_found() {
    let session = session_with_board();
    let text = session_to_ron(&session).expect("encodes");
    // Break the board: an arrow's `from` becomes text.
    let broken = text.replacen("from: 1,", "from: \"one\",", 1);
    assert_ne!(broken, text);
    let read = session_from_ron(Path::new("s.ron"), &broken).expect("the session still reads");
    assert_eq!(read.title, session.title);
    assert_eq!(read.questions[0].scratchpad, session.questions[0].scratchpad);
    let problems = read.unreadable_boards();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, session.questions[0].global_id);
    // Edits to it are refused, and saving writes it back as it was found.
    let mut edited = read.clone();
    let refused = edited.apply(
        &SessionEdit::Board {
            question: session.questions[0].global_id.clone(),
            at_ms: 0,
            edit: BoardEdit::Undo,
        },
        session.updated,
    );
    assert!(
        matches!(refused, Err(EditError::BoardUnreadable(_))),
        "{refused:?}"
    );
    let again =
        session_from_ron(Path::new("s.ron"), &session_to_ron(&read).expect("encodes")).expect("reads");
    let (Some(BoardSlot::Unreadable(first)), Some(BoardSlot::Unreadable(second))) =
        (&read.questions[0].board, &again.questions[0].board)
    else {
        panic!("the broken board was not kept");
    };
    assert_eq!(first.raw, second.raw);
}

#[test]
fn board_edits_through_the_session_save_now_or_soon() {
    let mut session = session_with_board();
    let question = session.questions[0].global_id.clone();
    let edit = |edit| SessionEdit::Board {
        question: question.clone(),
        at_ms: 9_000,
        edit,
    };
    let now = session.updated;
    use panelist::session::Saving;
    assert_eq!(
        session.apply(
            &edit(BoardEdit::SetLabel {
                id: 2,
                label: "Trips".into()
            }),
            now
        ),
        Ok(Saving::Soon)
    );
    assert_eq!(session.apply(&edit(BoardEdit::Undo), now), Ok(Saving::Now));
    assert_eq!(
        session.apply(&edit(BoardEdit::Delete { ids: vec![2] }), now),
        Ok(Saving::Now)
    );
    assert_eq!(
        session.questions[0].board().map(|b| b.describe()),
        Some("Board: 1 person, 1 database, 1 pen stroke".to_owned())
    );
    assert!(matches!(
        session.apply(&edit(BoardEdit::Delete { ids: vec![42] }), now),
        Err(EditError::Board(_))
    ));
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
    }
    let expected = std::fs::read_to_string(&path).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).expect("the SVG is well-formed XML")
}

fn group_classes(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|n| n.attribute("class").map(str::to_owned))
        .collect()
}

#[test]
fn a_design_as_svg_is_well_formed_escaped_and_matches_its_golden_file() {
    let svg = board_svg(&design(), "Ride sharing <draft>");
    let doc = parse(&svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(
        group_classes(&doc),
        ["client", "service", "database", "arrow", "arrow", "pen"]
    );
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("tspan"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect();
    assert!(
        texts.contains(&"Trips <primary> & \"replica\"".to_owned()),
        "{texts:?}"
    );
    assert!(texts.contains(&"HTTPS".to_owned()));
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text());
    assert_eq!(title, Some("Ride sharing <draft>"));
    golden("board-design.svg", &svg);
}

#[test]
fn the_board_at_a_time_and_the_org_chart_as_svg() {
    let at_three = design().at(3_000);
    let svg = board_svg(&at_three, "At 0:03");
    assert_eq!(group_classes(&parse(&svg)), ["client", "service", "database"]);
    golden("board-at-3s.svg", &svg);

    let org = board_svg(&Board::from_template(Template::OrgChart), "Org chart");
    let doc = parse(&org);
    let classes = group_classes(&doc);
    assert_eq!(classes.iter().filter(|c| *c == "team").count(), 3);
    assert_eq!(classes.iter().filter(|c| *c == "arrow").count(), 6);
    golden("board-org-chart.svg", &org);
}

fn cli(data: &Path, args: &[&str]) -> (u8, String, String) {
    let mut argv = vec!["panelist", "--data-dir", data.to_str().expect("utf-8 path")];
    argv.extend_from_slice(args);
    let parsed = Cli::parse_from(argv);
    let command = parsed.command.as_ref().expect("a command");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run(&parsed, command, &mut out, &mut err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

#[test]
fn export_format_svg_writes_one_file_per_board() {
    let data = tempfile::tempdir().expect("temp");
    let session = session_with_board();
    SessionStore::new(DataDir::new(data.path()))
        .save(&session)
        .expect("save");
    let out_dir = tempfile::tempdir().expect("temp");
    let out_path = out_dir.path().to_str().expect("utf-8");
    let (code, out, err) = cli(
        data.path(),
        &["export", "--format", "svg", &session.id, "-o", out_path],
    );
    assert_eq!(code, 0, "{err}");
    let files: Vec<_> = std::fs::read_dir(out_dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(out.contains(&files[0].display().to_string()));
    let svg = std::fs::read_to_string(&files[0]).expect("svg");
    assert_eq!(group_classes(&parse(&svg)).len(), 6);

    // Never replaces a file without --force.
    let (code, _, err) = cli(
        data.path(),
        &["export", "--format", "svg", &session.id, "-o", out_path],
    );
    assert_eq!(code, 1);
    assert!(err.contains("--force"), "{err}");
    let (code, _, err) = cli(
        data.path(),
        &[
            "export",
            "--format",
            "svg",
            &session.id,
            "-o",
            out_path,
            "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");

    // A session without a board says so; -o must be a folder.
    let other = demo_history::golden_panel(&demo_history::sample_catalog());
    SessionStore::new(DataDir::new(data.path()))
        .save(&other)
        .expect("save");
    let (code, _, err) = cli(
        data.path(),
        &["export", "--format", "svg", &other.id, "-o", out_path],
    );
    assert_eq!(code, 1);
    assert!(err.contains("no boards"), "{err}");
    let file = files[0].to_str().expect("utf-8");
    let (code, _, err) = cli(
        data.path(),
        &["export", "--format", "svg", &session.id, "-o", file],
    );
    assert_eq!(code, 1);
    assert!(err.contains("is not a folder"), "{err}");
}

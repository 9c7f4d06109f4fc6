//! Any text given to the session loader: a session or a typed error, never a panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = std::path::Path::new("fuzz.ron");
    if let Ok(session) = panelist::store::session_from_ron(path, text) {
        // What loads must save and load back the same.
        let again = panelist::store::session_to_ron(&session).expect("encode a loaded session");
        let back = panelist::store::session_from_ron(path, &again).expect("reload a saved session");
        assert_eq!(back, session);
    }
});

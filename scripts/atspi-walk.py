#!/usr/bin/python3
"""Walks Panelist through the Linux accessibility stack, as a screen reader meets it.

Run by scripts/atspi-test.sh inside a private D-Bus session (dbus-run-session), with Xvfb
already on $DISPLAY. Starts the AT-SPI bus, turns accessibility on, opens the app on a new
data folder, and goes Home -> Quick question -> the running question -> a follow-up ->
the self-assessment -> the summary, pressing buttons through AT-SPI actions only. After
each action it checks: the window's name is its title; the keyboard focus is on a named
node; each screen's title has the heading role; no widget one can act on lacks a name; no
two widgets of one role share a name; the timer is named in words and the progress bar has
a range; a follow-up and a phase change are announced (AT-SPI object:announcement).

usage: atspi-walk.py BINARY [TREE_DUMP_FILE]
"""

import os
import re
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

import pyatspi  # noqa: E402

STEP_TIMEOUT = 15.0
INTERACTIVE = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "text",
    "entry",
    "password text",
    "slider",
    "spin button",
    "combo box",
    "link",
    "page tab",
    "menu item",
    "check menu item",
    "radio menu item",
    "list item",
    "tree item",
}

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL: {message}", flush=True)


def note(message):
    print(message, flush=True)


# ---------- the buses


def session_call(bus, name, path, interface, method, args, reply):
    return bus.call_sync(name, path, interface, method, args, reply, Gio.DBusCallFlags.NONE, 5000, None)


def start_atspi_bus():
    """Starts the AT-SPI bus launcher and turns accessibility on (org.a11y.Status IsEnabled)."""
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    launcher = subprocess.Popen(
        ["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    address = None
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            reply = session_call(session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress", None, GLib.VariantType("(s)"))
            address = reply.unpack()[0]
            break
        except GLib.Error:
            time.sleep(0.1)
    if not address:
        raise SystemExit("atspi test: the AT-SPI bus did not start")
    session_call(
        session,
        "org.a11y.Bus",
        "/org/a11y/bus",
        "org.freedesktop.DBus.Properties",
        "Set",
        GLib.Variant("(ssv)", ("org.a11y.Status", "IsEnabled", GLib.Variant("b", True))),
        None,
    )
    return launcher, address


class Announcements:
    """Every object:announcement and focus change on the AT-SPI bus, as they arrive."""

    def __init__(self, address):
        self.heard = []
        self.conn = Gio.DBusConnection.new_for_address_sync(
            address,
            Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
            None,
            None,
        )
        self.conn.signal_subscribe(
            None,
            "org.a11y.atspi.Event.Object",
            "Announcement",
            None,
            None,
            Gio.DBusSignalFlags.NONE,
            self.on_signal,
        )

    def on_signal(self, _conn, _sender, _path, _interface, _member, params):
        # (kind, detail1, detail2, any_data, properties): any_data holds the words
        message = params.unpack()[3]
        self.heard.append(str(message))
        note(f"  announced: {message!r}")

    def since(self, start):
        return self.heard[start:]


def pump(seconds):
    """Lets D-Bus signals arrive for `seconds`."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        while context.pending():
            context.iteration(False)
        time.sleep(0.02)


# ---------- the tree


def children(acc):
    try:
        count = acc.childCount
    except Exception:
        return []
    out = []
    for i in range(count):
        try:
            child = acc.getChildAtIndex(i)
        except Exception:
            child = None
        if child is not None:
            out.append(child)
    return out


def walk(acc, depth=0):
    yield acc, depth
    for child in children(acc):
        yield from walk(child, depth + 1)


def role(acc):
    try:
        return acc.getRoleName()
    except Exception:
        return "?"


def name(acc):
    try:
        return acc.name or ""
    except Exception:
        return ""


def states(acc):
    try:
        return acc.getState()
    except Exception:
        return None


def has_state(acc, state):
    s = states(acc)
    return bool(s and s.contains(state))


def is_showing(acc):
    return not has_state(acc, pyatspi.STATE_DEFUNCT)


def value_of(acc):
    try:
        v = acc.queryValue()
        return v.minimumValue, v.currentValue, v.maximumValue
    except Exception:
        return None


def attributes(acc):
    try:
        return dict(a.split(":", 1) for a in acc.getAttributes() if ":" in a)
    except Exception:
        return {}


def describe(acc, depth):
    line = "  " * depth + f"[{role(acc)}] {name(acc)!r}"
    level = attributes(acc).get("level")
    if level:
        line += f" level={level}"
    v = value_of(acc)
    if v is not None:
        line += f" value={v[1]:g} range={v[0]:g}..{v[2]:g}"
    if has_state(acc, pyatspi.STATE_FOCUSED):
        line += " (focused)"
    if has_state(acc, pyatspi.STATE_CHECKED):
        line += " (checked)"
    return line


def dump(root):
    return "\n".join(describe(acc, depth) for acc, depth in walk(root))


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in children(desktop):
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def window_of(app):
    for child in children(app):
        if role(child) in ("frame", "window"):
            return child
    return None


def nodes(win):
    return [acc for acc, _ in walk(win)]


def find(win, wanted_name, roles=None):
    for acc in nodes(win):
        if name(acc) == wanted_name and (roles is None or role(acc) in roles):
            return acc
    return None


def wait_for(what, probe, timeout=STEP_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = probe()
        if found:
            return found
        pump(0.1)
    return None


def press(win, button_name):
    """Presses a button by its name, as a screen reader's 'activate' does."""
    acc = wait_for(button_name, lambda: find(win, button_name, {"push button", "toggle button", "radio button"}))
    if acc is None:
        raise SystemExit(f"atspi test: no button named {button_name!r}:\n{dump(win)}")
    action = acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            action.doAction(i)
            break
    else:
        action.doAction(0)
    note(f"pressed {button_name!r}")


def key(name):
    """Presses a key in the focused window, as the user's keyboard does."""
    subprocess.run(["xdotool", "key", "--clearmodifiers", name], check=False)
    note(f"key {name}")


def focus_window(pid):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid)], capture_output=True, text=True)
        windows = found.stdout.split()
        if windows:
            subprocess.run(["xdotool", "windowfocus", "--sync", windows[0]], check=False)
            pump(0.5)
            return
        time.sleep(0.1)
    raise SystemExit("atspi test: no X window for the app")


# ---------- the checks


def check_screen(win, screen, title_heading, expected_title):
    """Window name, focus on a named node, the title's heading role, names, duplicates."""
    all_nodes = nodes(win)
    window_name = name(win)
    if window_name != expected_title:
        fail(f"{screen}: the window is named {window_name!r}, not {expected_title!r}")
    headings = [acc for acc in all_nodes if role(acc) == "heading"]
    if not any(name(h) == title_heading for h in headings):
        fail(f"{screen}: no heading named {title_heading!r} (headings: {[name(h) for h in headings]})")
    focused = [acc for acc in all_nodes if has_state(acc, pyatspi.STATE_FOCUSED) and acc is not win]
    if not focused:
        fail(f"{screen}: nothing has the keyboard focus (it is on the window frame)")
    elif not name(focused[0]).strip():
        fail(f"{screen}: the focus is on an unnamed {role(focused[0])}")
    else:
        note(f"  focus: [{role(focused[0])}] {name(focused[0])!r}")
    unnamed = [role(acc) for acc in all_nodes if role(acc) in INTERACTIVE and not name(acc).strip()]
    if unnamed:
        fail(f"{screen}: {len(unnamed)} widget(s) one can act on have no name: {unnamed}")
    blank = [role(acc) for acc in all_nodes if role(acc) == "label" and not name(acc).strip()]
    if blank:
        fail(f"{screen}: {len(blank)} label(s) with an empty or blank name")
    # two controls or headings of one name cannot be told apart; a caption right before
    # the field it names is said twice
    seen = {}
    for acc in all_nodes:
        if role(acc) in INTERACTIVE or role(acc) == "heading":
            key = name(acc).strip()
            if key:
                seen.setdefault(key, []).append(role(acc))
    repeated = {n: r for n, r in seen.items() if len(r) > 1}
    for before, after in zip(all_nodes, all_nodes[1:]):
        if role(before) == "label" and role(after) in INTERACTIVE and name(before).strip() == name(after).strip() != "":
            repeated[name(before)] = ["label", role(after)]
    if repeated:
        fail(f"{screen}: names said more than once: {repeated}")


def focus_settles(win, screen):
    """Waits for the focus to land on a named node after an action."""
    def named_focus():
        for acc in nodes(win):
            if acc is not win and has_state(acc, pyatspi.STATE_FOCUSED) and name(acc).strip():
                return acc
        return None

    return wait_for(screen, named_focus, timeout=5.0)


def check_timer(win):
    timer = next((acc for acc in nodes(win) if role(acc) == "timer"), None)
    if timer is None:
        fail("running question: no node with the timer role")
        return
    words = name(timer)
    if not re.search(r"\d+ (hour|minute|second)s? (left|over|of prep left)", words):
        fail(f"running question: the timer's name is not the time in words: {words!r}")
    else:
        note(f"  timer: {words!r}")
    bars = [acc for acc in nodes(win) if role(acc) == "progress bar"]
    if not bars:
        fail("running question: no progress bar")
    for bar in bars:
        v = value_of(bar)
        if not name(bar).strip():
            fail("running question: the progress bar has no name")
        if v is None or v[0] != 0 or not (0 < v[2] < 1e6) or not (v[0] <= v[1] <= v[2]):
            fail(f"running question: the progress bar's range is not 0..target: {v}")
        else:
            note(f"  progress bar {name(bar)!r}: {v[1]:g} of {v[0]:g}..{v[2]:g}")


def heard_within(ears, start, pattern, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for said in ears.since(start):
            if re.search(pattern, said):
                return said
        pump(0.1)
    return None


# ---------- the walk


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    binary = sys.argv[1]
    dump_file = sys.argv[2] if len(sys.argv) > 2 else None
    launcher, address = start_atspi_bus()
    os.environ["AT_SPI_BUS_ADDRESS"] = address
    ears = Announcements(address)
    work = tempfile.mkdtemp(prefix="panelist-atspi-")
    env = dict(os.environ, HOME=os.path.join(work, "home"))
    os.makedirs(env["HOME"])
    log = open(os.path.join(work, "app.log"), "w")
    app_proc = subprocess.Popen([binary, "--data-dir", os.path.join(work, "data")], env=env, stdout=log, stderr=log)
    try:
        app = wait_for("app", lambda: find_app(app_proc.pid), timeout=60)
        if app is None:
            raise SystemExit("atspi test: the app never appeared on the AT-SPI bus")
        win = wait_for("window", lambda: window_of(app), timeout=15)
        if win is None:
            raise SystemExit("atspi test: the app has no window on the AT-SPI bus")
        # no window manager runs on Xvfb: give the window the input focus, as one would,
        # since a toolkit reports the focused widget only in the focused window
        focus_window(app_proc.pid)
        note(f"app {name(app)!r} (pid {app_proc.pid}), window {name(win)!r}")

        wait_for("welcome", lambda: find(win, "Practise alone", {"push button"}))
        check_screen(win, "Welcome", "Welcome to Panelist", "Panelist — Welcome")
        press(win, "Practise alone")
        wait_for("home", lambda: find(win, "Start a round", {"heading"}))
        focus_settles(win, "Home")
        check_screen(win, "Home", "Start a round", "Panelist — Home")
        table = next((acc for acc in nodes(win) if role(acc) == "table"), None)
        if table is None or name(table) != "Question banks":
            fail("Home: the banks are not a table named 'Question banks'")

        # a question with follow-ups and phases: reroll the quick question until one comes
        for attempt in range(12):
            press(win, "Quick question")
            wait_for("setup", lambda: find(win, "Start round", {"push button"}))
            press(win, "Start round")
            wait_for("running", lambda: find(win, "Finish answer", {"push button"}))
            if find(win, "Start answering", {"push button"}) and find(win, "Ask me a follow-up", {"push button"}):
                break
            note("  (this question has no prep time or no follow-ups: trying another)")
            press(win, "End round")
            press(win, "Back to home")
            wait_for("home", lambda: find(win, "Start a round", {"heading"}))
        else:
            raise SystemExit("atspi test: no quick question with prep time and follow-ups in 12 tries")

        # the question's title: the first heading (AT-SPI as AccessKit fills it has no level)
        title_node = next((acc for acc in nodes(win) if role(acc) == "heading"), None)
        question = name(title_node) if title_node is not None else "(the question's title)"
        round_title = "Panelist — Quick question"
        focus_settles(win, "Running question")
        check_screen(win, "Running question (prep)", question, round_title)
        check_timer(win)

        start = len(ears.heard)
        press(win, "Start answering")
        said = heard_within(ears, start, r"^Answer time: .* left")
        if said is None:
            fail(f"phase change: 'Start answering' was not announced (heard {ears.since(start)})")
        focus_settles(win, "Answering")
        check_screen(win, "Running question (answer)", question, round_title)
        check_timer(win)
        if find(win, "Next phase", {"push button"}):
            start = len(ears.heard)
            press(win, "Next phase")
            said = heard_within(ears, start, r" phase, .* (left|over)$")
            if said is None:
                fail(f"phase change: 'Next phase' was not announced (heard {ears.since(start)})")

        # as a keyboard user would: focus the button, press it; the focus stays on it
        button = find(win, "Ask me a follow-up", {"push button"})
        button.queryComponent().grabFocus()
        if wait_for("button focus", lambda: has_state(find(win, "Ask me a follow-up", {"push button"}), pyatspi.STATE_FOCUSED)) is None:
            fail("follow-up: the button does not take the focus")
        start = len(ears.heard)
        press(win, "Ask me a follow-up")
        said = heard_within(ears, start, r"^Follow-up 1: ")
        if said is None:
            fail(f"follow-up: the revealed follow-up was not announced (heard {ears.since(start)})")
        pump(0.5)
        focused = focus_settles(win, "follow-up")
        if focused is None or name(focused) != "Ask me a follow-up":
            fail(f"follow-up: the focus left the button (now on {focused and name(focused)!r})")
        check_screen(win, "Running question with a follow-up", question, round_title)
        tree = dump(win)
        note("---- the running question, as AT-SPI reports it ----")
        note(tree)
        note("----")
        if dump_file:
            with open(dump_file, "w") as out:
                out.write(tree + "\n")

        press(win, "Finish answer")
        wait_for("assess", lambda: find(win, "Finish round", {"push button"}))
        focus_settles(win, "Self-assessment")
        check_screen(win, "Self-assessment", question, round_title)
        groups = [acc for acc in nodes(win) if role(acc) in ("radio button",)]
        if not groups:
            fail("Self-assessment: the score buttons are not radio buttons")
        radio_parents = {name(acc.parent) for acc in groups if acc.parent is not None}
        if not any(n.endswith(": score") for n in radio_parents):
            fail(f"Self-assessment: the score buttons are not in named radio groups ({radio_parents})")
        # scoring from the keyboard is read out: the competency and the score
        start = len(ears.heard)
        key("3")
        if heard_within(ears, start, r": scored 3 Hire$") is None:
            fail(f"keyboard scoring: key 3 was not announced (heard {ears.since(start)})")
        start = len(ears.heard)
        key("Down")
        if heard_within(ears, start, r", chosen: ") is None and len(radio_parents) > 1:
            fail(f"keyboard scoring: Down was not announced (heard {ears.since(start)})")
        press(win, name(groups[0]))
        pump(0.5)
        check_screen(win, "Self-assessment, scored", question, round_title)

        press(win, "Finish round")
        wait_for("summary", lambda: any(role(acc) == "heading" and name(acc).endswith(": summary") for acc in nodes(win)))
        focus_settles(win, "Summary")
        check_screen(win, "Summary", "Quick question: summary", round_title)
        press(win, "Back to home")
        wait_for("home again", lambda: find(win, "Start a round", {"heading"}))
        focus_settles(win, "Home again")
        check_screen(win, "Home, after the round", "Start a round", "Panelist — Home")
    finally:
        app_proc.kill()
        app_proc.wait()
        launcher.terminate()
        log.close()
        if failures:
            with open(os.path.join(work, "app.log")) as f:
                sys.stderr.write(f.read()[-4000:])
    if failures:
        print(f"atspi test: {len(failures)} problem(s)", file=sys.stderr)
        sys.exit(1)
    print("atspi test: every screen passed: window name, focus, headings, names, timer, announcements")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Smoke test of the real window: opens Panelist under Xvfb, checks that a window appears and
# draws, closes it as the title bar's close button does, and fails on a panic, no window, a
# blank screen or an exit that is not clean.
#
# usage: scripts/smoke-test.sh [BINARY]    (default: target/debug/panelist)
# Installs Xvfb, xdotool, ImageMagick, python3-xlib and the X11/OpenGL run-time libraries with
# apt-get when they are missing (CI runs as root on Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/panelist}
[[ -x $bin ]] || { echo "smoke test: $bin is not built" >&2; exit 1; }

need=()
for pkg in xvfb xdotool imagemagick python3-xlib libx11-6 libx11-xcb1 libxcursor1 libxi6 libxrandr2 \
  libxkbcommon-x11-0 libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0 libgbm1 libfontconfig1; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "smoke test: installing ${need[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >/dev/null ||
    { echo "smoke test: could not install ${need[*]}" >&2; exit 1; }
fi

work=$(mktemp -d)
disp=""
for n in $(seq 140 180); do
  if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then disp=$n; break; fi
done
[[ -n $disp ]] || { echo "smoke test: no free X display" >&2; exit 1; }
Xvfb ":$disp" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
app_pid=""
cleanup() {
  set +e
  [[ -n $app_pid ]] && kill -9 "$app_pid" 2>/dev/null
  kill "$xvfb_pid" 2>/dev/null
  wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
  return 0
}
trap cleanup EXIT
export DISPLAY=":$disp"
for _ in $(seq 100); do [[ -e /tmp/.X11-unix/X$disp ]] && break; sleep 0.1; done
[[ -e /tmp/.X11-unix/X$disp ]] || { echo "smoke test: Xvfb did not start" >&2; cat "$work/xvfb.log" >&2; exit 1; }

# a home of its own, so the test shows whether anything is written outside --data-dir
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$HOME"
"$bin" --data-dir "$work/data" >"$work/app.log" 2>&1 &
app_pid=$!

win=""
for _ in $(seq 200); do
  win=$(xdotool search --onlyvisible --pid "$app_pid" 2>/dev/null | head -n 1 || true)
  [[ -n $win ]] && break
  kill -0 "$app_pid" 2>/dev/null || { echo "smoke test: the app exited before showing a window:" >&2; cat "$work/app.log" >&2; exit 1; }
  sleep 0.05
done
[[ -n $win ]] || { echo "smoke test: no visible window after 10 s" >&2; cat "$work/app.log" >&2; exit 1; }
echo "smoke test: window $win is visible"
sleep 1.5
import -window root "$work/screen.png"
colours=$(convert "$work/screen.png" -format '%k' info:)
echo "smoke test: the screen has $colours colours"
((colours > 8)) || { echo "smoke test: the window drew nothing" >&2; exit 1; }
title=$(xdotool getwindowname "$win")
[[ $title == Panelist* ]] || { echo "smoke test: unexpected window title '$title'" >&2; exit 1; }

# close as the title bar's close button does (WM_DELETE_WINDOW)
/usr/bin/python3 - "$win" <<'PY'
import sys
from Xlib import X, display, protocol
d = display.Display()
w = d.create_resource_object("window", int(sys.argv[1]))
proto, delete = d.intern_atom("WM_PROTOCOLS"), d.intern_atom("WM_DELETE_WINDOW")
w.send_event(protocol.event.ClientMessage(window=w, client_type=proto, data=(32, [delete, X.CurrentTime, 0, 0, 0])))
d.flush()
PY
status=""
for _ in $(seq 100); do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    wait "$app_pid" && status=0 || status=$?
    break
  fi
  sleep 0.1
done
[[ -n $status ]] || { echo "smoke test: the app did not exit within 10 s of closing its window" >&2; exit 1; }
app_pid=""
if grep -qi "panicked" "$work/app.log"; then
  echo "smoke test: the app panicked:" >&2
  cat "$work/app.log" >&2
  exit 1
fi
[[ $status == 0 ]] || { echo "smoke test: the app exited with status $status" >&2; cat "$work/app.log" >&2; exit 1; }
outside=$(find "$HOME" -type f | head -n 5)
if [[ -n $outside ]]; then
  echo "smoke test: files were written outside the data folder: $outside" >&2
  exit 1
fi
echo "smoke test: the window opened, drew and closed cleanly; nothing was written outside --data-dir"

#!/usr/bin/env bash
# End-to-end accessibility test through the real Linux stack (the path Orca uses): Xvfb, a
# private D-Bus session, the AT-SPI bus, and pyatspi walking Panelist's tree from Home
# through a quick question, a follow-up, the self-assessment and the summary
# (scripts/atspi-walk.py says what it checks). Bounded to three minutes.
#
# usage: scripts/atspi-test.sh [BINARY] [TREE_DUMP_FILE]   (default: target/debug/panelist)
# Installs Xvfb, xdotool, D-Bus, at-spi2-core, python3-pyatspi and the X11/OpenGL run-time libraries
# with apt-get when they are missing and it runs as root (CI on Debian); otherwise says
# "skipped", or fails when PANELIST_REQUIRE_TOOLS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/panelist}
dump=${2:-}
[[ -x $bin ]] || { echo "atspi test: $bin is not built" >&2; exit 1; }

need=()
for pkg in xvfb xdotool dbus at-spi2-core python3-pyatspi gir1.2-atspi-2.0 python3-gi libx11-6 libx11-xcb1 libxcursor1 \
  libxi6 libxrandr2 libxkbcommon-x11-0 libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0 libgbm1 libfontconfig1; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  if [[ $(id -u) == 0 ]]; then
    echo "atspi test: installing ${need[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >/dev/null ||
      { echo "atspi test: could not install ${need[*]}" >&2; exit 1; }
  elif [[ ${PANELIST_REQUIRE_TOOLS:-} == 1 ]]; then
    echo "atspi test: ${need[*]} not installed" >&2
    exit 1
  else
    echo "atspi test skipped: ${need[*]} is not installed"
    exit 0
  fi
fi

work=$(mktemp -d)
disp=""
for n in $(seq 181 220); do
  if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then disp=$n; break; fi
done
[[ -n $disp ]] || { echo "atspi test: no free X display" >&2; exit 1; }
Xvfb ":$disp" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
cleanup() {
  set +e
  kill "$xvfb_pid" 2>/dev/null
  wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
  return 0
}
trap cleanup EXIT
export DISPLAY=":$disp"
for _ in $(seq 100); do [[ -e /tmp/.X11-unix/X$disp ]] && break; sleep 0.1; done
[[ -e /tmp/.X11-unix/X$disp ]] || { echo "atspi test: Xvfb did not start" >&2; cat "$work/xvfb.log" >&2; exit 1; }

# the session bus, the AT-SPI bus and the app all end with dbus-run-session
unset AT_SPI_BUS_ADDRESS DBUS_SESSION_BUS_ADDRESS
timeout --kill-after=10 180 dbus-run-session -- /usr/bin/python3 scripts/atspi-walk.py "$bin" $dump

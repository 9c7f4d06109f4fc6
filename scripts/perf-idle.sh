#!/usr/bin/env bash
# Idle cost, frames and memory of the real window under Xvfb (see docs/performance.md).
#
# usage: scripts/perf-idle.sh BINARY DATA_DIR [STEPS_FILE]
#
# Starts BINARY --frame-stats --data-dir DATA_DIR on a private Xvfb display, then:
#   1. idle: waits for loading, counts frames and CPU over 10 s with nothing happening;
#   2. runs STEPS_FILE (gui-walk syntax: wait, click X Y, key KEYS, type TEXT, mem NAME),
#      where `mem NAME` prints the whole process's PSS, `smaps NAME` the mappings that hold
#      the most of it, and `idle NAME` measures 10 s as in 1.
# Needs Xvfb and xdotool (gui-walk.sh installs them).
set -euo pipefail
bin=$1 data=$2 steps=${3:-/dev/null}
out=$(mktemp -d)
disp=""
for n in $(seq 140 180); do
  if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then disp=$n; break; fi
done
Xvfb ":$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
app_pid=""
cleanup() {
  set +e
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && sleep 0.3
  kill "$xvfb_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$out"
}
trap cleanup EXIT
export DISPLAY=":$disp"
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$disp ]] && break; sleep 0.1; done

"$bin" --frame-stats --data-dir "$data" >"$out/app.log" 2>&1 &
app_pid=$!
win=""
for _ in $(seq 300); do
  win=$(xdotool search --onlyvisible --pid "$app_pid" 2>/dev/null | head -n 1 || true)
  [[ -n $win ]] && break
  sleep 0.01
done
[[ -n $win ]] || { echo "no window" >&2; exit 1; }

ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
frames() { grep -c '^frame-stats:' "$out/app.log" || true; }
pss() { awk '/^Pss:/ {printf "%.1f", $2 / 1024}' "/proc/$app_pid/smaps_rollup"; }
hz=$(getconf CLK_TCK)

idle() {
  local name=$1 f0 t0 f1 t1
  f0=$(frames); t0=$(ticks)
  sleep 10
  f1=$(frames); t1=$(ticks)
  printf 'idle %-20s frames in 10 s: %d  CPU: %.2f %% of a core  PSS: %s MB\n' \
    "$name" $((f1 - f0)) "$(echo "($t1 - $t0) * 100 / $hz / 10" | bc -l)" "$(pss)"
}

sleep 3 # loading finishes and the first frames settle
idle start
while IFS= read -r line || [[ -n $line ]]; do
  line=${line%%#*}
  read -r verb rest <<<"$line" || true
  [[ -z ${verb:-} ]] && continue
  case $verb in
    wait) sleep "$rest" ;;
    click) read -r x y <<<"$rest"; xdotool mousemove --window "$win" "$x" "$y" click 1; sleep 0.3; xdotool mousemove 1270 790 ;;
    key) xdotool key --window "$win" $rest ;;
    type) xdotool type --window "$win" --delay 20 "$rest" ;;
    shot) import -window root "$rest" ;;
    mem) printf 'mem  %-20s PSS: %s MB\n' "$rest" "$(pss)" ;;
    smaps) echo "smaps $rest: the mappings that hold the most (PSS kB, mapping)"
      awk '/^[0-9a-f]+-[0-9a-f]+ / {name = ($6 == "" ? "[anon]" : $6)} /^Pss:/ {pss[name] += $2}
        END {for (n in pss) printf "%8d  %s\n", pss[n], n}' "/proc/$app_pid/smaps" | sort -rn | head -n 12 ;;
    idle) idle "$rest" ;;
    *) echo "unknown step '$verb'" >&2; exit 2 ;;
  esac
  sleep 0.3
done <"$steps"
printf 'frames drawn in all: %d, max PSS seen at the end: %s MB\n' "$(frames)" "$(pss)"

#!/usr/bin/env bash
# What recording an answer costs the real window: CPU and memory with the answer clock
# running, once without recording and once with it, under Xvfb and a private PulseAudio
# server whose default input plays a spoken file in a loop (docs/performance.md).
#
# usage: scripts/measure-recording.sh BINARY [SECONDS] [RUNS]
#
# For each run, and each of "clock" (Record my answers off) and "recording" (on), starts
# BINARY --frame-stats on a fresh data folder, starts a Quick question, skips its prep time
# ("Start answering"), waits 3 s, then measures SECONDS (default 20) of the answer clock:
# the process's CPU time (utime + stime from /proc/PID/stat) as a share of one core, the
# frames drawn, and its memory (VmRSS and PSS) at the end. A recording run checks that the
# answer's FLAC file exists and grows, and prints its size per minute.
# Needs pulseaudio and paplay (pulseaudio-utils), Xvfb, xdotool and ImageMagick; espeak-ng
# for the spoken input (a tone with gaps without it).
set -euo pipefail
bin=$(realpath "$1") seconds=${2:-20} runs=${3:-2}
for tool in pulseaudio paplay Xvfb xdotool import convert bc; do
  command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed" >&2; exit 2; }
done
work=$(mktemp -d)
pids=()
cleanup() {
  set +e
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  [[ -n ${KEEP:-} ]] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT

# the sound server: a null sink whose monitor is the default input, fed by paplay in a loop
mkdir "$work/pulse"
cat >"$work/pulse/server.pa" <<EOF
load-module module-native-protocol-unix socket=$work/pulse/native auth-anonymous=1
load-module module-null-sink sink_name=panelist_voice rate=48000
set-default-sink panelist_voice
set-default-source panelist_voice.monitor
EOF
HOME=$work/pulse XDG_RUNTIME_DIR=$work/pulse PULSE_RUNTIME_PATH=$work/pulse \
  pulseaudio --daemonize=no --exit-idle-time=-1 --use-pid-file=no -n -F "$work/pulse/server.pa" \
  >"$work/pulse/log" 2>&1 &
pids+=($!)
for _ in $(seq 150); do [[ -S $work/pulse/native ]] && break; sleep 0.1; done
[[ -S $work/pulse/native ]] || { echo "pulseaudio did not start: $(cat "$work/pulse/log")" >&2; exit 1; }
export PULSE_SERVER=unix:$work/pulse/native
if command -v espeak-ng >/dev/null; then
  espeak-ng -w "$work/voice.wav" "Let me walk you through how I would structure the engineering \
organisation. First I would clarify the goals, the constraints and the people involved. Then I \
would look at the teams, their ownership and how work flows between them, and finally the \
metrics I would use to know whether it worked."
else
  python3 - "$work/voice.wav" <<'PY'
import math, struct, sys, wave
w = wave.open(sys.argv[1], "wb"); w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(i * 0.17)) if (i // 8000) % 2 == 0 else 0)
                       for i in range(16000 * 10)))
PY
fi
(while paplay --device=panelist_voice "$work/voice.wav"; do :; done) >/dev/null 2>&1 &
pids+=($!)

hz=$(getconf CLK_TCK)
disp=""
for n in $(seq 180 220); do
  if [[ ! -e /tmp/.X$n-lock && ! -e /tmp/.X11-unix/X$n ]]; then disp=$n; break; fi
done
Xvfb ":$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=":$disp"
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$disp ]] && break; sleep 0.1; done

# The y of the middle of the n-th full-width button in the round's side column (Pause,
# Start answering, Finish answer), found by their fill at x = 1140 in a screenshot: runs
# of 25 or more pixels unlike the background (text is shorter).
side_button() {
  import -window root "$work/round.png"
  convert "$work/round.png" -crop 1x480+1140+230 txt:"$work/column.txt"
  awk -F'[ ,:]+' -v n="$1" 'NR > 1 {
        y = $2 + 230; lit = ($0 !~ /#1B1B1B/) # the background
        if (lit && !in_band) { start = y; in_band = 1 }
        if (!lit && in_band) {
          in_band = 0
          if (y - start >= 25 && ++bands == n) { print int((start + y) / 2); exit }
        }
      }' "$work/column.txt"
}

# Each thread's name (spaces made dots) and CPU ticks, one a line; `app` is the process.
threads() {
  local task
  for task in /proc/"$app"/task/*; do
    # the name sits in brackets and may hold spaces; the ticks are fields 14 and 15 after it
    sed -E 's/^[0-9]+ \((.*)\) (.*)$/\1\t\2/' "$task/stat" |
      awk -F'\t' '{gsub(/ /, ".", $1); split($2, f, " "); print $1 "#" NR, f[12] + f[13]}'
  done | awk '{split($1, n, "#"); t[n[1]] += $2} END {for (k in t) print k, t[k]}' | sort
}

measure() {
  local mode=$1 record=false data app win y t0 t1 f0 f1 rss pss
  [[ $mode == recording ]] && record=true
  data=$work/data-$mode
  rm -rf "$data" && mkdir "$data"
  printf '(format: 1, welcomed: true, record_answers: %s)\n' "$record" >"$data/settings.ron"
  "$bin" --frame-stats --data-dir "$data" >"$work/app.log" 2>&1 &
  app=$!
  win=""
  for _ in $(seq 1500); do
    win=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | head -n 1 || true)
    [[ -n $win ]] && break
    sleep 0.01
  done
  [[ -n $win ]] || { echo "no window" >&2; kill "$app"; return 1; }
  sleep 3
  xdotool mousemove --window "$win" 102 171 click 1 # Home: Quick question
  sleep 1.5
  xdotool mousemove --window "$win" 55 738 click 1 # the round's setup: Start round
  sleep 0.3
  xdotool mousemove 1270 790
  sleep 1.2
  y=$(side_button 2)
  [[ -n ${KEEP:-} ]] && echo "Start answering at y=$y"
  if [[ -n $y ]] && [[ -n $(side_button 3) ]]; then
    xdotool mousemove --window "$win" 1000 "$y"
    sleep 0.3
    xdotool click 1 # Start answering (skips the prep)
    sleep 0.3
    xdotool mousemove 1270 790
  fi
  sleep 3
  [[ -n ${KEEP:-} ]] && import -window root "$work/$mode-answering.png"
  f0=$(grep -c '^frame-stats:' "$work/app.log" || true)
  t0=$(awk '{print $14 + $15}' "/proc/$app/stat")
  threads >"$work/threads0"
  sleep "$seconds"
  t1=$(awk '{print $14 + $15}' "/proc/$app/stat")
  threads >"$work/threads1"
  f1=$(grep -c '^frame-stats:' "$work/app.log" || true)
  rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$app/status")
  pss=$(awk '/^Pss:/ {printf "%.1f", $2 / 1024}' "/proc/$app/smaps_rollup")
  local file size=""
  file=$(find "$data/recordings" -name '*.flac' 2>/dev/null | head -n 1 || true)
  [[ -n $file ]] && size=$(stat -c %s "$file")
  kill "$app"
  wait "$app" 2>/dev/null || true
  # where the time went: each thread's share of a core (threads under 0.1 % left out)
  local split
  split=$(awk -v hz="$hz" -v s="$seconds" 'NR == FNR {t0[$1] = $2; next}
      {d = ($2 - t0[$1]) * 100 / hz / s; if (d >= 0.1) printf "%s%s %.1f", sep, $1, d; sep = ", "}' \
    "$work/threads0" "$work/threads1" | sed 's/^, //')
  printf '%-9s CPU %5.2f %% of a core  frames %3d in %d s  VmRSS %6.1f MB  PSS %6.1f MB' \
    "$mode" "$(echo "($t1 - $t0) * 100 / $hz / $seconds" | bc -l)" $((f1 - f0)) "$seconds" "$rss" "$pss"
  printf '\n          by thread: %s' "${split:-none over 0.1 %}"
  if [[ $mode == recording ]]; then
    [[ -n $size ]] || { printf '\n'; echo "no recording was written: the answer clock did not start?" >&2; return 1; }
    printf '\n          FLAC %d kB after about %d s\n' $((size / 1024)) $((seconds + 3))
  else
    [[ -z $size ]] || { printf '\n'; echo "a recording was written with the setting off" >&2; return 1; }
    printf '\n'
  fi
}

echo "$(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $seconds s windows"
for run in $(seq "$runs"); do
  echo "run $run"
  measure clock
  measure recording
done

#!/usr/bin/env bash
# Builds the .deb and the AppImage from this checkout and checks them as a user would get
# them: the .deb's control data and contents, its desktop entry and MIME types, the
# installed binary opening its window under Xvfb, and the AppImage starting.
#
# usage: scripts/package-test.sh [BINARY]    (default: target/debug/panelist)
# CI packages the debug binary it has already built (stripped), so this step compiles
# nothing of Panelist's; real releases package `--release` builds (docs/packaging.md).
# Installs what it needs with apt-get when missing (CI runs as root on Debian), and
# cargo-packager with `cargo install` when it is not in $CARGO_HOME/bin.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/panelist}
[[ -x $bin ]] || { echo "package test: $bin is not built" >&2; exit 1; }
packager_version=0.11.8

need=()
for pkg in desktop-file-utils squashfs-tools shared-mime-info libglib2.0-bin binutils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "package test: installing ${need[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >/dev/null ||
    { echo "package test: could not install ${need[*]}" >&2; exit 1; }
fi
if ! cargo packager --version 2>/dev/null | grep -q "$packager_version"; then
  echo "package test: installing cargo-packager $packager_version (built once, then kept in \$CARGO_HOME/bin)"
  start=$SECONDS
  cargo install --locked --quiet cargo-packager --version "$packager_version"
  echo "package test: cargo-packager built in $((SECONDS - start)) s"
fi

fail() { echo "package test: $*" >&2; exit 1; }
out=target/package-test
rm -rf "$out"
mkdir -p "$out/bin"
strip -o "$out/bin/panelist" "$bin"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
expected_version=$("$out/bin/panelist" --version)
[[ $expected_version == "panelist $version"* ]] || fail "--version printed \"$expected_version\""

echo "== .deb (cargo-packager)"
start=$SECONDS
# cargo-packager takes the binary from <target dir>/<profile>/ (it ignores --binaries-dir):
# point both at the stripped copy
CARGO_TARGET_DIR=$out cargo packager --formats deb --profile bin --out-dir "$out"
deb=$(ls "$out"/*.deb)
echo "$deb in $((SECONDS - start)) s, $(du -h "$deb" | cut -f1)"
dpkg-deb -I "$deb" >"$out/info.txt"
grep -q "^ Package: panelist$" "$out/info.txt" || fail "control: no Package: panelist"
grep -q "^ Version: $version$" "$out/info.txt" || fail "control: no Version: $version"
grep -q "^ Maintainer: ." "$out/info.txt" || fail "control: no Maintainer"
for dep in libc6 libx11-6 libxkbcommon0 libgl1; do
  grep "^ Depends:" "$out/info.txt" | grep -q "$dep" || fail "control: Depends lacks $dep"
done
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./||' >"$out/contents.txt"
for file in usr/bin/panelist usr/share/applications/panelist.desktop \
  usr/share/mime/packages/panelist.xml usr/share/icons/hicolor/scalable/apps/panelist.svg; do
  grep -qx "$file" "$out/contents.txt" || fail "the .deb does not install $file"
done
for size in 16 24 32 48 64 128 256 512; do
  grep -qx "usr/share/icons/hicolor/${size}x${size}/apps/panelist.png" "$out/contents.txt" ||
    fail "the .deb has no ${size}x${size} icon"
done
echo "control data and contents: binary, desktop entry, MIME types, icons in 8 sizes and SVG"
apt-get install --simulate "$PWD/$deb" >"$out/apt.log" 2>&1 || { cat "$out/apt.log" >&2; fail "apt cannot resolve the .deb's dependencies"; }
echo "apt resolves the .deb's dependencies on this system ($(. /etc/os-release && echo "$PRETTY_NAME"))"

# installed into a throw-away root
root=$PWD/$out/root
dpkg -x "$deb" "$root"
desktop-file-validate "$root/usr/share/applications/panelist.desktop" || fail "desktop-file-validate found problems"
grep -q "^MimeType=application/x-panelist-bank;application/x-panelist-panel;" "$root/usr/share/applications/panelist.desktop" ||
  fail "the desktop entry declares no MIME types"
XDG_DATA_DIRS=$root/usr/share update-mime-database "$root/usr/share/mime" 2>"$out/mime.log" || { cat "$out/mime.log" >&2; fail "update-mime-database failed"; }
[[ -s $out/mime.log ]] && { cat "$out/mime.log" >&2; fail "update-mime-database warned"; }
for type in x-panelist-bank x-panelist-panel x-panelist-sessions+json; do
  [[ -f $root/usr/share/mime/application/$type.xml ]] || fail "the MIME database has no application/$type"
done
# the types are told by content, as the app tells them: a bank, a panel, an export, and a
# JSON file that is none of them
samples=$out/mime-samples
mkdir -p "$samples/panel"
cp questions/career.ron "$samples/career.ron"
printf 'HostFile(\n  format: 1,\n)\n' >"$samples/panel/panel.ron"
printf '{\n  "format": 1,\n  "kind": "panelist-sessions",\n  "sessions": []\n}\n' >"$samples/export.json"
printf '{"format": 1}\n' >"$samples/other.json"
for sample in career.ron:application/x-panelist-bank panel/panel.ron:application/x-panelist-panel \
  export.json:application/x-panelist-sessions+json other.json:application/json; do
  file=${sample%%:*} want=${sample#*:}
  got=$(XDG_DATA_DIRS=$root/usr/share:/usr/share gio info -a standard::content-type "$samples/$file" |
    sed -n 's/.*standard::content-type: //p')
  [[ $got == "$want" ]] || fail "$file is $got, not $want"
done
echo "desktop entry valid; MIME types registered and told by content"
[[ $("$root/usr/bin/panelist" --version) == "$expected_version" ]] || fail "the installed binary's --version differs"
echo "== the installed binary opens its window"
scripts/smoke-test.sh "$root/usr/bin/panelist" || { sleep 2; scripts/smoke-test.sh "$root/usr/bin/panelist"; }

echo "== AppImage"
start=$SECONDS
appimage=$(scripts/package-appimage.sh "$out/bin/panelist" "$out" | tail -n 1)
echo "$appimage in $((SECONDS - start)) s, $(du -h "$appimage" | cut -f1)"
got=$("$appimage" --appimage-extract-and-run --version)
[[ $got == "$expected_version" ]] || fail "the AppImage printed \"$got\", not \"$expected_version\""
echo "the AppImage starts: $got"
echo "package test: passed"

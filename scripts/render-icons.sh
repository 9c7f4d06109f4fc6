#!/usr/bin/env bash
# Renders the app icon's PNGs from assets/icon.svg: the hicolor sizes the packages install
# (assets/icons/), and the window icon (assets/icon.png). The PNGs are committed, so
# building and packaging need no renderer; run this after changing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin) and ImageMagick's convert (Debian: imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p assets/icons
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" assets/icon.svg -o "assets/icons/${size}x${size}.png"
done
cp assets/icons/256x256.png assets/icon.png
# the Windows installer's icon (ImageMagick)
convert assets/icons/{16x16,24x24,32x32,48x48,64x64,256x256}.png assets/panelist.ico

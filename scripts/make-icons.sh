#!/usr/bin/env bash
# Renders icons/icon.svg into the PNG and ICO sizes tauri.conf.json lists, and
# the favicon the UI shows in a plain browser. The outputs are committed, so
# this only runs when the mark changes. Needs rsvg-convert (Debian:
# librsvg2-bin) for the SVG, because ImageMagick 6's own SVG renderer draws
# arcs wrongly; ImageMagick packs the .ico.
set -euo pipefail
cd "$(dirname "$0")/../icons"

for tool in rsvg-convert convert; do
  command -v "$tool" >/dev/null || {
    echo "make-icons: $tool is missing (apt-get install librsvg2-bin imagemagick)" >&2
    exit 1
  }
done

render() { # size output
  rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio icon.svg --output "$2"
}

render 32 32x32.png
render 128 128x128.png
render 256 128x128@2x.png
render 512 icon.png
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 24 32 48 64 256; do render "$size" "$tmp/$size.png"; done
convert "$tmp"/{16,24,32,48,64,256}.png icon.ico
cp icon.png ../ui/public/icon.png
echo "icons written to $(pwd)"

#!/usr/bin/env bash
# Stand-in media for examples/scenes.json, made with FFmpeg: four phone-sized photos (4032x3024, both
# orientations) and two clips with sound, one shorter than its scene (it loops) and one much longer (it is
# cut). Replace them with your own pictures and clips under the same names.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p media
photo() { ffmpeg -v error -y -f lavfi -i "$2" -frames:v 1 -q:v 3 "media/$1"; }
photo dawn.jpg "mandelbrot=s=4032x3024"
photo market.jpg "testsrc2=s=3024x4032"
photo square.jpg "rgbtestsrc=s=4032x3024"
photo dusk.jpg "mandelbrot=s=3024x4032:start_scale=1.5"
ffmpeg -v error -y -f lavfi -i "testsrc2=s=1920x1080:r=30:d=4" -f lavfi -i "sine=f=220:d=4" \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -shortest media/boats.mp4
ffmpeg -v error -y -f lavfi -i "testsrc=s=1280x720:r=25:d=60" -f lavfi -i "sine=f=330:d=60" \
    -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac -shortest media/nets.mp4
echo "Made $(ls media | wc -l) files in $(pwd)/media"

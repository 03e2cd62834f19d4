#!/bin/sh
# Renders the built-in refusal slates (src/main/resources/slates/*.ts) with ffmpeg: 5 seconds of
# 640x360 H.264 at 25 fps (a keyframe every second, so a player shows the message at once) with a
# silent mono AAC track (some players wait for audio), a dark background and two lines of text.
# Run from the repository root after changing a message; the files are committed (each < 200 KB)
# so the server never needs ffmpeg to refuse a player.
set -eu
out=src/main/resources/slates
font=${FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf}
mkdir -p "$out"

render() {
    name=$1 title=$2 detail=$3
    ffmpeg -hide_banner -loglevel error -y \
        -f lavfi -i "color=c=0x1c2430:s=640x360:r=25:d=5" \
        -f lavfi -i "anullsrc=r=48000:cl=mono" \
        -vf "drawtext=fontfile=$font:text='$title':fontcolor=white:fontsize=40:x=(w-text_w)/2:y=(h/2)-50,\
drawtext=fontfile=$font:text='$detail':fontcolor=0xc8d0dc:fontsize=22:x=(w-text_w)/2:y=(h/2)+20" \
        -t 5 -c:v libx264 -profile:v main -bf 0 -preset veryfast -tune stillimage -crf 28 -pix_fmt yuv420p -g 25 -keyint_min 25 \
        -c:a aac -b:a 32k -shortest -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
        -f mpegts "$out/$name.ts"
}

render connection-limit 'Connection limit reached' 'Close another player of this line, then try again'
render account-expired 'Account expired' 'Contact your provider to renew this line'
render channel-offline 'Channel offline' 'This channel cannot be played right now'
ls -l "$out"

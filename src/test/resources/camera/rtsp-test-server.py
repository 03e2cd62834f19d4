#!/usr/bin/python3
"""A headless RTSP camera for tests and CI: a live H.264 test pattern (and AAC tone) on loopback.

Usage: rtsp-test-server.py --port N [--path /stream] [--user U --password P [--auth basic|digest]]
                           [--no-audio] [--size 640x360] [--fps 25]

Prints "READY rtsp://127.0.0.1:N/path" on stdout once it listens, then serves until stdin closes
or it gets SIGTERM/SIGINT. Debian packages: python3-gi gir1.2-gst-rtsp-server-1.0
gstreamer1.0-plugins-{base,good,ugly,bad} gstreamer1.0-libav (see docs/cameras.md).
"""
import argparse
import signal
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402


def pipeline(args):
    width, height = args.size.split("x")
    video = (
        "videotestsrc is-live=true pattern=smpte ! "
        f"video/x-raw,width={width},height={height},framerate={args.fps}/1 ! "
        "videoconvert ! "
        f"x264enc tune=zerolatency speed-preset=ultrafast bitrate=800 key-int-max={args.fps} ! "
        "video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=1"
    )
    if args.no_audio:
        return f"( {video} )"
    audio = (
        "audiotestsrc is-live=true wave=sine freq=440 ! audio/x-raw,rate=48000,channels=2 ! "
        "audioconvert ! avenc_aac ! aacparse ! rtpmp4gpay name=pay1 pt=97"
    )
    return f"( {video} {audio} )"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/stream")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--auth", choices=["basic", "digest"], default="digest")
    parser.add_argument("--no-audio", action="store_true")
    parser.add_argument("--size", default="640x360")
    parser.add_argument("--fps", type=int, default=25)
    args = parser.parse_args()

    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(pipeline(args))
    factory.set_shared(True)
    factory.set_latency(0)

    if args.user:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, "camera-user")
        if args.auth == "digest":
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
            auth.add_digest(args.user, args.password, token)
        else:
            auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
            auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), token)
        server.set_auth(auth)
        factory.add_role_from_structure(Gst.Structure.from_string(
            "camera-user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true")[0])

    server.get_mount_points().add_factory(args.path, factory)
    if server.attach(None) == 0:
        print(f"cannot listen on 127.0.0.1:{args.port}", file=sys.stderr, flush=True)
        sys.exit(2)

    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)

    def watch_stdin():
        # the test that started us went away: stop with it
        try:
            sys.stdin.read()
        finally:
            GLib.idle_add(loop.quit)

    threading.Thread(target=watch_stdin, daemon=True).start()
    print(f"READY rtsp://127.0.0.1:{args.port}{args.path}", flush=True)
    loop.run()


if __name__ == "__main__":
    main()

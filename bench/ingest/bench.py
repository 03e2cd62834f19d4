#!/usr/bin/env python3
"""RTMP ingest benchmark: Polyplex against nginx with libnginx-mod-rtmp doing the same job (RTMP in,
HLS out, copy), measured in the same run. Standard library only; see README.md beside this file.

Usage: bench.py --flv FILE --work DIR [--app QUARKUS_APP_DIR] [--servers nginx,polyplex]
                [--window 20] [--warmup 5] [--loads 1,10,50] [--reps 3] [--out FILE]
"""
import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

LAUNCHER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bin", "polyplex")

CLK_TCK = os.sysconf("SC_CLK_TCK")
FPS = 25
SEGMENT_SECONDS = 2.0
CHILDREN = []  # every Popen this script started, each in its own process group


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn(cmd, **kw):
    """Starts a child in its own process group, so that it and whatever it starts end together."""
    kw.setdefault("stdin", subprocess.DEVNULL)
    p = subprocess.Popen(cmd, start_new_session=True, **kw)
    CHILDREN.append(p)
    return p


def end(p, grace=5.0, sig=signal.SIGTERM):
    """Ends one child we started: the signal to its group, then SIGKILL after the grace period."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, sig)
        except ProcessLookupError:
            pass
        try:
            p.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(p.pid, signal.SIGKILL)  # leftovers of the group, if any
    except (ProcessLookupError, PermissionError):
        pass
    try:
        p.wait(2)
    except subprocess.TimeoutExpired:
        pass


def end_all():
    for p in reversed(CHILDREN):
        end(p, grace=2.0)


def wait_until(what, fn, timeout, interval=0.1):
    """Polls fn until it answers something truthy; raises after the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        v = fn()
        if v:
            return v
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        time.sleep(interval)


def http(method, url, body=None, token=None, timeout=5.0):
    """(status, bytes); status 0 when the server did not answer."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


def api(method, url, body=None, token=None, expect=(200, 201, 204)):
    status, data = http(method, url, body, token, timeout=15)
    if status not in expect:
        raise RuntimeError(f"{method} {url.split('?')[0]} -> {status} {data[:300]!r}")
    return json.loads(data) if data else None


# ---------------------------------------------------------------- /proc: CPU and RSS of a tree


def _procs():
    out = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        rest = stat[stat.rindex(")") + 2:].split()
        # fields from the 3rd on: state ppid ... utime(14) stime(15) cutime(16) cstime(17)
        out[int(name)] = (int(rest[1]), sum(int(x) for x in rest[11:15]), stat[stat.index("(") + 1:stat.rindex(")")])
    return out


def tree(root):
    """pids of root and every descendant alive now, with {pid: (ppid, ticks, comm)}."""
    procs = _procs()
    kids = {}
    for pid, (ppid, _, _) in procs.items():
        kids.setdefault(ppid, []).append(pid)
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in procs:
            pids.append(pid)
            todo.extend(kids.get(pid, []))
    return pids, procs


def tree_cpu(root):
    """CPU seconds of the tree: utime + stime of every live process in it, plus cutime + cstime (the
    children each has reaped), so processes that came and went between two samples are counted."""
    pids, procs = tree(root)
    return sum(procs[p][1] for p in pids) / CLK_TCK


def own_cpu(pid):
    """CPU seconds of one process alone (utime + stime, without its children)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return 0.0
    rest = stat[stat.rindex(")") + 2:].split()
    return (int(rest[11]) + int(rest[12])) / CLK_TCK


def tree_rss_mib(root):
    pids, _ = tree(root)
    kib = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        kib += int(line.split()[1])
        except OSError:
            pass
    return kib / 1024


def tree_pss_mib(root):
    """Proportional set size of the tree (shared pages, such as ffmpeg's libraries, split between the
    processes that map them), from /proc/<pid>/smaps_rollup."""
    pids, _ = tree(root)
    kib = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        kib += int(line.split()[1])
        except OSError:
            pass
    return kib / 1024


def machine_busy():
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields[:8]) - idle, sum(fields[:8])


def tree_comms(root):
    pids, procs = tree(root)
    counts = {}
    for pid in pids:
        counts[procs[pid][2]] = counts.get(procs[pid][2], 0) + 1
    return counts


# ---------------------------------------------------------------- HLS playlists


def parse_playlist(text):
    """(media sequence, [durations], [uris], variant uris)."""
    seq, durations, uris, variants, pending = 0, [], [], [], None
    lines = [l.strip() for l in text.splitlines()]
    for i, line in enumerate(lines):
        if line.startswith("#EXT-X-MEDIA-SEQUENCE:"):
            seq = int(line.split(":", 1)[1])
        elif line.startswith("#EXTINF:"):
            pending = float(line.split(":", 1)[1].split(",")[0])
        elif line.startswith("#EXT-X-STREAM-INF"):
            for nxt in lines[i + 1:]:
                if nxt and not nxt.startswith("#"):
                    variants.append(nxt)
                    break
        elif line and not line.startswith("#") and pending is not None:
            durations.append(pending)
            uris.append(line)
            pending = None
    return seq, durations, uris, variants


def media_playlist(url):
    """(url of the media playlist, parsed) if url answers 200 with at least one segment (following a
    multivariant playlist to its first variant), else None."""
    for _ in range(2):
        status, data = http("GET", url, timeout=3)
        if status != 200:
            return None
        seq, durations, uris, variants = parse_playlist(data.decode("utf-8", "replace"))
        if variants:
            url = urllib.parse.urljoin(url, variants[0])
            continue
        return (url, (seq, durations, uris)) if durations else None
    return None


# ---------------------------------------------------------------- the two servers


class Stream:
    def __init__(self, name, rtmp_url, ref=None, channel_id=None):
        self.name, self.rtmp_url, self.ref, self.channel_id = name, rtmp_url, ref, channel_id


class Nginx:
    label = "nginx-rtmp"

    def __init__(self, work):
        self.dir = os.path.join(work, "nginx")
        for d in ("logs", "hls", "tmp"):
            os.makedirs(os.path.join(self.dir, d), exist_ok=True)
        self.rtmp_port, self.http_port = free_port(), free_port()
        self.proc = None

    def start(self):
        d = self.dir
        conf = f"""load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
user root;
daemon off;
master_process on;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/logs/error.log warn;
events {{ worker_connections 4096; }}
rtmp {{
  server {{
    listen 127.0.0.1:{self.rtmp_port};
    chunk_size 4096;
    application live {{
      live on; record off;
      hls on; hls_path {d}/hls; hls_fragment 2s; hls_playlist_length 12s;
    }}
  }}
}}
http {{
  access_log off;
  client_body_temp_path {d}/tmp; proxy_temp_path {d}/tmp; fastcgi_temp_path {d}/tmp;
  uwsgi_temp_path {d}/tmp; scgi_temp_path {d}/tmp;
  types {{ application/vnd.apple.mpegurl m3u8; video/mp2t ts; }}
  server {{
    listen 127.0.0.1:{self.http_port};
    location /hls/ {{ alias {d}/hls/; add_header Cache-Control no-cache; }}
  }}
}}
"""
        path = os.path.join(d, "nginx.conf")
        with open(path, "w") as f:
            f.write(conf)
        out = open(os.path.join(d, "logs", "stdout.log"), "w")
        self.proc = spawn(["nginx", "-e", f"{d}/logs/error.log", "-p", d + "/", "-c", path],
                          stdout=out, stderr=subprocess.STDOUT)
        wait_until("nginx listening", lambda: self.proc.poll() is not None or _accepts(self.rtmp_port), 15)
        if self.proc.poll() is not None:
            raise RuntimeError("nginx exited: " + open(f"{d}/logs/error.log").read()[-2000:])
        self.pid = self.proc.pid

    def streams(self, n, tag):
        return [Stream(f"{tag}-{i}", f"rtmp://127.0.0.1:{self.rtmp_port}/live/{tag}-{i}") for i in range(n)]

    def playlist_url(self, stream):
        return f"http://127.0.0.1:{self.http_port}/hls/{stream.name}.m3u8"

    def ts_url(self, stream):
        return None

    def finish(self, streams):
        pass

    def stop(self):
        if self.proc:
            end(self.proc, grace=10)

    def describe(self):
        v = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
        return f"{v}, libnginx-mod-rtmp, 1 worker, hls_fragment 2s, hls_playlist_length 12s"


def _accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


class Polyplex:
    label = "Polyplex"
    PASSWORD = "bench-admin-pass"

    def __init__(self, work, app):
        self.dir = os.path.join(work, "polyplex")
        os.makedirs(self.dir, exist_ok=True)
        self.app = os.path.abspath(app)
        self.http_port, self.rtmp_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.proc = None
        self.log_path = os.path.join(self.dir, "app.log")
        self.keys = []

    def start(self):
        # the launcher users run, with its default JVM options; BENCH_JAVA_OPTS adds options for a
        # profiling run (e.g. a flight recording), none by default
        opts = [os.environ.get("BENCH_JAVA_OPTS", ""), f"-Dquarkus.http.port={self.http_port}",
                f"-Dpolyplex.ingest.rtmp-port={self.rtmp_port}"]
        env = dict(os.environ, POLYPLEX_ADMIN_PASSWORD=self.PASSWORD, POLYPLEX_APP=self.app,
                   JAVA_OPTS=" ".join(o for o in opts if o))
        env.pop("POLYPLEX_JAVA_OPTS", None)
        out = open(self.log_path, "w")
        self.proc = spawn([LAUNCHER], cwd=self.dir, env=env, stdout=out, stderr=subprocess.STDOUT)
        self.pid = self.proc.pid
        wait_until("Polyplex /q/health/ready",
                   lambda: self.proc.poll() is not None or http("GET", self.base + "/q/health/ready")[0] == 200,
                   180, 0.5)
        if self.proc.poll() is not None:
            raise RuntimeError("Polyplex exited; its log: " + self.log_path)
        self.token = api("POST", self.base + "/api/auth/token",
                         {"username": "admin", "password": self.PASSWORD})["access_token"]
        self.line = ("bench", "bench-pass")
        api("POST", self.base + "/api/users",
            {"username": self.line[0], "password": self.line[1], "maxConnections": 20}, self.token)
        wait_until("Polyplex RTMP port", lambda: _accepts(self.rtmp_port), 30)

    def streams(self, n, tag):
        out = []
        for i in range(n):
            s = api("POST", self.base + "/api/streams", {"name": f"{tag}-{i}", "visibility": "public"}, self.token)
            k = api("POST", f"{self.base}/api/streams/{s['id']}/keys", {}, self.token)
            self.keys.append(k["key"])
            out.append(Stream(f"{tag}-{i}", f"rtmp://127.0.0.1:{self.rtmp_port}/live/{k['key']}", s["id"],
                              s.get("channelId")))
        return out

    def playlist_url(self, stream):
        """The current generation's playlist once the stream is live, else None."""
        status, data = http("GET", f"{self.base}/api/streams/{stream.ref}/playback", token=self.token, timeout=3)
        if status != 200:
            return None
        p = json.loads(data)
        if p.get("state") != "live" or not p.get("url"):
            return None
        return urllib.parse.urljoin(self.base + "/", p["url"])

    def ts_url(self, stream):
        return f"{self.base}/live/{self.line[0]}/{self.line[1]}/{stream.channel_id}.ts"

    def finish(self, streams):
        """Ends each stream's generation, as an admin does, so the next phase starts fresh ones."""
        for s in streams:
            http("POST", f"{self.base}/api/streams/{s.ref}/stop", body={}, token=self.token, timeout=15)

    def stop(self):
        if self.proc:
            end(self.proc, grace=20)

    def describe(self):
        return (f"bin/polyplex (its default JVM options) with POLYPLEX_APP={self.app}, default settings; "
                f"{self.key_leaks()} of "
                f"{len(self.keys)} stream keys found in its log or in a file name under its working folder")

    def key_leaks(self):
        with open(self.log_path, errors="replace") as f:
            text = f.read()
        names = "\n".join(os.path.join(d, n) for d, ds, fs in os.walk(self.dir) for n in ds + fs)
        return sum(1 for k in self.keys if k in text or k in names)


# ---------------------------------------------------------------- publishers and viewers


def publisher(flv, url, progress=None):
    cmd = ["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error"]
    if progress:
        cmd += ["-nostats", "-stats_period", "0.5", "-progress", progress]
    cmd += ["-re", "-stream_loop", "-1", "-i", flv, "-c", "copy", "-f", "flv", url]
    return spawn(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def progress_out_time(path):
    """Seconds of media the publisher has sent, from the last complete block of its -progress file."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return None
    blocks = text.split("progress=")
    for block in reversed(blocks[:-1] if len(blocks) > 1 else blocks):
        m = re.search(r"out_time_us=(\d+)", block)
        if m:
            return int(m.group(1)) / 1e6
    return None


class Bright:
    """A viewer: ffmpeg decoding URL with signalstats; records the wall time of the first frame whose
    average luma is above 128, each stderr line timestamped as it arrives."""

    def __init__(self, url):
        self.url, self.seen, self.frames = url, None, 0
        self.proc = spawn(["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-i", url,
                           "-vf", "signalstats,metadata=print:key=lavfi.signalstats.YAVG", "-f", "null", "-"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stderr:
            now = time.time()
            m = re.search(rb"YAVG=([0-9.]+)", raw)
            if m:
                self.frames += 1
                if self.seen is None and float(m.group(1)) > 128:
                    self.seen = now

    def close(self):
        end(self.proc, grace=2)


# ---------------------------------------------------------------- measures


def first_playlist(server, flv, rep):
    """Seconds from the publisher's start to the first playlist that lists a segment and answers 200."""
    [s] = server.streams(1, f"first{rep}-{int(time.time())}")
    t0 = time.monotonic()
    pub = publisher(flv, s.rtmp_url)
    try:
        def ready():
            if pub.poll() is not None:
                raise RuntimeError(f"{server.label}: publisher exited with {pub.returncode}")
            url = server.playlist_url(s)
            return url and media_playlist(url)
        wait_until(f"{server.label}: first playable playlist", ready, 30, 0.05)
        return time.monotonic() - t0
    finally:
        end(pub)
        server.finish([s])


class Poller(threading.Thread):
    """Polls one stream's playlist each second; records when each media sequence number was first
    listed (midpoint of the poll interval it appeared in) and its EXTINF."""

    def __init__(self, server, stream, stop, period=1.0):
        super().__init__(daemon=True)
        self.server, self.stream, self.stop, self.period = server, stream, stop, period
        self.url, self.first_seen, self.durations, self.last_poll, self.errors = None, {}, {}, None, 0

    def run(self):
        nxt = time.monotonic()
        while not self.stop.is_set():
            now = time.monotonic()
            if self.url is None:
                url = self.server.playlist_url(self.stream)
                found = url and media_playlist(url)
                if found:
                    self.url = found[0]
            if self.url is not None:
                status, data = http("GET", self.url, timeout=3)
                if status == 200:
                    seq, durations, _, _ = parse_playlist(data.decode("utf-8", "replace"))
                    seen_at = now if self.last_poll is None else (self.last_poll + now) / 2
                    for i, d in enumerate(durations):
                        if seq + i not in self.first_seen:
                            self.first_seen[seq + i] = seen_at
                            self.durations[seq + i] = d
                else:
                    self.errors += 1
                self.last_poll = now
            nxt += self.period
            self.stop.wait(max(0.0, nxt - time.monotonic()))


def loss(pollers, ws, we):
    """Per stream: media listed between the first and the last segment first seen in the window against
    the wall time between them; sequence gaps over everything seen."""
    lost, gaps, over_resolution, streams_seen = 0.0, 0, 0, 0
    for p in pollers:
        seqs = sorted(p.first_seen)
        if seqs:
            gaps += sum(b - a - 1 for a, b in zip(seqs, seqs[1:]))
        inside = [q for q in seqs if ws <= p.first_seen[q] <= we]
        if len(inside) < 2:
            lost += we - ws  # nothing (or one segment) in the whole window: all of it lost
            continue
        streams_seen += 1
        a, b = inside[0], inside[-1]
        media = sum(p.durations.get(q, 0.0) for q in range(a + 1, b + 1))
        deficit = (p.first_seen[b] - p.first_seen[a]) - media
        lost += deficit
        if deficit > 1.0:
            over_resolution += 1
    return lost, gaps, over_resolution, streams_seen


def load(server, flv, n, streams, window, warmup, work):
    """n publishers: CPU seconds of the server's tree over the window, its RSS at the end, and what
    the playlists listed during the window."""
    stop = threading.Event()
    pubs, progress = [], []
    for i, s in enumerate(streams[:n]):
        path = os.path.join(work, f"progress-{server.label}-{n}-{i}.txt")
        progress.append(path)
        pubs.append(publisher(flv, s.rtmp_url, path))
    pollers = [Poller(server, s, stop) for s in streams[:n]]
    for p in pollers:
        p.start()
    try:
        time.sleep(warmup)
        sent0 = [progress_out_time(p) for p in progress]
        m0, p0 = machine_busy(), sum(tree_cpu(p.pid) for p in pubs)
        ws, c0, o0 = time.monotonic(), tree_cpu(server.pid), own_cpu(server.pid)
        time.sleep(window)
        we, c1, o1 = time.monotonic(), tree_cpu(server.pid), own_cpu(server.pid)
        m1, p1 = machine_busy(), sum(tree_cpu(p.pid) for p in pubs)
        sent1 = [progress_out_time(p) for p in progress]
        rss, pss, comms = tree_rss_mib(server.pid), tree_pss_mib(server.pid), tree_comms(server.pid)
        time.sleep(1.5)  # one more poll, for segments completed just before the window's end
    finally:
        stop.set()
        for p in pollers:
            p.join(5)
        alive = sum(1 for p in pubs if p.poll() is None)
        for p in pubs:
            end(p, grace=3)
        server.finish(streams[:n])
    speeds = [(b - a) / (we - ws) for a, b in zip(sent0, sent1) if a is not None and b is not None]
    lost, gaps, over, seen = loss(pollers, ws, we)
    return {"cpu": c1 - c0, "root_cpu": o1 - o0, "seconds": we - ws, "rss": rss, "pss": pss, "procs": comms,
            "machine_busy": (m1[0] - m0[0]) / max(1, m1[1] - m0[1]), "publishers_cpu": p1 - p0, "lost": lost, "gaps": gaps,
            "over": over, "seen": seen, "alive": alive, "speed_min": min(speeds) if speeds else None,
            "speed_max": max(speeds) if speeds else None,
            "poll_errors": sum(p.errors for p in pollers)}


LATENCY_SOURCE = ("color=c=black:s=640x360:r=25:d=8[a];color=c=white:s=640x360:r=25:d=52[b];"
                  "[a][b]concat=n=2:v=1:a=0[out0]")


def latency(server, rep):
    """Glass-to-glass: an encoder black for 8 s, then white; the first bright frame each viewer decodes."""
    [s] = server.streams(1, f"latency{rep}-{int(time.time())}")
    t0 = time.time()
    pub = spawn(["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                 "-re", "-f", "lavfi", "-i", LATENCY_SOURCE,
                 "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                 "-map", "0:v", "-map", "1:a", "-t", "60",
                 "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p",
                 "-g", "50", "-c:a", "aac", "-b:a", "128k", "-f", "flv", s.rtmp_url],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    viewers = {}
    try:
        def playable():
            if pub.poll() is not None:
                raise RuntimeError(f"{server.label}: latency publisher exited with {pub.returncode}")
            url = server.playlist_url(s)
            return url and media_playlist(url) and url
        hls = wait_until(f"{server.label}: latency stream playable", playable, 30, 0.1)
        if time.time() - t0 > 7:
            log(f"{server.label}: the playlist came after the 7th second; the viewers may miss the change")
        viewers["hls"] = Bright(hls)
        if server.ts_url(s):
            viewers["ts"] = Bright(server.ts_url(s))
        wait_until(f"{server.label}: bright frame at every viewer",
                   lambda: all(v.seen for v in viewers.values()) or time.time() > t0 + 40, 45, 0.1)
        return {k: (v.seen - (t0 + 8) if v.seen else None) for k, v in viewers.items()}
    finally:
        for v in viewers.values():
            v.close()
        end(pub)
        server.finish([s])


# ---------------------------------------------------------------- the run


def fmt(v, digits=2, unit=""):
    return "–" if v is None else f"{v:.{digits}f}{unit}"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--flv", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--app")
    ap.add_argument("--servers", default="polyplex,nginx")
    ap.add_argument("--window", type=float, default=20)
    ap.add_argument("--warmup", type=float, default=5)
    ap.add_argument("--loads", default="1,10,50")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--only", default="first,load,latency")
    ap.add_argument("--out")
    a = ap.parse_args()
    loads = [int(x) for x in a.loads.split(",")]
    only = set(a.only.split(","))

    def bye(signum, _frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, bye)
    signal.signal(signal.SIGINT, bye)

    servers = []
    for name in a.servers.split(","):
        servers.append(Polyplex(a.work, a.app) if name == "polyplex" else Nginx(a.work))
    res = {sv.label: {} for sv in servers}
    load_before = os.getloadavg()
    try:
        for sv in servers:
            log(f"starting {sv.label}")
            sv.start()
        pools = {sv.label: sv.streams(max(loads), "load") for sv in servers} if "load" in only else {}
        if "first" in only:
            for rep in range(a.reps):
                for sv in servers:
                    t = first_playlist(sv, a.flv, rep)
                    log(f"{sv.label}: first playable playlist after {t:.2f} s")
                    res[sv.label].setdefault("first", []).append(t)
        if "load" in only:
            for sv in servers:
                c0 = tree_cpu(sv.pid)
                time.sleep(a.window)
                res[sv.label]["idle"] = tree_cpu(sv.pid) - c0
                log(f"{sv.label}: idle, {res[sv.label]['idle']:.2f} CPU-s in {a.window:.0f} s")
            for n in loads:
                for sv in servers:
                    log(f"{sv.label}: {n} publishers, {a.warmup:.0f} s warm-up, {a.window:.0f} s window")
                    r = load(sv, a.flv, n, pools[sv.label], a.window, a.warmup, a.work)
                    log(f"{sv.label}: {n} publishers: {json.dumps(r)}")
                    res[sv.label][f"load{n}"] = r
                    time.sleep(2)
        if "latency" in only:
            for rep in range(a.reps):
                for sv in servers:
                    r = latency(sv, rep)
                    log(f"{sv.label}: glass-to-glass {r}")
                    for k, v in r.items():
                        res[sv.label].setdefault(f"latency_{k}", []).append(v)
    finally:
        for sv in servers:
            try:
                sv.stop()
            except Exception as e:  # noqa: BLE001 - ending everything matters more here
                log(f"stopping {sv.label}: {e}")
        end_all()
    table = report(res, loads, a, load_before, os.getloadavg(), servers)
    print(table)
    if a.out:
        with open(a.out, "w") as f:
            f.write(table + "\n")


def report(res, loads, a, load_before, load_after, servers):
    P, N = res.get("Polyplex", {}), res.get("nginx-rtmp", {})
    rows = ["| measure | Polyplex | nginx-rtmp | ratio | target |", "|---|---|---|---|---|"]

    def row(measure, p, n, r, target):
        rows.append(f"| {measure} | {p} | {n} | {r} | {target} |")

    if "first" in P or "first" in N:
        fp, fn = median(P.get("first", [])), median(N.get("first", []))
        row(f"publish to first playable playlist, median of {a.reps} (s)",
            fmt(fp) + _spread(P.get("first")), fmt(fn) + _spread(N.get("first")), ratio(fp, fn),
            "<= 3 s after the first keyframe")
    if "idle" in P or "idle" in N:
        row(f"no publisher: CPU-s in the {a.window:.0f} s window", fmt(P.get("idle")), fmt(N.get("idle")),
            ratio(P.get("idle"), N.get("idle")), "")
    for n in loads:
        p, q = P.get(f"load{n}"), N.get(f"load{n}")
        if not p and not q:
            continue
        cp = p and p["cpu"] / p["seconds"] / n * 100
        cn = q and q["cpu"] / q["seconds"] / n * 100
        row(f"{n} publishers: CPU-s in the {a.window:.0f} s window (Polyplex: java alone + packagers)",
            _cpu(p), fmt(q and q["cpu"]), ratio(p and p["cpu"], q and q["cpu"]), "")
        row(f"{n} publishers: CPU per publisher (% of a core)", fmt(cp, 1), fmt(cn, 1), ratio(cp, cn), "ratio <= 2")
        mp = p and "idle" in P and (p["cpu"] - P["idle"]) / p["seconds"] / n * 100
        mn = q and "idle" in N and (q["cpu"] - N["idle"]) / q["seconds"] / n * 100
        row(f"{n} publishers: CPU per publisher above the idle server (% of a core)", fmt(mp, 1), fmt(mn, 1),
            ratio(mp, mn), "ratio <= 2")
        row(f"{n} publishers: RSS of the tree at the end (MiB)", fmt(p and p["rss"], 0), fmt(q and q["rss"], 0),
            ratio(p and p["rss"], q and q["rss"]), "")
        row(f"{n} publishers: PSS of the tree at the end (MiB)", fmt(p and p["pss"], 0), fmt(q and q["pss"], 0),
            ratio(p and p["pss"], q and q["pss"]), "")
        row(f"{n} publishers: lost frames, sum over streams, negative = ahead (sequence gaps; streams short by > 1 s)",
            _lost(p), _lost(q), "", "0" if n == max(loads) else "")
        row(f"{n} publishers: publishers' speed in the window, slowest / fastest; still running",
            _pubs(p, n), _pubs(q, n), "", "1.00 / 1.00; all")
        row(f"{n} publishers: machine busy in the window (publishers' CPU-s)", _busy(p), _busy(q), "", "")
    for kind, label in (("ts", "TS viewer"), ("hls", "HLS viewer")):
        lp, ln = P.get(f"latency_{kind}"), N.get(f"latency_{kind}")
        if lp is None and ln is None:
            continue
        mp, mn = median(lp or []), median(ln or [])
        row(f"glass-to-glass latency, {label}, median of {a.reps} (s)", fmt(mp) + _spread(lp),
            fmt(mn) + _spread(ln), ratio(mp, mn), "")
    procs = P.get(f"load{max(loads)}", {}).get("procs")
    notes = [
        "",
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} cores; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after; window {a.window:.0f} s after "
        f"{a.warmup:.0f} s warm-up; playlists polled each second.",
    ]
    for sv in servers:
        notes.append(f"{sv.label}: {sv.describe()}.")
    if procs:
        notes.append(f"Polyplex's tree at {max(loads)} publishers: " +
                     ", ".join(f"{v} {k}" for k, v in sorted(procs.items())) + ".")
    return "\n".join(rows + notes)


def _spread(xs):
    xs = [x for x in (xs or []) if x is not None]
    return f" ({min(xs):.2f} to {max(xs):.2f})" if len(xs) > 1 else ""


def _lost(r):
    if not r:
        return "–"
    return f"{round(r['lost'] * FPS)} ({r['gaps']}; {r['over']})"


def _cpu(r):
    return "–" if not r else f"{r['cpu']:.2f} ({r['root_cpu']:.2f} + {r['cpu'] - r['root_cpu']:.2f})"


def _busy(r):
    return "–" if not r else f"{r['machine_busy'] * 100:.0f} % ({r['publishers_cpu']:.2f})"


def _pubs(r, n):
    if not r:
        return "–"
    return f"{fmt(r['speed_min'])} / {fmt(r['speed_max'])}; {r['alive']} of {n}"


if __name__ == "__main__":
    main()

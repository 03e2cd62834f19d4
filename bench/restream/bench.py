#!/usr/bin/env python3
"""Restream benchmark: 3 RTSP cameras each sent to 3 nginx-rtmp destinations by Polyplex (copy and
720p profiles), and the same fan-out by one ffmpeg per camera with the tee muxer, in the same run.
Standard library only; see README.md beside this file.

Usage: bench.py --work DIR --app QUARKUS_APP_DIR --camera-script rtsp-test-server.py
                [--window 60] [--warmup 10] [--phases copy,720p,720p-1,tee,tee-720p] [--out FILE]
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
import urllib.request

CLK_TCK = os.sysconf("SC_CLK_TCK")
CAMERAS = 3
NGINX = 3
KILLED = 1  # the nginx that dies in the kill measures
CHILDREN = []


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def spawn(cmd, **kw):
    """A child in its own process group, so that it and whatever it starts end together."""
    kw.setdefault("stdin", subprocess.DEVNULL)
    p = subprocess.Popen(cmd, start_new_session=True, **kw)
    CHILDREN.append(p)
    return p


def end(p, grace=5.0, sig=signal.SIGTERM):
    if p is None:
        return
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
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        p.wait(2)
    except subprocess.TimeoutExpired:
        pass


def wait_until(what, fn, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while True:
        v = fn()
        if v:
            return v
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout:.0f} s")
        time.sleep(interval)


def http(method, url, body=None, token=None, timeout=5.0):
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


# ---------------------------------------------------------------- /proc: CPU and memory of a tree


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
        out[int(name)] = (int(rest[1]), sum(int(x) for x in rest[11:15]), stat[stat.index("(") + 1:stat.rindex(")")])
    return out


def tree(root):
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


def tree_cpu(roots):
    """CPU seconds of the trees: utime + stime of each live process plus what each has reaped
    (cutime + cstime), so processes that came and went in a window are counted."""
    total = 0
    for root in roots:
        pids, procs = tree(root)
        total += sum(procs[p][1] for p in pids)
    return total / CLK_TCK


def tree_mem(roots):
    """(RSS MiB, PSS MiB, {comm: count}) of the trees now."""
    rss = pss = 0
    comms = {}
    for root in roots:
        pids, procs = tree(root)
        for pid in pids:
            comms[procs[pid][2]] = comms.get(procs[pid][2], 0) + 1
            for path, key in ((f"/proc/{pid}/status", "VmRSS:"), (f"/proc/{pid}/smaps_rollup", "Pss:")):
                try:
                    with open(path) as f:
                        for line in f:
                            if line.startswith(key):
                                if key == "VmRSS:":
                                    rss += int(line.split()[1])
                                else:
                                    pss += int(line.split()[1])
                except OSError:
                    pass
    return rss / 1024, pss / 1024, comms


# ---------------------------------------------------------------- cameras, nginx, readers


class Camera:
    """The RTSP test camera of the tests (GStreamer), 1280x720 at 25 fps, H.264 + AAC."""

    def __init__(self, script, work, i, audio):
        self.script, self.i, self.audio = script, i, audio
        self.port = free_port()
        self.url = f"rtsp://127.0.0.1:{self.port}/stream"
        self.log = open(os.path.join(work, f"camera{i}.log"), "w")
        self.proc = None

    def start(self):
        cmd = ["/usr/bin/python3", self.script, "--port", str(self.port), "--size", "1280x720", "--fps", "25"]
        if not self.audio:
            cmd.append("--no-audio")
        # its stdin stays open: the server stops when it closes
        self.proc = spawn(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("READY"):
            raise RuntimeError(f"camera {self.i} did not start: {line!r}; see {self.log.name}")

    def stop(self):
        end(self.proc, grace=5)
        self.proc = None


class Nginx:
    def __init__(self, work, j):
        self.dir = os.path.join(work, f"nginx{j}")
        os.makedirs(os.path.join(self.dir, "logs"), exist_ok=True)
        self.port = free_port()
        self.proc = None
        with open(os.path.join(self.dir, "nginx.conf"), "w") as f:
            f.write(f"""load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
daemon off;
master_process on;
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.dir}/logs/error.log warn;
events {{ worker_connections 1024; }}
rtmp {{ server {{ listen 127.0.0.1:{self.port}; chunk_size 4096;
  application live {{ live on; record off; }} }} }}
""")

    def start(self):
        self.proc = spawn(["nginx", "-e", f"{self.dir}/logs/error.log", "-p", self.dir + "/", "-c",
                           f"{self.dir}/nginx.conf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until("nginx listening", lambda: self.proc.poll() is not None or accepts(self.port), 15, 0.05)
        if self.proc.poll() is not None:
            raise RuntimeError(f"nginx exited: see {self.dir}/logs/error.log")

    def kill(self):
        """As a crash: SIGKILL to master and worker at once."""
        end(self.proc, grace=0.5, sig=signal.SIGKILL)
        self.proc = None

    def url(self, name):
        return f"rtmp://127.0.0.1:{self.port}/live/{name}"


class Reader:
    """Reads one stream back from nginx (ffmpeg -c copy to framecrc, flushed per packet) and stamps
    each packet with the time it arrived; starts again whenever its ffmpeg ends (nginx gone)."""

    def __init__(self, url, label):
        self.url, self.label = url, label
        self.video = []  # (arrival, size)
        self.audio = []
        self.dims = None
        self.stop = threading.Event()
        self.proc = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop.is_set():
            types = {}
            self.proc = spawn(["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "quiet", "-probesize", "500000",
                               "-analyzeduration", "1000000", "-i", self.url, "-map", "0", "-c", "copy",
                               "-flush_packets", "1", "-f", "framecrc", "pipe:1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            for raw in self.proc.stdout:
                now = time.monotonic()
                line = raw.decode("ascii", "replace")
                if line.startswith("#media_type"):
                    idx, kind = line[len("#media_type"):].split(":")
                    types[int(idx)] = kind.strip()
                elif line.startswith("#dimensions"):
                    self.dims = line.split(":", 1)[1].strip()
                elif line and not line.startswith("#"):
                    f = line.split(",")
                    if len(f) >= 5:
                        kind = types.get(int(f[0]))
                        (self.video if kind == "video" else self.audio).append((now, int(f[4])))
                if self.stop.is_set():
                    break
            end(self.proc, grace=1)
            self.stop.wait(0.3)

    def close(self):
        self.stop.set()
        end(self.proc, grace=1)
        self.thread.join(5)

    def frames(self, t0, t1):
        return [t for t, _ in self.video if t0 <= t < t1]

    def stats(self, t0, t1):
        v = [(t, s) for t, s in self.video if t0 <= t < t1]
        a = [(t, s) for t, s in self.audio if t0 <= t < t1]
        d = t1 - t0
        vt = [t for t, _ in v]
        pts = [t0] + vt + [t1]
        at = max(range(len(pts) - 1), key=lambda i: pts[i + 1] - pts[i])
        return {"fps": len(v) / d, "kbps": (sum(s for _, s in v) + sum(s for _, s in a)) * 8 / d / 1000,
                "audio": len(a) > 0, "gap": max_gap(vt, t0, t1), "gap_at": pts[at] - t0,
                "audio_gap": max_gap([t for t, _ in a], t0, t1)}

    def first_after(self, t):
        for ts, _ in self.video:
            if ts >= t:
                return ts
        return None


def seen_starting(starting, key, state):
    """Remembers when a destination's attempt was first seen `starting`; forgets it on any other state."""
    if state == "starting":
        starting.setdefault(key, time.monotonic())
    elif state != "live":
        starting.pop(key, None)


def max_gap(times, t0, t1):
    """The longest time without a video frame in [t0, t1], its edges included."""
    pts = [t0] + [t for t in times if t0 <= t <= t1] + [t1]
    return max(b - a for a, b in zip(pts, pts[1:]))


# ---------------------------------------------------------------- Polyplex


class Polyplex:
    PASSWORD = "bench-admin-pass"

    def __init__(self, work, app):
        self.dir = os.path.join(work, "polyplex")
        os.makedirs(self.dir, exist_ok=True)
        self.app = os.path.abspath(app)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.dir, "app.log")

    def start(self):
        # the launcher users run, with its default JVM options; only the ports are set (BENCH_JAVA_OPTS
        # adds options for an experiment, none by default)
        env = dict(os.environ, POLYPLEX_ADMIN_PASSWORD=self.PASSWORD, POLYPLEX_APP=self.app,
                   JAVA_OPTS=f"{os.environ.get('BENCH_JAVA_OPTS', '')} -Dquarkus.http.port={self.port} "
                             f"-Dpolyplex.ingest.rtmp-port={free_port()}")
        env.pop("POLYPLEX_JAVA_OPTS", None)
        self.proc = spawn([LAUNCHER], cwd=self.dir, env=env, stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        self.pid = self.proc.pid
        wait_until("Polyplex /q/health/ready",
                   lambda: self.proc.poll() is not None or http("GET", self.base + "/q/health/ready")[0] == 200,
                   180, 0.5)
        if self.proc.poll() is not None:
            raise RuntimeError("Polyplex exited; its log: " + self.log_path)
        self.token = self.api("POST", "/api/auth/token", {"username": "admin", "password": self.PASSWORD},
                              auth=False)["access_token"]

    def api(self, method, path, body=None, auth=True, expect=(200, 201, 204)):
        status, data = http(method, self.base + path, body, self.token if auth else None, timeout=30)
        if status not in expect:
            raise RuntimeError(f"{method} {path} -> {status} {data[:300]!r}")
        return json.loads(data) if data else None

    def status(self, rid):
        status, data = http("GET", f"{self.base}/api/restreams/{rid}", token=self.token, timeout=3)
        return json.loads(data) if status == 200 else None

    def sessions(self):
        status, data = http("GET", f"{self.base}/api/sessions", token=self.token, timeout=3)
        return json.loads(data).get("sessions", []) if status == 200 else []

    def stop(self):
        end(self.proc, grace=20)


class Sampler:
    """GET /api/restreams/{id} of every running restream, every `period` seconds, with the time."""

    def __init__(self, pp, rids, period=1.0):
        self.pp, self.rids, self.period = pp, rids, period
        self.samples = []  # (time, {rid: status})
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop.is_set():
            t = time.monotonic()
            self.samples.append((t, {rid: self.pp.status(rid) for rid in self.rids}))
            self.stop.wait(max(0.05, self.period - (time.monotonic() - t)))

    def close(self):
        self.stop.set()
        self.thread.join(10)

    def window(self, t0, t1):
        """Per destination: mean fps and bitrate, slowest speed, dropped and duplicated frames over
        the window, state at its end, retries during it, and the profile at its end."""
        inside = [(t, s) for t, s in self.samples if t0 <= t <= t1]
        per = {}
        for t, statuses in inside:
            for rid, st in statuses.items():
                for d in (st or {}).get("destinations", []):
                    per.setdefault((rid, d["destinationId"]), []).append(d)
        out = {}
        for key, ds in per.items():
            live = [d for d in ds if d["state"] == "live"]
            out[key] = {
                "fps": statistics.mean(d["fps"] for d in live) if live else 0.0,
                "kbps": statistics.mean(d["bitrateKbps"] for d in live) if live else 0.0,
                "speed": min(d["speed"] for d in live) if live else 0.0,
                "dropped": max(0, ds[-1]["droppedFrames"] - ds[0]["droppedFrames"]),
                "dup": max(0, ds[-1]["duplicatedFrames"] - ds[0]["duplicatedFrames"]),
                "state": ds[-1]["state"], "retries": ds[-1]["retries"] - ds[0]["retries"],
                "profile": ds[-1].get("activeProfile") or ds[-1]["profile"], "encoder": ds[-1].get("encoder"),
                "reason": ds[-1].get("degradedReason"),
            }
        return out

    def first_step_down(self, t0):
        """Seconds from t0 to the first sample with a destination below its configured profile."""
        for t, statuses in self.samples:
            for st in statuses.values():
                for d in (st or {}).get("destinations", []):
                    if d.get("activeProfile") and d["activeProfile"] != d["profile"]:
                        return t - t0
        return None


# ---------------------------------------------------------------- the run


class Bench:
    def __init__(self, a):
        self.a = a
        self.res = {}
        self.work = a.work

    def setup(self):
        audio = self.a.audio
        self.cams = [Camera(self.a.camera_script, self.work, i, audio) for i in range(CAMERAS)]
        self.nginx = [Nginx(self.work, j) for j in range(NGINX)]
        for c in self.cams:
            c.start()
        for n in self.nginx:
            n.start()
        log(f"cameras {[c.port for c in self.cams]}, nginx {[n.port for n in self.nginx]}")

    def readers(self, cams):
        return {(i, j): Reader(self.nginx[j].url(f"cam{i}"), f"cam{i}@nginx{j}") for i in cams for j in range(NGINX)}

    @staticmethod
    def close(readers):
        for r in readers.values():
            r.close()

    def wait_video(self, readers, timeout=60):
        t = time.monotonic()
        wait_until("video at every destination",
                   lambda: all(r.video for r in readers.values()), timeout, 0.2)

    # -------------------------------------------------------- Polyplex

    def polyplex_setup(self):
        pp = self.pp = Polyplex(self.work, self.a.app)
        log("starting Polyplex")
        pp.start()
        self.camera_ids, self.channel_ids = [], []
        for i, c in enumerate(self.cams):
            v = pp.api("POST", "/api/cameras", {"name": f"bench camera {i}", "url": c.url, "transport": "tcp"})
            self.camera_ids.append(v["id"])
            self.channel_ids.append(v["channelId"])
        # camera 0's channel: camera 0, then camera 1 as the backup source
        ch = pp.api("GET", f"/api/channels/{self.channel_ids[0]}")
        pp.api("PUT", f"/api/channels/{self.channel_ids[0]}",
               {"name": ch["name"], "categoryId": ch["categoryId"],
                "sources": [{"url": f"camera://{self.camera_ids[0]}"}, {"url": f"camera://{self.camera_ids[1]}"}]})
        ch = pp.api("GET", f"/api/channels/{self.channel_ids[0]}")
        self.backup_source = [s["id"] for s in ch["sources"] if s["url"] == f"camera://{self.camera_ids[1]}"][0]
        self.dest = {}
        for i in range(CAMERAS):
            for j, n in enumerate(self.nginx):
                d = pp.api("POST", "/api/destinations", {"name": f"cam{i} to nginx{j}", "preset": "custom",
                                                         "url": f"rtmp://127.0.0.1:{n.port}/live",
                                                         "streamKey": f"cam{i}"})
                self.dest[(i, j)] = d["id"]

    def polyplex_phase(self, name, profile, cams, events):
        pp = self.pp
        readers = self.readers(cams)
        rids = {}
        for i in cams:
            r = pp.api("POST", "/api/restreams", {"channelId": self.channel_ids[i], "destinations": [
                {"destinationId": self.dest[(i, j)], "profile": profile} for j in range(NGINX)]})
            rids[i] = r["id"]
        by_dest = {(rids[i], self.dest[(i, j)]): (i, j) for i in cams for j in range(NGINX)}
        sampler = Sampler(pp, list(rids.values()))
        r = {"cams": len(cams)}
        try:
            t_start = time.monotonic()
            for rid in rids.values():
                pp.api("POST", f"/api/restreams/{rid}/start")
            wait_until(f"{name}: every destination live",
                       lambda: all((pp.status(rid) or {}).get("state") == "live" for rid in rids.values()), 90, 0.2)
            r["to_live"] = time.monotonic() - t_start
            self.wait_video(readers)
            log(f"{name}: live after {r['to_live']:.1f} s; {self.a.warmup:.0f} s warm-up, {self.a.window:.0f} s window")
            time.sleep(self.a.warmup)
            r.update(self.window([pp.pid], readers))
            api = sampler.window(r["t0"], r["t1"])
            r["api"] = {by_dest[k]: v for k, v in api.items() if k in by_dest}
            r["step_down"] = sampler.first_step_down(t_start)
            if "kill" in events:
                r["kill"] = self.polyplex_kill(rids, readers)
            if "failover" in events and 0 in cams:
                r["failover"] = self.polyplex_failover(rids[0], readers)
        finally:
            sampler.close()
            for rid in rids.values():
                http("POST", f"{pp.base}/api/restreams/{rid}/stop", {}, pp.token, timeout=30)
            self.close(readers)
        log(f"{name}: {json.dumps(summary(r))}")
        self.res[name] = r

    def window(self, roots, readers):
        c0, t0 = tree_cpu(roots), time.monotonic()
        time.sleep(self.a.window)
        c1, t1 = tree_cpu(roots), time.monotonic()
        rss, pss, comms = tree_mem(roots)
        return {"cpu": c1 - c0, "t0": t0, "t1": t1, "rss": rss, "pss": pss, "procs": comms,
                "read": {k: v.stats(t0, t1) for k, v in readers.items()}}

    def polyplex_kill(self, rids, readers):
        """nginx KILLED dies; the others' gap; back after DOWN s; time until its destinations are live."""
        pp, n = self.pp, self.nginx[KILLED]
        killed = {(rids[i], self.dest[(i, KILLED)]) for i in rids}
        others = [k for k in readers if k[1] != KILLED]
        before = {rid: pp.status(rid) for rid in rids.values()}
        t_kill = time.monotonic()
        n.kill()
        log(f"nginx{KILLED} killed; back in {self.a.down:.0f} s")
        states = set()
        starting = {}  # when each killed destination's current attempt was first seen starting
        while time.monotonic() < t_kill + self.a.down:
            for rid in rids.values():
                for d in (pp.status(rid) or {}).get("destinations", []):
                    k = (rid, d["destinationId"])
                    if k in killed:
                        states.add(d["state"])
                        seen_starting(starting, k, d["state"])
            time.sleep(0.1)
        n.start()
        t_up = time.monotonic()
        back = {}
        start_to_live = []
        deadline = t_up + 90
        while len(back) < len(killed) and time.monotonic() < deadline:
            for rid in rids.values():
                for d in (pp.status(rid) or {}).get("destinations", []):
                    k = (rid, d["destinationId"])
                    if k in killed and k not in back:
                        if d["state"] == "live":
                            back[k] = time.monotonic() - t_up
                            if starting.get(k):
                                start_to_live.append(time.monotonic() - starting[k])
                        seen_starting(starting, k, d["state"])
            time.sleep(0.1)
        t_end = time.monotonic() + 2
        time.sleep(2)
        after = {rid: pp.status(rid) for rid in rids.values()}
        other_retries = 0
        for rid in rids.values():
            b = {d["destinationId"]: d for d in before[rid]["destinations"]}
            for d in after[rid]["destinations"]:
                if (rid, d["destinationId"]) not in killed:
                    other_retries += d["retries"] - b[d["destinationId"]]["retries"]
        frames_back = [readers[k].first_after(t_up) for k in readers if k[1] == KILLED]
        return {
            "states": sorted(states),
            "back": sorted(back.values()), "back_count": len(back), "killed": len(killed),
            "start_to_live": sorted(start_to_live),
            "read_back": sorted(t - t_up for t in frames_back if t),
            "others_gap": max(max_gap(readers[k].frames(t_kill - 1, t_end), t_kill - 1, t_end) for k in others),
            "others_receiving": sum(1 for k in others if readers[k].frames(t_up - 2, t_up)),
            "others": len(others), "other_retries": other_retries,
        }

    def polyplex_failover(self, rid, readers):
        """Camera 0 stops; its channel's second source is camera 1: time until the session plays the
        backup and until the destinations get frames again; then camera 0 returns."""
        pp, cam = self.pp, self.cams[0]
        chan = self.channel_ids[0]

        def session():
            return next((s for s in pp.sessions() if s["channelId"] == chan), None)

        keys = [k for k in readers if k[0] == 0]
        before = pp.status(rid)
        t_kill = time.monotonic()
        cam.stop()
        log("camera 0 stopped")
        on_backup = None
        deadline = t_kill + 30
        while time.monotonic() < deadline:
            s = session()
            if s and s.get("sourceId") == self.backup_source:
                on_backup = time.monotonic() - t_kill
                break
            time.sleep(0.05)
        time.sleep(6)
        t_obs = time.monotonic()
        # the destinations: the end of the longest gap after the camera's loss is the backup on air
        air = []
        for k in keys:
            ts = readers[k].frames(t_kill, t_obs)
            pts = [t_kill] + ts
            gaps = [(b - a, b) for a, b in zip(pts, pts[1:])]
            g = max(gaps) if gaps else (t_obs - t_kill, None)
            air.append({"gap": g[0], "on_air": (g[1] - t_kill) if g[1] else None})
        mid = pp.status(rid)
        cam.start()
        t_cam = time.monotonic()
        log("camera 0 back")
        back = None
        while time.monotonic() < t_cam + self.a.switch_back:
            s = session()
            if s and s.get("sourceId") not in (None, self.backup_source):
                back = time.monotonic() - t_cam
                break
            time.sleep(0.1)
        time.sleep(3)
        after = pp.status(rid)
        t_end = time.monotonic()
        gap_back = max(max_gap(readers[k].frames(t_cam, t_end), t_cam, t_end) for k in keys)
        return {
            "on_backup": on_backup, "air": air, "back": back, "gap_back": gap_back,
            "states_mid": [d["state"] for d in mid["destinations"]],
            "retries": sum(d["retries"] for d in after["destinations"]) - sum(
                d["retries"] for d in before["destinations"]),
            "states_after": [d["state"] for d in after["destinations"]],
        }

    # -------------------------------------------------------- ffmpeg tee

    def tee(self, i, onfail, encode=False):
        """One ffmpeg for camera i to the 3 nginx: copy, or (encode) one libx264 encode with the
        options of Polyplex's 720p profile, sent to all three."""
        opt = f":onfail={onfail}" if onfail else ""
        outs = "|".join(f"[f=flv{opt}:flvflags=no_duration_filesize]{n.url(f'cam{i}')}" for n in self.nginx)
        codecs = TEE_720P if encode else ["-c", "copy"]
        return spawn(["ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning", "-rtsp_transport", "tcp",
                      "-i", self.cams[i].url, "-map", "0:v:0", "-map", "0:a:0?"] + codecs + ["-f", "tee", outs],
                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.work, f"tee{i}.log"), "a"))

    def tee_encode_phase(self):
        """The 720p reference: one tee ffmpeg per camera that encodes once for its 3 outputs (the
        window only)."""
        readers = self.readers(range(CAMERAS))
        procs = [self.tee(i, None, encode=True) for i in range(CAMERAS)]
        try:
            t = time.monotonic()
            self.wait_video(readers)
            log(f"tee-720p: live after {time.monotonic() - t:.1f} s; {self.a.warmup:.0f} s warm-up, "
                f"{self.a.window:.0f} s window")
            time.sleep(self.a.warmup)
            r = {"cams": CAMERAS}
            r.update(self.window([p.pid for p in procs], readers))
        finally:
            for p in procs:
                end(p)
            self.close(readers)
        log(f"tee-720p: {json.dumps(summary(r))}")
        self.res["tee-720p"] = r

    def tee_phase(self):
        """Three runs of one tee ffmpeg per camera: no onfail option (the window, then one nginx dies),
        onfail=abort, onfail=ignore (one nginx dies and comes back; then camera 0 stops)."""
        r = {"cams": CAMERAS}
        for onfail in (None, "abort", "ignore"):
            readers = self.readers(range(CAMERAS))
            procs = [self.tee(i, onfail) for i in range(CAMERAS)]
            try:
                t = time.monotonic()
                self.wait_video(readers)
                if onfail is None:
                    r["to_live"] = time.monotonic() - t
                    log(f"tee: live after {r['to_live']:.1f} s; {self.a.warmup:.0f} s warm-up, "
                        f"{self.a.window:.0f} s window")
                    time.sleep(self.a.warmup)
                    r.update(self.window([p.pid for p in procs], readers))
                else:
                    time.sleep(3)
                r[f"kill_{onfail or 'default'}"] = self.tee_kill(procs, readers, onfail)
                if onfail == "ignore":
                    r["camera_loss"] = self.tee_camera_loss(procs, readers)
            finally:
                for p in procs:
                    end(p)
                self.close(readers)
        log(f"tee: {json.dumps(summary(r))}")
        self.res["tee"] = r

    def tee_kill(self, procs, readers, onfail):
        n = self.nginx[KILLED]
        others = [k for k in readers if k[1] != KILLED]
        t_kill = time.monotonic()
        n.kill()
        log(f"tee (onfail={onfail or 'not given'}): nginx{KILLED} killed; back in {self.a.down:.0f} s")
        exits = {}
        while time.monotonic() < t_kill + self.a.down:
            for i, p in enumerate(procs):
                if i not in exits and p.poll() is not None:
                    exits[i] = time.monotonic() - t_kill
            time.sleep(0.05)
        alive_down = sum(1 for p in procs if p.poll() is None)
        n.start()
        t_up = time.monotonic()
        time.sleep(self.a.recover)
        t_end = time.monotonic()
        return {
            "alive": alive_down, "procs": len(procs),
            "others_receiving": sum(1 for k in others if readers[k].frames(t_up - 2, t_up)),
            "others": len(others), "alive_end": sum(1 for p in procs if p.poll() is None),
            "others_gap": max(max_gap(readers[k].frames(t_kill - 1, t_up), t_kill - 1, t_up) for k in others),
            "killed_back": sum(1 for k in readers if k[1] == KILLED and readers[k].frames(t_up, t_end)),
            "killed": sum(1 for k in readers if k[1] == KILLED), "observed": t_end - t_up,
            "exited_after": max(exits.values()) if exits else None,
        }

    def tee_camera_loss(self, procs, readers):
        """Camera 0 stops: the tee ffmpeg has no second source; what its destinations get afterwards."""
        cam = self.cams[0]
        t_kill = time.monotonic()
        cam.stop()
        exited = None
        while time.monotonic() < t_kill + self.a.recover:
            if exited is None and procs[0].poll() is not None:
                exited = time.monotonic() - t_kill
            time.sleep(0.1)
        t_end = time.monotonic()
        cam.start()
        keys = [k for k in readers if k[0] == 0]
        return {"exited_after": exited, "observed": t_end - t_kill,
                "receiving": sum(1 for k in keys if readers[k].frames(t_kill + 2, t_end)), "dests": len(keys)}

    # -------------------------------------------------------- all

    def run(self):
        phases = self.a.phases.split(",")
        load_before = os.getloadavg()
        self.setup()
        if any(not p.startswith("tee") for p in phases):
            self.polyplex_setup()
        for p in phases:
            if p == "copy":
                self.polyplex_phase("copy", "copy", range(CAMERAS), {"kill", "failover"})
            elif p == "720p":
                self.polyplex_phase("720p", "720p", range(CAMERAS), set())
            elif p == "720p-1":
                self.polyplex_phase("720p-1", "720p", [0], {"kill"})
            elif p == "tee":
                self.tee_phase()
            elif p == "tee-720p":
                self.tee_encode_phase()
            else:
                raise SystemExit(f"unknown phase {p}")
            time.sleep(3)
        return load_before


def summary(r):
    """The phase's figures without the raw samples, for the log."""
    out = {k: v for k, v in r.items() if k not in ("read", "api", "t0", "t1")}
    if "read" in r:
        out["read"] = {f"{k[0]}@{k[1]}": {x: round(y, 2) if isinstance(y, float) else y for x, y in v.items()}
                       for k, v in r["read"].items()}
    if "api" in r:
        out["api"] = {f"{k[0]}@{k[1]}": v for k, v in r["api"].items()}
    return out


# ---------------------------------------------------------------- the table


def f(v, d=2):
    return "–" if v is None else f"{v:.{d}f}"


def spread(xs, d=1):
    xs = sorted(x for x in xs if x is not None)
    if not xs:
        return "–"
    return f"{xs[0]:.{d}f} / {statistics.median(xs):.{d}f} / {xs[-1]:.{d}f}"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def report(b, load_before, a):
    res = b.res
    rows = ["| measure | Polyplex | ffmpeg tee | ratio |", "|---|---|---|---|"]

    def row(m, p="–", t="–", r=""):
        rows.append(f"| {m} | {p} | {t} | {r} |")

    T = res.get("tee")
    w = f"{a.window:.0f} s"
    for name, label in (("copy", "copy, 3 cameras x 3"), ("720p", "720p, 3 cameras x 3"),
                        ("720p-1", "720p, 1 camera x 3")):
        P = res.get(name)
        if not P:
            continue
        t = {"copy": T, "720p": res.get("tee-720p")}.get(name)
        nd = P["cams"] * NGINX
        row(f"{label}: CPU-s in the {w} window (Polyplex: java + its ffmpegs)", f(P["cpu"]), f(t and t["cpu"]),
            ratio(P["cpu"], t and t["cpu"]))
        pc = P["cpu"] / (P["t1"] - P["t0"]) / nd * 100
        tc = t and t["cpu"] / (t["t1"] - t["t0"]) / nd * 100
        row(f"{label}: CPU per destination (% of a core)", f(pc, 1), f(tc, 1), ratio(pc, tc))
        row(f"{label}: RSS / PSS of the tree at the window's end (MiB)", f"{P['rss']:.0f} / {P['pss']:.0f}",
            t and f"{t['rss']:.0f} / {t['pss']:.0f}" or "–", ratio(P["rss"], t and t["rss"]))
        row(f"{label}: processes", procs(P["procs"]), t and procs(t["procs"]) or "–")
        rd = list(P["read"].values())
        td = list(t["read"].values()) if t else []
        row(f"{label}: fps read back per destination, min / median / max", spread([x["fps"] for x in rd]),
            spread([x["fps"] for x in td]) if t else "–")
        row(f"{label}: kbit/s read back per destination (video + audio), min / median / max",
            spread([x["kbps"] for x in rd], 0), spread([x["kbps"] for x in td], 0) if t else "–")
        row(f"{label}: destinations with audio read back", f"{sum(x['audio'] for x in rd)} of {nd}",
            f"{sum(x['audio'] for x in td)} of {len(td)}" if t else "–")
        row(f"{label}: longest gap between frames read back, any destination (s)", f(max(x["gap"] for x in rd)),
            f(max(x["gap"] for x in td)) if t else "–")
        ap = list(P["api"].values())
        row(f"{label}: Polyplex's own figures (GET /api/restreams/{{id}}): fps, kbit/s, min / median / max",
            f"{spread([x['fps'] for x in ap])}; {spread([x['kbps'] for x in ap], 0)}", "")
        row(f"{label}: ffmpeg speed, slowest destination (Polyplex's figures)", f(min((x["speed"] for x in ap),
                                                                                    default=None)), "")
        row(f"{label}: frames dropped / duplicated in the window, all destinations",
            f"{sum(x['dropped'] for x in ap)} / {sum(x['dup'] for x in ap)}", "0 / 0 (copy)" if t is T and t else "–")
        prof = sorted({x["profile"] for x in ap})
        prof = [f"{p} ({sum(1 for x in ap if x['profile'] == p)})" for p in prof]
        enc = sorted({x["encoder"] or "–" for x in ap})
        if P.get("step_down") is not None or any(x["reason"] for x in ap):
            reasons = sorted({x["reason"] for x in ap if x["reason"]})
            row(f"{label}: degraded mode: first step down, seconds after the start; reasons at the window's end",
                f"{f(P.get('step_down'), 0)}; {'; '.join(reasons) or '–'}", "")
        row(f"{label}: destinations live at the window's end; profile running then (destinations); encoder",
            f"{sum(1 for x in ap if x['state'] == 'live')} of {nd}; {', '.join(prof)}; {', '.join(enc)}",
            f"{sum(1 for x in td if x['fps'] > 0)} of {len(td)} receiving" if t else "–")
        k = P.get("kill")
        if k:
            runs = [(o, t.get(f"kill_{o}")) for o in ("default", "abort", "ignore")] if t else []
            runs = [(o, x) for o, x in runs if x]

            def tee_cell(fn):
                return "<br>".join(f"{TEE_LABEL[o]}: {fn(x)}" for o, x in runs) if runs else "–"
            row(f"{label}: one nginx killed for {a.down:.0f} s: the other destinations still receiving",
                f"{k['others_receiving']} of {k['others']}; their retries: {k['other_retries']}",
                tee_cell(lambda x: f"{x['others_receiving']} of {x['others']} ({x['alive']} of {x['procs']} ffmpeg "
                         f"running" + (f", the last exited {x['exited_after']:.1f} s after the kill"
                                       if x["exited_after"] is not None and x["alive"] == 0 else "") + ")"))
            row(f"{label}: one nginx killed: longest gap between frames at the other destinations (s)",
                f(k["others_gap"]), tee_cell(lambda x: f(x["others_gap"]) if x["others_receiving"] else "stopped"))
            row(f"{label}: killed destinations' states while their nginx was down", ", ".join(k["states"]), "")
            row(f"{label}: nginx back: time until its destinations are `live` again (s), min / median / max",
                f"{spread(k['back'])} ({k['back_count']} of {k['killed']})",
                tee_cell(lambda x: f"{x['killed_back']} of {x['killed']} receiving within {x['observed']:.0f} s"))
            row(f"{label}: nginx back: time until frames are read back from it (s), min / median / max",
                f"{spread(k['read_back'])}", "")
            row(f"{label}: nginx back: the attempt that went live, from `starting` to `live` (s), min / median / max "
                "(the rest is the backoff's wait)", f"{spread(k.get('start_to_live', []))}", "")
        fo = P.get("failover")
        if fo:
            tl = t and t.get("camera_loss")
            row(f"{label}: camera 0 lost: time until its session connects the backup camera (s)",
                f(fo["on_backup"]), "no second source" if tl else "–")
            row(f"{label}: camera 0 lost: backup on air, the gap at its 3 destinations, min / median / max (s)",
                spread([x["gap"] for x in fo["air"]], 2),
                (f"{tl['receiving']} of {tl['dests']} receiving in the {tl['observed']:.0f} s after; ffmpeg "
                 + (f"exited {tl['exited_after']:.1f} s after the loss" if tl["exited_after"] is not None
                    else "still running")) if tl else "–")
            row(f"{label}: camera 0 lost: its destinations' states 6 s later; their retries",
                f"{', '.join(fo['states_mid'])}; {fo['retries']}", "")
            row(f"{label}: camera 0 back: time until its channel plays it again (s); longest gap then (s)",
                f"{f(fo['back']) if fo['back'] is not None else f'not within {a.switch_back:.0f} s'}; "
                f"{f(fo['gap_back'])}", "")
    if T and "copy" not in res:
        row(f"tee: CPU-s in the {w} window", "–", f(T["cpu"]))
    notes = ["",
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} cores; load average "
             f"{load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after; window {w} after {a.warmup:.0f} s warm-up.",
             f"Cameras: {CAMERAS} x rtsp-test-server.py (GStreamer x264enc ultrafast, 800 kbit/s, keyframe each second), "
             f"1280x720 at 25 fps, {'H.264 + AAC' if a.audio else 'H.264 only (no AAC encoder in GStreamer)'}; "
             f"destinations: {NGINX} nginx ({versions()['nginx']}, libnginx-mod-rtmp, 1 worker each), "
             f"read back by ffmpeg (-c copy -f framecrc, each packet stamped on arrival).",
             f"Polyplex: bin/polyplex (its default JVM options) with POLYPLEX_APP={a.app}, default settings; "
             f"{versions()['java']}; "
             f"{versions()['ffmpeg']}.",
             "ffmpeg tee: one ffmpeg per camera, -rtsp_transport tcp -i <camera> -map 0:v:0 -map 0:a:0? -c copy "
             "-f tee \"[f=flv]rtmp://...|[f=flv]rtmp://...|[f=flv]rtmp://...\", run three times: no onfail option (the window), "
             "onfail=abort, onfail=ignore (then camera 0 stops)"
             + ("; for 720p, one per camera encoding once for its 3 outputs (" + " ".join(TEE_720P) + ")."
                if "tee-720p" in res else ".")]
    return "\n".join(rows + notes)


LAUNCHER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bin", "polyplex")

# the video and audio options of Polyplex's 720p profile (OutputCommand), for the tee reference
TEE_720P = ["-vf", "scale=-2:720,fps=30,format=yuv420p", "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency",
            "-b:v", "2500k", "-maxrate", "2500k", "-bufsize", "5000k", "-g", "60", "-keyint_min", "60",
            "-sc_threshold", "0", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"]

TEE_LABEL = {"default": "no onfail option", "abort": "onfail=abort", "ignore": "onfail=ignore"}


def procs(comms):
    return ", ".join(f"{v} {k}" for k, v in sorted(comms.items()))


_VERSIONS = {}


def versions():
    if not _VERSIONS:
        _VERSIONS["nginx"] = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip().replace(
            "nginx version: ", "")
        _VERSIONS["java"] = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
        _VERSIONS["ffmpeg"] = " ".join(subprocess.run(["ffmpeg", "-version"], capture_output=True,
                                                      text=True).stdout.split()[:3])
    return _VERSIONS


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--app")
    ap.add_argument("--camera-script", required=True)
    ap.add_argument("--window", type=float, default=60)
    ap.add_argument("--warmup", type=float, default=10)
    ap.add_argument("--down", type=float, default=10, help="seconds a killed nginx stays down")
    ap.add_argument("--recover", type=float, default=15, help="seconds the tee runs are watched after an event")
    ap.add_argument("--switch-back", type=float, default=30, help="seconds to wait for the channel back on camera 0")
    ap.add_argument("--phases", default="copy,720p,720p-1,tee,tee-720p")
    ap.add_argument("--no-audio", dest="audio", action="store_false")
    ap.add_argument("--out")
    a = ap.parse_args()

    def bye(signum, _frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, bye)
    signal.signal(signal.SIGINT, bye)
    b = Bench(a)
    try:
        load_before = b.run()
    finally:
        if hasattr(b, "pp"):
            try:
                b.pp.stop()
            except Exception as e:  # noqa: BLE001 - ending everything matters more here
                log(f"stopping Polyplex: {e}")
        for p in reversed(CHILDREN):
            end(p, grace=2.0)
    table = report(b, load_before, a)
    print(table)
    if a.out:
        with open(a.out, "w") as fh:
            fh.write(table + "\n")


if __name__ == "__main__":
    main()

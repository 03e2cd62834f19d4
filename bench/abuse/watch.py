#!/usr/bin/env python3
"""An honest TS viewer in its own process, so that the load client's own pauses (GC, CPU) never
show up as the server's: reads a live stream from a chosen local address and prints one line per
read, 'bytes gap_ms', where gap_ms is the time since the previous read."""
import socket
import sys
import time

host, port, path, local = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
s = socket.create_connection((host, port), timeout=120, source_address=(local, 0))
s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode("ascii"))
last = time.monotonic()
while True:
    data = s.recv(65536)
    if not data:
        break
    now = time.monotonic()
    print(len(data), round((now - last) * 1000, 1), flush=True)
    last = now

"""The room's row of scripts/bench: a workspace loaded at a real prompt (a
pseudo-terminal, through pexpect), `serve` on a free loopback port, a page
listening to /events as the browser's EventSource does; then, for each run,
a value typed at the prompt, and the time until the page hears of it (the
change event) and until it holds the new body (the event, then GET /body, as
the page's script does). The page's weight is what a browser downloads
first: `/` (the whole page) and `/body` (what each change fetches again)."""
import os
import re
import socket
import statistics
import tempfile
import time

PROMPT = re.compile(r"align( [0-9:]+| time's up)?> ")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    """GET path on loopback: the body's bytes."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while True:
            data = s.recv(1 << 16)
            if not data:
                break
            chunks.append(data)
    reply = b"".join(chunks)
    head, _, body = reply.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"GET {path}: {head[:200]!r}")
    return body


class Events:
    """A page listening to /events: waits for the next change event."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        self.sock.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        self.buffer = b""
        self.next_change()  # the one sent at once

    def next_change(self):
        while b"event: change" not in self.buffer:
            data = self.sock.recv(1 << 16)
            if not data:
                raise RuntimeError("the event stream closed")
            self.buffer += data
        self.buffer = self.buffer.split(b"event: change", 1)[1]
        return time.perf_counter()

    def close(self):
        self.sock.close()


def measure(align, script, runs):
    """(ms to the event, ms to the new body, bytes of /, bytes of /body), medians over the runs."""
    import pexpect

    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        env.update(HOME=home, TERM="xterm", LANG="C.UTF-8", TZ="UTC", NO_COLOR="1")
        shell = pexpect.spawn(align, ["-q", script, "-i"], env=env, cwd=home, encoding="utf-8", timeout=600,
                              dimensions=(50, 120))
        # pexpect waits 50 ms before each line it sends, by default: not the page's time.
        shell.delaybeforesend = None
        shell.expect(PROMPT)
        port = free_port()
        shell.sendline(f"serve 127.0.0.1:{port}")
        shell.expect(PROMPT)
        page = get(port, "/")
        events = Events(port)
        to_event, to_body = [], []
        body = b""
        for run in range(runs):
            events.buffer = b""
            start = time.perf_counter()
            shell.sendline(f"value leads_000042 2026-Q3 {4000 + run}")
            heard = events.next_change()
            body = get(port, "/body")
            done = time.perf_counter()
            shell.expect(PROMPT)
            to_event.append((heard - start) * 1000)
            to_body.append((done - start) * 1000)
        events.close()
        # The values typed are unsaved changes: leaving would ask twice.
        shell.close(force=True)
    return statistics.median(to_event), statistics.median(to_body), len(page), len(body)


def run(align, scripts, metrics, runs, out, exponent, fmt_exp):
    figures = [measure(align, script, runs) for script in scripts]
    out(f"The room's page on the seed shape: a value typed at the prompt until the page hears of it and holds "
        f"its new body (median of {runs}), and the page's weight:")
    out("")
    out("| what | " + " | ".join(f"{m:,} metrics" for m in metrics) + " | exponent |")
    out("|---|" + "---:|" * (len(metrics) + 1))
    rows = [("change to the event", 0, "ms"), ("change to the new body", 1, "ms"),
            ("weight of the page (`/`)", 2, "KiB"), ("weight of a change (`/body`)", 3, "KiB")]
    for name, k, unit in rows:
        values = [f[k] for f in figures]
        cells = [f"{v:.1f} ms" if unit == "ms" else f"{v / 1024:.1f} KiB" for v in values]
        out(f"| {name} | " + " | ".join(cells) + f" | {fmt_exp(exponent(metrics, values))} |")

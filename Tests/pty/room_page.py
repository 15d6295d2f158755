"""What the page tests share: align serving its page at a prompt, and small
HTTP helpers on the standard library."""
import http.client, os, re, signal, time, urllib.error, urllib.parse, urllib.request

import pexpect

PROMPT = re.compile(r"align( [0-9:]+| time's up)?> ")


class Room:
    """align --demo at a prompt, serving its page at `address`."""

    def __init__(self, binary, home, address="127.0.0.1:0", args=("--demo",)):
        env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        env.update(HOME=home, TERM="dumb", LANG="C.UTF-8", NO_COLOR="1")
        self.shell = pexpect.spawn(binary, list(args), env=env, cwd=home, encoding="utf-8", timeout=15,
                                   dimensions=(50, 120))
        self.shell.expect(PROMPT)
        self.shell.sendline("serve " + address)
        self.shell.expect(r"serving the room's page at\s+(\S+)")
        self.url = self.shell.match.group(1)
        self.shell.expect(PROMPT)
        parts = urllib.parse.urlsplit(self.url)
        self.host, self.port = parts.hostname, parts.port
        self.token = urllib.parse.parse_qs(parts.query).get("token", [None])[0]

    def type(self, line):
        self.shell.sendline(line)
        self.shell.expect(PROMPT)
        return self.shell.before

    def close(self):
        self.shell.kill(signal.SIGKILL)

    def path(self, path, token=True):
        query = "?token=" + self.token if token and self.token else ""
        return path + query


def request(room, method, path, body=None, headers=None, host=None):
    """One request on loopback; returns (status, headers, body text)."""
    connection = http.client.HTTPConnection("127.0.0.1", room.port, timeout=10)
    all_headers = {"Host": host or "127.0.0.1:%d" % room.port}
    all_headers.update(headers or {})
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, dict(response.getheaders()), text


class Events:
    """A listener on the page's server-sent events."""

    def __init__(self, room):
        self.connection = http.client.HTTPConnection("127.0.0.1", room.port, timeout=10)
        self.connection.request("GET", room.path("/events"), headers={"Host": "127.0.0.1:%d" % room.port})
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type").startswith("text/event-stream")

    def next_change(self):
        """Blocks until the next change event; returns its revision."""
        event = None
        while True:
            line = self.response.fp.readline().decode()
            if line.strip() in ("", ) or re.fullmatch(r"[0-9a-f]+\r\n", line):
                continue
            if line.startswith("event: "):
                event = line[7:].strip()
            elif line.startswith("data: ") and event == "change":
                return int(line[6:])

    def close(self):
        self.connection.close()

"""Just enough of the Chrome DevTools Protocol, on the standard library, to
ask headless Chromium what a page shows: a WebSocket client (RFC 6455, text
frames only) and Runtime.evaluate."""
import base64, json, os, shutil, socket, struct, subprocess, tempfile, time, urllib.request


def browser():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise AssertionError("no Chromium: scripts/setup --test installs Debian's chromium")



class CDPError(Exception):
    """An error the browser answered a call with."""

class Chromium:
    """Headless Chromium showing `url`, driven over the DevTools protocol."""

    def __init__(self, url, width=1280, height=900):
        self.profile = tempfile.mkdtemp(prefix="align-chromium-")
        self.process = subprocess.Popen(
            [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-port=0",
             "--user-data-dir=" + self.profile, "--window-size=%d,%d" % (width, height), url],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 30
        while not (os.path.exists(port_file) and open(port_file).read().count("\n") >= 1):
            assert time.monotonic() < deadline, "Chromium did not start"
            time.sleep(0.1)
        port = int(open(port_file).read().split("\n")[0])
        while True:
            pages = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json" % port))
            pages = [p for p in pages if p.get("type") == "page"]
            if pages:
                break
            assert time.monotonic() < deadline
            time.sleep(0.1)
        self.socket = self._connect(pages[0]["webSocketDebuggerUrl"])
        self.next_id = 0

    def _connect(self, url):
        rest = url.split("://", 1)[1]
        hostport, path = rest.split("/", 1)
        host, port = hostport.split(":")
        s = socket.create_connection((host, int(port)), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall(("GET /%s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (path, hostport, key)).encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += s.recv(1)
        assert b" 101 " in answer.split(b"\r\n")[0], answer
        return s

    def _send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        if len(data) < 126:
            header += bytes([0x80 | len(data)])
        elif len(data) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        self.socket.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.socket.recv(n - len(data))
            assert chunk, "the DevTools connection closed"
            data += chunk
        return data

    def _receive(self):
        message = b""
        while True:
            first, second = self._exact(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._exact(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._exact(8))[0]
            message += self._exact(length)
            if first & 0x80:
                return message.decode()

    def call(self, method, **params):
        self.next_id += 1
        self._send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self._receive())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise CDPError(reply)
                return reply["result"]

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def wait_for(self, expression, timeout=10):
        """Waits until `expression` is truthy in the page; returns the seconds it took."""
        started = time.monotonic()
        while not self._holds(expression):
            assert time.monotonic() - started < timeout, "the page never showed: " + expression
            time.sleep(0.02)
        return time.monotonic() - started

    def _holds(self, expression):
        """Whether `expression` is truthy now; false while the page is being
        replaced (a form sent, as a vote is), when there is no page to ask."""
        try:
            return self.evaluate("!!(" + expression + ")")
        except CDPError as error:
            if any(words in str(error) for words in ("navigated or closed", "Cannot find context", "context was destroyed")):
                return False
            raise

    def close(self):
        try:
            self.socket.close()
        finally:
            self.process.kill()
            self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)


def run(args, timeout=60):
    """Chromium headless with `args` (--dump-dom URL, --screenshot=...); returns its standard output."""
    profile = tempfile.mkdtemp(prefix="align-chromium-")
    try:
        return subprocess.run([browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--user-data-dir=" + profile] + list(args),
                              capture_output=True, text=True, timeout=timeout).stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)

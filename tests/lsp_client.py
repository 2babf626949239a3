"""tests/lsp_client.py — the JSON-RPC client that drives `missionc lsp` in
tests/run-lsp.py and tests/run-lsp-conformance.py: starts the server, frames
messages, reads the server's in a thread (the server never blocks on a full
pipe while a test is writing), waits for an answer or a notification, and
counts the checks. LSP_PREFIX runs the server under a command (make valgrind:
« valgrind -q --error-exitcode=3 … »); the waits are then longer."""
import json
import os
import queue
import shlex
import subprocess
import threading
import time

MISSIONC = os.environ.get("MISSIONC", "./missionc")
ROOT = os.path.abspath(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STDLIB = os.path.join(ROOT, "stdlib")
PREFIX = shlex.split(os.environ.get("LSP_PREFIX", ""))
# Seconds a wait lasts at most: valgrind runs the server 20 to 50 times
# slower; a silence, that it has nothing more to say, lasts less.
SLOW = 30 if PREFIX else 1
SILENCE = 6 if PREFIX else 1

failures = []
checks = 0


def check(what, got, want):
    global checks
    checks += 1
    if got != want:
        failures.append(f"{what} :\n  obtenu  {got!r}\n  attendu {want!r}")


def report(name, summary):
    """Prints the result; the exit status."""
    if failures:
        print("%s : %d échec(s) sur %d vérifications" % (name, len(failures), checks))
        for f in failures:
            print("ÉCHEC " + f)
        return 1
    print("%s : %d vérifications (%s) conformes." % (name, checks, summary))
    return 0


class Client:
    """A server and its client. init: initialize (with these capabilities
    and initializationOptions) and initialized sent at once."""

    def __init__(self, capabilities=None, init=True, options=None, stdlib=STDLIB, env=None):
        args = [MISSIONC] + (["--stdlib", stdlib] if stdlib is not None else []) + ["lsp"]
        self.p = subprocess.Popen(PREFIX + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  env=env)
        self.q = queue.Queue()
        self.pending = []
        self.next_id = 0
        self.init_result = None
        threading.Thread(target=self._reader, daemon=True).start()
        if init:
            params = {"processId": None, "rootUri": None, "capabilities": capabilities or {}}
            if options is not None:
                params["initializationOptions"] = options
            self.init_result = self.request("initialize", params).get("result")
            self.notify("initialized", {})

    def _reader(self):
        f = self.p.stdout
        while True:
            length = None
            while True:
                line = f.readline()
                if not line:
                    self.q.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.partition(b":")
                if k.lower() == b"content-length":
                    length = int(v)
            self.q.put(json.loads(f.read(length)))

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj, ensure_ascii=False).encode()
        self.raw(frame(body))

    def read(self, timeout=10):
        """The next message, None at the end of the server's output, or
        « délai dépassé »."""
        if self.pending:
            return self.pending.pop(0)
        try:
            return self.q.get(timeout=timeout * SLOW)
        except queue.Empty:
            return "délai dépassé"

    def quiet(self, timeout=0.5):
        """Every message that comes before a silence of timeout seconds."""
        out = self.pending
        self.pending = []
        while True:
            try:
                m = self.q.get(timeout=timeout * SILENCE)
            except queue.Empty:
                return out
            out.append(m)
            if m is None:
                return out

    def _wait(self, match, timeout):
        """The first message match accepts; the others stay pending."""
        kept = []
        deadline = time.time() + timeout * SLOW
        while time.time() < deadline:
            m = self.read(max(0.1, deadline - time.time()) / SLOW)
            if m is None or m == "délai dépassé":
                break
            if isinstance(m, dict) and match(m):
                self.pending = kept + self.pending
                return m
            kept.append(m)
        self.pending = kept + self.pending
        return None

    def answer(self, rid, timeout=10):
        m = self._wait(lambda m: m.get("id") == rid and "method" not in m, timeout)
        return m if m is not None else {"pas de réponse": rid}

    def request(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.answer(self.next_id)

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def error(self, timeout=10):
        """The next error answer (to a message the server could not read)."""
        m = self._wait(lambda m: "error" in m and "method" not in m, timeout)
        return m if m is not None else {"pas d’erreur": None}

    def server_request(self, method, timeout=10):
        """The next request the server sends (window/showDocument,
        client/registerCapability…), or None."""
        return self._wait(lambda m: m.get("method") == method and "id" in m, timeout)

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "mission", "version": version, "text": text}})

    def change(self, uri, version, changes):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": changes})

    def diagnostics(self, uri, timeout=10):
        """The next publishDiagnostics for uri."""
        m = self._wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"]["uri"] == uri, timeout)
        return m["params"] if m is not None else {"diagnostics": None}

    def close(self):
        """shutdown, exit; the exit status."""
        self.request("shutdown")
        self.notify("exit")
        return self.wait()

    def wait(self, timeout=10):
        """The server's exit status, once it has left."""
        try:
            return self.p.wait(timeout=timeout * SLOW)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            return "bloqué"


def frame(body, length=None, name=b"Content-Length"):
    return name + b": %d\r\n\r\n" % (len(body) if length is None else length) + body


def req(rid, method="inconnue/methode", params=None):
    msg = {"jsonrpc": "2.0", "id": rid, "method": method}
    if params is not None:
        msg["params"] = params
    return json.dumps(msg).encode()


def pos(line, character):
    return {"line": line, "character": character}


def rng(l0, c0, l1, c1):
    return {"start": pos(l0, c0), "end": pos(l1, c1)}


def codes(d):
    return [(x["code"], x["range"]) for x in d["diagnostics"] or []]


def error_code(m):
    return m.get("error", {}).get("code") if isinstance(m, dict) else m

#!/usr/bin/env python3
"""bench/lsp.py — the language server's latency, as an editor feels it: from
the didChange sent to the publishDiagnostics received, and from a completion
request to its answer, over a pipe to `missionc lsp`. On the largest example
and on a generated letter of 2 000 lines. Usage: lsp.py MISSIONC [N]."""
import json
import os
import statistics
import subprocess
import sys
import time

MISSIONC = sys.argv[1] if len(sys.argv) > 1 else "./missionc"
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200


class Server:
    def __init__(self):
        self.p = subprocess.Popen([MISSIONC, "--stdlib", "stdlib", "lsp"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.id = 0

    def send(self, obj):
        body = json.dumps(obj, ensure_ascii=False).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def read(self):
        n = None
        while True:
            line = self.p.stdout.readline().strip()
            if not line:
                break
            k, _, v = line.partition(b":")
            if k.lower() == b"content-length":
                n = int(v)
        return json.loads(self.p.stdout.read(n))

    def until(self, pred):
        while True:
            m = self.read()
            if pred(m):
                return m

    def request(self, method, params):
        self.id += 1
        rid = self.id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return self.until(lambda m: m.get("id") == rid and "method" not in m)

    def close(self):
        self.request("shutdown", None)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.p.wait()


def long_letter(lines):
    """A DDFPT letter of about `lines` lines: every mission and activity, each
    with an observation, and a long context."""
    head = open("examples/ddfpt.mission", encoding="utf-8").read().split("\ncontexte")[0]
    out = [head, 'contexte """']
    body = []
    missions = {
        "organiser_enseignements": ["evaluation_moyens", "repartition_moyens_horaires",
                                    "repartition_service", "emplois_du_temps", "gestion_locaux"],
        "coordonner_equipes": ["projets_pedagogiques", "epreuves_examen"],
        "conseiller_chef": ["offre_formation", "hygiene_securite"],
        "relations_partenaires": ["organisation_stages", "taxe_apprentissage"],
    }
    for m, acts in missions.items():
        body.append("mission %s {" % m)
        for a in acts:
            body += ["  activité %s {" % a, '    observation """',
                     "      Une observation de plusieurs lignes, avec ses accents : élèves, équipes.",
                     "      Deuxième ligne de l’observation.", '    """', "  }"]
        body.append("}")
    tail = ["signatures chef, agent", 'fait_a "Marseille" le 2025-09-15']
    room = lines - len(head.split("\n")) - len(body) - len(tail) - 3
    out += ["  Ligne %d du contexte de l’établissement, qui décrit ses filières et ses élèves." % i
            for i in range(max(room, 0))]
    out.append('"""')
    return "\n".join(out + body + tail) + "\n"


def measure(name, text):
    s = Server()
    s.request("initialize", {"capabilities": {}})
    s.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    uri = "file:///bench/%s.mission" % name
    s.send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "version": 1, "text": text}}})
    is_diag = lambda m: m.get("method") == "textDocument/publishDiagnostics"
    s.until(is_diag)
    change, complete = [], []
    lines = text.split("\n")
    at = next(i for i, l in enumerate(lines) if l.startswith("mission "))
    for v in range(N):
        edited = text.replace("Marseille\" le", "Marseille\" le", 1) + ("# %d\n" % v)
        t0 = time.perf_counter()
        s.send({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": v + 2},
                           "contentChanges": [{"text": edited}]}})
        s.until(is_diag)
        change.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                  "position": {"line": at, "character": 8}})
        complete.append((time.perf_counter() - t0) * 1000)
        assert r["result"]["items"], "complétion vide"
    s.close()
    q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(len(xs) * p))]
    print("  %-34s didChange → diagnostics : médiane %5.2f ms, 95 %% %5.2f ms ; "
          "complétion : médiane %5.2f ms, 95 %% %5.2f ms" %
          (name + " (%d lignes)" % len(lines), statistics.median(change), q(change, 0.95),
           statistics.median(complete), q(complete, 0.95)))


def main():
    print("Serveur de langage (missionc lsp), %d modifications et complétions par lettre :" % N)
    largest = max((f for f in os.listdir("examples") if f.endswith(".mission")),
                  key=lambda f: os.path.getsize(os.path.join("examples", f)))
    measure(largest[:-8], open(os.path.join("examples", largest), encoding="utf-8").read())
    measure("lettre_2000_lignes", long_letter(2000))


if __name__ == "__main__":
    main()

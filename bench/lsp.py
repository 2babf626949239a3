#!/usr/bin/env python3
"""bench/lsp.py — the language server's latency, as an editor feels it: from
the didChange sent to the publishDiagnostics received, and from a completion
request to its answer, over a pipe to `missionc lsp`. On the largest example,
on a generated letter of 2 000 lines, and on the largest référentiel being
edited (its own diagnostics). Usage: lsp.py MISSIONC [N]."""
import importlib.util
import os
import statistics
import subprocess
import sys
import time

MISSIONC = sys.argv[1] if len(sys.argv) > 1 else "./missionc"
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200


def load_client():
    """The scripted JSON-RPC client of the tests (tests/lsp_client.py), on the
    missionc measured."""
    os.environ["MISSIONC"] = MISSIONC
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, "..", "tests"))
    spec = importlib.util.spec_from_file_location(
        "lsp_client", os.path.join(here, "..", "tests", "lsp_client.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.Client


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


def measure(Client, name, text):
    s = Client()
    s.request("initialize", {"capabilities": {}})
    s.notify("initialized", {})
    uri = "file:///bench/%s.mission" % name
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "version": 1, "text": text}})
    s.diagnostics(uri)
    change, complete = [], []
    lines = text.split("\n")
    at = next(i for i, l in enumerate(lines) if l.startswith("mission "))
    for v in range(N):
        edited = text + ("# %d\n" % v)
        t0 = time.perf_counter()
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v + 2},
                                            "contentChanges": [{"text": edited}]})
        s.diagnostics(uri)
        change.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                  "position": {"line": at, "character": 8}})
        complete.append((time.perf_counter() - t0) * 1000)
        assert r["result"]["items"], "complétion vide"
    s.request("shutdown", None)
    s.notify("exit", None)
    s.p.wait()
    q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(len(xs) * p))]
    print("  %-34s didChange → diagnostics : médiane %5.2f ms, 95 %% %5.2f ms ; "
          "complétion : médiane %5.2f ms, 95 %% %5.2f ms" %
          (name + " (%d lignes)" % len(lines), statistics.median(change), q(change, 0.95),
           statistics.median(complete), q(complete, 0.95)))


def measure_referential(Client, path):
    """A référentiel of the stdlib being edited: didChange to its own
    diagnostics (no completion: it is not a letter)."""
    s = Client()
    s.request("initialize", {"capabilities": {}})
    s.notify("initialized", {})
    uri = "file://" + os.path.abspath(path)
    text = open(path, encoding="utf-8").read()
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "version": 1, "text": text}})
    s.diagnostics(uri)
    change = []
    for v in range(N):
        t0 = time.perf_counter()
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v + 2},
                                            "contentChanges": [{"text": text + ("# %d\n" % v)}]})
        d = s.diagnostics(uri)
        change.append((time.perf_counter() - t0) * 1000)
        assert d["diagnostics"] == [], "référentiel de la bibliothèque avec diagnostics"
    s.request("shutdown", None)
    s.notify("exit", None)
    s.p.wait()
    q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(len(xs) * p))]
    print("  %-34s didChange → diagnostics : médiane %5.2f ms, 95 %% %5.2f ms" %
          ("référentiel " + os.path.basename(path) + " (%d lignes)" % len(text.split("\n")),
           statistics.median(change), q(change, 0.95)))


def main():
    print("Serveur de langage (missionc lsp), %d modifications et complétions par lettre :" % N)
    largest = max((f for f in os.listdir("examples") if f.endswith(".mission")),
                  key=lambda f: os.path.getsize(os.path.join("examples", f)))
    Client = load_client()
    measure(Client, largest[:-8], open(os.path.join("examples", largest), encoding="utf-8").read())
    measure(Client, "lettre_2000_lignes", long_letter(2000))
    refs = [os.path.join("stdlib", f) for f in os.listdir("stdlib") if f.endswith(".mission")]
    measure_referential(Client, max(refs, key=os.path.getsize))


if __name__ == "__main__":
    main()

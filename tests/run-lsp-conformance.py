#!/usr/bin/env python3
"""tests/run-lsp-conformance.py — `missionc lsp` against what LSP 3.17 and
JSON-RPC 2.0 demand where clients differ (make lsp-test, after run-lsp.py):
lifecycle, framing (headers, lengths, split and glued frames), identifiers,
unknown methods, position encodings, accents and characters outside the BMP,
line endings, incremental changes, client capabilities (Markdown or plain
text, window/showDocument), many and large documents, rapid edits, U+0000 in
a text, référentiels changed on disk (watched by the client or not), URIs
with accents, documents closed and opened again. Each case is one the server
got wrong once, or one a client relies on."""
import os
import subprocess
import sys
import time

from lsp_client import (MISSIONC, ROOT, STDLIB, Client, check, codes, error_code, frame, pos, report,
                        req, rng)


# --- framing -----------------------------------------------------------------

def test_framing():
    c = Client()
    # A header block without Content-Length: its body cannot be found, but the
    # next frame is read (the stream was lost for good before).
    c.raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + req("perdu"))
    c.raw(frame(req("suivant")))
    check("en-tête sans Content-Length : la trame suivante est lue",
          error_code(c.answer("suivant")), -32601)
    check("en-tête sans Content-Length : des erreurs -32700",
          {error_code(m) for m in c.quiet()}, {-32700})
    # Content-Length larger than its body: the next frame's header given back.
    c.raw(frame(req("long"), len(req("long")) + 20))
    c.raw(frame(req("après-long")))
    check("Content-Length trop grand : le message", error_code(c.answer("long")), -32601)
    check("Content-Length trop grand : la trame suivante",
          error_code(c.answer("après-long")), -32601)
    # Too large by a few bytes: the next header cut in the middle of its name.
    c.raw(frame(req("coupé"), len(req("coupé")) + 6))
    c.raw(frame(req("après-coupé")))
    check("Content-Length trop grand de 6 octets : la trame suivante",
          [error_code(c.answer("coupé")), error_code(c.answer("après-coupé"))], [-32601, -32601])
    # Content-Length smaller than its body: -32700, and the next frame is read.
    c.raw(frame(req("court"), 10))
    c.raw(frame(req("après-court")))
    check("Content-Length trop petit : la trame suivante",
          error_code(c.answer("après-court")), -32601)
    check("Content-Length trop petit : des erreurs -32700",
          {error_code(m) for m in c.quiet()}, {-32700})
    # Headers in any case, Content-Type, no space after the colon.
    c.raw(b"content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:%d\r\n\r\n"
          % len(req("casse")) + req("casse"))
    check("en-têtes en capitales, Content-Type", error_code(c.answer("casse")), -32601)
    # Two frames in one write, one frame byte by byte.
    c.raw(frame(req("un")) + frame(req("deux")))
    check("deux trames d’un coup", [error_code(c.answer("un")), error_code(c.answer("deux"))],
          [-32601, -32601])
    for b in frame(req("octets")):
        c.raw(bytes([b]))
    check("une trame octet par octet", error_code(c.answer("octets")), -32601)
    # JSON that is not a request object; text after the JSON.
    for body, want, what in [(b"{pas du json", -32700, "JSON illisible"),
                             (b"[]", -32600, "tableau vide"),
                             (b"5", -32600, "nombre"), (b"null", -32600, "null"),
                             (b'"x"', -32600, "chaîne"),
                             (b"[" + req("lot") + b"]", -32600, "lot JSON-RPC"),
                             (req("reste") + b" xyz", -32700, "texte après le JSON")]:
        c.raw(frame(body))
        c.raw(frame(req("témoin")))
        got = [m for m in [c.read(), c.read()] if isinstance(m, dict)]
        check(what, ([m.get("id") for m in got], [error_code(m) for m in got]),
              ([None, "témoin"], [want, -32601]))
    # Identifiers echoed exactly.
    for rid in ["abc", "", None, 0, -1, 2147483648, 2 ** 53, 2 ** 53 - 1, 1.5]:
        c.raw(frame(req(rid)))
        m = c.read()
        check("identifiant %r renvoyé tel quel" % (rid,),
              (type(m.get("id")), m.get("id"), error_code(m)), (type(rid), rid, -32601))
    check("fin des trames", c.close(), 0)
    # A huge Content-Length: refused at once, without waiting for its bytes
    # (which are then dropped as they come); no giant allocation.
    c = Client()
    c.raw(b"Content-Length: 99999999999999\r\n\r\n")
    check("Content-Length énorme", error_code(c.read(5)), -32700)
    c.raw(b"x" * 200000)
    c.p.stdin.close()
    check("fin de l’entrée au milieu du message énorme", c.wait(), 1)


# --- lifecycle ---------------------------------------------------------------

LETTER = open(os.path.join(ROOT, "tests", "nvim", "lettre.entree"), encoding="utf-8").read()
URI = "file:///tmp/conformite.mission"


def test_lifecycle():
    c = Client(init=False)
    check("requête avant initialize", error_code(c.request("shutdown")), -32002)
    c.open(URI, LETTER)       # dropped: not initialized
    r = c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    check("initialize", "capabilities" in r.get("result", {}), True)
    caps = r.get("result", {}).get("capabilities", {})
    c.notify("initialized", {})
    check("notification avant initialize ignorée", c.quiet(), [])
    r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": pos(0, 0)})
    check("document ouvert avant initialize : inconnu", error_code(r), -32602)
    r = c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    check("second initialize", error_code(r), -32600)
    # Unknown: a request gets -32601, a notification nothing.
    check("requête inconnue", error_code(c.request("inconnue/methode", {})), -32601)
    check("requête $/ inconnue", error_code(c.request("$/inconnue", {})), -32601)
    c.notify("$/inconnue", {})
    c.notify("$/cancelRequest", {"id": 1})
    c.notify("$/setTrace", {"value": "off"})
    c.notify("notification/inconnue", {"x": 1})
    c.notify("workspace/didChangeConfiguration", {"settings": None})
    c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": URI, "type": 2}]})
    c.notify("textDocument/didSave", {"textDocument": {"uri": URI}})
    check("notifications inconnues, $/…, configuration nulle : rien en retour", c.quiet(), [])
    # Pull diagnostics: not advertised, so not served.
    check("diagnostics tirés non annoncés", "diagnosticProvider" in caps, False)
    check("textDocument/diagnostic non servi", error_code(c.request(
        "textDocument/diagnostic", {"textDocument": {"uri": URI}})), -32601)
    r = c.request("shutdown")
    check("shutdown", r.get("result", "absent"), None)
    check("requête après shutdown", error_code(c.request("textDocument/hover", {
        "textDocument": {"uri": URI}, "position": pos(0, 0)})), -32600)
    check("initialize après shutdown", error_code(c.request("initialize", {"capabilities": {}})),
          -32600)
    check("shutdown après shutdown", error_code(c.request("shutdown")), -32600)
    c.open(URI, LETTER)
    check("notification après shutdown ignorée", c.quiet(), [])
    c.notify("exit")
    check("exit après shutdown : 0", c.wait(), 0)

    c = Client()
    c.notify("exit")
    check("exit sans shutdown : 1", c.wait(), 1)
    c = Client(init=False)
    c.notify("exit")
    check("exit avant initialize : 1", c.wait(), 1)
    # The input closed abruptly, a change still pending: its diagnostics are
    # sent, then the server leaves with 1, without waiting.
    c = Client()
    c.open(URI, LETTER)
    c.p.stdin.close()
    check("fin de l’entrée : diagnostics de la dernière version",
          codes(c.diagnostics(URI)), [("corps_inconnu", rng(5, 44, 5, 48))])
    check("fin de l’entrée : code 1", c.wait(), 1)
    # In the middle of a frame.
    c = Client()
    c.raw(b"Content-Length: 50\r\n\r\n{\"jsonrpc\"")
    c.p.stdin.close()
    check("fin de l’entrée au milieu d’une trame", c.wait(), 1)


# --- positions ---------------------------------------------------------------

def units(text, encoding):
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def where(text, word, encoding, nth=0):
    """(line, start, end) of word in text, in the encoding's units; lines end
    with \\n, \\r\\n or \\r."""
    import re
    lines = re.split(r"\r\n|\r|\n", text)
    for i, line in enumerate(lines):
        k = line.find(word)
        if k >= 0:
            if nth == 0:
                return i, units(line[:k], encoding), units(line[:k + len(word)], encoding)
            nth -= 1
    raise ValueError(word)


def span(text, word, encoding="utf-16"):
    line, a, b = where(text, word, encoding)
    return rng(line, a, line, b)


# Before « plpp » (an unknown corps): an emoji (2 UTF-16 units, 4 bytes), a
# decomposed « É » (E then U+0301, which the library composes) and a CJK
# character (1 unit, 3 bytes). On line 8, the mission's name, after decomposed
# accents on line 3: the offsets after them all shift in the composed text.
ODD = LETTER.replace('"M. Émile Dupré"', '"M. 😀 E\u0301mile Dupre\u0301 中"') \
            .replace('"Lycée Jean Moulin"', '"Lyce\u0301e Jean Moulin e\u0301te\u0301"')


def test_positions():
    for offered, agreed in [(None, "utf-16"), (["utf-8", "utf-16"], "utf-8"),
                            (["utf-32"], "utf-32"), (["utf-16"], "utf-16"),
                            (["utf-7", "utf-8"], "utf-8"), (["utf-7"], "utf-16")]:
        caps = {"general": {"positionEncodings": offered}} if offered is not None else {}
        c = Client(caps)
        what = "encodage %s" % agreed
        check(what + " : annoncé", c.init_result["capabilities"].get("positionEncoding"), agreed)
        for eol in ["\n", "\r\n", "\r"]:
            text = ODD.replace("\n", eol)
            uri = "file:///tmp/positions%d.mission" % len(eol)
            c.open(uri, text)
            w = what + ", fins de ligne %r" % eol
            got = codes(c.diagnostics(uri))
            check(w + " : diagnostic après emoji et accents décomposés",
                  [r for k, r in got if k == "corps_inconnu"], [span(text, "plpp", agreed)])
            # Hover on the mission's name, after the decomposed accents.
            line, a, b = where(text, "organiser_enseignements", agreed)
            r = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": pos(line, a + 3)})
            check(w + " : survol après des accents décomposés",
                  (r.get("result") or {}).get("range"), rng(line, a, line, b))
            # Completion of « plpp »: the word replaced, where it is.
            line, a, b = where(text, "plpp", agreed)
            r = c.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                      "position": pos(line, b)})
            items = (r.get("result") or {}).get("items", [])
            check(w + " : complétion après emoji et accents décomposés",
                  sorted({str(i["textEdit"]["range"]) for i in items}), [str(rng(line, a, line, b))])
            # The outline, after the accents.
            r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
            m = [x for x in r.get("result", []) if x["name"] == "organiser_enseignements"]
            check(w + " : plan", m[0]["selectionRange"] if m else None,
                  span(text, "organiser_enseignements", agreed))
        c.close()

    # A client that counts in bytes without saying so (ALE): the option
    # « positions », only when the client names no encoding itself.
    for caps, option, agreed in [({}, "utf-8", "utf-8"), ({}, "utf-32", "utf-32"),
                                 ({"general": {"positionEncodings": ["utf-16"]}}, "utf-8",
                                  "utf-16"),
                                 ({}, "latin-1", "utf-16"), ({}, 8, "utf-16")]:
        c = Client(caps, options={"positions": option})
        what = "option positions %r, %s annoncé par le client" % (
            option, "utf-16" if caps else "rien")
        check(what, c.init_result["capabilities"].get("positionEncoding"), agreed)
        uri = "file:///tmp/option.mission"
        c.open(uri, ODD)
        got = codes(c.diagnostics(uri))
        check(what + " : diagnostic", [r for k, r in got if k == "corps_inconnu"],
              [span(ODD, "plpp", agreed)])
        c.close()

    # Past the end of a line: its end (LSP 3.17, Position); past the end of
    # the document: its end.
    c = Client()
    uri = "file:///tmp/bornes.mission"
    text = LETTER + "mission coordonner_eq"
    c.open(uri, text)
    c.diagnostics(uri)
    last = len(text.split("\n")) - 1
    r = c.request("textDocument/completion", {"textDocument": {"uri": uri},
                                              "position": pos(last, 500)})
    items = {i["label"]: i["textEdit"]["range"] for i in r["result"]["items"]}
    check("position après la fin de la ligne", items.get("coordonner_equipes"),
          rng(last, 8, last, 21))
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos(5, 10 ** 6)})
    check("position après la fin d’une ligne : la fin de la ligne", "error" in r, False)
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": pos(2 ** 31 - 1, 2 ** 31 - 1)})
    check("position après la fin du document : pas d’erreur", "error" in r, False)
    c.close()


# --- client capabilities -----------------------------------------------------

MARKDOWN = {"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                             "completion": {"completionItem": {
                                 "documentationFormat": ["markdown", "plaintext"]}},
                             "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                                 "valueSet": ["quickfix"]}}}},
            "window": {"showDocument": {"support": True}}}
# eglot 1.9 without markdown-mode; Kakoune's and many minimal clients: nothing.
PLAIN = {"textDocument": {"hover": {"contentFormat": ["plaintext"]},
                          "completion": {"completionItem": {"snippetSupport": False}}}}


def test_capabilities():
    text = LETTER.replace('"Marseille" le', '… le')
    for caps, kind, name in [(MARKDOWN, "markdown", "Markdown annoncé"),
                             (PLAIN, "plaintext", "texte brut seul"),
                             ({}, "plaintext", "rien d’annoncé")]:
        c = Client(caps)
        uri = "file:///tmp/capacites.mission"
        c.open(uri, text)
        d = c.diagnostics(uri)
        line, a, b = where(text, "evaluation_moyens", "utf-16")
        r = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": pos(line, a + 2)})
        contents = (r.get("result") or {}).get("contents", {})
        check(name + " : survol", contents.get("kind"), kind)
        first = contents.get("value", "").split("\n")[0]
        check(name + " : survol, première ligne", first,
              "**activité** `evaluation_moyens` — Organiser les enseignements technologiques et "
              "professionnels" if kind == "markdown" else
              "activité evaluation_moyens — Organiser les enseignements technologiques et "
              "professionnels")
        # Over a diagnostic: its explanation, fenced only in Markdown.
        line, a, b = where(text, "plpp", "utf-16")
        r = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": pos(line, a + 1)})
        value = (r.get("result") or {}).get("contents", {}).get("value", "")
        check(name + " : explication d’un diagnostic", value.startswith("```\n"),
              kind == "markdown")
        r = c.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                  "position": pos(line, b)})
        items = (r.get("result") or {}).get("items", [])
        check(name + " : documentation des propositions",
              sorted({i["documentation"]["kind"] for i in items if "documentation" in i}), [kind])
        if kind == "plaintext":
            check(name + " : pas de balises Markdown en texte brut",
                  [i["label"] for i in items if "documentation" in i and (
                      "\\" in i["documentation"]["value"] or "*" in i["documentation"]["value"])],
                  [])
        check(name + " : pas d’extrait (snippet)",
              [i for i in items if i.get("insertTextFormat") == 2 or "$" in
               i.get("textEdit", {}).get("newText", "")], [])
        # The blank « … »: selected by window/showDocument, only for a client
        # that announced it.
        blank = [x for x in d["diagnostics"] or [] if x["code"] == "a_completer"]
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                  "range": blank[0]["range"] if blank else None,
                                                  "context": {"diagnostics": blank}})
        acts = [(a["title"], "command" in a) for a in r.get("result") or []]
        check(name + " : action « sélectionner le blanc »", acts,
              [("Sélectionner le blanc «\u00a0…\u00a0»", True)] if caps is MARKDOWN else [])
        r = c.request("workspace/executeCommand", {
            "command": "missionc.selectionnerBlanc",
            "arguments": [uri, blank[0]["range"] if blank else None]})
        show = [m for m in c.quiet() if isinstance(m, dict) and m.get("method") == "window/showDocument"]
        check(name + " : window/showDocument envoyé", len(show), 1 if caps is MARKDOWN else 0)
        check(name + " : réponse à executeCommand", "error" in r, caps is not MARKDOWN)
        c.close()


# --- document sync, many and large documents --------------------------------

def formatted(text):
    return subprocess.run([MISSIONC, "formater", "-"], input=text.encode(),
                          capture_output=True).stdout.decode()


def end_of(text, encoding):
    import re
    lines = re.split(r"\r\n|\r|\n", text)
    return pos(len(lines) - 1, units(lines[-1], encoding))


def server_text_is(c, uri, text, what, encoding="utf-16"):
    """The server holds text: its formatting is that of text, over all of it."""
    r = c.request("textDocument/formatting", {"textDocument": {"uri": uri},
                                              "options": {"tabSize": 2, "insertSpaces": True}})
    edits = r.get("result")
    want = formatted(text)
    check(what, (edits[0]["range"], edits[0]["newText"]) if edits else r,
          ({"start": pos(0, 0), "end": end_of(text, encoding)}, want))


def edit(text, encoding, l0, c0, l1, c1, new):
    """text with the range (in encoding's units) replaced, as a client does."""
    lines = text.split("\n")

    def at(line, character):
        off = sum(len(x) + 1 for x in lines[:line])
        s = lines[line]
        k = 0
        while k < len(s) and units(s[:k + 1], encoding) <= character:
            k += 1
        return off + k
    a, b = at(l0, c0), at(l1, c1)
    return text[:a] + new + text[b:]


MESSY = LETTER.replace("partie chef:chef", "partie  chef :   chef")


def test_sync():
    for offered, agreed in [(None, "utf-16"), (["utf-8"], "utf-8"), (["utf-32"], "utf-32")]:
        caps = {"general": {"positionEncodings": offered}} if offered else {}
        c = Client(caps)
        check("synchronisation incrémentale annoncée",
              c.init_result["capabilities"]["textDocumentSync"], {"openClose": True, "change": 2})
        uri = "file:///tmp/sync.mission"
        text = MESSY.replace('"M. Émile Dupré"', '"M. 😀 E\u0301mile"')
        c.open(uri, text)
        c.diagnostics(uri)
        # Ranges that start or end next to the emoji and the combining accent,
        # several changes in one notification (each in the text the previous
        # one left), an insertion, a deletion across lines.
        line, a, b = where(text, "😀", agreed)
        steps = [(line, b, line, b + units(" E\u0301", agreed), " Zoe\u0301 😀"),
                 (line, a, line, b, "é"),
                 (line, 0, line, 0, "# ligne ajoutée 😀\n"),
                 (line + 1, 0, line + 2, 0, "")]
        changes = []
        for l0, c0, l1, c1, new in steps:
            text = edit(text, agreed, l0, c0, l1, c1, new)
            changes.append({"range": rng(l0, c0, l1, c1), "text": new})
        c.change(uri, 2, changes)
        d = c.diagnostics(uri)
        check("modifications incrémentales (%s) : version" % agreed, d.get("version"), 2)
        server_text_is(c, uri, text, "modifications incrémentales (%s) : le texte du serveur" % agreed,
                       agreed)
        # A full text after ranges, in the same notification.
        text = MESSY + "# fin\n"
        c.change(uri, 3, [{"range": rng(0, 0, 0, 0), "text": "x"}, {"text": text}])
        server_text_is(c, uri, text, "texte entier après une étendue (%s)" % agreed, agreed)
        c.close()

    c = Client()
    # A document never opened: its changes are ignored, requests on it refused.
    c.change("file:///tmp/jamais.mission", 2, [{"text": "x"}])
    r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///tmp/jamais.mission"},
                                         "position": pos(0, 0)})
    check("modification d’un document jamais ouvert", error_code(r), -32602)
    # didClose: empty diagnostics, then the document is unknown.
    uri = "file:///tmp/ferme.mission"
    c.open(uri, LETTER)
    c.diagnostics(uri)
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    check("didClose : diagnostics vidés", c.diagnostics(uri).get("diagnostics"), [])
    r = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": pos(0, 0)})
    check("requête après didClose", error_code(r), -32602)

    # Many documents at once: each its diagnostics; all closed, all emptied.
    uris = ["file:///tmp/lot/lettre%03d.mission" % i for i in range(150)]
    for i, u in enumerate(uris):
        c.open(u, LETTER.replace("plpp", "plpp" if i % 2 else "plp"))
    got = {u: codes(c.diagnostics(u)) for u in uris}
    check("150 documents : diagnostics de chacun",
          [i for i, u in enumerate(uris) if got[u] != ([("corps_inconnu", rng(5, 44, 5, 48))]
                                                        if i % 2 else [])], [])
    r = c.request("textDocument/hover", {"textDocument": {"uri": uris[77]}, "position": pos(5, 45)})
    check("150 documents : survol de l’un", "result" in r, True)
    for u in uris:
        c.notify("textDocument/didClose", {"textDocument": {"uri": u}})
    check("150 documents fermés", [u for u in uris if c.diagnostics(u).get("diagnostics") != []], [])

    # Rapid edits: a word typed key by key, requests between, one
    # diagnostics for the final text at least, each request answered.
    uri = "file:///tmp/frappe.mission"
    text = LETTER.replace("corps plpp", "corps ")
    c.open(uri, text)
    c.diagnostics(uri)
    line, a, b = where(text, "corps ", "utf-16")
    word = "certifiée_hc  # é😀"
    col = b
    ids = []
    for k, ch in enumerate(word):
        c.change(uri, 2 + k, [{"range": rng(line, col, line, col), "text": ch}])
        col += units(ch, "utf-16")
        if k % 4 == 0:
            c.next_id += 1
            ids.append(c.next_id)
            c.send({"jsonrpc": "2.0", "id": c.next_id, "method": "textDocument/completion",
                    "params": {"textDocument": {"uri": uri}, "position": pos(line, col)}})
    final = text.replace("corps ", "corps " + word)
    check("frappe rapide : chaque requête a sa réponse",
          [i for i in ids if "result" not in c.answer(i)], [])
    last = None
    for m in c.quiet(1.0):
        if isinstance(m, dict) and m.get("method") == "textDocument/publishDiagnostics" \
                and m["params"]["uri"] == uri:
            last = m["params"]
    check("frappe rapide : diagnostics de la dernière version",
          (last or {}).get("version"), 1 + len(word))
    c.open("file:///tmp/frappe-finale.mission", final)
    check("frappe rapide : diagnostics du texte final", codes(last or {"diagnostics": None}),
          codes(c.diagnostics("file:///tmp/frappe-finale.mission")))
    server_text_is(c, uri, final, "frappe rapide : le texte du serveur")
    check("fin", c.close(), 0)

    # A large document (1 Mo): diagnostics, a hover at its end, a change.
    c = Client()
    uri = "file:///tmp/grand.mission"
    filler = "# " + "é" * 60 + " 😀\n"
    big = LETTER + filler * (1024 * 1024 // len(filler.encode()))
    t = time.time()
    c.open(uri, big)
    got = codes(c.diagnostics(uri, timeout=60))
    check("document de 1 Mo : diagnostics", got, [("corps_inconnu", rng(5, 44, 5, 48))])
    n = big.count("\n")
    c.change(uri, 2, [{"range": rng(n - 1, 0, n, 0), "text": "mission x {\n}\n"}])
    got = [k for k, r in codes(c.diagnostics(uri, timeout=60))]
    check("document de 1 Mo modifié à la fin", got, ["corps_inconnu", "mission_inconnue"])
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos(n - 1, 9)})
    check("document de 1 Mo : survol à la fin", "error" in r, False)
    check("document de 1 Mo : moins de 30 s", time.time() - t < 30, True)
    check("document de 1 Mo : fin", c.close(), 0)


def verifier(text):
    """What `missionc verifier` says of text in a file: (code, range, message)."""
    import json
    import tempfile
    with tempfile.NamedTemporaryFile("wb", suffix=".mission") as f:
        f.write(text.encode())
        f.flush()
        out = subprocess.run([MISSIONC, "--stdlib", STDLIB, "verifier", "--diagnostics=json",
                              f.name], capture_output=True).stdout
    return [(g["code"], rng(g["ligne"] - 1, g["colonne"] - 1, g["fin"]["ligne"] - 1,
                            g["fin"]["colonne"] - 1), g["message"])
            for g in json.loads(out)["fichiers"][0]["diagnostics"]]


def test_nul():
    """U+0000 in a text (« \\u0000 » in JSON): the text is kept whole, the
    NUL diagnosed where it is, as `missionc verifier` diagnoses a file that
    holds one; the positions after it stay right."""
    c = Client()
    uri = "file:///tmp/nul.mission"
    # After « Émile » (one UTF-16 unit, two bytes), before « plpp ».
    text = LETTER.replace('"M. Émile Dupré"', '"M. Émile\u0000 Dupré"')
    c.open(uri, text)
    d = c.diagnostics(uri)
    got = [(x["code"], x["range"], x["message"]) for x in d["diagnostics"] or []]
    want = verifier(text)
    check("U+0000 : le diagnostic de verifier", got, want)
    check("U+0000 : octet_nul à sa place", [(k, r) for k, r, m in got],
          [("octet_nul", span(text, "\u0000"))])
    # The library reads no further (as a file with a NUL, or with bytes that
    # are not UTF-8): requests are answered, without names.
    line, a, b = where(text, "organiser_enseignements", "utf-16")
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": pos(line, a + 3)})
    check("U+0000 : survol sans erreur", "result" in r, True)
    r = c.request("textDocument/formatting", {"textDocument": {"uri": uri}, "options": {}})
    check("U+0000 : mise en forme refusée", error_code(r), -32803)
    # Removed by an incremental change: the letter as it was.
    line, a, b = where(text, "\u0000", "utf-16")
    c.change(uri, 2, [{"range": rng(line, a, line, b), "text": ""}])
    check("U+0000 retiré", codes(c.diagnostics(uri)), [("corps_inconnu", span(LETTER, "plpp"))])
    # Typed back, in an incremental change, after the last line.
    end = LETTER.count("\n")
    c.change(uri, 3, [{"range": rng(end, 0, end, 0), "text": "# x\u0000y\n"}])
    check("U+0000 dans une modification incrémentale", codes(c.diagnostics(uri)),
          [("octet_nul", rng(end, 3, end, 4))])
    c.change(uri, 4, [{"range": rng(end, 3, end, 4), "text": ""}])
    check("U+0000 retiré par une étendue", codes(c.diagnostics(uri)),
          [("corps_inconnu", span(LETTER, "plpp"))])
    server_text_is(c, uri, LETTER + "# xy\n", "U+0000 : le texte autour gardé")
    check("U+0000 : fin", c.close(), 0)


def file_uri(path):
    from urllib.parse import quote
    return "file://" + quote(path)


def test_referentiels():
    """An académie's référentiels (--stdlib) changed on disk: the open letters
    are checked again against them — at once when the client watches the
    folder for the server (client/registerCapability, then
    workspace/didChangeWatchedFiles), at their next check otherwise. A
    référentiel that no longer reads gives a diagnostic."""
    import shutil
    import tempfile
    tmp = tempfile.mkdtemp()
    lib = os.path.join(tmp, "référentiels de l’académie")
    shutil.copytree(STDLIB, lib)
    ddfpt = os.path.join(lib, "ddfpt.mission")
    original = open(ddfpt, encoding="utf-8").read()
    renamed = original.replace("mission organiser_enseignements ",
                               "mission organiser_les_enseignements ")
    broken = original.replace("mission organiser_enseignements ",
                              "mission organiser_enseignements {{ ")

    def write(text):
        with open(ddfpt, "w", encoding="utf-8") as f:
            f.write(text)

    def changed(c):
        c.notify("workspace/didChangeWatchedFiles",
                 {"changes": [{"uri": file_uri(ddfpt), "type": 2}]})

    uri = "file:///tmp/referentiels.mission"
    plpp = [("corps_inconnu", span(LETTER, "plpp"))]
    watch = {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True,
                                                     "relativePatternSupport": True}}}
    try:
        c = Client(watch, stdlib=lib)
        reg = c.server_request("client/registerCapability")
        check("surveillance : enregistrement demandé",
              (reg or {}).get("params"), {"registrations": [{
                  "id": "missionc-referentiels", "method": "workspace/didChangeWatchedFiles",
                  "registerOptions": {"watchers": [{"globPattern": {
                      "baseUri": file_uri(lib), "pattern": "*.mission"}}]}}]})
        if reg:
            c.send({"jsonrpc": "2.0", "id": reg["id"], "result": None})
        c.notify("initialized", {})
        check("surveillance : un second « initialized », rien de plus",
              [m.get("method") for m in c.quiet() if isinstance(m, dict)], [])
        c.open(uri, LETTER)
        check("surveillance : avant", codes(c.diagnostics(uri)), plpp)
        # A mission renamed: the letter's is no longer known.
        write(renamed)
        changed(c)
        d = c.diagnostics(uri)
        check("surveillance : mission renommée dans le référentiel",
              [k for k, r in codes(d)], ["corps_inconnu", "mission_inconnue"])
        r = c.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                  "position": pos(8, 8)})
        check("surveillance : complétion selon le nouveau référentiel",
              "organiser_les_enseignements" in [i["label"] for i in
                                                (r.get("result") or {}).get("items", [])], True)
        # Unreadable: said on the letter, the error itself in the référentiel.
        write(broken)
        changed(c)
        d = c.diagnostics(uri)
        check("surveillance : référentiel illisible", [k for k, r in codes(d)][:2],
              ["referentiel_invalide", "syntaxe"])
        rel = [x.get("relatedInformation", [{}])[0].get("location", {}).get("uri")
               for x in d["diagnostics"] or [] if x["code"] == "syntaxe"]
        check("surveillance : l’erreur dans le référentiel", sorted(set(rel)), [file_uri(ddfpt)])
        # commun.mission, the same for all of them.
        commun = os.path.join(lib, "commun.mission")
        kept = open(commun, encoding="utf-8").read()
        with open(commun, "w", encoding="utf-8") as f:
            f.write('corps "\n')
        write(original)
        c.notify("workspace/didChangeWatchedFiles",
                 {"changes": [{"uri": file_uri(ddfpt), "type": 2},
                              {"uri": file_uri(commun), "type": 2}]})
        d = c.diagnostics(uri)
        check("surveillance : commun.mission illisible",
              [(x["code"], x.get("relatedInformation", [{}])[0].get("location", {}).get("uri"))
               for x in d["diagnostics"] or []][:2],
              [("referentiel_invalide", None), ("chaine_non_terminee", file_uri(commun))])
        with open(commun, "w", encoding="utf-8") as f:
            f.write(kept)
        changed(c)
        check("surveillance : référentiel rétabli", codes(c.diagnostics(uri)), plpp)
        # Another file changed: nothing read again, nothing sent.
        c.notify("workspace/didChangeWatchedFiles",
                 {"changes": [{"uri": "file:///tmp/autre.mission", "type": 2},
                              {"uri": file_uri(os.path.join(lib, "corrections.tsv")),
                               "type": 2}]})
        check("surveillance : un autre fichier", c.quiet(), [])
        # The folder gone: the letter's référentiel is unknown, no crash.
        shutil.move(lib, lib + ".parti")
        c.notify("workspace/didChangeWatchedFiles",
                 {"changes": [{"uri": file_uri(ddfpt), "type": 3}]})
        check("surveillance : dossier disparu", [k for k, r in codes(c.diagnostics(uri))][:1],
              ["referentiel_inconnu"])
        shutil.move(lib + ".parti", lib)
        changed(c)
        check("surveillance : dossier revenu", codes(c.diagnostics(uri)), plpp)
        check("surveillance : fin", c.close(), 0)

        # Without relativePatternSupport: the folder as a glob.
        c = Client({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}},
                   stdlib=lib)
        reg = c.server_request("client/registerCapability")
        check("surveillance sans RelativePattern",
              (reg or {}).get("params", {}).get("registrations", [{}])[0]
              .get("registerOptions"),
              {"watchers": [{"globPattern": os.path.realpath(lib) + "/*.mission"}]})
        c.close()

        # A client that cannot watch: nothing asked; the change is seen at
        # the letter's next check.
        c = Client({}, stdlib=lib)
        c.open(uri, LETTER)
        check("sans surveillance : avant", codes(c.diagnostics(uri)), plpp)
        check("sans surveillance : rien demandé au client",
              [m.get("method") for m in c.quiet() if isinstance(m, dict)], [])
        write(renamed)
        c.change(uri, 2, [{"text": LETTER}])
        check("sans surveillance : vérifiée selon le référentiel changé",
              [k for k, r in codes(c.diagnostics(uri))], ["corps_inconnu", "mission_inconnue"])
        write(original)
        c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        c.change(uri, 3, [{"text": LETTER}])
        check("sans surveillance : rétabli", codes(c.diagnostics(uri)), plpp)
        check("sans surveillance : fin", c.close(), 0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_documents():
    """What an editor does with its documents: URIs with %-encoded accents and
    spaces (as every client writes them), a document closed then opened
    again, opened twice, two letters of two référentiels side by side, a
    buffer never saved (« untitled: »)."""
    import shutil
    import tempfile
    c = Client()
    # %-encoded: the URI comes back as the client wrote it.
    uri = "file:///home/x/Lettre%20de%20mission%20%C3%A9t%C3%A9.mission"
    c.open(uri, LETTER)
    d = c.diagnostics(uri)
    check("URI encodée : diagnostics", (d.get("uri"), codes(d)),
          (uri, [("corps_inconnu", span(LETTER, "plpp"))]))
    line, a, b = where(LETTER, "chef, agent", "utf-16")
    r = c.request("textDocument/definition", {"textDocument": {"uri": uri},
                                              "position": pos(line, a + 1)})
    check("URI encodée : définition dans la lettre", (r.get("result") or {}).get("uri"), uri)
    # Closed, then opened again with another text and an older version.
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    check("fermée : diagnostics vidés", c.diagnostics(uri).get("diagnostics"), [])
    fixed = LETTER.replace("corps plpp", "corps plp")
    c.open(uri, fixed, version=1)
    d = c.diagnostics(uri)
    check("rouverte : le nouveau texte", (d.get("version"), codes(d)), (1, []))
    server_text_is(c, uri, fixed, "rouverte : le texte du serveur")
    # Opened twice without a close (a client that lost track): the last text.
    c.open(uri, LETTER, version=5)
    d = c.diagnostics(uri)
    check("ouverte deux fois : le dernier texte", (d.get("version"), codes(d)),
          (5, [("corps_inconnu", span(LETTER, "plpp"))]))
    # Two référentiels side by side: each letter its own names.
    pacte_uri = "file:///tmp/pacte%20coll%C3%A8ge.mission"
    pacte = open(os.path.join(ROOT, "examples", "pacte_college.mission"), encoding="utf-8").read()
    c.open(pacte_uri, pacte)
    check("deux référentiels : la lettre du Pacte", codes(c.diagnostics(pacte_uri)), [])
    line, a, b = where(pacte, "devoirs_faits", "utf-16")
    r = c.request("textDocument/completion", {"textDocument": {"uri": pacte_uri},
                                              "position": pos(line, a)})
    got = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check("deux référentiels : missions du Pacte", ("devoirs_faits" in got,
                                                  "organiser_enseignements" in got), (True, False))
    line, a, b = where(LETTER, "organiser_enseignements", "utf-16")
    r = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": pos(line, a)})
    got = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check("deux référentiels : missions du DDFPT", ("devoirs_faits" in got,
                                                  "organiser_enseignements" in got), (False, True))
    # A batch model in a folder with accents and spaces: its export beside it.
    tmp = tempfile.mkdtemp()
    try:
        folder = os.path.join(tmp, "Lettres été 2025")
        os.mkdir(folder)
        shutil.copy(os.path.join(ROOT, "examples", "lot", "pacte.csv"), folder)
        from urllib.parse import quote
        muri = "file://" + quote(os.path.join(folder, "pacte.mission"))
        c.open(muri, 'partie x : enseignant "«pr')
        c.diagnostics(muri)
        r = c.request("textDocument/completion", {"textDocument": {"uri": muri},
                                                  "position": pos(0, 25)})
        check("dossier accentué : colonnes de l’export",
              [i["label"] for i in (r.get("result") or {}).get("items", [])][:3],
              ["civilite", "prenom", "nom"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # A référentiel of the library, opened by « go to definition »: not a
    # letter, no diagnostic (commun.mission had 47, ddfpt.mission one).
    for name in ("commun.mission", "ddfpt.mission"):
        ref = os.path.join(STDLIB, name)
        c.open(file_uri(ref), open(ref, encoding="utf-8").read())
        check("référentiel ouvert (%s) : aucun diagnostic" % name,
              c.diagnostics(file_uri(ref)).get("diagnostics"), [])
    # Never saved: no path, checked all the same.
    new = "untitled:Untitled-1"
    c.open(new, LETTER)
    check("jamais enregistrée", codes(c.diagnostics(new)), [("corps_inconnu", span(LETTER, "plpp"))])
    r = c.request("textDocument/completion", {"textDocument": {"uri": new}, "position": pos(0, 13)})
    check("jamais enregistrée : complétion", "ddfpt" in [
        i["label"] for i in (r.get("result") or {}).get("items", [])], True)
    check("documents : fin", c.close(), 0)


def test_referentiel_edited():
    """A référentiel opened in the editor, the académie's own (--stdlib) or
    another library's: its own diagnostics, from the text as typed, saved or
    not, as `missionc verifier` gives them; the library's as shipped have
    none. A letter open beside it keeps the référentiel as saved on disk,
    and sees the mistake once it is saved."""
    import shutil
    import tempfile
    tmp = tempfile.mkdtemp()
    lib = os.path.join(tmp, "référentiels de l’académie")
    shutil.copytree(STDLIB, lib)
    ddfpt = os.path.join(lib, "ddfpt.mission")
    ref_uri = file_uri(ddfpt)
    saved = open(ddfpt, encoding="utf-8").read()
    faulty = saved.replace("titulaire ddfpt", "titulaire dfpt")
    letter = "file:///tmp/lettre-du-ddfpt.mission"
    plpp = [("corps_inconnu", span(LETTER, "plpp"))]
    try:
        c = Client({}, stdlib=lib)
        # Every file of both libraries, as shipped: nothing to say.
        for folder in (STDLIB, lib):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".mission"):
                    path = os.path.join(folder, name)
                    c.open(file_uri(path), open(path, encoding="utf-8").read())
                    check("référentiel ouvert (%s) : aucun diagnostic" % path[len(tmp):]
                          if folder == lib else name,
                          c.diagnostics(file_uri(path)).get("diagnostics"), [])
        c.open(letter, LETTER)
        check("référentiel en cours : la lettre avant", codes(c.diagnostics(letter)), plpp)
        # A mistake typed, not saved: said in the référentiel, at its place.
        c.change(ref_uri, 2, [{"text": faulty}])
        d = c.diagnostics(ref_uri)
        check("référentiel non enregistré : son erreur", (d.get("version"), codes(d)),
              (2, [("role_inconnu", span(faulty, "titulaire dfpt"))]))
        # The letter keeps the référentiel as saved.
        c.change(letter, 2, [{"text": LETTER}])
        check("référentiel non enregistré : la lettre inchangée", codes(c.diagnostics(letter)), plpp)
        # The rules' mistakes too (found by their type checks), in this file.
        rule = faulty.replace("titulaire dfpt", "titulaire ddfpt").replace(
            "exige duree <=", "exige dure <=", 1)
        c.change(ref_uri, 3, [{"text": rule}])
        d = c.diagnostics(ref_uri)
        line, a, b = where(rule, "exige dure <=", "utf-16")
        check("référentiel non enregistré : une règle fautive", codes(d),
              [("donnee_inconnue", rng(line, a + 6, line, a + 10))])
        # Saved: the letter cannot be checked against it, and says so.
        with open(ddfpt, "w", encoding="utf-8") as f:
            f.write(faulty)
        c.change(ref_uri, 4, [{"text": faulty}])
        check("référentiel enregistré : son erreur", [k for k, r in codes(c.diagnostics(ref_uri))],
              ["role_inconnu"])
        c.change(letter, 3, [{"text": LETTER}])
        check("référentiel enregistré : la lettre", [k for k, r in codes(c.diagnostics(letter))],
              ["referentiel_invalide", "role_inconnu"])
        # A draft never saved: checked against the server's library.
        draft = "untitled:Untitled-9"
        c.open(draft, 'referentiel brouillon "Lettre de mission d’essai"\ntitulaire agent\n')
        check("brouillon de référentiel", [k for k, r in codes(c.diagnostics(draft))],
              ["argument_manquant", "role_inconnu"])
        check("référentiel en cours : fin", c.close(), 0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_code_actions():
    """Without codeActionLiteralSupport a client reads Commands only (LSP
    3.17, textDocument/codeAction); the fix comes back by workspace/applyEdit
    when the client announces it."""
    for caps, name in [({"workspace": {"applyEdit": True}}, "Commands et applyEdit"),
                       ({}, "Commands sans applyEdit"), (MARKDOWN, "CodeAction")]:
        c = Client(caps)
        uri = "file:///tmp/actions.mission"
        c.open(uri, LETTER)
        d = c.diagnostics(uri)
        diag = d["diagnostics"][0]
        r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                  "range": diag["range"],
                                                  "context": {"diagnostics": [diag]}})
        acts = r.get("result")
        fix = {"changes": {uri: [{"range": diag["range"], "newText": "plp"}]}}
        if caps is MARKDOWN:
            check(name, [(a["title"], a.get("kind"), a.get("edit")) for a in acts],
                  [("Remplacer par «\u00a0plp\u00a0»", "quickfix", fix)])
            c.close()
            continue
        want = [{"title": "Remplacer par «\u00a0plp\u00a0»", "command": "missionc.appliquer",
                 "arguments": [fix]}] if caps else []
        check(name + " : des Commands seulement", acts, want)
        check(name + " : commande annoncée", "missionc.appliquer" in
              c.init_result["capabilities"]["executeCommandProvider"]["commands"], True)
        if acts:
            r = c.request("workspace/executeCommand", acts[0])
            apply = [m for m in c.quiet() if isinstance(m, dict)
                     and m.get("method") == "workspace/applyEdit"]
            check(name + " : workspace/applyEdit", [m["params"] for m in apply],
                  [{"label": "missionc", "edit": fix}])
            check(name + " : réponse à executeCommand", r.get("result", "absent"), None)
        else:
            r = c.request("workspace/executeCommand", {"command": "missionc.appliquer",
                                                       "arguments": [fix]})
            check(name + " : applyEdit non annoncé", error_code(r), -32803)
            check(name + " : rien envoyé", c.quiet(), [])
        c.close()


def main():
    tests = [test_framing, test_lifecycle, test_positions, test_capabilities, test_sync,
             test_code_actions, test_nul, test_referentiels, test_referentiel_edited,
             test_documents]
    only = sys.argv[1:]
    for t in tests:
        if not only or t.__name__ in only:
            t()
    return report("lsp-conformité", "cycle de vie, trames, identifiants, positions, "
                  "capacités du client, documents nombreux et grands, U+0000, "
                  "référentiels modifiés, URI encodées")

if __name__ == "__main__":
    sys.exit(main())

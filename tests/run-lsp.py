#!/usr/bin/env python3
"""tests/run-lsp.py — drives `missionc lsp` as an editor would (a scripted
JSON-RPC client on its stdin/stdout) and checks each answer exactly:
initialize, didOpen, publishDiagnostics, didChange, completion, hover,
definition, documentSymbol, formatting, codeAction, executeCommand, shutdown,
exit; then bad input (broken frames, malformed JSON, wrong types, huge
Content-Length, unknown methods) must get JSON-RPC errors, never an exit."""
import os
import subprocess
import sys

from lsp_client import MISSIONC, ROOT, STDLIB, Client, check, error_code, pos, report, rng


# Every declaration of compiler/letter.def is proposed where one goes.
with open(os.path.join(ROOT, "compiler", "letter.def"), encoding="utf-8") as f:
    KEYWORDS = sum(1 for line in f if line.startswith("KW("))
# And in a stdlib file, those of compiler/referential.def for its block.
with open(os.path.join(ROOT, "compiler", "referential.def"), encoding="utf-8") as f:
    REF_KEYWORDS = {}
    for line in f:
        if line.startswith("RKW("):
            block, key = line[4:].split(",")[:2]
            REF_KEYWORDS.setdefault(block, []).append(key.strip().strip('"'))

# A référentiel being written (not saved, no commun.mission beside it: read
# against the server's library).
REF_URI = "file:///tmp/essai.mission"
REF_TEXT = """referentiel essai "Lettre de mission d’essai"
source "Circulaire d’essai"
titulaire agent
role agent "Agent" feminin "Agente"
role chef_etablissement "Chef d’établissement"
mission accueil "Accueillir les élèves" {
  texte "Le titulaire accueille les élèves."
  activite portes_ouvertes "Organiser les portes ouvertes."
  groupe suivi "Il assure aussi :" {
    activite entretiens "Mener les entretiens."
  }
  destinataire_bilan chef_etablissement
}
regle signe_agent {
  exige signe(agent)
  message "l’agent signe la lettre"
  source "Circulaire d’essai"
}
"""


def labels_at(c, uri, line, col):
    r = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": pos(line, col)})
    return [i["label"] for i in r["result"]["items"]]


def hover_at(c, uri, line, col):
    r = c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos(line, col)})
    return (r.get("result") or {}).get("contents", {}).get("value", "")


def definition_at(c, uri, line, col):
    return c.request("textDocument/definition", {"textDocument": {"uri": uri},
                                                 "position": pos(line, col)}).get("result")


def referentiels(c):
    """A référentiel open in the editor: completion, hover, definition and
    outline read it as the library does, not as a letter."""
    c.notify("textDocument/didOpen", {"textDocument": {"uri": REF_URI, "languageId": "mission",
                                                       "version": 1, "text": REF_TEXT}})
    check("référentiel : aucun diagnostic", c.diagnostics(REF_URI)["diagnostics"], [])
    # Completion: the declarations of the block, not a letter's.
    check("référentiel : déclarations", labels_at(c, REF_URI, 5, 1), REF_KEYWORDS["MC_RB_REFERENTIAL"])
    check("référentiel : déclarations d’une mission", labels_at(c, REF_URI, 7, 3),
          REF_KEYWORDS["MC_RB_MISSION"])
    check("référentiel : déclarations d’un groupe", labels_at(c, REF_URI, 9, 5), ["activite"])
    check("référentiel : déclarations d’une règle", labels_at(c, REF_URI, 15, 3),
          REF_KEYWORDS["MC_RB_RULE"])
    # Names referred to: roles, in a rule too; a name declared is the author's.
    check("référentiel : rôles après titulaire", labels_at(c, REF_URI, 2, 10),
          ["agent", "chef_etablissement"])
    check("référentiel : rôles après destinataire_bilan", labels_at(c, REF_URI, 11, 21),
          ["agent", "chef_etablissement"])
    check("référentiel : rôles dans signe(…)", labels_at(c, REF_URI, 14, 14),
          ["agent", "chef_etablissement"])
    check("référentiel : rien à proposer pour un nom déclaré", labels_at(c, REF_URI, 5, 9), [])
    # Hover: a mission, an activity (of a groupe), a role, as a letter shows them.
    value = hover_at(c, REF_URI, 5, 10)
    check("référentiel : survol d’une mission", value.split("\n\n"),
          ["**mission** `accueil` — Accueillir les élèves", "Le titulaire accueille les élèves.",
           "*Source\u00a0:* Circulaire d’essai", "*Défini dans* `essai.mission:6`\n"])
    check("référentiel : survol d’une activité", hover_at(c, REF_URI, 9, 14).split("\n\n")[:2],
          ["**activité** `entretiens` — Accueillir les élèves", "Mener les entretiens."])
    check("référentiel : survol du titulaire", hover_at(c, REF_URI, 2, 12).split("\n\n")[0],
          "**rôle** `agent` — Agent")
    check("référentiel : survol d’une règle", hover_at(c, REF_URI, 13, 8).split("\n\n")[0],
          "**règle** `signe_agent` — l’agent signe la lettre")
    # Definition: to the declaration in the buffer.
    check("référentiel : définition du titulaire", definition_at(c, REF_URI, 2, 12),
          {"uri": REF_URI, "range": rng(3, 5, 3, 10)})
    check("référentiel : définition dans une règle", definition_at(c, REF_URI, 14, 15),
          {"uri": REF_URI, "range": rng(3, 5, 3, 10)})
    check("référentiel : définition d’un destinataire", definition_at(c, REF_URI, 11, 25),
          {"uri": REF_URI, "range": rng(4, 5, 4, 23)})
    # Outline: roles, missions with their activities (a groupe's too), rules.
    r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": REF_URI}})
    outline = [(s["name"], s["kind"], s["range"], [ch["name"] for ch in s.get("children", [])])
               for s in r["result"]]
    check("référentiel : plan", outline, [
        ("agent", 10, rng(3, 0, 3, 35), []),
        ("chef_etablissement", 10, rng(4, 0, 4, 46), []),
        ("accueil", 5, rng(5, 0, 12, 1), ["portes_ouvertes", "entretiens"]),
        ("signe_agent", 12, rng(13, 0, 17, 1), [])])
    details = [ch.get("detail") for s in r["result"] for ch in s.get("children", [])]
    check("référentiel : détail d’une activité", details[1:2], ["Mener les entretiens."])
    # A mistake typed: the hover explains the référentiel's own diagnostic.
    bad = REF_TEXT.replace("titulaire agent", "titulaire agnet")
    c.notify("textDocument/didChange", {"textDocument": {"uri": REF_URI, "version": 2},
                                        "contentChanges": [{"text": bad}]})
    check("référentiel : son erreur", [x["code"] for x in c.diagnostics(REF_URI)["diagnostics"]],
          ["role_inconnu"])
    check("référentiel : survol de son erreur", hover_at(c, REF_URI, 2, 3).splitlines()[:2],
          ["```", "role_inconnu — erreur (diagnostic du compilateur)"])

    # A declaration misspelt: the fix a letter gets, the référentiel's word.
    typo = REF_TEXT.replace("  texte ", "  text ")
    c.notify("textDocument/didChange", {"textDocument": {"uri": REF_URI, "version": 3},
                                        "contentChanges": [{"text": typo}]})
    d = c.diagnostics(REF_URI)["diagnostics"]
    r = c.request("textDocument/codeAction", {"textDocument": {"uri": REF_URI}, "range": d[0]["range"],
                                              "context": {"diagnostics": d[:1]}})
    check("référentiel : correction d’une déclaration", [(a["title"], a["edit"]) for a in r["result"]], [
        ("Remplacer par «\u00a0texte\u00a0»",
         {"changes": {REF_URI: [{"range": rng(6, 2, 6, 6), "newText": "texte"}]}})])
    # Formatting: as `missionc formater`.
    messy = REF_TEXT.replace("titulaire agent", "titulaire   agent")
    c.notify("textDocument/didChange", {"textDocument": {"uri": REF_URI, "version": 4},
                                        "contentChanges": [{"text": messy}]})
    c.diagnostics(REF_URI)
    r = c.request("textDocument/formatting", {"textDocument": {"uri": REF_URI}, "options": {}})
    check("référentiel : mise en forme", [e["newText"] for e in r["result"]], [REF_TEXT])

    # commun.mission: its blocks' declarations, its corps.
    commun = open(os.path.join(STDLIB, "commun.mission"), encoding="utf-8").read()
    cu = "file:///tmp/brouillon/commun.mission"
    c.notify("textDocument/didOpen", {"textDocument": {"uri": cu, "version": 1, "text": commun}})
    c.diagnostics(cu)
    lines = commun.split("\n")
    ln = next(i for i, l in enumerate(lines) if l.startswith("corps plp "))
    check("commun : déclarations", labels_at(c, cu, ln, 1), REF_KEYWORDS["MC_RB_COMMONS"])
    check("commun : survol d’un corps", hover_at(c, cu, ln, 7).split("\n\n")[0],
          "**corps** `plp` — professeur de lycée professionnel")
    r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": cu}})
    check("commun : plan", ("plp" in [s["name"] for s in r["result"]],
                            {s["kind"] for s in r["result"]}), (True, {22}))

    # « missions selon »: the other référentiels of its library, not itself;
    # an académie's library (its own commun.mission): its référentiels.
    import shutil
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("commun.mission", "ddfpt.mission"):
            shutil.copy(os.path.join(STDLIB, name), tmp)
        with open(os.path.join(tmp, "maison.mission"), "w", encoding="utf-8") as f:
            f.write(REF_TEXT.replace("referentiel essai", "referentiel maison"))
        au = "file://" + os.path.join(tmp, "essai.mission")
        c.notify("textDocument/didOpen", {"textDocument": {"uri": au, "version": 1,
                                                           "text": REF_TEXT + "missions selon \n"}})
        c.diagnostics(au)
        check("référentiel d’une académie : missions selon ses référentiels",
              labels_at(c, au, 18, 15), ["ddfpt", "maison"])
        mu = "file://" + os.path.join(tmp, "maison.mission")
        maison = REF_TEXT.replace("referentiel essai", "referentiel maison") + "missions selon \n"
        c.notify("textDocument/didOpen", {"textDocument": {"uri": mu, "version": 1, "text": maison}})
        c.diagnostics(mu)
        check("référentiel : pas lui-même après missions selon", labels_at(c, mu, 18, 15), ["ddfpt"])
        # An export beside it: a « » of a référentiel quotes its source, it
        # is no field of a batch model.
        with open(os.path.join(tmp, "maison.csv"), "w", encoding="utf-8") as f:
            f.write("prenom;nom\n")
        quote = maison + 'regle x {\n  source "Circulaire, « pr'
        c.notify("textDocument/didChange", {"textDocument": {"uri": mu, "version": 2},
                                            "contentChanges": [{"text": quote}]})
        c.diagnostics(mu)
        check("référentiel : pas de colonnes d’un export dans une citation",
              labels_at(c, mu, 20, len('  source "Circulaire, « pr')), [])

    # A référentiel of the library, opened by « go to definition ».
    ddfpt = os.path.join(STDLIB, "ddfpt.mission")
    du = "file://" + ddfpt
    dtext = open(ddfpt, encoding="utf-8").read()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": du, "version": 1, "text": dtext}})
    c.diagnostics(du)
    dl = dtext.split("\n")
    ln = next(i for i, l in enumerate(dl) if l.startswith("mission coordonner_equipes "))
    check("bibliothèque : survol d’une mission", hover_at(c, du, ln, 10).split("\n\n")[0],
          "**mission** `coordonner_equipes` — Coordonner et animer les équipes d'enseignants")
    check("bibliothèque : pas de mot-clé de lettre", "lettre" in labels_at(c, du, ln, 1), False)

    # A letter of a référentiel that takes its missions from another: the
    # mission is defined in that other file (atddf: « missions selon ddfpt »).
    lu = "file:///tmp/assistant.mission"
    c.notify("textDocument/didOpen", {"textDocument": {"uri": lu, "version": 1, "text":
              "lettre selon atddf\nmission coordonner_equipes {\n}\n"}})
    c.diagnostics(lu)
    loc = definition_at(c, lu, 1, 10) or {}
    check("mission reprise : définie dans son référentiel",
          (loc.get("uri"), dl[loc["range"]["start"]["line"]][:26] if loc.get("uri") == du else None),
          (du, "mission coordonner_equipes"))
    check("mission reprise : survol", hover_at(c, lu, 1, 10).split("\n\n")[-1],
          "*Défini dans* `ddfpt.mission:%d`\n" % (ln + 1))

URI = "file:///tmp/lettre%20%C3%A9t%C3%A9.mission"
TEXT = """lettre selon ddfpt
période 2025-2026 .. 2027-2028
academie "Aix-Marseille"
etablissement "Lycée Jean Moulin" uai "0130012T" commune "Marseille"
partie chef : chef_etablissement "Mme Élodie Durand"
partie agent : ddfpt "M. Paul Martin" corps plp
service 39 h/semaine
presence 4,5 jours/semaine
mission organiser_enseignement {
  activite evaluation_moyens
}
signatures chef
fait_a "Marseille" le 2025-09-15
"""


def main():
    c = Client(init=False)
    # Before initialize: refused.
    r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": pos(0, 0)})
    check("requête avant initialize", r.get("error", {}).get("code"), -32002)

    # What VS Code announces: Markdown, CodeAction literals, window/showDocument.
    r = c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {
        "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                         "completion": {"completionItem": {
                             "documentationFormat": ["markdown", "plaintext"]}},
                         "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
                             "valueSet": ["quickfix"]}}}},
        "window": {"showDocument": {"support": True}}}})
    caps = r["result"]["capabilities"]
    check("synchronisation", caps["textDocumentSync"], {"openClose": True, "change": 2})
    check("fournisseurs", [caps[k] for k in ("hoverProvider", "definitionProvider",
          "documentSymbolProvider", "documentFormattingProvider", "codeActionProvider")],
          [True] * 5)
    check("serveur", r["result"]["serverInfo"]["name"], "missionc")
    c.notify("initialized", {})

    c.notify("textDocument/didOpen", {"textDocument": {"uri": URI, "languageId": "mission",
                                                       "version": 1, "text": TEXT}})
    d = c.diagnostics(URI)
    check("version des diagnostics", d["version"], 1)
    got = [(x["code"], x["range"], x["severity"]) for x in d["diagnostics"]]
    check("diagnostics à l’ouverture", got, [
        ("mission_inconnue", rng(8, 8, 8, 30), 1),
        ("ddfpt.signature_ddfpt", rng(11, 0, 11, 15), 1),
    ])
    first = d["diagnostics"][0]
    check("suggestion en données", first.get("data"), {"remplacement": "organiser_enseignements"})
    check("message et aide", first["message"].split("\n")[1],
          "aide\u00a0: vouliez-vous dire «\u00a0organiser_enseignements\u00a0»\u202f?")

    # The code action puts the suggested name in place.
    r = c.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": first["range"],
                                              "context": {"diagnostics": [first]}})
    acts = r["result"]
    check("action « vouliez-vous dire »", [(a["title"], a["edit"]) for a in acts], [
        ("Remplacer par «\u00a0organiser_enseignements\u00a0»",
         {"changes": {URI: [{"range": rng(8, 8, 8, 30), "newText": "organiser_enseignements"}]}})])

    # A client that does not send data back: the name is read in the message.
    bare = {k: v for k, v in first.items() if k != "data"}
    r = c.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": first["range"],
                                              "context": {"diagnostics": [bare]}})
    check("action sans « data »", [a["title"] for a in r["result"]],
          ["Remplacer par «\u00a0organiser_enseignements\u00a0»"])

    # didChange (full text): the fix, and the DDFPT's signature is missing.
    text2 = TEXT.replace("organiser_enseignement ", "organiser_enseignements ")
    c.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 2},
                                        "contentChanges": [{"text": text2}]})
    d = c.diagnostics(URI)
    check("version après modification", d["version"], 2)
    got = [(x["code"], x["range"]) for x in d["diagnostics"]]
    check("diagnostics après modification", got, [("ddfpt.signature_ddfpt", rng(11, 0, 11, 15))])
    sig = d["diagnostics"][0]
    rel = sig["relatedInformation"][0]
    check("note dans la bibliothèque", (rel["location"]["uri"].endswith("/stdlib/ddfpt.mission"),
                                        rel["message"]),
          (True, "règle «\u00a0ddfpt.signature_ddfpt\u00a0» du référentiel «\u00a0ddfpt\u00a0»"))
    r = c.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": sig["range"],
                                              "context": {"diagnostics": [sig]}})
    check("action « signature manquante »", [(a["title"], a["edit"]) for a in r["result"]], [
        ("Ajouter «\u00a0agent\u00a0» aux signatures",
         {"changes": {URI: [{"range": rng(11, 15, 11, 15), "newText": ", agent"}]}})])

    # Hover over the rule's diagnostic: its explanation, then nothing else.
    r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": pos(11, 3)})
    value = r["result"]["contents"]["value"]
    check("survol d’un diagnostic de règle", value.splitlines()[:3],
          ["```", "ddfpt.signature_ddfpt — erreur", ""])
    # The rule's examples, not its raw expression (« signe(ddfpt) »).
    check("survol : exemples", "\nFaux\u00a0:\n" in value and "\nJuste\u00a0:\n" in value, True)
    check("survol : pas d’expression brute", "signe(ddfpt)" in value, False)

    # Completion after « mission »: the référentiel's missions, with their text.
    r = c.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": pos(8, 8)})
    items = r["result"]["items"]
    check("missions proposées", [i["label"] for i in items],
          ["organiser_enseignements", "coordonner_equipes", "conseiller_chef", "relations_partenaires",
           "animer_pole_stages"])
    check("détail d’une mission", items[0]["detail"],
          "Organiser les enseignements technologiques et professionnels")
    check("texte officiel en documentation", items[0]["documentation"]["value"].startswith(
          "Le rôle d'organisateur du DDFPT"), True)
    # A word typed halfway is replaced.
    r = c.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": pos(9, 15)})
    items = r["result"]["items"]
    check("activités de la mission", [i["label"] for i in items][:3],
          ["evaluation_moyens", "repartition_moyens_horaires", "repartition_service"])
    check("remplacement du mot commencé", items[0]["textEdit"]["range"], rng(9, 11, 9, 28))
    # After « partie x : », the roles; after « corps », the corps; « signatures », the parties.
    r = c.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": pos(4, 14)})
    check("rôles", [i["label"] for i in r["result"]["items"]], ["ddfpt", "chef_etablissement"])
    r = c.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": pos(5, 44)})
    labels = [i["label"] for i in r["result"]["items"]]
    check("corps", ("plp" in labels, "certifie" in labels), (True, True))
    r = c.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": pos(11, 15)})
    check("parties", [i["label"] for i in r["result"]["items"]], ["chef", "agent"])
    r = c.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": pos(0, 13)})
    check("référentiels", [i["label"] for i in r["result"]["items"]],
          ["atddf", "ddfpt", "mlds", "numerique", "pacte", "tne"])
    r = c.request("textDocument/completion", {"textDocument": {"uri": URI}, "position": pos(10, 1)})
    labels = [i["label"] for i in r["result"]["items"]]
    check("mots-clés d’une déclaration", ("mission" in labels, "signatures" in labels, len(labels)),
          (True, True, KEYWORDS))

    # Hover on an activity and on a party; accents before the cursor count in UTF-16.
    r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": pos(9, 14)})
    check("survol d’une activité", r["result"]["contents"]["value"].splitlines()[0],
          "**activité** `evaluation_moyens` — Organiser les enseignements technologiques et professionnels")
    check("étendue survolée", r["result"]["range"], rng(9, 11, 9, 28))
    r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": pos(4, 20)})
    check("survol d’un rôle", r["result"]["contents"]["value"].splitlines()[0],
          "**rôle** `chef_etablissement` — Chef d’établissement")

    # Definition: a mission in the stdlib, a party in the letter.
    r = c.request("textDocument/definition", {"textDocument": {"uri": URI}, "position": pos(8, 10)})
    loc = r["result"]
    with open(os.path.join(STDLIB, "ddfpt.mission"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    line = loc["range"]["start"]["line"]
    check("définition d’une mission", (loc["uri"].endswith("/stdlib/ddfpt.mission"),
                                       lines[line][:len("mission organiser_enseignements")]),
          (True, "mission organiser_enseignements"))
    r = c.request("textDocument/definition", {"textDocument": {"uri": URI}, "position": pos(11, 12)})
    check("définition d’une partie", r["result"], {"uri": URI, "range": rng(4, 7, 4, 11)})

    # Outline.
    r = c.request("textDocument/documentSymbol", {"textDocument": {"uri": URI}})
    outline = [(s["name"], s["kind"], [ch["name"] for ch in s.get("children", [])]) for s in r["result"]]
    check("plan", outline, [("chef", 13, []), ("agent", 13, []),
                            ("organiser_enseignements", 5, ["evaluation_moyens"])])

    # Formatting: one edit, the whole text in canonical layout.
    messy = text2.replace("partie chef :", "partie   chef:").replace("service 39 h", "service 39h")
    c.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 3},
                                        "contentChanges": [{"text": messy}]})
    c.diagnostics(URI)
    r = c.request("textDocument/formatting", {"textDocument": {"uri": URI},
                                              "options": {"tabSize": 2, "insertSpaces": True}})
    edits = r["result"]
    want = subprocess.run([MISSIONC, "formater", "-"], input=messy.encode(),
                          capture_output=True).stdout.decode()
    check("mise en forme", (len(edits), edits[0]["range"], edits[0]["newText"]),
          (1, rng(0, 0, 13, 0), want))
    check("mise en forme : parties alignées", want.splitlines()[4], "partie chef  : chef_etablissement \"Mme Élodie Durand\"")

    # A blank « … »: the action selects it.
    blank = text2.replace('"Marseille" le', '… le')
    c.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 4},
                                        "contentChanges": [{"text": blank}]})
    d = c.diagnostics(URI)
    b = [x for x in d["diagnostics"] if x["code"] == "a_completer"][0]
    check("blanc", b["range"], rng(12, 7, 12, 8))
    r = c.request("textDocument/codeAction", {"textDocument": {"uri": URI}, "range": b["range"],
                                              "context": {"diagnostics": [b]}})
    cmd = r["result"][0]["command"]
    check("action « blanc »", (cmd["command"], cmd["arguments"]),
          ("missionc.selectionnerBlanc", [URI, rng(12, 7, 12, 8)]))
    r = c.request("workspace/executeCommand", cmd)
    show = [m for m in c.pending if m.get("method") == "window/showDocument"]
    check("showDocument", show[0]["params"] if show else None,
          {"uri": URI, "takeFocus": True, "selection": rng(12, 7, 12, 8)})
    check("réponse à executeCommand", r.get("result", "absent"), None)

    # Accented text before the cursor: UTF-16 columns.
    r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": pos(1, 3)})
    check("survol d’un mot-clé accentué", r["result"]["range"], rng(1, 0, 1, 7))

    # A byte order mark: not a character for the editor (found by fuzz_lsp).
    BOM = "file:///tmp/bom.mission"
    c.notify("textDocument/didOpen", {"textDocument": {"uri": BOM, "version": 1,
                                                       "text": "\ufeff" + text2}})
    c.diagnostics(BOM)
    r = c.request("textDocument/formatting", {"textDocument": {"uri": BOM}, "options": {}})
    check("mise en forme d’un texte avec BOM", [e["range"] for e in r["result"]], [rng(0, 0, 13, 0)])
    r = c.request("textDocument/hover", {"textDocument": {"uri": BOM}, "position": pos(0, 2)})
    check("survol après un BOM", r["result"]["range"], rng(0, 0, 0, 6))

    # Accents typed on a Mac (a letter, then U+0301): the compiler composes
    # them (NFC), the editor keeps them as typed, two UTF-16 units each; a
    # character beyond U+FFFF is two units as well. Ranges, code actions and
    # hover count in the editor's text.
    NFD = "file:///tmp/nfd.mission"
    nfd = text2.replace("  activite evaluation_moyens",
                        "  activite\u0301 e\u0301valuation_moyen")
    nfd = nfd.replace('"M. Paul Martin" corps plp', '"M. Rene\u0301 Martin" corps plp')
    nfd = nfd.replace('fait_a "Marseille" le 2025-09-15',
                      'fait_a "Marseille \U0001F600 e\u0301te\u0301" le 2025-13-01')
    c.notify("textDocument/didOpen", {"textDocument": {"uri": NFD, "version": 1, "text": nfd}})
    d = c.diagnostics(NFD)
    got = [(x["code"], x["range"]) for x in d["diagnostics"]]
    check("accents décomposés : diagnostics", got, [
        ("activite_inconnue", rng(9, 12, 9, 29)),
        ("non_imprimable_en_pdf", rng(12, 18, 12, 20)),
        ("date_impossible", rng(12, 31, 12, 41)),
    ])
    r = c.request("textDocument/codeAction", {"textDocument": {"uri": NFD},
                                              "range": d["diagnostics"][0]["range"],
                                              "context": {"diagnostics": [d["diagnostics"][0]]}})
    check("accents décomposés : action", [(a["title"], a["edit"]) for a in r["result"]], [
        ("Remplacer par «\u00a0evaluation_moyens\u00a0»",
         {"changes": {NFD: [{"range": rng(9, 12, 9, 29), "newText": "evaluation_moyens"}]}})])
    r = c.request("textDocument/hover", {"textDocument": {"uri": NFD}, "position": pos(5, 46)})
    check("accents décomposés : survol", (r.get("result") or {}).get("range"), rng(5, 45, 5, 48))

    # A batch model's «fields»: the columns of the export beside it.
    model = os.path.join(ROOT, "examples", "lot", "pacte.mission")
    muri = "file://" + model
    mtext = open(model, encoding="utf-8").read()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": muri, "languageId": "mission",
                                                       "version": 1, "text": mtext}})
    c.diagnostics(muri)
    lines = mtext.split("\n")
    ln = next(i for i, l in enumerate(lines) if l.startswith("etablissement "))
    col = lines[ln].index("«etablissement»") + 4       # after « «eta »
    r = c.request("textDocument/completion", {"textDocument": {"uri": muri}, "position": pos(ln, col)})
    items = r["result"]["items"]
    header = open(os.path.join(ROOT, "examples", "lot", "pacte.csv"), encoding="utf-8").readline()
    check("champs : les colonnes de l’export", [i["label"] for i in items],
          header.strip().split(";"))
    eta = next(i for i in items if i["label"] == "etablissement")
    check("champ : détail", eta["detail"], "colonne 6 de «\u00a0pacte.csv\u00a0»")
    check("champ fermé : le nom seul remplacé", eta["textEdit"],
          {"range": rng(ln, col - 3, ln, col - 3 + len("etablissement")), "newText": "etablissement"})
    # Not closed yet: the » comes with the name.
    open_text = mtext + 'observation "«pr'
    c.notify("textDocument/didChange", {"textDocument": {"uri": muri, "version": 2},
                                        "contentChanges": [{"text": open_text}]})
    last = len(open_text.split("\n")) - 1
    r = c.request("textDocument/completion", {"textDocument": {"uri": muri},
                                              "position": pos(last, len('observation "«pr'))})
    pre = next(i for i in r["result"]["items"] if i["label"] == "prenom")
    check("champ ouvert : » ajouté", pre["textEdit"],
          {"range": rng(last, 14, last, 16), "newText": "prenom»"})
    # Outside a field: the language's names, as before.
    r = c.request("textDocument/completion", {"textDocument": {"uri": muri}, "position": pos(last, 0)})
    check("hors d’un champ : pas de colonnes", "prenom" in [i["label"] for i in r["result"]["items"]], False)
    # An export in Windows-1252, the only .csv of its folder, another name.
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "export rh.csv"), "wb") as f:
            f.write("Civilité;Prénom;NOM;N° UAI\r\nMme;Zoé;Ménard;0130050J\r\n".encode("cp1252"))
        wuri = "file://" + os.path.join(tmp, "modele.mission").replace(" ", "%20")
        c.notify("textDocument/didOpen", {"textDocument": {"uri": wuri, "languageId": "mission",
                                                           "version": 1, "text": 'partie x : enseignant "«'}})
        c.diagnostics(wuri)
        r = c.request("textDocument/completion", {"textDocument": {"uri": wuri}, "position": pos(0, 24)})
        check("champs : export Windows-1252 seul dans le dossier",
              [(i["label"], i["detail"]) for i in r["result"]["items"]],
              [(n, f"colonne {k + 1} de «\u00a0export rh.csv\u00a0»")
               for k, n in enumerate(["Civilité", "Prénom", "NOM", "N° UAI"])])
        # Two exports, none of the model's name: which one? None offered.
        with open(os.path.join(tmp, "autre.csv"), "w", encoding="utf-8") as f:
            f.write("a;b\n")
        r = c.request("textDocument/completion", {"textDocument": {"uri": wuri}, "position": pos(0, 24)})
        check("champs : deux exports, aucun proposé", r["result"]["items"], [])

    referentiels(c)

    # Bad input: each gets an error, the server stays.
    c.raw(b"Content-Length: 9\r\n\r\n{not json")
    check("JSON illisible", error_code(c.error()), -32700)
    c.raw(b"Content-Length: x\r\n\r\n")
    check("Content-Length invalide", error_code(c.error()), -32700)
    c.send({"jsonrpc": "2.0", "id": 77, "method": "textDocument/hover", "params": {"textDocument": 5}})
    check("mauvais types", c.answer(77)["error"]["code"], -32602)
    c.send({"jsonrpc": "2.0", "id": 78, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": URI}, "position": {"line": "x", "character": -1}}})
    check("position invalide", c.answer(78)["error"]["code"], -32602)
    c.send({"jsonrpc": "2.0", "id": 79, "method": "inconnue/methode", "params": {}})
    check("méthode inconnue", c.answer(79)["error"]["code"], -32601)
    c.send({"jsonrpc": "2.0", "id": [1], "method": "shutdown"})
    check("identifiant invalide", error_code(c.error()), -32600)
    c.send({"jsonrpc": "2.0", "id": 80, "method": "textDocument/completion",
            "params": {"textDocument": {"uri": "file:///pas/ouvert"}, "position": pos(0, 0)}})
    check("document non ouvert", c.answer(80)["error"]["code"], -32602)
    c.notify("textDocument/didChange", {"textDocument": {"uri": URI, "version": 5},
                                        "contentChanges": [{"text": 12}]})
    c.notify("notification/inconnue", {"x": 1})
    c.send({"jsonrpc": "2.0", "id": 81, "method": "textDocument/hover",
            "params": {"textDocument": {"uri": URI}, "position": pos(999, 999)}})
    check("position hors du texte", c.answer(81).get("result", "absent"), None)

    r = c.request("shutdown", None)
    check("shutdown", r.get("result", "absent"), None)
    r = c.request("textDocument/hover", {"textDocument": {"uri": URI}, "position": pos(0, 0)})
    check("requête après shutdown", r["error"]["code"], -32600)
    c.notify("exit", None)
    check("code de sortie après shutdown", c.wait(), 0)

    # exit without shutdown: 1; EOF: the server leaves too.
    c2 = Client(init=False)
    c2.request("initialize", {"capabilities": {}})
    c2.notify("exit", None)
    check("exit sans shutdown", c2.wait(), 1)
    c4 = Client(init=False)
    c4.raw(b"Content-Length: 99999999999\r\n\r\n")
    check("Content-Length énorme", error_code(c4.error()), -32700)
    c4.raw(b"x" * 100000)
    c4.p.stdin.close()
    check("fin au milieu d’un message énorme", c4.wait(), 1)
    c3 = Client(init=False)
    c3.p.stdin.close()
    check("fin de l’entrée", c3.wait(), 1)

    return report("lsp", "initialize, diagnostics, didChange, complétion, survol, définition, "
                  "plan, mise en forme, actions, commandes, référentiels et entrées invalides")

if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""caracteres.py — the characters a secretary pastes from Word, Excel, a web
page or a PDF into an HR export, one row each (tests/run-batch.sh): what a
batch does with each must be the same in PDF, HTML and Markdown, and the same
as `missionc verifier` does with that text in a .mission file.

Usage: tests/lot/caracteres.py ecrire DOSSIER   (caracteres.csv and one
       .mission per row that verifier reads as a letter)
       tests/lot/caracteres.py verifier DOSSIER MISSIONC   (the three
       rapport.csv, the letters, verifier on the .mission: exit 1 with the
       differences)"""
import csv
import os
import re
import subprocess
import sys

# (name, column, cell, refused: the words of its diagnostic, or None when the
# letter is made, then what each format's text shows of it)
CASES = [
    ("espace_sans_chasse", "nom", "Mo\u200breau", "espace sans chasse (U+200B), invisible dans le tableur : retirez-la"),
    ("antiliant", "nom", "Mo\u200creau", "antiliant sans chasse (U+200C)"),
    ("liant", "nom", "Mo\u200dreau", "liant sans chasse (U+200D)"),
    ("gluon", "nom", "Mo\u2060reau", "gluon de mots (U+2060)"),
    ("bom", "nom", "Mo\ufeffreau", "marque d’ordre des octets (U+FEFF)"),
    ("separateur_lignes", "observation", "Le lundi\u2028et le jeudi.", "séparateur de lignes (U+2028), invisible dans le tableur : remplacez-le par un retour à la ligne ou une espace"),
    ("separateur_paragraphes", "observation", "Le lundi.\u2029Le jeudi.", "séparateur de paragraphes (U+2029)"),
    ("marque_gd", "nom", "Mo\u200ereau", "marque gauche-à-droite (U+200E), invisible dans le tableur, qui change le sens de l’écriture"),
    ("marque_dg", "nom", "Mo\u200freau", "marque droite-à-gauche (U+200F)"),
    ("enchassement_gd", "nom", "Mo\u202areau", "enchâssement gauche-à-droite (U+202A)"),
    ("enchassement_dg", "nom", "Mo\u202breau", "enchâssement droite-à-gauche (U+202B)"),
    ("depilement", "nom", "Mo\u202creau", "dépilement de formatage directionnel (U+202C)"),
    ("forcage_gd", "nom", "Mo\u202dreau", "forçage gauche-à-droite (U+202D)"),
    ("forcage_dg", "observation", "Salle \u202eB12\u202c.", "forçage droite-à-gauche (U+202E)"),
    ("isolat_gd", "nom", "Mo\u2066reau", "isolat gauche-à-droite (U+2066)"),
    ("isolat_dg", "nom", "Mo\u2067reau", "isolat droite-à-gauche (U+2067)"),
    ("isolat_fort", "nom", "Mo\u2068reau", "isolat premier fort (U+2068)"),
    ("depilement_isolat", "nom", "Mo\u2069reau", "dépilement d’isolat directionnel (U+2069)"),
    ("marque_arabe", "nom", "Mo\u061creau", "marque de lettre arabe (U+061C)"),
    ("echappement", "nom", "Mo\x1breau", "caractère de contrôle U+001B, invisible dans le tableur ; retapez la cellule"),
    ("c1", "discipline", "Mathé\x85matiques", "caractère de contrôle U+0085"),
    ("emoji", "observation", "Réunion faite \U0001F44D.", "le caractère « 👍 » (U+1F44D) ne s’imprime pas en PDF"),
    ("sinogramme", "nom", "Moreau \u738b", "le caractère « 王 » (U+738B) ne s’imprime pas en PDF"),
    ("grec", "prenom", "L\u03b5a", "le caractère « ε » (U+03B5) ne s’imprime pas en PDF"),
    # What a ligature is not: a letter in superscript, a circled digit
    # would change what the text says once made ordinary; refused.
    ("exposant", "observation", "Le 1\u1d49\u02b3 lundi.", "le caractère « ᵉ » (U+1D49) ne s’imprime pas en PDF"),
    ("chiffre_entoure", "observation", "Étape \u2460.", "le caractère « ① » (U+2460) ne s’imprime pas en PDF"),
    ("espace_fine", "prenom", "Jean\u2009Noël", "espace fine (U+2009), que les polices du PDF n’ont pas : remplacez-la par une espace ordinaire"),
    ("accent_orphelin", "nom", "Mq\u0303reau", "signe diacritique combinant (U+0303)"),
    ("nom_de_mission", "mission", "devoirs\u200b_faits", "espace sans chasse (U+200B)"),
    # A name is no text: a soft hyphen in it is refused, as the scanner does.
    ("trait_dans_un_nom", "corps", "certi\u00adfie", "trait d’union conditionnel (U+00AD), invisible dans le tableur : retirez-le"),
    ("ligature_dans_un_nom", "corps", "certi\ufb01e", "ligature « ﬁ » (U+FB01) dans un nom : écrivez les lettres « fi »"),
    # Made, in every format, as verifier takes them:
    ("trait_conditionnel", "nom", "Mo\u00adreau", None, "Moreau"),
    # A ligature copied from a PDF is its letters: the same text.
    ("ligature_fi", "observation", "Suivi spéci\ufb01que.", None, "Suivi spécifique."),
    ("ligatures", "nom", "Jo\ufb00re \ufb02\ufb03\ufb04 \ufb05\ufb06", None, "Joffre flffiffl stst"),
    ("insecable", "etablissement", "Collège\u00a0Henri Barnier", None, "Collège\u00a0Henri Barnier"),
    ("fine_insecable", "observation", "De 16\u202fh\u202f30 à 17\u202fh\u202f30.", None, "De 16\u202fh\u202f30 à 17\u202fh\u202f30."),
    ("apostrophe", "nom", "N’Diaye", None, "N’Diaye"),
    ("ligatures_francaises", "nom", "Lætitia Cœur", None, "Lætitia Cœur"),
    ("accent_combinant", "prenom", "Le\u0301a", None, "Léa"),
    ("lettres_latines", "nom", "Wróblewska-Łęcka Nguyễn", None, "Wróblewska-Łęcka Nguyễn"),
    # At a cell's edges, what nobody sees is trimmed (not a verifier case).
    ("bords_isolats", "nom", "\u2067Moreau\u2069", None, "Moreau"),
    ("bords_liants", "nom", "\u200cMoreau\u200d", None, "Moreau"),
    ("bords_separateur", "nom", "Moreau\u2028", None, "Moreau"),
    ("bords_enchassement", "nom", "\u202bMoreau\u202c\u00ad", None, "Moreau"),
]
EDGES = ("bords_",)
FORMATS = ("pdf", "html", "md")


def rows():
    text = open("examples/lot/pacte.csv", encoding="utf-8").read().split("\n")
    header = text[0].split(";")
    lea = text[1].split(";")
    return header, lea


def write(folder):
    header, lea = rows()
    model = open("examples/lot/pacte.mission", encoding="utf-8").read()
    lines = [";".join(header)]
    for case in CASES:
        name, column, cell = case[:3]
        row = list(lea)
        row[header.index(column)] = cell
        lines.append(";".join('"%s"' % c if "\n" in c or ";" in c else c for c in row))
        if name.startswith(EDGES):
            continue
        letter = model
        for k, v in zip(header, row):
            letter = letter.replace("«%s»" % k, v)
        open(os.path.join(folder, name + ".mission"), "w", encoding="utf-8", newline="").write(letter)
    open(os.path.join(folder, "caracteres.csv"), "w", encoding="utf-8", newline="").write("\n".join(lines) + "\n")


def fr(text):
    """The message as missionc writes it: no-break spaces before « : » and
    inside « », narrow ones before « ; ! ? » (tests/check-typo.py)."""
    for a, b in ((" :", "\u00a0:"), (" ;", "\u202f;"), (" !", "\u202f!"),
                 (" ?", "\u202f?"), ("« ", "«\u00a0"), (" »", "\u00a0»")):
        text = text.replace(a, b)
    return text


def check(folder, missionc):
    bad = []
    report = {}
    for f in FORMATS:
        with open(os.path.join(folder, f, "rapport.csv"), encoding="utf-8-sig", newline="") as fh:
            report[f] = {int(r["ligne"]): r for r in csv.DictReader(fh, delimiter=";")}
        code = open(os.path.join(folder, f + ".err"), encoding="utf-8").read().strip().split("\n")[-1]
        if code != "code de sortie : 1":
            bad.append("-f %s : %s, attendu 1 (des lignes écartées)" % (f, code))
    for i, case in enumerate(CASES):
        name, column, cell, said = case[:4]
        line = i + 2
        got = {f: report[f].get(line) for f in FORMATS}
        if any(g is None for g in got.values()):
            bad.append("%s (ligne %d) : absente d’un rapport" % (name, line))
            continue
        statuses = {f: got[f]["statut"] for f in FORMATS}
        problems = {f: got[f]["problemes"] for f in FORMATS}
        if len(set(statuses.values())) != 1 or len(set(problems.values())) != 1:
            bad.append("%s (ligne %d) : pas la même chose selon le format : %s" % (name, line, statuses))
            continue
        problem = problems["pdf"]
        if said is not None:
            if statuses["pdf"] != "ecartee":
                bad.append("%s (ligne %d) : %s, attendue écartée" % (name, line, statuses["pdf"]))
            elif fr(said) not in problem or "ligne %d" % line not in problem or fr("« %s »" % column) not in problem:
                bad.append("%s (ligne %d) : « %s » attendu (ligne, colonne « %s »), lu « %s »" % (name, line, said, column, problem))
            elif len(re.findall(r"\[[a-z_.]+\]", problem)) != 1:
                bad.append("%s (ligne %d) : un seul diagnostic attendu, lu « %s »" % (name, line, problem))
        else:
            shown = case[4]
            if statuses["pdf"] != "produite":
                bad.append("%s (ligne %d) : %s « %s », attendue produite" % (name, line, statuses["pdf"], problem))
                continue
            stem = os.path.splitext(got["pdf"]["fichier"])[0]
            md = open(os.path.join(folder, "md", stem + ".md"), encoding="utf-8").read()
            html = open(os.path.join(folder, "html", stem + ".html"), encoding="utf-8").read()
            pdf = subprocess.run(["pdftotext", os.path.join(folder, "pdf", stem + ".pdf"), "-"],
                                 capture_output=True, text=True).stdout
            title = subprocess.run(["pdfinfo", os.path.join(folder, "pdf", stem + ".pdf")],
                                   capture_output=True, text=True).stdout
            # pdftotext gives a no-break space back as a space, and the
            # letter in NFC.
            import unicodedata
            plain = unicodedata.normalize("NFC", shown.replace("\u00a0", " ").replace("\u202f", " "))
            if shown not in unicodedata.normalize("NFC", md) and shown not in md:
                bad.append("%s : « %s » absent du Markdown" % (name, shown))
            if shown not in unicodedata.normalize("NFC", html) and shown not in html:
                bad.append("%s : « %s » absent du HTML" % (name, shown))
            if plain not in pdf.replace("\u00a0", " "):
                bad.append("%s : « %s » absent du PDF" % (name, plain))
            # The report and the file's name say the person as the letter
            # does: « Joﬀre » is Joffre there too.
            for where, text in (("Markdown", md), ("HTML", html), ("PDF", pdf), ("titre du PDF", title),
                                ("rapport (personne)", got["pdf"]["personne"]),
                                ("nom du fichier", got["pdf"]["fichier"])):
                hidden = [c for c in text if c in "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06\u00ad\u200b\u200c\u200d\u2060\ufeff\u2028\u2029\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]
                if hidden:
                    bad.append("%s : %s garde %s" % (name, where, " ".join("U+%04X" % ord(c) for c in hidden)))
        if name.startswith(EDGES):
            continue
        v = subprocess.run([missionc, "--stdlib", "stdlib", "verifier", os.path.join(folder, name + ".mission")],
                           capture_output=True, text=True)
        if (v.returncode != 0) != (said is not None):
            bad.append("%s : verifier %s la lettre, le lot %s la ligne" % (
                name, "refuse" if v.returncode else "accepte", "écarte" if said else "produit"))
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1] == "ecrire":
        write(sys.argv[2])
    else:
        sys.exit(check(sys.argv[2], sys.argv[3]))

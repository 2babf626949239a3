#!/usr/bin/env python3
"""gen-rh.py — writes a realistic HR export for examples/lot/pacte.mission,
the same for the same seed: French names with accents, apostrophes and
hyphens, collèges with valid UAIs (their key letter computed), corps,
disciplines, Pacte missions and their quanta, and a known share of bad rows
(wrong UAI key, unknown corps, unknown mission, hours without unit, broken
quoting, and invalid UTF-8 when the file is in UTF-8).

Usage: tests/gen-rh.py LIGNES [--graine N] [--separateur ';'|','] \
           [--encodage utf-8|windows-1252] [--mauvaises POUR_CENT] > export.csv
The bad rows' line numbers are printed on stderr with --liste-mauvaises."""
import argparse
import random
import sys

PRENOMS = ["Léa", "Chloé", "Inès", "Zoé", "Maëlle", "Noémie", "Hélène", "Agnès",
           "Jean-Noël", "François", "Jérôme", "Loïc", "Gaël", "Benoît", "Anaïs",
           "Marie-Thérèse", "Éloïse", "Océane", "Raphaël", "Côme", "Joël", "Aurélien"]
NOMS = ["Moreau", "Lefèvre", "D'Artagnan", "Dupont-Aignan", "Béranger", "Lemaître",
        "Nguyễn" if False else "Nguyen", "Le Goff", "Östberg", "Châtelain", "Périer",
        "O'Neill", "Saint-Exupéry", "Faure", "Benali", "Kaci", "Garnier", "Roux",
        "Da Silva", "Ménard", "Lacôte", "Baïlon"]
CORPS = ["certifie", "agrege", "eps"]
DISCIPLINES = ["Mathématiques", "Lettres modernes", "Histoire-géographie",
               "Sciences de la vie et de la Terre", "Anglais", "Éducation physique et sportive",
               "Physique-chimie", "Technologie", "Éducation musicale"]
COMMUNES = ["Marseille", "Aix-en-Provence", "Aubagne", "Salon-de-Provence", "Arles",
            "L'Isle-sur-la-Sorgue", "Gap", "Digne-les-Bains", "Avignon", "Istres"]
MISSIONS = [("devoirs_faits", "24 h"), ("devoirs_faits", "12 h"),
            ("stage_reussite_ecole_ouverte", "24 h"), ("stage_reussite_ecole_ouverte", "12 h")]
OBSERVATIONS = ["Le lundi et le jeudi de 16 h 30 à 17 h 30, en salle B12.",
                "Deux soirs par semaine ; priorité aux élèves de sixième.",
                "Stage « réussite » pendant les vacances de printemps.",
                "En lien avec le professeur principal, \"Devoirs faits\" en 6e.",
                "Salle #3 } et bibliothèque\nle mardi."]
KEYS = "ABCDEFGHJKLMNPRSTUVWXYZ"
HEADER = ["civilite", "prenom", "nom", "corps", "discipline", "etablissement", "uai",
          "commune", "chef", "mission", "heures", "observation", "date"]


def uai(rng):
    number = rng.randrange(130000, 139999) * 10 + rng.randrange(10)
    return "%07d%s" % (number, KEYS[number % 23])


def quote(value, sep):
    if any(c in value for c in (sep, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lignes", type=int)
    ap.add_argument("--graine", type=int, default=1)
    ap.add_argument("--separateur", default=";")
    ap.add_argument("--encodage", default="utf-8")
    ap.add_argument("--mauvaises", type=float, default=5.0)
    ap.add_argument("--liste-mauvaises", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.graine)
    schools = []
    for i in range(max(1, a.lignes // 40)):
        commune = rng.choice(COMMUNES)
        schools.append(("Collège %s %s" % (rng.choice(["Jean", "Marie", "Louis", "Simone"]),
                                           rng.choice(["Moulin", "Curie", "Pasteur", "Veil", "d'Arc"])),
                        uai(rng), commune,
                        "%s %s %s" % (rng.choice(["Mme", "M."]), rng.choice(PRENOMS), rng.choice(NOMS))))
    out = sys.stdout.buffer
    enc = "cp1252" if a.encodage.lower() in ("windows-1252", "cp1252", "latin-1") else "utf-8"
    sep = a.separateur
    out.write((sep.join(HEADER) + "\r\n").encode(enc))
    line = 2
    bad = []
    for i in range(a.lignes):
        school = rng.choice(schools)
        mission, heures = rng.choice(MISSIONS)
        row = [rng.choice(["Mme", "M."]), rng.choice(PRENOMS), rng.choice(NOMS),
               rng.choice(CORPS), rng.choice(DISCIPLINES), school[0], school[1], school[2],
               school[3], mission, heures, rng.choice(OBSERVATIONS),
               "2025-09-%02d" % rng.randrange(1, 16) if rng.random() < 0.5 else
               "%02d/09/2025" % rng.randrange(1, 16)]
        kind = None
        if rng.random() * 100 < a.mauvaises:
            kind = rng.choice(["uai", "corps", "mission", "heures", "guillemets", "utf8"])
            if kind == "uai":
                row[6] = row[6][:7] + KEYS[(KEYS.index(row[6][7]) + 1) % 23]
            elif kind == "corps":
                row[3] = "professeur_certifie"
            elif kind == "mission":
                row[9] = "devoir_fait"
            elif kind == "heures":
                row[10] = "vingt-quatre"
        text = sep.join(quote(v, sep) for v in row)
        data = text.encode(enc, errors="replace")
        if kind == "guillemets":
            data = data.replace(school[0].encode(enc), b'"' + school[0].encode(enc) + b'"x', 1)
        if kind == "utf8":
            if enc == "utf-8":
                data = data.replace(row[2].encode(enc), row[2].encode(enc) + b"\xff", 1)
            else:
                kind = None
        out.write(data + b"\r\n")
        if kind:
            bad.append((line, kind))
        line += 1 + text.count("\n")
    if a.liste_mauvaises:
        for l, k in bad:
            print(l, k, file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""gen-rh.py — writes a realistic HR export for examples/lot/pacte.mission
(collèges), or with --voie-pro for examples/lot/pacte_lp.mission (lycées
professionnels), the same for the same seed: French names with accents,
apostrophes and hyphens, schools with valid UAIs (their key letter computed),
corps, disciplines, Pacte missions and their quanta (whole or half parts),
and a known share of bad rows: wrong UAI key, unknown corps, unknown mission,
hours without unit, too many Pacte parts (voie professionnelle: more than
six), broken quoting, and invalid UTF-8 when the file is in UTF-8.

Usage: tests/gen-rh.py LIGNES [--voie-pro] [--graine N] [--separateur ';'|','] \
           [--encodage utf-8|windows-1252] [--mauvaises POUR_CENT] > export.csv
With --liste-mauvaises, stderr gets one line per row the batch must reject:
its line number and the diagnostic code expected there (a badly quoted row
also loses the lines its open quote swallowed)."""
import argparse
import random
import sys

PRENOMS = {"Mme": ["Léa", "Chloé", "Inès", "Zoé", "Maëlle", "Noémie", "Hélène", "Agnès",
                   "Anaïs", "Marie-Thérèse", "Éloïse", "Océane", "Gaëlle", "Bérénice"],
           "M.": ["Jean-Noël", "François", "Jérôme", "Loïc", "Gaël", "Benoît", "Raphaël",
                  "Côme", "Joël", "Aurélien", "Noé", "Théo", "Anthony", "Mickaël"]}
NOMS = ["Moreau", "Lefèvre", "D'Artagnan", "Dupont-Aignan", "Béranger", "Lemaître",
        "Nguyễn" if False else "Nguyen", "Le Goff", "Östberg", "Châtelain", "Périer",
        "O'Neill", "Saint-Exupéry", "Faure", "Benali", "Kaci", "Garnier", "Roux",
        "Da Silva", "Ménard", "Lacôte", "Baïlon"]
CORPS = ["certifie", "agrege", "eps"]
DISCIPLINES_LP = ["Maintenance des systèmes de production", "Lettres-histoire-géographie",
                  "Mathématiques-physique-chimie", "Gestion-administration",
                  "Métiers de l'électricité", "Hôtellerie-restauration", "Génie industriel bois"]
# The hour-based missions of the voie professionnelle letter, in the model's
# order, with the quantum of a whole part; tutorat and décrochage are two
# more parts, flat-rate: a letter is good with at least two half parts.
MISSIONS_LP = [("remplacement", 18), ("groupes", 24), ("options", 24), ("sts", 24),
               ("certificats", 24)]
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
HEADER_LP = ["civilite", "prenom", "nom", "corps", "discipline", "etablissement", "uai",
             "commune", "chef"] + [m for m, _ in MISSIONS_LP] + ["date"]
CODES = {"uai": "uai_cle", "corps": "corps_inconnu", "mission": "mission_inconnue",
         "heures": "valeur_de_colonne", "parts": "pacte.plafond_voie_professionnelle",
         "guillemets": "csv_guillemets", "utf8": "csv_encodage"}


def uai(rng):
    number = rng.randrange(130000, 139999) * 10 + rng.randrange(10)
    return "%07d%s" % (number, KEYS[number % 23])


def quote(value, sep):
    if any(c in value for c in (sep, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def person(rng):
    civilite = rng.choice(["Mme", "M."])
    return civilite, rng.choice(PRENOMS[civilite]), rng.choice(NOMS)


def date(rng):
    if rng.random() < 0.5:
        return "2025-09-%02d" % rng.randrange(1, 16)
    return "%02d/09/2025" % rng.randrange(1, 16)


def college_row(rng, school, kind):
    """A row for examples/lot/pacte.mission; the columns at fault for kind."""
    mission, heures = rng.choice(MISSIONS)
    row = list(person(rng)) + [rng.choice(CORPS), rng.choice(DISCIPLINES)] + list(school) + \
        [mission, heures, rng.choice(OBSERVATIONS), date(rng)]
    if kind == "corps":
        row[3] = "professeur_certifie"
    elif kind == "mission":
        row[9] = "devoir_fait"
    elif kind == "heures":
        row[10] = "vingt-quatre"
    return row


def lp_row(rng, school, kind):
    """A row for examples/lot/pacte_lp.mission: at most six parts, or seven
    or six and a half for the bad kind « parts »."""
    halves = rng.randrange(0, 2) if kind == "parts" else rng.randrange(2, len(MISSIONS_LP) + 1)
    half = set(rng.sample(range(len(MISSIONS_LP)), halves))
    hours = ["%d h" % (q // 2 if i in half else q) for i, (_, q) in enumerate(MISSIONS_LP)]
    row = list(person(rng)) + ["plp", rng.choice(DISCIPLINES_LP)] + list(school) + hours + [date(rng)]
    if kind == "corps":
        row[3] = "professeur_lycee_pro"
    elif kind == "heures":
        row[9 + rng.randrange(len(MISSIONS_LP))] = "dix-huit"
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lignes", type=int)
    ap.add_argument("--voie-pro", action="store_true")
    ap.add_argument("--graine", type=int, default=1)
    ap.add_argument("--separateur", default=";")
    ap.add_argument("--encodage", default="utf-8")
    ap.add_argument("--mauvaises", type=float, default=5.0)
    ap.add_argument("--liste-mauvaises", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.graine)
    kinds = ["uai", "corps", "heures", "guillemets", "utf8"] + (["parts"] if a.voie_pro else ["mission"])
    schools = []
    for i in range(max(1, a.lignes // 40)):
        commune = rng.choice(COMMUNES)
        kind = "Lycée professionnel" if a.voie_pro else "Collège"
        chef = person(rng)
        schools.append(("%s %s %s" % (kind, rng.choice(["Jean", "Marie", "Louis", "Simone"]),
                                      rng.choice(["Moulin", "Curie", "Pasteur", "Veil", "d'Arc"])),
                        uai(rng), commune, " ".join(chef)))
    out = sys.stdout.buffer
    enc = "cp1252" if a.encodage.lower() in ("windows-1252", "cp1252", "latin-1") else "utf-8"
    sep = a.separateur
    out.write((sep.join(HEADER_LP if a.voie_pro else HEADER) + "\r\n").encode(enc))
    line = 2
    bad = []
    for i in range(a.lignes):
        school = rng.choice(schools)
        kind = rng.choice(kinds) if rng.random() * 100 < a.mauvaises else None
        if kind == "utf8" and enc != "utf-8":
            kind = None
        row = (lp_row if a.voie_pro else college_row)(rng, school, kind)
        if kind == "uai":
            row[6] = row[6][:7] + KEYS[(KEYS.index(row[6][7]) + 1) % 23]
        text = sep.join(quote(v, sep) for v in row)
        data = text.encode(enc, errors="replace")
        if kind == "guillemets":
            data = data.replace(school[0].encode(enc), b'"' + school[0].encode(enc) + b'"x', 1)
        if kind == "utf8":
            data = data.replace(row[2].encode(enc), row[2].encode(enc) + b"\xff", 1)
        out.write(data + b"\r\n")
        if kind:
            # The reader starts again on the next line: the lines a broken
            # quote swallowed are bad rows of their own.
            for k in range(1 + (text.count("\n") if kind == "guillemets" else 0)):
                bad.append((line + k, CODES[kind]))
        line += 1 + text.count("\n")
    if a.liste_mauvaises:
        for l, k in bad:
            print(l, k, file=sys.stderr)


if __name__ == "__main__":
    main()

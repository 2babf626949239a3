#!/usr/bin/env python3
"""textes_officiels.py — every text a référentiel quotes (missions, activities,
actions, bilans, parts) must appear word for word in its source document (the
seeds of ../shared/seeds), once the PDF extraction damage (line breaks, bullets,
HTML tags) is flattened, the alternatives of agreement read in the masculine, a
« {corps:ID} » as that corps' label, and
the corrections of stdlib/corrections.tsv undone. Usage: tests/textes_officiels.py [DOSSIER_DES_GRAINES]"""
import glob
import re
import sys

SEEDS = {"ddfpt": "000", "atddf": "000", "pacte": "001", "mlds": "002",
         "tne": "003", "numerique": "004"}
# Titles written for the library, not quoted from a seed.
OWN = {"Animation d'un pôle de stages"}
# The alternatives of agreement (« {il|elle} », « placé{|e} », « {ddfpt:il|elle} »,
# docs/referentiels.md): the masculine reading is the seed's.
# The alternatives of agreement (« {il|elle} », « placé{|e} », « {ddfpt:il|elle} »,
# docs/referentiels.md): the seed has one of the readings of each, the
# masculine mostly, the feminine where the source names a woman (« la
# responsable académique »).
ALTERNATIVE = re.compile(r"\{(?:[a-z_]+:)?([^{}|]*)\|([^{}|]*)(?:\|[^{}|]*)?\}")
PLACEHOLDER = re.compile(r"\{[^{}|]*\}")


def source_corps(src):
    """« {corps:professeur_ecoles} » read as the source writes it: the
    masculine label of that corps (stdlib/commun.mission)."""
    labels = dict(re.findall(r'^corps (\w+) "([^"]+)"',
                             open("stdlib/commun.mission", encoding="utf-8").read(), re.M))
    return re.sub(r"\{corps:(\w+)\}", lambda m: labels.get(m.group(1), m.group(0)), src)


def pattern(text):
    """A regular expression of the text's readings, blanks flattened."""
    out, last = [], 0
    for m in ALTERNATIVE.finditer(text):
        out.append(re.escape(flat(text[last:m.start()])))
        out.append("(?:%s|%s)" % (re.escape(flat(m.group(1))), re.escape(flat(m.group(2)))))
        last = m.end()
    out.append(re.escape(flat(text[last:])))
    return re.compile("".join(out))


def quoted(src):
    """The texts of a référentiel that quote its source."""
    # « texte » and « complement » on one line too (a block is read below).
    texts = re.findall(r'^\s*(?:activite \w+|mission \w+|groupe \w+|action|bilan|part|texte|complement)'
                       r'\s+"(?!"")((?:[^"\\]|\\.)*)"', src, re.M)
    # « identification "Label" "valeur" »: the value is the fiche's.
    texts += re.findall(r'^\s*identification\s+"[^"]*"\s+"((?:[^"\\]|\\.)*)"', src, re.M)
    # Text blocks (préambule, texte, complément): each line on its own, list
    # dashes removed; lines with a {blank} of the model ({titulaire}) are the
    # library's.
    # « cadre » is the library's wording, not a quotation (docs/referentiels.md);
    # a rule's « faux » and « juste » are lines of a letter, the library's too.
    for key, block in re.findall(r'^\s*(\w+)[^\n"]*"""(.*?)"""', src, re.S | re.M):
        if key in ("cadre", "faux", "juste"):
            continue
        for line in block.split("\n"):
            line = line.strip()
            if line.startswith("- "):
                line = line[2:]
            # « ## Rubrique »: the model's rubric, named by the library.
            if line and not PLACEHOLDER.search(line) and not line.startswith("## "):
                texts.append(line)
    return texts


def corrections():
    """stdlib/corrections.tsv: {graine: [(texte de la source, texte corrigé)]}."""
    table = {}
    for line in open("stdlib/corrections.tsv", encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            seed, source, fixed, _why = line.rstrip("\n").split("\t")
            table.setdefault(seed, []).append((source, fixed))
    return table


def as_in_source(text, fixes):
    """The text with the library's corrections undone (the source's wording)."""
    for source, fixed in fixes:
        text = text.replace(fixed, source)
    return text


def flat(text):
    text = re.sub(r"<[^>]+>", " ", text)
    for c in ("\u00a0", "•", "\uf0b7", "\uf0a7"):
        text = text.replace(c, " ")
    return re.sub(r"\s+", " ", text)


def main():
    seeds_dir = sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds"
    failures = 0
    table = corrections()
    used = set()
    for ref, number in sorted(SEEDS.items()):
        found = glob.glob(f"{seeds_dir}/{number}_*.txt")
        if not found:
            print(f"textes officiels : graines absentes de {seeds_dir}, vérification sautée")
            return 0
        # A word cut at the end of a PDF line (« celui-\nci ») is joined again.
        seed = flat(re.sub(r"-[ \t]*\n\s*", "-",
                           open(found[0], encoding="utf-8").read()))
        texts = quoted(source_corps(open(f"stdlib/{ref}.mission", encoding="utf-8").read()))
        # Each correction corrects a wording the source really has.
        for source, fixed in table.get(number, []):
            if flat(source) not in seed:
                failures += 1
                print(f"stdlib/corrections.tsv : « {source} » absent de la graine {number}")
        for t in texts:
            t = t.replace('\\"', '"')
            if t in OWN:
                continue
            fixes = table.get(number, [])
            if pattern(t).search(seed):
                continue
            if pattern(as_in_source(t, fixes)).search(seed):
                used.update(s for s, f in fixes if f in t)
            else:
                failures += 1
                print(f"stdlib/{ref}.mission : texte absent de la graine {number} : {t[:90]}")
        print(f"textes officiels : {ref}, {len(texts)} textes vérifiés")
    for number, fixes in sorted(table.items()):
        for source, fixed in fixes:
            if source not in used:
                failures += 1
                print(f"stdlib/corrections.tsv : « {source} » ne corrige aucun texte de la bibliothèque")
    print(f"textes officiels : {sum(len(f) for f in table.values())} corrections de la source "
          "(stdlib/corrections.tsv)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

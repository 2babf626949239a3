#!/usr/bin/env python3
"""check-typo.py — French typography in what missionc says to its users:
a no-break space (U+00A0) before « : » and inside « », a narrow no-break
space (U+202F) before « ; ! ? », never an ordinary space there.

Checked: every string literal of compiler/ and cli/ (diagnostics catalogue,
messages built in C, help, batch reports, language server), the messages and
hints (« message », « conseil ») of the référentiels in stdlib/, and, with
MISSIONC set, what `missionc --help` and each command's --help print.

Not checked, on purpose: the letters' own text (lower.c; typo.c spaces it
when a letter is made), the .mission source missionc writes
(the formatter, the skeletons of `missionc nouveau`: an author edits them in a
plain-text editor, where the lexer wants ordinary spaces), the official texts
quoted by the référentiels (« source »), their examples (« faux », « juste »)
and the examples of `missionc expliquer`, which are .mission source. Inside
« », spaces other than the two next to the marks are left alone: the marks
surround a word of the source (« partie agent : ddfpt »), or whatever %s
brings from the author's file.

Usage: tests/check-typo.py            exit 1 and list each fault
       tests/check-typo.py --corriger rewrite the files with the right spaces
"""
import glob
import os
import re
import subprocess
import sys

NBSP, NNBSP = "\u00a0", "\u202f"

# Files whose literals are a letter's text or .mission source, not messages.
NOT_MESSAGES = {
    "compiler/lower.c": "le texte de la lettre (typo.c l’espace)",
    "compiler/format.c": "du source .mission (formater)",
}
# Literals of the files checked that are a letter's text, .mission source or
# what missionc looks for in the référentiels' text: (file, pattern).
NOT_MESSAGE_LITERALS = [
    # A default label, printed in the letter (typo.c spaces it).
    ("compiler/template.def", re.compile(r"^Observations et détails de l’activité demandée :$")),
    # The skeleton of a letter: .mission source with its comments.
    ("cli/cmd_new.c", re.compile(r"^(# |lettre selon |partie |  activite |  specifique |mission )")),
    ("cli/cmd_new.c", re.compile(r"^ demi-part : ")),
    # The parts of a référentiel's « source », which quotes official texts.
    ("compiler/origin.c", re.compile(r"^ ; $")),
]


def c_literals(text):
    """(start, end) of the content of each C string literal, comments and
    character constants skipped."""
    i, n = 0, len(text)
    while i < n:
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text[i] in "'\"":
            q, j = text[i], i + 1
            while j < n and text[j] != q and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            if q == '"':
                yield i + 1, j
            i = j + 1
        else:
            i += 1


def explain_examples(text):
    """(start, end) of the wrong and right examples of each EXPLAIN of
    diagnostics.def: .mission source, left as an author types it."""
    spans = []
    code = re.sub(r"/\*.*?\*/", lambda c: " " * len(c.group()), text, flags=re.S)
    for m in re.finditer(r"\bEXPLAIN\(", code):
        lits = []
        for s, e in c_literals(text[m.end():]):
            lits.append((m.end() + s, m.end() + e))
            if len(lits) == 3:
                break
        spans.extend(lits[1:])
    return spans


def fix(s):
    """The text with our spaces made right; (fixed, faults)."""
    out, faults, depth = [], [], 0
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "«":
            depth += 1
            out.append(c)
            if s.startswith(" ", i + 1):
                out.append(NBSP)
                faults.append("espace ordinaire après « «")
                i += 1
        elif c == " " and s.startswith("»", i + 1):
            out.append(NBSP)
            faults.append("espace ordinaire avant « »")
        elif c == "»":
            depth = max(depth - 1, 0)
            out.append(c)
        elif (c == " " and depth == 0 and i + 1 < n and s[i + 1] in ":;!?" and
              (i == 0 or s[i - 1] not in " \t") and
              (i + 2 == n or s[i + 2] in " \\)»,.*\u00a0")):
            # « 2025-2026 .. 2027-2028 », « a ?b » are not punctuation.
            out.append(NBSP if s[i + 1] == ":" else NNBSP)
            faults.append(f"espace ordinaire avant « {s[i + 1]} »")
        else:
            out.append(c)
        i += 1
    return "".join(out), faults


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


def check_c(root, fixing):
    faults = 0
    files = []
    for d in ("compiler", "cli"):
        for pat in ("*.c", "*.h", "*.def"):
            files += glob.glob(os.path.join(root, d, pat))
    for f in sorted(files):
        rel = os.path.relpath(f, root)
        if rel in NOT_MESSAGES:
            continue
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
        skip = set(explain_examples(text)) if rel.endswith("diagnostics.def") else set()
        edits = []
        for s, e in c_literals(text):
            lit = text[s:e]
            if (s, e) in skip or any(f == rel and p.search(lit) for f, p in NOT_MESSAGE_LITERALS):
                continue
            fixed, why = fix(lit)
            if why:
                faults += len(why)
                edits.append((s, e, fixed))
                if not fixing:
                    print(f"{rel}:{line_of(text, s)}: {', '.join(why)} : \"{lit}\"")
        if fixing and edits:
            for s, e, fixed in reversed(edits):
                text = text[:s] + fixed + text[e:]
            with open(f, "w", encoding="utf-8") as fh:
                fh.write(text)
    return faults


MISSION_MESSAGE = re.compile(r'^(\s*(?:message|conseil)\s+")((?:[^"\\\n]|\\.)*)(")', re.M)


def check_stdlib(root, fixing):
    faults = 0
    for f in sorted(glob.glob(os.path.join(root, "stdlib", "*.mission"))):
        rel = os.path.relpath(f, root)
        with open(f, encoding="utf-8") as fh:
            text = fh.read()

        def repl(m):
            nonlocal faults
            fixed, why = fix(m.group(2))
            if why:
                faults += len(why)
                if not fixing:
                    print(f"{rel}:{line_of(text, m.start(2))}: {', '.join(why)} : \"{m.group(2)}\"")
            return m.group(1) + fixed + m.group(3)

        new = MISSION_MESSAGE.sub(repl, text)
        if fixing and new != text:
            with open(f, "w", encoding="utf-8") as fh:
                fh.write(new)
    return faults


COMMANDS = ["verifier", "lister", "nouveau", "produire", "lot", "formater",
            "expliquer", "regles", "modele", "lsp"]


def check_help(missionc):
    """What --help prints, as a user sees it (built at run time too)."""
    faults = 0
    for args in [["--help"]] + [[c, "--help"] for c in COMMANDS]:
        r = subprocess.run([missionc] + args, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL, timeout=60)
        for k, line in enumerate((r.stdout + r.stderr).splitlines(), 1):
            _, why = fix(line)
            if why:
                faults += len(why)
                print(f"missionc {' '.join(args)}, ligne {k}: {', '.join(why)} : {line}")
    return faults


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    fixing = "--corriger" in argv
    faults = check_c(root, fixing) + check_stdlib(root, fixing)
    if fixing:
        print(f"typographie : {faults} espace(s) corrigée(s) ; relisez « git diff »")
        return 0
    missionc = os.environ.get("MISSIONC")
    if missionc:
        faults += check_help(missionc)
    if faults:
        print(f"typographie : {faults} espace(s) ordinaire(s) là où le français veut une "
              "insécable ; « python3 tests/check-typo.py --corriger » les remplace")
        return 1
    print("typographie des messages : espaces insécables à leur place.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

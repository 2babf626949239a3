#!/usr/bin/env python3
"""bad-rows.py — compares the rows a batch rejected (rapport.csv) with the
bad rows gen-rh.py wrote (--liste-mauvaises): the same lines, each with the
diagnostic code expected. Exit 0 when they match; the differences otherwise.

Usage: tests/bad-rows.py LISTE RAPPORT.csv"""
import csv
import re
import sys


def main():
    expected = set(tuple(line.split()) for line in open(sys.argv[1], encoding="utf-8"))
    got = set()
    with open(sys.argv[2], encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            if row["statut"] != "produite":
                codes = re.findall(r"\[([a-z_.]+)\]", row["problemes"])
                got.add((row["ligne"], codes[0] if codes else row["statut"]))
    for line, code in sorted(expected - got, key=lambda x: int(x[0])):
        print("ligne %s : attendue écartée (%s), ne l’est pas ainsi" % (line, code))
    for line, code in sorted(got - expected, key=lambda x: int(x[0])):
        print("ligne %s : écartée (%s) sans être fautive" % (line, code))
    return 0 if expected == got else 1


if __name__ == "__main__":
    sys.exit(main())

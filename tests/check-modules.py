#!/usr/bin/env python3
"""check-modules.py — no import cycles between modules, and the library core
(compiler/) never includes the command line's headers (cli/).

A module is a file name without its extension: x.c and x.h are one module.
An edge goes from a module to every module whose header it includes. Any
strongly connected component of more than one module is a cycle: each is
printed with the includes that close it, and the exit code is 1."""
import glob
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)\.h"', re.M)


def main(root):
    edges, where, layer = {}, {}, {}
    for d in ("compiler", "cli"):
        for f in sorted(glob.glob(os.path.join(root, d, "*.[ch]"))):
            m = os.path.splitext(os.path.basename(f))[0]
            layer[m] = d
            with open(f, encoding="utf-8") as fh:
                for inc in INCLUDE.findall(fh.read()):
                    if inc != m:
                        edges.setdefault(m, set()).add(inc)
                        where.setdefault((m, inc), os.path.relpath(f, root))
    bad = 0
    for (m, inc), f in sorted(where.items()):
        if layer.get(m) == "compiler" and layer.get(inc) == "cli":
            print(f"{f} : le cœur inclut {inc}.h, un en-tête de la ligne de commande")
            bad = 1
    index, low, stack, on, comps = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    for comp in comps:
        inside = set(comp)
        links = [f"{where[(a, b)]} → {b}.h" for a in comp
                 for b in sorted(edges.get(a, ())) if b in inside]
        print("modules en cycle : " + ", ".join(comp))
        for link in links:
            print("  " + link)
        bad = 1
    if not bad:
        print(f"modules : {len(layer)} modules, aucun cycle")
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))

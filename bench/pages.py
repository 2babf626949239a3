#!/usr/bin/env python3
"""pages.py — `make bench`: what bench_floor replays. Reads letters written
by missionc (libharu's PDFs) and writes, for each, its pages as a list of
drawing operations: the text in the font it is in, at its place, and the
rules and shades, so that the floor draws the same pages with libharu alone.

    pages.py POLICES LETTRE.pdf… > pages.txt

Lines: `FONT i FILE` (a font file, i from 0), `L` (a letter), `P w h` (a page),
then one operation a line: `BT`, `ET`, `Tf i size`, `Td x y`, `Tj HEX`,
`rg r g b`, `RG r g b`, `w x`, `Tw x`, `m x y`, `l x y`, `re x y w h`, `S`, `f`, `q`,
`Q`, or `raw TEXT` (anything else, copied into the page as it is)."""
import os
import re
import sys
import zlib

OBJ = re.compile(rb'(\d+) 0 obj\n')


def objects(data):
    """Object number -> (dictionary bytes, stream bytes or None)."""
    found = {}
    pos = 0
    while True:
        m = OBJ.search(data, pos)
        if not m:
            return found
        num = int(m.group(1))
        start = m.end()
        s = data.find(b'stream\r\n', start)
        e = data.find(b'\nendobj', start)
        if s != -1 and s < e:
            head = data[start:s]
            ln = re.search(rb'/Length (\d+) 0 R', head)
            length = int(re.search(rb'\n%s 0 obj\n(\d+)' % ln.group(1), data).group(1))
            body = data[s + 8:s + 8 + length]
            if b'/FlateDecode' in head:
                body = zlib.decompress(body)
            found[num] = (head, body)
            pos = s + 8 + length
        else:
            found[num] = (data[start:e], None)
            pos = e + 7


TOKEN = re.compile(rb'\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[|\]|<<|>>|/[^\s/\[\]()<>]+|[^\s/\[\]()<>]+)', re.S)


def unescape(s):
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c == 0x5C:
            i += 1
            n = s[i]
            if 0x30 <= n <= 0x37:
                j = i
                while j < i + 3 and j < len(s) and 0x30 <= s[j] <= 0x37:
                    j += 1
                out.append(int(s[i:j], 8) & 0xFF)
                i = j
                continue
            out.append({0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12}.get(n, n))
        else:
            out.append(c)
        i += 1
    return bytes(out)


SIMPLE = {b'BT': 0, b'ET': 0, b'Td': 2, b'rg': 3, b'RG': 3, b'w': 1, b'm': 2,
          b'l': 2, b're': 4, b'S': 0, b'f': 0, b'q': 0, b'Q': 0, b'Tw': 1}


def page_ops(content, fonts, out):
    operands = []
    start = 0
    for m in TOKEN.finditer(content):
        tok = m.group(1)
        if tok[:1] in b'(<[]/' or tok == b'>>' or re.fullmatch(rb'[-+.\d]+', tok) or tok in (b'true', b'false'):
            operands.append(tok)
            continue
        if tok == b'Tf' and len(operands) == 2:
            out.append('Tf %d %s' % (fonts[operands[0][1:]], operands[1].decode()))
        elif tok == b'Tj' and len(operands) == 1 and operands[0][:1] == b'(':
            out.append('Tj ' + unescape(operands[0][1:-1]).hex())
        elif tok == b'Tj' and len(operands) == 1 and operands[0][:1] == b'<':
            out.append('Tj ' + re.sub(rb'\s', b'', operands[0][1:-1]).decode().lower())
        elif tok in SIMPLE and len(operands) == SIMPLE[tok]:
            out.append(' '.join([tok.decode()] + [o.decode() for o in operands]))
        else:
            raw = content[start:m.end()].strip().decode('latin-1')
            out.append('raw ' + raw.replace('\n', ' '))
        operands = []
        start = m.end()


def font_file(polices, base):
    """HPDFAA+LiberationSans-Bold,Bold -> POLICES/LiberationSans-Bold.ttf"""
    name = base.split('+', 1)[-1].split(',')[0]
    if name == 'LiberationSans':
        name = 'LiberationSans-Regular'
    return os.path.join(polices, name + '.ttf')


def main():
    polices = sys.argv[1]
    files = []
    letters = []
    for path in sys.argv[2:]:
        data = open(path, 'rb').read()
        objs = objects(data)
        lines = ['L']
        bases = set(re.findall(rb'/BaseFont /(\S+)', data))
        if not all(os.path.exists(font_file(polices, b.decode())) for b in bases):
            # A font of other letters (extended Latin): its encoding is not
            # the floor's; the letter is left out.
            print('pages.py : %s laissée de côté (police hors Windows-1252)' % path, file=sys.stderr)
            continue
        pages = [n for n, (h, _) in sorted(objs.items()) if re.search(rb'/Type /Page\b', h)]
        for n in pages:
            head = objs[n][0]
            box = [float(x) for x in re.search(rb'/MediaBox \[\s*([-\d.\s]+)\]', head).group(1).split()]
            fonts = {}
            res = re.search(rb'/Font\s*<<(.*?)>>', head, re.S)
            if res is None:
                rm = re.search(rb'/Resources (\d+) 0 R', head)
                res = re.search(rb'/Font\s*<<(.*?)>>', objs[int(rm.group(1))][0], re.S)
            for key, num in re.findall(rb'/(\S+) (\d+) 0 R', res.group(1)):
                base = re.search(rb'/BaseFont /(\S+)', objs[int(num)][0]).group(1).decode()
                f = font_file(polices, base)
                if f not in files:
                    files.append(f)
                fonts[key] = files.index(f)
            lines.append('P %g %g' % (box[2], box[3]))
            contents = re.search(rb'/Contents (?:(\d+) 0 R|\[([^\]]*)\])', head)
            refs = [contents.group(1)] if contents.group(1) else re.findall(rb'(\d+) 0 R', contents.group(2))
            for r in refs:
                page_ops(objs[int(r)][1], fonts, lines)
        letters.append(lines)
    # Loaded in missionc's order (regular, bold, italic, then the others):
    # the same subset tags.
    rank = ['-Regular', '-Bold', '-Italic']
    order = sorted(files, key=lambda f: ([i for i, r in enumerate(rank) if f.endswith(r + '.ttf')] or [9], f))
    new = {files.index(f): i for i, f in enumerate(order)}
    for i, f in enumerate(order):
        print('FONT %d %s' % (i, f))
    for lines in letters:
        for ln in lines:
            if ln.startswith('Tf '):
                _, i, size = ln.split()
                ln = 'Tf %d %s' % (new[int(i)], size)
            print(ln)


main()

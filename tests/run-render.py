#!/usr/bin/env python3
"""run-render.py — the rendering tests: every example and every case of
tests/rendu/ rendered in the three formats, and checked by real tools.

  Markdown  golden file (tests/rendu/…md); cmark renders it to the same
            structure as our HTML (same headings, same list items).
  HTML      golden file, its style sheet replaced by a marker; the sheet
            once, in tests/rendu/feuille.css, that every letter embeds;
            valid HTML5 (Nu checker, tests/check-html.sh), sheet included.
  PDF       two builds byte-identical (SOURCE_DATE_EPOCH); qpdf --check;
            page count = « Page N sur M »; PDF/A-2b (tests/check_pdfa.py);
            pdftotext gives back the French
            text of every paragraph; no word outside the page's margins.
  Injection the author's markup comes out as the same characters.
  Errors    a letter with errors, a character the PDF cannot print, a broken
            template or bad options: a French diagnostic, the right exit code,
            and no file written.

Usage: tests/run-render.py [--update]   (--update rewrites the golden files:
read the diff before committing it)."""
import difflib
import html
import html.parser
import os
import re
import shutil
import subprocess
import sys
import unicodedata

import check_pdfa

MISSIONC = os.environ.get("MISSIONC", "./missionc")
OUT = "tests/out/rendu"
EPOCH = "1758000000"
UPDATE = "--update" in sys.argv
passed = 0
failed = 0


def ok(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"ÉCHEC : {what}")
        if detail:
            print("  " + detail.replace("\n", "\n  ")[:3000])
    return cond


def run(args, env_extra=None):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    if env_extra:
        env.update(env_extra)
    p = subprocess.run([MISSIONC, "--stdlib", "stdlib"] + args, env=env,
                       capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def golden(actual, path):
    if UPDATE:
        with open(path, "wb") as f:
            f.write(actual)
        return ok(True, path)
    if not os.path.exists(path):
        return ok(False, path, "(fichier attendu absent : lancez tests/run-render.py --update et relisez)")
    with open(path, "rb") as f:
        want = f.read()
    if want == actual:
        return ok(True, path)
    d = subprocess.run(["diff", "-u", path, "-"], input=actual, capture_output=True)
    return ok(False, path, d.stdout.decode("utf-8", "replace")[:3000])


# The style sheet every letter embeds (the template's, the same for each):
# one golden file for it, and the letters' golden HTML with a marker in its
# place, so that a change of the CSS rewrites one file, not every letter.
SHEET = "tests/rendu/feuille.css"
SHEET_MARK = f"\n/* feuille de style : {SHEET} */\n"


def without_sheet(page):
    """(the page with the content of its one <style> element replaced by the
    marker, that content), or (page, None) when it has not exactly one."""
    found = re.findall(r"<style>(.*?)</style>", page, re.S)
    if len(found) != 1:
        return page, None
    start = page.index("<style>") + len("<style>")
    return page[:start] + SHEET_MARK + page[start + len(found[0]):], found[0]


class Blocks(html.parser.HTMLParser):
    """The text of each block element (headings, paragraphs, items, cells)."""
    BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "td", "th", "caption"}

    def __init__(self):
        super().__init__()
        self.items = []      # (tag, text)
        self.stack = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self.skip += 1
        if tag in self.BLOCKS:
            self.stack.append([tag, ""])

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self.skip -= 1
        if tag in self.BLOCKS and self.stack and self.stack[-1][0] == tag:
            t, text = self.stack.pop()
            text = " ".join(text.split())
            if self.stack:
                self.stack[-1][1] += text
            if text:
                self.items.append((t, text))

    def handle_data(self, data):
        if self.stack and not self.skip:
            self.stack[-1][1] += data


def blocks(html_text):
    p = Blocks()
    p.feed(html_text)
    return p.items


def norm(s):
    """Text as pdftotext gives it back: no-break spaces are spaces, accents
    composed (NFC)."""
    s = unicodedata.normalize("NFC", s)
    return " ".join(s.replace("\u00a0", " ").replace("\u202f", " ").split())


def cases():
    """(name, .mission path, golden base) for the examples and tests/rendu."""
    out = []
    for f in sorted(os.listdir("examples")):
        if f.endswith(".mission"):
            out.append((f[:-8], f"examples/{f}", f"tests/rendu/exemples/{f[:-8]}"))
    for f in sorted(os.listdir("tests/rendu")):
        base = f"tests/rendu/{f.rsplit('.', 1)[0]}"
        if f.endswith(".mission"):
            out.append((f[:-8], f"tests/rendu/{f}", base))
        elif f.endswith(".gen"):
            target = f"{OUT}/{f[:-4]}.mission"
            with open(target, "wb") as t:
                t.write(subprocess.run(["sh", f"tests/rendu/{f}"], capture_output=True,
                                       check=True).stdout)
            out.append((f[:-4], target, base))
    return out


def check_markdown(name, md_path, html_text):
    """cmark renders our Markdown to the structure of our HTML."""
    p = subprocess.run(["cmark", md_path], capture_output=True)
    if not ok(p.returncode == 0, f"{name}.md : cmark"):
        return ""
    ours = [(t, norm(x)) for t, x in blocks(html_text) if t in ("h1", "h2", "h3")]
    theirs = [(t, norm(x)) for t, x in blocks(p.stdout.decode()) if t in ("h1", "h2", "h3")]
    ok(ours == theirs, f"{name}.md : mêmes titres que le HTML une fois rendu par cmark",
       "\n".join(f"{a!r}  ≠  {b!r}" for a, b in zip(ours, theirs) if a != b)
       or f"{len(ours)} titres contre {len(theirs)}")
    return p.stdout.decode()


def pdf_text(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"],
                          capture_output=True).stdout.decode("utf-8")


def check_tags(name, path, html_text):
    """Tagged PDF: pdfinfo says so; the structure text (pdfinfo -struct-text)
    has the letter's title as H1, the HTML's h2 and h3 as H2 and H3 in the same
    order, as many tables and list items, every block's text in reading order,
    and no running header or footer (artifacts)."""
    info = subprocess.run(["pdfinfo", path], capture_output=True).stdout.decode()
    ok("Tagged:          yes" in info, f"{name}.pdf : PDF balisé (Tagged: yes)", info)
    tree = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True).stdout.decode()
    elems, texts, cur = [], [], None
    for line in tree.splitlines():
        m = re.match(r'\s*"(.*)"$', line)
        if m:
            texts.append(m.group(1))
            if cur is not None:
                elems[cur][1].append(m.group(1))
        else:
            m = re.match(r"\s*([A-Za-z0-9]+)\b", line)
            if m:
                elems.append((m.group(1), []))
                cur = len(elems) - 1
    heads = [(t, norm(" ".join(x))) for t, x in elems if t in ("H1", "H2", "H3")]
    want = [(t.upper(), norm(x)) for t, x in blocks(html_text) if t in ("h1", "h2", "h3")]
    ok(heads and heads[0][0] == "H1" and [h for h in heads if h[0] != "H1"] ==
       [w for w in want if w[0] != "H1"],
       f"{name}.pdf : titres H1, H2, H3 de la structure comme ceux du HTML",
       f"{heads[:6]}\n{want[:6]}")
    count = lambda t: sum(1 for e, _ in elems if e == t)
    ok(count("Table") == html_text.count("<table") and count("LI") >= html_text.count("<li"),
       f"{name}.pdf : tableaux et éléments de liste dans la structure",
       f"Table {count('Table')}, LI {count('LI')}")
    flat = norm(" ".join(texts))
    ok(not re.search(r"Page \d+ sur \d+", flat), f"{name}.pdf : pieds de page hors de la structure")
    # Reading order: the HTML's paragraphs and items appear in the same order.
    pos, out_of_order = 0, []
    for tag, block in blocks(html_text):
        words = norm(block)
        if tag not in ("p", "li", "h2", "h3") or not words:
            continue
        at = flat.find(words[:60], pos)
        if at < 0:
            at2 = flat.find(words[:60])
            if at2 < 0 and words.replace(" ", "")[:40] not in flat.replace(" ", ""):
                out_of_order.append("absent : " + words[:80])
            elif at2 >= 0:
                out_of_order.append("hors d’ordre : " + words[:80])
            continue
        pos = at
    ok(not out_of_order, f"{name}.pdf : le texte de la structure dans l’ordre de lecture",
       "\n".join(out_of_order[:5]))


def check_pdf(name, src, html_text):
    a, b = f"{OUT}/{name}.pdf", f"{OUT}/{name}.bis.pdf"
    c1, _, e1 = run(["produire", src, "-o", a])
    c2, _, _ = run(["produire", src, "-f", "pdf", "-o", b])
    if not ok(c1 == 0 and c2 == 0, f"{name}.pdf : produit", e1):
        return
    with open(a, "rb") as f1, open(b, "rb") as f2:
        ok(f1.read() == f2.read(), f"{name}.pdf : deux productions identiques octet pour octet")
    q = subprocess.run(["qpdf", "--check", a], capture_output=True)
    ok(q.returncode == 0, f"{name}.pdf : qpdf --check", q.stdout.decode() + q.stderr.decode())
    check_tags(name, a, html_text)
    bad = check_pdfa.check(a)
    ok(not bad, f"{name}.pdf : exigences PDF/A-2b (tests/check_pdfa.py)", "\n".join(bad))
    info = subprocess.run(["pdfinfo", a], capture_output=True).stdout.decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = pdf_text(a)
    ok(f"Page {pages} sur {pages}" in text and "Page 1 sur" in text,
       f"{name}.pdf : pied de page « Page N sur {pages} »")
    ok("Lettre de mission" in info or "Lettre de mission" in
       subprocess.run(["pdfinfo", "-enc", "UTF-8", a], capture_output=True).stdout.decode(),
       f"{name}.pdf : titre dans les métadonnées", info)
    # The French text comes back: every paragraph, heading and list item of the
    # document (as the HTML has them), once header and footer lines are out.
    lines = [l.strip() for l in text.split("\n")]
    head = set(norm(l) for l in lines[:4] if l and "Lettre de mission" not in l)
    flat = norm(" ".join(l for l in lines
                         if not re.fullmatch(r"Page \d+ sur \d+", l) and norm(l) not in head))
    missing = []
    for tag, block in blocks(html_text):
        words = norm(block)
        if tag in ("td", "th", "caption") or not words or words in head:
            continue
        # A header line too long for its bounded height ends with « … ».
        if any(len(h) > 20 and words.startswith(h) for h in head):
            continue
        # A word longer than a line is cut between characters: its pieces
        # come back on several lines.
        if words not in flat and not all(w in flat for w in words.split()) \
                and words.replace(" ", "") not in flat.replace(" ", ""):
            missing.append(words[:100])
    ok(not missing, f"{name}.pdf : pdftotext rend le texte français", "\n".join(missing[:5]))
    # Each signer's quality (a role of the référentiel, as long as « Directeur ou
    # directrice académique des services de l’éducation nationale des
    # Bouches-du-Rhône ») comes back whole, not cut by « … », as one paragraph
    # of the PDF's structure (pdfinfo -struct-text: columns side by side are
    # not interleaved there); the word check above finds its words elsewhere.
    def squeeze(t):
        return re.sub(r"[\s\-\u00ad\u2010]", "", norm(t))
    tree = subprocess.run(["pdfinfo", "-struct-text", a], capture_output=True).stdout.decode()
    paras, cur = [], None
    for line in tree.splitlines():
        m = re.match(r'\s*"(.*)"$', line)
        if m and cur is not None:
            cur.append(m.group(1))
        elif not m:
            cur = [] if re.match(r"\s*P\b", line) else None
            if cur is not None:
                paras.append(cur)
    paras = {squeeze(" ".join(x)) for x in paras}
    cut = [q for q in re.findall(r'<p class="qualite"><strong>(.*?)</strong></p>', html_text)
           if squeeze(html.unescape(q)) not in paras]
    ok(not cut, f"{name}.pdf : qualité de chaque signataire entière", "\n".join(cut[:5]))
    # No word beyond the margins (a word without spaces is broken, not lost).
    bbox = subprocess.run(["pdftotext", "-bbox", a, "-"], capture_output=True).stdout.decode()
    page_w = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    over = [m for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', bbox)
            if float(m.group(2)) > page_w - 20 * 72 / 25.4 + 1 or float(m.group(1)) < 20 * 72 / 25.4 - 1]
    ok(not over, f"{name}.pdf : aucun mot hors des marges", f"{len(over)} mots dépassent")
    return pages, os.path.getsize(a), text


# Civilités in any case (« MADAME », « MONSIEUR » of an HR export), as the
# compiler reads them (compiler/typo.c).
CIVILITE = re.compile(r"\b(?:Mme|Madame|Mlle|M\.|Monsieur|Mr) ", re.I)


def gendered_labels():
    """(masculine, feminine) labels of the roles and corps of the stdlib that
    change with the person (« role ddfpt "Directeur…" feminin "Directrice…" »)."""
    pairs = []
    for f in os.listdir("stdlib"):
        src = open(f"stdlib/{f}", encoding="utf-8").read()
        for m, fem, epi in re.findall(
                r'^(?:role|corps) \w+ "([^"]+)" feminin "([^"]+)"(?: epicene "([^"]+)")?', src, re.M):
            if m != fem:
                pairs.append((m, fem, epi))
    return pairs


def label_units(md):
    """The places of a Markdown letter where a label stands by a person: list
    items (parties, bilan), bold lines (subtitle) and signature blocks."""
    units = []
    for para in md.split("\n\n"):
        lines = para.split("\n")
        if all(line.endswith("\\") for line in lines[:-1]) and len(lines) > 1:
            units.append(" ".join(lines))
        else:
            units += [line for line in lines if line.startswith(("- ", "**"))]
    return units


def check_agreement(name, md, pairs):
    """Next to « Mme » no masculine label of a role or corps, next to « M. »
    no feminine one, next to either no epicene one; no alternative of the
    stdlib (« {il|elle} ») left as is."""
    left = re.findall(r"\{[^{}\n]*\|[^{}\n]*\}", md)
    ok(not left, f"{name}.md : variantes d’accord toutes résolues", " ".join(left[:5]))
    bad = []
    for unit in label_units(md):
        civ = CIVILITE.findall(unit)
        if len(civ) != 1:
            continue
        fem = civ[0].strip().lower() in ("mme", "madame", "mlle")
        for m, f, epi in pairs:
            # The other gender's label, or the epicene one: the civilité says
            # the gender, the letter must not hedge.
            for wrong in (m if fem else f, epi):
                if wrong and re.search(r"(?<!\w)" + re.escape(wrong.replace("'", "’")) + r"(?!\w)",
                                       unit, re.I):
                    bad.append(f"« {wrong} » près de « {civ[0].strip()} » : {unit[:120]}")
    ok(not bad, f"{name}.md : rôles et corps accordés au genre de la personne", "\n".join(bad))


def corps_labels():
    """{corps id: its labels (masculine, feminine, epicene)} of stdlib/commun.mission."""
    src = open("stdlib/commun.mission", encoding="utf-8").read()
    return {i: [x for x in forms if x] for i, *forms in re.findall(
        r'^corps (\w+) "([^"]+)"(?: feminin "([^"]+)")?(?: epicene "([^"]+)")?', src, re.M)}


def check_own_corps(name, md, corps):
    """The letter's person is named by the corps the letter gives: where the
    text says « le professeur des écoles » of a contractuel, its own corps
    (« {corps:…} », docs/referentiels.md) must be said instead. The person's
    corps is the one of the subtitle (« **Mme …, professeure …** »)."""
    sub = next((l for l in md.split("\n") if l.startswith("**") and ", " in l), "")
    own = [l for labels in corps.values()
           if any(", " + x + end in sub for x in labels for end in ("**", " (")) for l in labels]
    if not own:
        return
    body = md.split("\n## ", 1)[-1]
    bad = []
    for cid, labels in corps.items():
        for label in labels:
            if label in own:
                continue
            for m in re.finditer(r"(?<!\w)(?:le|la|l’|du|au) " + re.escape(label) + r"(?!\w)", body, re.I):
                after = body[m.start():].split(" ", 1)[1]
                if not any(after.startswith(o) for o in own):
                    bad.append(f"« {m.group(0)} » : {body[max(0, m.start() - 40):m.end() + 20]}")
    ok(not bad, f"{name}.md : la personne nommée par son corps ({own[0]})", "\n".join(bad[:5]))


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    os.makedirs("tests/rendu/exemples", exist_ok=True)
    htmls = []
    texts = {}
    pairs = gendered_labels()
    first_sheet = None
    corps = corps_labels()
    for name, src, base in cases():
        code, _, err = run(["produire", src, "-f", "html", "-o", f"{OUT}/{name}.html"])
        if not ok(code == 0, f"{name}.html : produit", err):
            continue
        html_text = open(f"{OUT}/{name}.html", encoding="utf-8").read()
        page, sheet = without_sheet(html_text)
        if ok(sheet is not None, f"{name}.html : une feuille de style incluse"):
            # The first letter's sheet against its golden file, every other
            # letter's against the first: each embeds exactly the golden one.
            if first_sheet is None:
                first_sheet = sheet
                golden(sheet.encode(), SHEET)
            else:
                ok(sheet == first_sheet, f"{name}.html : la feuille de style de {SHEET}",
                   "".join(difflib.unified_diff(first_sheet.splitlines(True),
                                                sheet.splitlines(True), SHEET, name))[:3000])
        golden(page.encode(), base + ".html")
        htmls.append(f"{OUT}/{name}.html")
        code, _, err = run(["produire", src, "-o", f"{OUT}/{name}.md"])
        if ok(code == 0, f"{name}.md : produit", err):
            golden(open(f"{OUT}/{name}.md", "rb").read(), base + ".md")
            md_text = open(f"{OUT}/{name}.md", encoding="utf-8").read()
            check_agreement(name, md_text, pairs)
            check_own_corps(name, md_text, corps)
            sections = re.findall(r"^## (.*)$", md_text, re.M)
            ok(len(sections) == len(set(sections)), f"{name}.md : deux sections n’ont jamais le même titre",
               "\n".join(t for t in sections if sections.count(t) > 1))
            texts[name + ".cmark"] = check_markdown(name, f"{OUT}/{name}.md", html_text)
            raw = re.findall(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]",
                             open(f"{OUT}/{name}.md", "rb").read())
            ok(not raw, f"{name}.md : aucun caractère de contrôle brut", repr(raw[:5]))
        r = check_pdf(name, src, html_text)
        if r:
            texts[name + ".pdf"] = r[2]
            texts[name + ".pages"] = r[0]
        texts[name + ".html"] = html_text

    # The HTML is valid HTML5, all files in one run of the Nu checker.
    p = subprocess.run(["sh", "tests/check-html.sh"] + htmls, capture_output=True)
    ok(p.returncode == 0, "HTML valide (Nu HTML checker)", p.stdout.decode() + p.stderr.decode())

    # Injection: the author's markup is text in every format.
    h = texts.get("injection.html", "")
    ok("<script" not in h.split("<body", 1)[-1] and "&lt;script&gt;alert(1)&lt;/script&gt;" in h
       and 'href="javascript' not in h and "<b>" not in h and "<i>" not in h,
       "injection.html : balises et liens de l’auteur échappés")
    c = texts.get("injection.cmark", "")
    ok("<script" not in c and "&lt;script&gt;" in c and "javascript:" in c
       and 'href="javascript' not in c and "<em>Paul</em>" not in c
       and "<code>" not in c and "<img" not in c and "%s%n%x%p" in c,
       "injection.md : cmark rend le texte de l’auteur tel quel", c[:1500])
    t = texts.get("injection.pdf", "")
    ok("<script>alert(1)</script>" in t and "%s%n%x%p" in t and "*gras*" in t,
       "injection.pdf : le texte de l’auteur tel quel")
    ok(texts.get("trois_pages.pages", 0) >= 3, "trois_pages.pdf : au moins trois pages",
       str(texts.get("trois_pages.pages")))
    # Every Latin name prints and comes back exactly (NFC), in the title's
    # metadata too; only the letters that use them embed the extra fonts.
    t = texts.get("noms_latins.pdf", "")
    names = ["Ayşe Yılmaz", "Łukasz Żółkiewski", "Ștefan Țurcanu", "Ştefan cel Mare", "Jiří Dvořák",
             "Květa", "Šťastná", "Ömer Çağlar", "Nguyễn Văn Đức", "Nguyễn Thị Ánh", "Trần Đức Thắng",
             "Đặng Thuỳ Dương", "Mikołaj Kopernik", "Bălășescu", "Nguyễn Thị Lan"]
    ok(all(n in t for n in names), "noms_latins.pdf : pdftotext rend chaque nom",
       "absents : " + ", ".join(n for n in names if n not in t))
    meta = subprocess.run(["pdfinfo", "-enc", "UTF-8", f"{OUT}/noms_latins.pdf"],
                          capture_output=True).stdout.decode()
    ok("Nguyễn Văn Đức" in meta and "Ştefan cel Mare" in meta, "noms_latins.pdf : noms dans les métadonnées", meta)
    fonts = subprocess.run(["pdffonts", f"{OUT}/noms_latins.pdf"], capture_output=True).stdout.decode()
    ok("Ext" in fonts and all(l.split()[-5:-2] == ["yes", "yes", "yes"] for l in fonts.splitlines()[2:] if "Ext" in l),
       "noms_latins.pdf : polices étendues incorporées, réduites, avec ToUnicode", fonts)
    plain = subprocess.run(["pdffonts", f"{OUT}/ddfpt.pdf"], capture_output=True).stdout.decode()
    ok("Ext" not in plain, "ddfpt.pdf : une lettre en Windows-1252 n’incorpore pas les polices étendues", plain)
    # Justified French: every line of the long observation but its last
    # reaches the right margin; a line cut in a word ends with « - » after
    # lower-case letters (never a name, number or amount), the pieces make a
    # word of the letter, the paragraph's last word is whole. With
    # texte.justifie = non the template sets it ragged, without cuts.
    def para_lines(path, first):
        lay = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], capture_output=True).stdout.decode()
        for blk in re.findall(r"<block[^>]*>(.*?)</block>", lay, re.S):
            lines = [(float(x), [html.unescape(w) for w in re.findall(r">([^<]*)</word>", l)])
                     for x, l in re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>', blk, re.S)]
            if lines and lines[0][1] and lines[0][1][0] == first:
                return lines
        return []
    src = open("tests/rendu/justifie.mission", encoding="utf-8").read()
    lines = para_lines(f"{OUT}/justifie.pdf", "Préparer")
    right = max((x for x, _ in lines), default=0)
    ok(len(lines) >= 4 and all(abs(x - right) < 0.6 for x, _ in lines[:-1]) and lines[-1][0] < right - 20,
       "justifie.pdf : lignes justifiées jusqu’à la marge, la dernière en drapeau",
       "\n".join(f"{x:.1f} {' '.join(w)}" for x, w in lines))
    # Every cut of every PDF: « - » after lower-case letters (an elided
    # article before them at most), and the two pieces a word of the HTML.
    cuts, bad = [], []
    for n in [k[:-4] for k in texts if k.endswith(".pdf")]:
        lay = subprocess.run(["pdftotext", "-bbox-layout", f"{OUT}/{n}.pdf", "-"],
                             capture_output=True).stdout.decode()
        words = [[html.unescape(w) for w in re.findall(r">([^<]*)</word>", l)]
                 for l in re.findall(r"<line [^>]*>(.*?)</line>", lay, re.S)]
        plain = norm(re.sub(r"<[^>]+>", " ", html.unescape(texts[n + ".html"])))
        for a, b in zip(words, words[1:]):
            if a and b and a[-1].endswith("-") and len(a[-1]) > 1:
                cuts.append(a[-1] + b[0])
                if not re.fullmatch(r"(\w+’)?[a-zàâçéèêëîïôûùüÿœ]{2,}-", a[-1]) or \
                        (a[-1][:-1] + b[0]) not in plain:
                    bad.append(f"{n} : {a[-1]} {b[0]}")
    ok(len(cuts) > 10 and not bad and not lines[-1][1][-1].endswith("-"),
       "PDF : coupures à la française, jamais un nom ni un nombre",
       f"{len(cuts)} coupures ; fautives : {bad[:10]}")
    tpl = f"{OUT}/modele_sans_justification"
    shutil.copytree("templates/defaut", tpl)
    with open(f"{tpl}/modele.conf", "a") as f:
        f.write("texte.justifie = non\n")
    code, _, err = run(["--modele", tpl, "produire", "tests/rendu/justifie.mission", "-o", f"{OUT}/ragged.pdf"])
    rl = para_lines(f"{OUT}/ragged.pdf", "Préparer") if code == 0 else []
    ok(len(rl) >= 4 and not any(w[-1].endswith("-") for _, w in rl) and
       len(set(round(x) for x, _ in rl[:-1])) > 1, "texte.justifie = non : aligné à gauche, sans coupure", err)
    # The extended repertoire: the same in the C code and in the font script.
    ranges = ",".join("%s-%s" % m for m in re.findall(r"^RANGE\(0x([0-9A-F]+), 0x([0-9A-F]+)\)",
                                                        open("compiler/pdf_charset.def").read(), re.M))
    script = subprocess.run(["sh", "tools/reduire-polices.sh", "--etendues"], capture_output=True).stdout.decode().strip()
    ok(ranges == script, "compiler/pdf_charset.def et tools/reduire-polices.sh : même répertoire étendu",
       f"{ranges}\n{script}")
    # Issue 16: a 40 000-character établissement: the header stays bounded and
    # the body has its room (it was one page per line, 1 176 pages).
    ok(0 < texts.get("etablissement_long.pages", 0) <= 30,
       "etablissement_long.pdf : en-tête borné, le corps a sa place",
       f"{texts.get('etablissement_long.pages')} pages")
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1",
                           f"{OUT}/etablissement_long.pdf", "-"], capture_output=True).stdout.decode()
    m = re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>Lettre</word>', bbox)
    ok(m is not None and float(m.group(1)) < 150,
       "etablissement_long.pdf : le titre en haut de la première page", m.group(0) if m else bbox[:500])
    # A letter that would exceed the PDF's page limit (docs/pdf.md): a
    # diagnostic at the text where it stopped, and no file.
    obs = " ".join(["Préparer la répartition de la DHG avec les coordonnateurs."] * 700)[:45000]
    long_src = ["lettre selon ddfpt", "periode 2025-2026 .. 2027-2028", 'academie "Aix-Marseille"',
                'etablissement "Lycée Jean Moulin" uai "0130012T" commune "Marseille"',
                'partie chef  : chef_etablissement "Mme Claire Durand"',
                'partie agent : ddfpt "M. Paul Martin" corps plp', "mission organiser_enseignements {",
                "  activité evaluation_moyens {"] + [f'    observation "{obs}"'] * 60 + \
        ["  }", "}", "signatures chef, agent", 'fait_a "Marseille" le 2025-09-15']
    with open(f"{OUT}/trop_long.mission", "w") as f:
        f.write("\n".join(long_src) + "\n")
    target = f"{OUT}/trop_long.pdf"
    code, _, err = run(["produire", f"{OUT}/trop_long.mission", "-o", target])
    ok(code == 1 and "[pdf_trop_long]" in err and re.search(r"trop_long\.mission:\d+:17: erreur", err)
       and not os.path.exists(target), "PDF au-delà de 300 pages : diagnostic placé, rien d’écrit", err[:600])
    every = "".join(v for k, v in texts.items() if k.endswith(".pdf"))
    ok(all(ch in every for ch in "éèêàçœ«»’€"),
       "PDF : é è ê à ç œ « » ’ € reviennent par pdftotext",
       "absents : " + "".join(ch for ch in "éèêàçœ«»’€" if ch not in every))

    # A character the PDF fonts cannot print: where it is, and no file.
    target = f"{OUT}/non_imprimable.pdf"
    code, _, err = run(["produire", "tests/bad/caractere_non_imprimable.mission", "-o", target])
    golden(f"{err}code de sortie : {code}\n".encode(), "tests/rendu/caractere_non_imprimable.pdf.err")
    ok(code == 1 and not os.path.exists(target), "caractère non imprimable : aucun PDF écrit")

    # A letter with errors is not rendered, and an older output is removed:
    # never a stale letter beside a source that no longer checks.
    target = f"{OUT}/erreurs.html"
    run(["produire", "examples/ddfpt.mission", "-o", target])
    code, _, err = run(["produire", "tests/bad/uai_cle_fausse.mission", "-o", target])
    golden(f"{err}code de sortie : {code}\n".encode(), "tests/rendu/lettre_en_erreur.err")
    ok(code == 1 and not os.path.exists(target), "lettre en erreur : rien d’écrit, l’ancienne sortie retirée")

    # Without -o: beside the source, with the format's extension.
    shutil.copy("examples/ddfpt.mission", f"{OUT}/a_cote.mission")
    code, out, err = run(["produire", f"{OUT}/a_cote.mission", "-f", "md"])
    ok(code == 0 and os.path.exists(f"{OUT}/a_cote.md"), "sans -o : à côté de la source", err)
    code, out, err = run(["produire", f"{OUT}/a_cote.mission"])
    ok(code == 0 and os.path.exists(f"{OUT}/a_cote.pdf"), "sans -o ni -f : un PDF", err)
    ok(not [f for f in os.listdir(OUT) if re.search(r"\.[A-Za-z0-9]{6}$", f)],
       "aucun fichier temporaire laissé")

    # Templates: the default one, one with a logo, and broken ones.
    for d in sorted(os.listdir("tests/modeles")):
        path = f"tests/modeles/{d}"
        if not os.path.isdir(path):
            continue
        for fmt in ("html", "pdf"):
            target = f"{OUT}/modele_{d}.{fmt}"
            code, _, err = run(["--modele", path, "produire", "examples/ddfpt.mission", "-o", target])
            if d == "avec_logo":
                ok(code == 0, f"modèle {d} ({fmt})", err)
            else:
                golden(f"{err}code de sortie : {code}\n".encode(), f"tests/modeles/{d}.{fmt}.err")
                ok(code != 0 and not os.path.exists(target), f"modèle {d} ({fmt}) : refusé, rien d’écrit")
    if os.path.exists(f"{OUT}/modele_avec_logo.html"):
        ok("data:image/png;base64," in open(f"{OUT}/modele_avec_logo.html").read(),
           "modèle avec logo : image incluse dans le HTML")
        imgs = subprocess.run(["pdfimages", "-list", f"{OUT}/modele_avec_logo.pdf"],
                              capture_output=True).stdout.decode().splitlines()[2:]
        ok(len(imgs) == 1, "modèle avec logo : une image dans le PDF", "\n".join(imgs))
        ok("Région académique" in pdf_text(f"{OUT}/modele_avec_logo.pdf"),
           "modèle avec logo : son en-tête dans le PDF")
        for fmt, text in (("pdf", pdf_text(f"{OUT}/modele_avec_logo.pdf")),
                          ("html", open(f"{OUT}/modele_avec_logo.html", encoding="utf-8").read())):
            ok("République française" in text and "Liberté, Égalité, Fraternité" in text
               and text.index("République française") < text.index("Région académique"),
               f"modèle avec logo : le bloc-marque au-dessus de l’en-tête ({fmt})")

    # Usage errors exit with 2 and a French message.
    for what, args, env in [
        ("format inconnu", ["produire", "examples/ddfpt.mission", "-f", "docx", "-o", f"{OUT}/x.docx"], None),
        ("-f et -o en désaccord", ["produire", "examples/ddfpt.mission", "-f", "pdf", "-o", f"{OUT}/x.html"], None),
        ("-o vers une lettre source", ["produire", "examples/ddfpt.mission", "-o", f"{OUT}/x.mission"], None),
        ("extension de -o inconnue", ["produire", "examples/ddfpt.mission", "-o", f"{OUT}/x.txt"], None),
        ("entrée standard sans -o", ["produire", "-"], None),
        ("-o avec plusieurs lettres", ["produire", "examples/ddfpt.mission", "examples/mlds.mission", "-o", f"{OUT}/x.pdf"], None),
        ("produire sans fichier", ["produire"], None),
        ("fichier absent", ["produire", "tests/rendu/absent.mission", "-f", "md"], None),
        ("SOURCE_DATE_EPOCH invalide", ["produire", "examples/ddfpt.mission", "-o", f"{OUT}/x.pdf"], {"SOURCE_DATE_EPOCH": "hier"}),
        ("SOURCE_DATE_EPOCH après l’an 9999", ["produire", "examples/ddfpt.mission", "-o", f"{OUT}/x.html"], {"SOURCE_DATE_EPOCH": "253402300800"}),
        ("SOURCE_DATE_EPOCH négatif", ["produire", "examples/ddfpt.mission", "-o", f"{OUT}/x.html"], {"SOURCE_DATE_EPOCH": "-1"}),
        ("modèle absent", ["--modele", "/nonexistent", "produire", "examples/ddfpt.mission", "-o", f"{OUT}/x.pdf"], None),
    ]:
        code, _, err = run(args, env)
        ok(code == 2 and err.strip() != "", f"{what} : code 2 et un message", f"code {code} : {err}")

    print(f"rendu : {passed} réussis, {failed} échoués")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

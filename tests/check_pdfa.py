#!/usr/bin/env python3
"""check_pdfa.py — checks, with qpdf's JSON and poppler, the PDF/A-2b
requirements (ISO 19005-2) that missionc's PDFs rely on (no validator such
as veraPDF is packaged in Debian). Each check names its clause:

  6.1.2    header %PDF-1.n (n <= 7), then a comment of >= 4 bytes > 127
  6.1.3    trailer /ID (two byte strings), no /Encrypt
  6.1.7    no LZW, no external streams (/F); 6.1.10 no JavaScript
  6.2.3    an output intent GTS_PDFA1 whose profile is an RGB ICC profile
           (the pages paint in DeviceRGB)
  6.2.9    no transparency (SMask, page /Group): 6.2.10 needs none then
  6.2.11.4 every font embedded (pdffonts)
  6.2.11.6 non-symbolic TrueType: WinAnsiEncoding base, Differences names
           from the Adobe Glyph List or uniXXXX
  6.6.2    a Metadata stream in the catalog, Subtype XML, unfiltered, XMP
  6.6.3    XMP and Info agree: title, author, subject, creator tool,
           producer, creation and modification dates
  6.6.4    pdfaid:part 2, pdfaid:conformance B

Usage: tests/check_pdfa.py FILE.pdf…   (exit 1 on any failure)"""
import base64
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/"}


def text(v):
    """A qpdf JSON string value as text."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        return bytes.fromhex(v[2:]).decode("latin-1")
    return v


def pdf_date(d):
    """D:YYYYMMDDHHmmSS… (UTC) → YYYY-MM-DDTHH:mm:SSZ."""
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z", d or "")
    return "%s-%s-%sT%s:%s:%sZ" % m.groups() if m else None


def check(path):
    bad = []
    raw = open(path, "rb").read()
    # 6.1.2
    m = re.match(rb"%PDF-1\.([0-7])\r?\n%([^\r\n]*)", raw)
    if not m or sum(1 for b in m.group(2) if b > 127) < 4:
        bad.append("6.1.2 en-tête %PDF-1.n et commentaire binaire")
    j = json.loads(subprocess.run(
        ["qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline",
         "--decode-level=generalized", path], capture_output=True, check=True).stdout)
    objs = j["qpdf"][1]
    trailer = objs["trailer"]["value"]

    def obj(ref):
        return objs.get(f"obj:{ref}", {})

    def val(ref):
        o = obj(ref) if isinstance(ref, str) and ref.endswith(" R") else {"value": ref}
        return o.get("value", o.get("stream", {}).get("dict"))

    # 6.1.3
    ids = trailer.get("/ID")
    # qpdf writes a string « u:… » when its bytes read as text, « b:… »
    # (hexadecimal) otherwise: an /ID of 16 bytes can happen to be either.
    if not (isinstance(ids, list) and len(ids) == 2 and
            all(i.startswith(("b:", "u:")) for i in ids)):
        bad.append("6.1.3 /ID du trailer")
    if "/Encrypt" in trailer:
        bad.append("6.1.3 /Encrypt interdit")
    # 6.1.7, 6.1.10, 6.2.9
    for k, o in objs.items():
        d = o.get("stream", {}).get("dict", o.get("value"))
        if not isinstance(d, dict):
            continue
        if "LZWDecode" in json.dumps(d.get("/Filter", "")) or "/F" in d and "stream" in o:
            bad.append(f"6.1.7 filtre LZW ou flux externe ({k})")
        if d.get("/S") == "/JavaScript" or "/JS" in d:
            bad.append(f"6.1.10 JavaScript ({k})")
        if "/SMask" in d and d["/SMask"] != "/None" or d.get("/Type") == "/Page" and "/Group" in d:
            bad.append(f"6.2.9 transparence ({k})")
    root = val(trailer["/Root"])
    info = val(trailer["/Info"])
    # 6.2.3
    intents = root.get("/OutputIntents", [])
    intents = val(intents) if isinstance(intents, str) else intents
    good = False
    for it in intents:
        it = val(it) if isinstance(it, str) else it
        prof = obj(it.get("/DestOutputProfile", ""))
        data = base64.b64decode(prof.get("stream", {}).get("data", "")) if prof else b""
        if it.get("/S") == "/GTS_PDFA1" and data[16:20] == b"RGB " and data[36:40] == b"acsp" \
                and data[8] <= 4 and prof["stream"]["dict"].get("/N") == 3:
            good = True
    if not good:
        bad.append("6.2.3 mode de sortie GTS_PDFA1 avec un profil ICC RVB")
    # 6.2.11.4
    fonts = subprocess.run(["pdffonts", path], capture_output=True).stdout.decode().splitlines()[2:]
    if not fonts or any(l.split()[-5] != "yes" for l in fonts):
        bad.append("6.2.11.4 polices incorporées\n" + "\n".join(fonts))
    # 6.2.11.6
    for k, o in objs.items():
        d = o.get("value")
        if not isinstance(d, dict) or d.get("/Subtype") != "/TrueType":
            continue
        enc = d.get("/Encoding")
        enc = val(enc) if isinstance(enc, str) and enc.endswith(" R") else enc
        if enc == "/WinAnsiEncoding":
            continue
        names = [n for n in (enc or {}).get("/Differences", []) if isinstance(n, str)]
        if not isinstance(enc, dict) or enc.get("/BaseEncoding") != "/WinAnsiEncoding" or \
                not all(re.fullmatch(r"/(uni[0-9A-F]{4}|[A-Za-z]+)", n) for n in names):
            bad.append(f"6.2.11.6 encodage TrueType ({k})")
    # 6.6.2
    md = obj(root.get("/Metadata", ""))
    mdict = md.get("stream", {}).get("dict", {})
    if mdict.get("/Subtype") != "/XML" or "/Filter" in mdict:
        bad.append("6.6.2 flux Metadata XML non filtré dans le catalogue")
        return bad
    xmp = base64.b64decode(md["stream"]["data"]).decode("utf-8")
    desc = ET.fromstring(xmp[xmp.index("<x:xmpmeta"):xmp.index("</x:xmpmeta>") + 12]).find(
        ".//rdf:Description", NS)

    def x(tag):
        e = desc.find(tag, NS)
        if e is None:
            return None
        li = e.find(".//rdf:li", NS)
        return (li if li is not None else e).text

    # 6.6.3
    for key, tag in [("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Subject", "dc:description"),
                     ("/Creator", "xmp:CreatorTool"), ("/Producer", "pdf:Producer")]:
        if text(info.get(key)) != x(tag):
            bad.append(f"6.6.3 {key} ≠ {tag} : {text(info.get(key))!r} / {x(tag)!r}")
    for key, tag in [("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")]:
        if pdf_date(text(info.get(key))) != x(tag):
            bad.append(f"6.6.3 {key} ≠ {tag}")
    # 6.6.4
    if x("pdfaid:part") != "2" or x("pdfaid:conformance") != "B":
        bad.append("6.6.4 pdfaid:part 2, pdfaid:conformance B")
    return bad


if __name__ == "__main__":
    failed = 0
    for f in sys.argv[1:]:
        for b in check(f):
            print(f"{f} : {b}")
            failed = 1
    sys.exit(failed)

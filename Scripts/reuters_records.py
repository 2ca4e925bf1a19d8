"""The records of Reuters-21578's SGML files as semhash's JSON Lines documents (id, title, text, labels), read the
way `semhash index --format reuters` reads them, up to its finer points: the sign-off line and SGML entities are
handled the same way in spirit, not byte for byte. Scripts/validation-split-reuters.sh and the experiments that
read other parts of the collection take their documents from here."""
import html, os, re


def _element(name, text):
    match = re.search(rf"<{name}(?:\s[^>]*)?>(.*?)</{name}>", text, re.S)
    return match.group(1) if match else None


def _story(text):
    text = html.unescape(text).replace("\x02", "").replace("\x03", "").strip()
    lines = text.split("\n")
    last = lines[-1].strip().lower()
    if last.endswith("^m"): last = last[:-2]
    if last.rstrip(".") in ("reuter", "reuters"): text = "\n".join(lines[:-1]).strip()
    return text


def records(source):
    """Every record of the reut2-*.sgm files in the folder `source`, in file order, as (attributes, document):
    the REUTERS tag's attributes (LEWISSPLIT, TOPICS, NEWID, ...) and the document, labelled with its topics."""
    for name in sorted(n for n in os.listdir(source) if n.startswith("reut2-") and n.endswith(".sgm")):
        raw = open(os.path.join(source, name), "rb").read().decode("latin-1")
        for record in re.findall(r"<REUTERS(.*?)</REUTERS>", raw, re.S):
            attributes = dict(re.findall(r'(\w+)="([^"]*)"', record[:record.index(">")]))
            topics = re.findall(r"<D>(.*?)</D>", _element("TOPICS", record) or "")
            text = _element("TEXT", record) or ""
            title = html.unescape((_element("TITLE", text) or "").strip())
            body = _element("BODY", text)
            if body is None and re.search(r"<TEXT[^>]*UNPROC", record): body = re.sub(r"<[^>]+>", " ", text)
            yield attributes, {"id": attributes["NEWID"], "title": title, "text": _story(body or ""),
                               "labels": [html.unescape(t) for t in topics]}

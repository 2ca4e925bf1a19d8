# The Reuters-21578 records on the training side of ModApte that are not in its labelled training set
# (LEWISSPLIT="TRAIN" without TOPICS="YES" and a topic), as JSON Lines without labels, written the way
# Scripts/validation-split-reuters.sh writes the labelled ones; with --topics-yes only those with TOPICS="YES"
# (ModApte's training documents that have no topic). No test-side record is read.
#   python3 unlabeled.py Corpora/data/reuters21578 out.jsonl [--topics-yes]
import html, json, os, re, sys
source, output = sys.argv[1], sys.argv[2]
only_yes = "--topics-yes" in sys.argv[3:]
def element(name, text):
    match = re.search(rf"<{name}(?:\s[^>]*)?>(.*?)</{name}>", text, re.S)
    return match.group(1) if match else None
def story(text):
    text = html.unescape(text).replace("\x02", "").replace("\x03", "").strip()
    lines = text.split("\n")
    last = lines[-1].strip().lower()
    if last.endswith("^m"): last = last[:-2]
    if last.rstrip(".") in ("reuter", "reuters"): text = "\n".join(lines[:-1]).strip()
    return text
count = 0
with open(output, "w") as out:
    for name in sorted(n for n in os.listdir(source) if n.startswith("reut2-") and n.endswith(".sgm")):
        raw = open(os.path.join(source, name), "rb").read().decode("latin-1")
        for record in re.findall(r"<REUTERS(.*?)</REUTERS>", raw, re.S):
            attributes = dict(re.findall(r'(\w+)="([^"]*)"', record[:record.index(">")]))
            topics = re.findall(r"<D>(.*?)</D>", element("TOPICS", record) or "")
            if attributes.get("LEWISSPLIT") != "TRAIN" or (attributes.get("TOPICS") == "YES" and topics): continue
            if only_yes and attributes.get("TOPICS") != "YES": continue
            text = element("TEXT", record) or ""
            title = html.unescape((element("TITLE", text) or "").strip())
            body = element("BODY", text)
            if body is None and re.search(r"<TEXT[^>]*UNPROC", record): body = re.sub(r"<[^>]+>", " ", text)
            out.write(json.dumps({"id": "u" + attributes["NEWID"], "title": title, "text": story(body or ""), "labels": []}) + "\n")
            count += 1
print(f"{count} unlabelled training-side records in {output}")

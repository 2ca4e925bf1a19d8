# The Reuters-21578 records on the training side of ModApte that are not in its labelled training set
# (LEWISSPLIT="TRAIN" without TOPICS="YES" and a topic), as JSON Lines without labels, read as
# Scripts/validation-split-reuters.sh reads the labelled ones (Scripts/reuters_records.py); with --topics-yes
# only those with TOPICS="YES" (ModApte's training documents that have no topic). No test-side record is read.
#   python3 unlabeled.py Corpora/data/reuters21578 out.jsonl [--topics-yes]
import json, os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from reuters_records import records
source, output = sys.argv[1], sys.argv[2]
only_yes = "--topics-yes" in sys.argv[3:]
count = 0
with open(output, "w") as out:
    for attributes, document in records(source):
        if attributes.get("LEWISSPLIT") != "TRAIN" or (attributes.get("TOPICS") == "YES" and document["labels"]): continue
        if only_yes and attributes.get("TOPICS") != "YES": continue
        out.write(json.dumps(dict(document, id="u" + document["id"], labels=[])) + "\n")
        count += 1
print(f"{count} unlabelled training-side records in {output}")

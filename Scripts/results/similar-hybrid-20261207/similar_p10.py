# Label precision of `semhash similar` (its default metric, hybrid) on 300 training posts of the demo index,
# for each build named: python3 similar_p10.py "before=path/to/semhash" "after=path/to/semhash" (from the
# repository root; Scripts/demo.sh builds the index).
import json, random, sqlite3, subprocess, sys, statistics
index = "Indexes/20news.sqlite"
binaries = dict(argument.split("=", 1) for argument in sys.argv[1:])  # name=path/to/semhash ...
ids = [r[0] for r in sqlite3.connect(index).execute("select external_id from documents where empty = 0 order by id")]
random.seed(14)
sample = random.sample(ids, 300)
env = {"OPENBLAS_CORETYPE": "Haswell", "PATH": "/usr/bin:/bin"}
for name, binary in binaries.items():
    p1, p10 = [], []
    for doc in sample:
        out = subprocess.run([binary, "similar", doc, "--index", index, "-k", "10", "--json"], capture_output=True, text=True, env=env)
        hits = json.loads(out.stdout)["hits"]
        group = doc.split("/")[0]
        rel = [group in h["labels"] for h in hits]
        p1.append(rel[0]); p10.append(sum(rel) / 10)
    print(f"{name}: similar --metric hybrid (default), 300 training posts: P@1 {statistics.mean(p1):.3f}, P@10 {statistics.mean(p10):.3f}")

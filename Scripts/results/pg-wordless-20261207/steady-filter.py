import subprocess, statistics, re
def run(db, sql, n):
    script = "".join(f"EXPLAIN (ANALYZE, TIMING OFF) {sql};\n" for _ in range(n))
    out = subprocess.run(["psql", "-X", "-At", "-d", db], input=script, capture_output=True, text=True).stdout
    return [float(x) for x in re.findall(r"Execution Time: ([0-9.]+) ms", out)]
q = "'{1013615580463385215}'"
a = f"SELECT c.document_id FROM semhash.codes c ORDER BY semhash.semhash_distance(c.hash, {q}), c.document_id LIMIT 10"
b = f"SELECT c.document_id FROM semhash.codes c WHERE NOT c.wordless ORDER BY semhash.semhash_distance(c.hash, {q}), c.document_id LIMIT 10"
t = {"a": [], "b": []}
for r in range(10):
    for k in (["a", "b"] if r % 2 == 0 else ["b", "a"]):
        t[k] += run("inv5", a if k == "a" else b, 3)
print("inv5 scan top 10 without the filter %.1f ms, with NOT wordless %.1f ms, ratio %.3f (n=%d)" % (
    statistics.median(t["a"]), statistics.median(t["b"]), statistics.median(t["b"]) / statistics.median(t["a"]), len(t["a"])))

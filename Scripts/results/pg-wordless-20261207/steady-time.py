import subprocess, statistics, re, random, sys
def run(db, sql, n):
    script = "".join(f"EXPLAIN (ANALYZE, TIMING OFF) {sql};\n" for _ in range(n))
    out = subprocess.run(["psql", "-X", "-At", "-d", db], input=script, capture_output=True, text=True).stdout
    return [float(x) for x in re.findall(r"Execution Time: ([0-9.]+) ms", out)]
q = sys.argv[1]
tests = [("scan_nearest 10", f"SELECT count(*) FROM semhash.semhash_scan_nearest('{{{q}}}', 10)", 5),
         ("scan_within 3", f"SELECT count(*) FROM semhash.semhash_scan_within('{{{q}}}', 3)", 5),
         ("nearest 10", f"SELECT count(*) FROM semhash.semhash_nearest('{{{q}}}', 10)", 5),
         ("within 3", f"SELECT count(*) FROM semhash.semhash_within('{{{q}}}', 3)", 50),
         ("within 2", f"SELECT count(*) FROM semhash.semhash_within('{{{q}}}', 2)", 50)]
for name, sql, n in tests:
    t = {"inv4": [], "inv5": []}
    for r in range(4):
        for db in (["inv4", "inv5"] if r % 2 == 0 else ["inv5", "inv4"]):
            t[db] += run(db, sql, n)
    m4, m5 = statistics.median(t["inv4"]), statistics.median(t["inv5"])
    print(f"{name}: format 4 {m4:.3f} ms, format 5 {m5:.3f} ms, ratio {m5/m4:.3f}  (n={len(t['inv4'])})")

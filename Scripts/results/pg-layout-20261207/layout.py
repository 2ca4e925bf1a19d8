# The top-10 scan (semhash_scan_nearest's query) on the three layouts of layout.sql, with and without the
# wordless filter, and a count with and without it: server-side execution time (EXPLAIN ANALYZE, timing off,
# no parallel workers), the cases in turn, every other round reversed; medians in ms.
#   python3 layout.py [rounds]   (PGHOST etc. set for the server holding the database layout)
import re, statistics, subprocess, sys
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
def timed(sql):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-d", "layout", "-c", "SET max_parallel_workers_per_gather = 0",
                          "-c", "EXPLAIN (ANALYZE, TIMING OFF) " + sql], capture_output=True, text=True, check=True).stdout
    return float(re.search(r"Execution Time: ([\d.]+)", out).group(1))
q = "ARRAY[1234567890123]::bigint[]"
def scan(table, where=""):
    return f"SELECT document_id, d(hash, {q}) AS distance FROM {table} {where} ORDER BY distance, document_id LIMIT 10"
cases = {
    "format 4 layout, scan": scan("f4"),
    "format 5 layout, scan without the filter": scan("f5"),
    "reordered layout, scan without the filter": scan("f6"),
    "format 5 layout, scan WHERE NOT wordless": scan("f5", "WHERE NOT wordless"),
    "reordered layout, scan WHERE NOT wordless": scan("f6", "WHERE NOT wordless"),
    "format 4 layout, count(*)": "SELECT count(*) FROM f4",
    "format 5 layout, count(*) WHERE NOT wordless": "SELECT count(*) FROM f5 WHERE NOT wordless",
    "reordered layout, count(*) WHERE NOT wordless": "SELECT count(*) FROM f6 WHERE NOT wordless",
}
times = {name: [] for name in cases}
for r in range(rounds):
    for name in (list(cases) if r % 2 == 0 else list(reversed(cases))):
        times[name].append(timed(cases[name]))
for name, values in times.items():
    print(f"{name}: median {statistics.median(values):.1f} ms  ({' '.join(f'{v:.0f}' for v in values)})")

#!/usr/bin/env bash
# Measures the in-database search on N random 64-bit codes (default 1,000,000; several sizes comma-separated,
# e.g. 1000000,10000000), 3 in 100 of them wordless documents sharing one code, the empty bag's (the demo index
# has 339 wordless documents of 11,314): COPY load time, then the latency of semhash_within at radius 2 and 3
# and semhash_nearest with k = 10 (multi-index hashing) against the bit_count scans and against semhash's
# in-memory engine (`semhash-bench codes-file`, release build; it holds the codes of documents with words, as
# semhash's searches do) on the same codes and the same queries, medians; all three must give the same rows in
# the same order. Two sets of queries: stored codes of documents with words with 0-3 bits flipped, and as many
# with 0-3 bits of the wordless code flipped. A throwaway server with fsync on. Results go to
# Scripts/results/postgres-search-<time>.txt, every query's latency to postgres-search-<time>-times.tsv.
#
# With an earlier format version (e.g. 4), the same documents and codes also go into a store made by the
# migrations up to that version, and each search function is timed on both stores in turn, query set after
# query set, in 3 rounds, every other one in the reverse order (medians over the rounds); semhash_within of the
# earlier format is also timed joined on documents.empty, as clients had to before format 5. The earlier
# store's answers, wordless documents left out, must be the current ones (its top 10 only where it returned no
# wordless document). Then the earlier store is upgraded by the later migrations and VACUUM ANALYZE
# semhash.codes, as semhash upgrades it (timed), and must give the current store's answers.
#
#   Scripts/postgres/bench.sh [codes[,codes…]] [queries] [earlier format]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../environment.sh"
export PATH=/usr/lib/postgresql/15/bin:$PATH
sizes=${1:-1000000}
queries=${2:-25}
earlier=${3:-}
mkdir -p "$here/../results"
output=$here/../results/postgres-search-$(date -u +%Y%m%d-%H%M%S).txt
engine=$(cd "$here/../.." && release_product semhash-bench)
SEMHASH_POSTGRES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/semhash-postgres-bench.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/semhash-search-bench.XXXXXX")
export SEMHASH_POSTGRES_DIR SEMHASH_POSTGRES_FSYNC=on
trap 'bash "$here/server.sh" stop; rm -rf "$work"' EXIT
bash "$here/server.sh" start
eval "$(bash "$here/server.sh" env)"
python3 - "$here" "$sizes" "$queries" "$output" "$engine" "$work" "$earlier" <<'PYTHON'
import hashlib, os, random, re, statistics, subprocess, sys, time
here, sizes, queries, output, engine, work = (sys.argv[1], [int(s) for s in sys.argv[2].split(",")], int(sys.argv[3]),
                                              sys.argv[4], sys.argv[5], sys.argv[6])
earlier = int(sys.argv[7]) if sys.argv[7] else None
rounds = 3 if earlier else 1
lines = []
raw = []  # every timed query: codes, query set, search, function, round, query, ms
def say(text):
    print(text, flush=True)
    lines.append(text)
def psql(database, *arguments, stdin=None):
    result = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", database, *arguments],
                            input=stdin, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: psql failed: {result.stderr}")
    return result.stdout
def signed(value):
    return value - (1 << 64) if value >= 1 << 63 else value

# The migration files by format version, v1-schema.sql before v1-search.sql.
folder = os.path.join(here, "..", "..", "Sources", "SemanticHashingPostgres", "Migrations")
migrations = sorted(((int(re.match(r"v(\d+)-", name).group(1)), name) for name in os.listdir(folder)
                     if name.endswith(".sql")))
latest = migrations[-1][0]
if earlier is not None and not 1 <= earlier < latest:
    sys.exit(f"bench: the earlier format must be 1 to {latest - 1}, got {earlier}")
CURRENT, EARLIER = "semhash_bench", "semhash_bench_earlier"

def apply(database, versions):
    started = time.perf_counter()
    for version, name in migrations:
        if version in versions:
            psql(database, "-1", "-f", os.path.join(folder, name))
    return time.perf_counter() - started

def copy(database, table, columns, rows):
    started = time.perf_counter()
    result = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c",
                             f"\\copy semhash.{table} ({columns}) FROM STDIN"], input=rows, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: COPY failed: {result.stderr}")
    return time.perf_counter() - started

def timed(database, source, chosen):
    """Each query's latency in ms and answer as text; `source` is the FROM clause, {q} the query."""
    script = "\\timing on\n" + "".join(
        f"SELECT count(*) || ' ' || coalesce(string_agg(document_id || ':' || distance, ',' ORDER BY distance, "
        f"document_id), '') FROM {source.format(q=q)};\n" for q in chosen)
    result = subprocess.run(["psql", "-X", "-At", "-d", database], input=script, capture_output=True, text=True)
    times = [float(t) for t in re.findall(r"Time: ([0-9.]+) ms", result.stdout)]
    answers = [l for l in result.stdout.split("\n") if l and not l.startswith("Time:") and l != "Timing is on."]
    assert len(times) == len(chosen) == len(answers), result.stdout + result.stderr
    return times, answers

say(f"semhash PostgreSQL search benchmark, {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}")
say(f"load average before: {open('/proc/loadavg').read().split()[:3]} (the machine is shared)")
for count in sizes:
    stores = [(CURRENT, latest)] + ([(EARLIER, earlier)] if earlier else [])
    for database, version in stores:
        subprocess.run(["dropdb", "--if-exists", database], check=True)
        subprocess.run(["createdb", database], check=True)
        apply(database, range(1, version + 1))
        psql(database, "-c", "INSERT INTO semhash.meta VALUES ('hash_bits', '64'), ('code_dimension', '10')")
    if count == sizes[0]:
        say(psql(CURRENT, "-c", "SELECT version()").strip())
    say(f"\n### {count:,} codes\n")

    rng = random.Random(15)
    codes = [rng.getrandbits(64) for _ in range(count)]
    ids = [int.from_bytes(hashlib.sha256(f"doc/{i}".encode()).digest()[:8], "big") & (2**63 - 1) for i in range(count)]
    empty_code = rng.getrandbits(64)
    wordless = set(rng.sample(range(count), count * 3 // 100))
    for index in wordless:
        codes[index] = empty_code
    code_column = "\\\\x" + "00" * 40  # 10 Float32 values
    with open(os.path.join(work, "codes.tsv"), "w") as file:
        for index, (i, c) in enumerate(zip(ids, codes)):
            if index not in wordless:
                file.write(f"{i}\t{signed(c)}\n")
    documents = "".join(f"{i}\tdoc/{index}\t\tbench\t1\t0\t\t\\\\x\t{'t' if index in wordless else 'f'}\n"
                        for index, i in enumerate(ids))
    for database, version in stores:
        with_flag = version >= 5
        rows = "".join(f"{i}\t{code_column}\t{{{signed(c)}}}" + (f"\t{'t' if index in wordless else 'f'}" if with_flag else "")
                       + "\n" for index, (i, c) in enumerate(zip(ids, codes)))
        loaded = copy(database, "codes", "document_id, code, hash" + (", wordless" if with_flag else ""), rows)
        documents_loaded = copy(database, "documents",
                                "id, external_id, title, source, token_count, oov_count, excerpt, bag, empty", documents)
        psql(database, "-c", "VACUUM ANALYZE semhash.codes", "-c", "VACUUM ANALYZE semhash.documents")
        size = psql(database, "-c", "SELECT pg_size_pretty(pg_total_relation_size('semhash.codes'))").strip()
        indexes = "4 partial substring indexes" if with_flag else "4 substring indexes"
        say(f"format {version}: COPY of {count:,} codes into semhash.codes ({indexes} maintained, fsync on): "
            f"{loaded:.1f} s, {count / loaded:,.0f} codes/s; table and indexes: {size}; COPY of the documents "
            f"({len(wordless):,} wordless): {documents_loaded:.1f} s")
    del rows, documents

    worded = [index for index in range(count) if index not in wordless]
    sets = []
    for name in ("stored codes of documents with words, 0-3 bits flipped", "the wordless code, 0-3 bits flipped"):
        chosen = []
        for _ in range(queries):
            code = codes[rng.choice(worded)] if not sets else empty_code
            for bit in rng.sample(range(64), rng.randint(0, 3)):
                code ^= 1 << bit
            chosen.append(signed(code))
        sets.append((name, chosen))
    wordless_ids = {str(ids[index]) for index in wordless}
    del codes, ids, worded

    def without_wordless(answer):
        rows = [row for row in answer.split(" ", 1)[1].split(",") if row and row.split(":")[0] not in wordless_ids]
        return f"{len(rows)} {','.join(rows)}"

    current_answers = {}
    for set_number, (set_name, chosen) in enumerate(sets):
        with open(os.path.join(work, "queries.txt"), "w") as file:
            file.write("".join(f"{q}\n" for q in chosen))
        answers_file = os.path.join(work, "engine-answers.tsv")
        result = subprocess.run([engine, "codes-file", "--codes", os.path.join(work, "codes.tsv"),
                                 "--queries", os.path.join(work, "queries.txt"), "--answers", answers_file],
                                capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"bench: semhash-bench codes-file failed: {result.stderr}")
        if set_number == 0:
            say(result.stdout.strip().split("\n")[0])
        engine_times = dict(re.findall(r"^(radius \d+|top \d+): median ([0-9.]+) ms", result.stdout, re.M))
        engine_answers = {}
        for line in open(answers_file):
            name, answer = line.rstrip("\n").split("\t")
            engine_answers.setdefault(name, []).append(answer)

        say(f"\n{queries} queries: {set_name}; median latency in ms (SQL: client side, Unix socket; engine: one "
            "search call in the process holding the codes), median rows returned; the three gave the same rows in "
            "the same order on every query" + (f"; {rounds} rounds" if rounds > 1 else ""))
        say("")
        say("| search | in-memory engine | SQL multi-index hashing | bit_count scan | SQL MIH / engine | scan / SQL MIH | rows |")
        say("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        beside = []
        for name, function, argument in (("radius 2", "within", 2), ("radius 3", "within", 3), ("top 10", "nearest", 10)):
            sources = {  # (database, FROM clause)
                "mih": (CURRENT, f"semhash.semhash_{function}('{{{{{{q}}}}}}', {argument})"),
                "scan": (CURRENT, f"semhash.semhash_scan_{function}('{{{{{{q}}}}}}', {argument})"),
            }
            if earlier:
                sources["earlier mih"] = (EARLIER, sources["mih"][1])
                sources["earlier scan"] = (EARLIER, sources["scan"][1])
                if function == "within":
                    sources["earlier mih joined"] = (EARLIER, sources["mih"][1] + " AS w JOIN semhash.documents AS d "
                                                     "ON d.id = w.document_id WHERE NOT d.empty")
            for label in ("mih", "earlier mih"):  # warm the cache
                if label in sources:
                    timed(*sources[label], chosen)
            times = {label: [] for label in sources}
            answers = {}
            for round in range(rounds):
                # Every other round runs the functions in the reverse order, so that none always follows another.
                for label in list(sources)[::1 if round % 2 == 0 else -1]:
                    taken, answers[label] = timed(*sources[label], chosen)
                    times[label] += taken
                    raw.extend(f"{count}\t{set_number}\t{name}\t{label}\t{round}\t{query}\t{ms}"
                               for query, ms in enumerate(taken))
            median = {label: statistics.median(taken) for label, taken in times.items()}
            if answers["mih"] != answers["scan"]:
                sys.exit(f"bench: semhash_{function} and semhash_scan_{function} disagree: {answers['mih']} {answers['scan']}")
            if answers["mih"] != engine_answers[name]:
                sys.exit(f"bench: semhash_{function} and the in-memory engine disagree: {answers['mih']} {engine_answers[name]}")
            current_answers[(set_number, name)] = answers["mih"]
            in_memory = float(engine_times[name])
            rows = statistics.median(int(answer.split()[0]) for answer in answers["mih"])
            say(f"| {name} | {in_memory:.4f} | {median['mih']:.2f} | {median['scan']:.1f} | {median['mih'] / in_memory:,.0f}x "
                f"| {median['scan'] / median['mih']:.1f}x | {rows:g} |")
            if earlier:
                if answers["earlier mih"] != answers["earlier scan"]:
                    sys.exit(f"bench: format {earlier}'s semhash_{function} and its scan disagree")
                with_wordless = sum(without_wordless(a) != a for a in answers["earlier mih"])
                compared = [(old, new) for old, new in zip(answers["earlier mih"], answers["mih"])
                            if function == "within" or without_wordless(old) == old]
                if any(without_wordless(old) != new for old, new in compared):
                    sys.exit(f"bench: format {earlier}'s semhash_{function}, wordless documents left out, differs")
                if "earlier mih joined" in answers and answers["earlier mih joined"] != answers["mih"]:
                    sys.exit(f"bench: format {earlier}'s semhash_{function} joined on documents.empty differs")
                wordless_rows = statistics.median(int(a.split()[0]) - int(without_wordless(a).split()[0])
                                                  for a in answers["earlier mih"])
                joined = f"{median['earlier mih joined']:.2f}" if "earlier mih joined" in median else "n/a"
                beside.append(f"| {name} | {median['mih']:.2f} | {median['earlier mih']:.2f} | "
                              f"{median['mih'] / median['earlier mih']:.2f} | {joined} | {median['scan']:.1f} | "
                              f"{median['earlier scan']:.1f} | {median['scan'] / median['earlier scan']:.2f} | "
                              f"{with_wordless} of {queries}, median {wordless_rows:g} |")
        if earlier:
            say(f"\nThe same queries, format {latest} beside format {earlier} (whose functions also return wordless "
                f"documents; joined: its semhash_within joined on documents.empty, the rows of format {latest}); "
                f"median latency in ms over {rounds} rounds of the {queries} queries, each round timing every "
                "function in turn")
            say("")
            say(f"| search | MIH, format {latest} | MIH, format {earlier} | ratio | MIH joined, format {earlier} "
                f"| scan, format {latest} | scan, format {earlier} | ratio | format {earlier} answers with wordless "
                "documents, and their rows |")
            say("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for line in beside:
                say(line)

    if earlier:
        upgrade = apply(EARLIER, range(earlier + 1, latest + 1))
        started = time.perf_counter()
        psql(EARLIER, "-c", "VACUUM ANALYZE semhash.codes")
        vacuum = time.perf_counter() - started
        for set_number, (_, chosen) in enumerate(sets):
            for name, function, argument in (("radius 2", "within", 2), ("radius 3", "within", 3), ("top 10", "nearest", 10)):
                _, answers = timed(EARLIER, f"semhash.semhash_{function}('{{{{{{q}}}}}}', {argument})", chosen)
                if answers != current_answers[(set_number, name)]:
                    sys.exit(f"bench: the upgraded store's semhash_{function} differs from the current store's")
        say(f"\nUpgrading the format-{earlier} store of {count:,} codes to format {latest} (psql -1 -f for each later "
            f"migration): {upgrade:.1f} s, then VACUUM ANALYZE semhash.codes {vacuum:.1f} s; it then gave the current "
            "store's answers to every query")
say(f"\nload average after: {open('/proc/loadavg').read().split()[:3]}")
open(output, "w").write("\n".join(lines) + "\n")
open(output.replace(".txt", "-times.tsv"), "w").write(
    "codes\tquery set\tsearch\tfunction\tround\tquery\tms\n" + "".join(f"{line}\n" for line in raw))
print(f"bench: results in {output}")
PYTHON

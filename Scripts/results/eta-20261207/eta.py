# How far the training ETA is from the time that was really left: each binary indexes the 20 Newsgroups
# training set (the demo's command) into a new index, in turn, every other round in the reverse order; each
# progress line's "elapsed, ETA" is set against the training time the run reports at its end.
#   python3 eta.py ROUNDS NAME=BINARY NAME=BINARY ...   (from the checkout; OPENBLAS_CORETYPE set)
import os, re, statistics, subprocess, sys, tempfile
rounds = int(sys.argv[1])
binaries = [argument.split("=", 1) for argument in sys.argv[2:]]
corpus = "Corpora/data/20news-bydate/20news-bydate-train"
clock = lambda text: sum(int(part) * 60 ** i for i, part in enumerate(reversed(text.split(":"))))
errors = {name: [] for name, _ in binaries}
for round in range(rounds):
    for name, binary in (binaries if round % 2 == 0 else list(reversed(binaries))):
        with tempfile.TemporaryDirectory() as folder:
            run = subprocess.run([binary, "index", corpus, "--index", os.path.join(folder, "i.sqlite"), "--strip", "usenet"],
                                 capture_output=True, text=True, check=True)
        total = float(re.search(r"trained in ([\d.]+) s", run.stdout + run.stderr).group(1))
        print(f"round {round + 1}, {name}: trained in {total:.1f} s", flush=True)
        for line in run.stderr.splitlines():
            found = re.search(r"^(.*) epoch (\d+)/(\d+): .* elapsed ([\d:]+), ETA ([\d:]+)$", line)
            if not found:
                continue
            elapsed, eta = clock(found.group(4)), clock(found.group(5))
            left = total - elapsed
            print(f"  {found.group(1)} epoch {found.group(2)}/{found.group(3)}: elapsed {elapsed} s, ETA {eta} s, "
                  f"left {left:.0f} s", flush=True)
            if left >= 5:
                errors[name].append(eta / left)
for name, ratios in errors.items():
    print(f"{name}: ETA / time left, over {len(ratios)} progress lines with 5 s or more left: median "
          f"{statistics.median(ratios):.2f}, range {min(ratios):.2f} to {max(ratios):.2f}")

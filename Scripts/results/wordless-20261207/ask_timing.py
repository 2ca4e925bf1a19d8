"""Interleaved `semhash ask` timings: each build on its own copy of the demo index (a build of format 3 on the
file it upgraded, the reference build on the format-2 file it wrote), 21 runs each, medians.
Usage: python3 ask_timing.py NEW NEW_INDEX REFERENCE REFERENCE_INDEX"""
import os, statistics, subprocess, sys, time

new, new_index, reference, reference_index = sys.argv[1:5]
questions = ["space shuttle launch", "gun control", "graphics card driver", "car engine", "encryption key escrow",
             "hockey playoffs", "god exists", "windows crash", "motorcycle helmet", "middle east peace"]

def timed(binary, index, metric, question):
    start = time.perf_counter()
    subprocess.run([binary, "ask", question, "--index", index, "--metric", metric, "-k", "10"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000

print(f"# {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {os.cpu_count()} cores, load {os.getloadavg()}")
for metric in ["hybrid", "hamming", "euclidean"]:
    ours, theirs = [], []
    for run in range(21):
        question = questions[run % len(questions)]
        ours.append(timed(new, new_index, metric, question))
        theirs.append(timed(reference, reference_index, metric, question))
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"{metric:9s} this build median {a:6.1f} ms, reference {b:6.1f} ms: ratio {a / b:.2f}")

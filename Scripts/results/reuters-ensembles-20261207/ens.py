import sqlite3, json, sys, itertools
import numpy as np

def load(path):
    c = sqlite3.connect(path)
    rows = c.execute("select d.external_id, d.labels, d.empty, k.code from documents d join codes k on k.document_id=d.id order by d.external_id").fetchall()
    ids = [r[0] for r in rows]
    labels = [set(json.loads(r[1])) for r in rows]
    empty = np.array([r[2] for r in rows], bool)
    codes = np.stack([np.frombuffer(r[3], np.float32) for r in rows]).astype(np.float64)
    return ids, labels, empty, codes

def unit(x):
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

def precision(qc, ql, dc, dl, ks=(1, 10, 100)):
    s = unit(qc) @ unit(dc).T
    order = np.argsort(-s, axis=1, kind="stable")[:, :max(ks)]
    out = {k: [] for k in ks}
    for i in range(len(ql)):
        if not ql[i]:
            continue
        rel = np.array([bool(ql[i] & dl[j]) for j in order[i]])
        for k in ks:
            out[k].append(rel[:k].mean())
    return [np.mean(out[k]) for k in ks]

seeds = [int(a) for a in sys.argv[1:]]
D, Q = {}, {}
for s in seeds:
    D[s] = load(f"D{s}.sqlite"); Q[s] = load(f"Q{s}.sqlite")
ref = seeds[0]
dl = [l for l, e in zip(D[ref][1], D[ref][2]) if not e]
keep_d = ~D[ref][2]
ql = Q[ref][1]; keep_q = ~Q[ref][2]
ql = [l for l, e in zip(ql, Q[ref][2]) if not e]

def codes(s, mode):
    d, q = D[s][3][keep_d], Q[s][3][keep_q]
    return d, q

for s in seeds:
    d, q = codes(s, None)
    print(f"seed {s}", " / ".join(f"{p:.3f}" for p in precision(q, ql, d, dl)))

def aligned(s, target_d, center):
    d, q = codes(s, None)
    if center:
        mu = d.mean(0); d = d - mu; q = q - mu
    # orthogonal Procrustes on unit vectors of database codes
    u, _, vt = np.linalg.svd(unit(d).T @ unit(target_d))
    r = u @ vt
    return unit(d) @ r, unit(q) @ r

for center in (False, True):
    for n in range(2, len(seeds) + 1):
        group = seeds[:n]
        d0, q0 = codes(group[0], None)
        if center:
            mu = d0.mean(0); d0 = d0 - mu; q0 = q0 - mu
        target = unit(d0)
        ds, qs = [target], [unit(q0)]
        for s in group[1:]:
            d, q = aligned(s, target, center)
            ds.append(d); qs.append(q)
        # one refinement: align all to the mean
        for it in range(3):
            mean = unit(sum(ds))
            ds2, qs2 = [], []
            for s in group:
                d, q = codes(s, None)
                if center:
                    mu = d.mean(0); d = d - mu; q = q - mu
                u, _, vt = np.linalg.svd(unit(d).T @ mean)
                r = u @ vt
                ds2.append(unit(d) @ r); qs2.append(unit(q) @ r)
            ds, qs = ds2, qs2
        p = precision(sum(qs), ql, sum(ds), dl)
        print(f"ensemble {group} centred={center}", " / ".join(f"{x:.3f}" for x in p))

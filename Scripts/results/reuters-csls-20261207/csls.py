# Local scaling (CSLS) of the 10-D codes' cosine on Reuters' validation split. From the repository root:
#   bash Scripts/validation-split-reuters.sh
#   semhash index Corpora/validation/reuters/train.jsonl --format jsonl --index db.sqlite --quiet
#   semhash index Corpora/validation/reuters/validation.jsonl --format jsonl --index q.sqlite --model db.sqlite --quiet
#   python3 csls.py db.sqlite q.sqlite    # the queries' codes are their documents' codes in q.sqlite
import sqlite3, json, sys, numpy as np
def load(path):
    c = sqlite3.connect(path)
    rows = c.execute("select d.external_id, d.labels, c.code from documents d join codes c on c.document_id=d.id order by d.id").fetchall()
    ids = [r[0] for r in rows]; labels = [set(json.loads(r[1])) for r in rows]
    X = np.stack([np.frombuffer(r[2], dtype=np.float32) for r in rows]).astype(np.float64)
    return ids, labels, X
dbi, dbl, D = load(sys.argv[1]); qi, ql, Q = load(sys.argv[2])
cats = sorted(set().union(*dbl, *ql)); ci = {c:i for i,c in enumerate(cats)}
def onehot(ls):
    M = np.zeros((len(ls), len(cats)), dtype=np.float32)
    for i,l in enumerate(ls):
        for c in l: M[i, ci[c]] = 1
    return M
DL, QL = onehot(dbl), onehot(ql)
REL = (QL @ DL.T) > 0
def unit(X): return X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)
Du, Qu = unit(D), unit(Q)
def prec(S, ks=(1,10,100)):
    order = np.argsort(-S, axis=1)[:, :max(ks)]
    hits = np.take_along_axis(REL, order, axis=1)
    return " / ".join(f"{hits[:, :k].mean():.3f}" for k in ks)
S = Qu @ Du.T
print("queries", len(qi), "db", len(dbi))
print("cosine            ", prec(S))
print("euclidean         ", prec(-((Q**2).sum(1)[:,None] - 2*Q@D.T + (D**2).sum(1)[None,:])))
DD = Du @ Du.T; np.fill_diagonal(DD, -np.inf)
for k in (5, 10, 20, 50):
    rD = np.mean(np.sort(DD, axis=1)[:, -k:], axis=1)
    rQ = np.mean(np.sort(S, axis=1)[:, -k:], axis=1)
    for beta in (0.25, 0.5, 1.0):
        print(f"csls k={k:3d} b={beta}", prec(S - beta * rD[None, :]))

# Fusion experiments on the validation split: database = documents of the trained index, queries = validation
# documents added to a copy of it. Reproduces semhash's hybrid (cosine shortlist of 500, BM25 within it, RRF).
import sqlite3, struct, json, sys, numpy as np
path = sys.argv[1]; ndb = int(sys.argv[2])  # documents with id <= ndb are the database
c = sqlite3.connect(path)
df = np.array([r[0] for r in c.execute("select document_frequency from vocabulary order by term_id")], float)
N = int(c.execute("select value from meta where key='vocabulary_document_count'").fetchone()[0])
idf = np.log(1 + (N - df + 0.5) / (df + 0.5))
rows = c.execute("select d.id, d.labels, d.bag, c.code from documents d join codes c on c.document_id = d.id where d.empty = 0 order by d.id").fetchall()
ids = np.array([r[0] for r in rows]); labels = [json.loads(r[1])[0] for r in rows]
codes = np.array([np.frombuffer(r[3], '<f4') for r in rows])
bags = []
for r in rows:
    a = np.frombuffer(r[2], dtype=[('t', '<i4'), ('c', '<f4')]); bags.append((a['t'].astype(int), a['c'].astype(float)))
db = np.where(ids <= ndb)[0]; qs = np.where(ids > ndb)[0]
lab = np.array(labels); V = len(df)
# sparse tf matrix of the database for BM25 over the shortlist
from scipy.sparse import csr_matrix
indptr=[0]; ind=[]; val=[]
for i in db:
    t, cnt = bags[i]; ind.extend(t); val.extend(cnt); indptr.append(len(ind))
TF = csr_matrix((val, ind, indptr), shape=(len(db), V)); dl = np.asarray(TF.sum(1)).ravel()
unit = codes / np.maximum(np.linalg.norm(codes, axis=1, keepdims=True), 1e-12)
k1, b = 1.2, 0.75
def bm25(qi, cand, avg):
    t, cnt = bags[qi]
    sub = TF[cand][:, t].toarray()
    sat = k1 * (1 - b + b * dl[cand] / avg)
    return (sub * (k1 + 1) / (sub + sat[:, None]) * (idf[t] * cnt)[None, :]).sum(1)
S = 500
results = {}
def add(name, order, qi):
    rel = lab[db[order]] == lab[qi]
    r = results.setdefault(name, [[], [], []])
    r[0].append(rel[:1].mean()); r[1].append(rel[:10].mean()); r[2].append(rel[:100].mean())
variants = {}
for qi in qs:
    sims = unit[db] @ unit[qi]
    short = np.argsort(-sims, kind='stable')[:S]
    s_c = sims[short]
    avg = dl[short].mean()
    s_l = bm25(qi, short, avg)
    crank = np.arange(1, S + 1)
    lorder = np.lexsort((crank, -s_l)); lrank = np.empty(S); lrank[lorder] = np.arange(1, S + 1)
    add('cosine', short, qi)
    # full BM25 baseline over the database
    full = bm25(qi, np.arange(len(db)), dl.mean())
    add('bm25-full', np.lexsort((np.arange(len(db)), -full)), qi)
    def rrf(c, w):
        f = 1 / (c + crank) + w / (c + lrank)
        return short[np.lexsort((crank, -f))]
    for c_, w in ((60, 1), (5, 2), (20, 1.5), (60, 2)):
        add(f'rrf c{c_} w{w}', rrf(c_, w), qi)
    nc = (s_c - s_c.min()) / max(s_c.max() - s_c.min(), 1e-12)
    nl = s_l / max(s_l.max(), 1e-12)
    for lam in (0.3, 0.4, 0.5, 0.6):
        f = (1 - lam) * nc + lam * nl
        add(f'minmax l{lam}', short[np.lexsort((crank, -f))], qi)
    zc = (s_c - s_c.mean()) / (s_c.std() + 1e-12); zl = (s_l - s_l.mean()) / (s_l.std() + 1e-12)
    for lam in (0.2, 0.3, 0.4, 0.5):
        f = (1 - lam) * zc + lam * zl
        add(f'z l{lam}', short[np.lexsort((crank, -f))], qi)
    # RRF, but the lexical top document first when its BM25 leads the second by a margin
    for m in (1.2, 1.5):
        o = list(rrf(60, 1))
        top = short[lorder[0]]
        if s_l[lorder[0]] > m * s_l[lorder[1]]:
            o.remove(top); o.insert(0, top)
        add(f'rrf+lexleader m{m}', np.array(o), qi)
print(len(qs), "queries;", len(db), "database")
for name, (p1, p10, p100) in results.items():
    print(f"{name:22s} P@1 {np.mean(p1):.3f}  P@10 {np.mean(p10):.3f}  P@100 {np.mean(p100):.3f}")

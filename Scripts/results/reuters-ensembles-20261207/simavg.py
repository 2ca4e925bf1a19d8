import numpy as np, sys
sys.argv = ["x", "1", "2", "3", "4", "5", "6"]
exec(open("ens.py").read().split("for s in seeds:\n    d, q = codes")[0])
for n in (2, 3, 6):
    qs = np.concatenate([unit(codes(s, None)[1]) for s in seeds[:n]], 1)
    ds = np.concatenate([unit(codes(s, None)[0]) for s in seeds[:n]], 1)
    print("similarity mean of", n, " / ".join(f"{x:.3f}" for x in precision(qs, ql, ds, dl)))

"""Runs every proto pair of this folder through `buf breaking` in the pair's category, both
ways where the pair states its reverse, and prints where buf's rule IDs differ from the pair's.

    npm install --prefix /tmp/buf @bufbuild/buf@1.75
    BUF=/tmp/buf/node_modules/.bin/buf python3 codegen/tests/check/compare-with-buf.py
"""
import glob
import json
import os
import subprocess
import tempfile

BUF = os.environ.get("BUF", "buf")
HERE = os.path.dirname(os.path.abspath(__file__))
def parse(path):
    text = open(path).read()
    head, rest = text.split("--- before\n", 1)
    before, after = rest.split("--- after\n", 1)
    meta = {"category": "WIRE_JSON", "expect": [], "reverse": None, "also": []}
    for line in head.splitlines():
        k, v = line[2:].split(": ", 1)
        if k == "expect": meta["expect"] = [] if v == "safe" else v.split()
        elif k == "reverse": meta["reverse"] = [] if v == "safe" else v.split()
        elif k == "category": meta["category"] = v
        elif k == "also": meta["also"] = v.split()
    return meta, before, after
def files(text):
    parts = text.split("=== ")
    out = {"shop.proto": parts[0]}
    for p in parts[1:]:
        name, body = p.split("\n", 1)
        out[name.strip()] = body
    return out
def write(dir, text, use):
    os.makedirs(dir, exist_ok=True)
    for n, b in files(text).items():
        open(os.path.join(dir, n), "w").write(b)
    open(os.path.join(dir, "buf.yaml"), "w").write("version: v2\nbreaking:\n  use:\n" + "".join(f"    - {u}\n" for u in use))
def buf(before, after, use):
    with tempfile.TemporaryDirectory() as d:
        write(d + "/before", before, use); write(d + "/after", after, use)
        r = subprocess.run([BUF, "breaking", d + "/after", "--against", d + "/before", "--error-format", "json"], capture_output=True, text=True)
        rules = [json.loads(l)["type"] for l in r.stdout.splitlines() if l.strip()]
        if r.returncode not in (0, 100): return None, r.stderr
        return sorted(rules), None
agree = disagree = 0
for path in sorted(glob.glob(os.path.join(HERE, "proto", "*.txt"))):
    meta, before, after = parse(path)
    use = [meta["category"]] + meta["also"]
    name = os.path.basename(path)[:-4]
    for direction, (a, b, want) in {"": (before, after, meta["expect"]), " (reversed)": (after, before, meta["reverse"])}.items():
        if want is None: continue
        got, err = buf(a, b, use)
        ours = sorted(r for r in want if r != "ROUTE_NO_DELETE")
        if err: print(f"{name}{direction}: buf error {err.strip()[:200]}"); disagree += 1; continue
        if got == ours: agree += 1
        else:
            disagree += 1
            print(f"{name}{direction}: ours {ours} buf {got}")
print(f"agree {agree} disagree {disagree}")

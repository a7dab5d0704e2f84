"""List the test modules whose path does not mirror a source module (STYLE.md rule 16).

tests/<app>/<part>/test_<name>.py mirrors <app>/<part>/[<layer>/]<module>.py (or a package
<module>/), where <module> is <name> or a leading part of it, singular or plural
(test_clusters_secret_ballot -> views/clusters.py) and <layer> one of the app's own folders.
The browser walks (tests/browser) cross every app and are counted apart.

Run from the checkout: python tests/mirror.py"""
import os
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
LAYERS = ["", "domain", "domain/queries", "interfaces", "views", "models", "templatetags",
          "management/commands", "eligibility", "eligibility/rules", "data", "routers"]
WHOLE = {"browser"}


def candidates(name):
    parts = name.split("_")
    for i in range(len(parts), 0, -1):
        stem = "_".join(parts[:i])
        yield stem
        if stem.endswith("s"):
            yield stem[:-1]
        else:
            yield stem + "s"


def mirrors(src_dir, name):
    for stem in candidates(name):
        for layer in LAYERS:
            base = os.path.join(ROOT, src_dir, layer, stem)
            if os.path.isfile(base + ".py") or os.path.isdir(base):
                return os.path.relpath(base, ROOT)
    return None


unmatched, whole = [], []
for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, "tests")):
    dirnames.sort()
    for f in sorted(filenames):
        if not (f.startswith("test_") and f.endswith(".py")):
            continue
        rel = os.path.relpath(os.path.join(dirpath, f), os.path.join(ROOT, "tests"))
        src_dir = os.path.dirname(rel)
        if src_dir.split(os.sep)[0] in WHOLE:
            whole.append(rel)
            continue
        if mirrors(src_dir, f[5:-3]) is None:
            unmatched.append(rel)
total = sum(1 for d, _, fs in os.walk(os.path.join(ROOT, "tests")) for f in fs
            if f.startswith("test_") and f.endswith(".py"))
print(f"test modules: {total}; whole-system suites (tests/browser): {len(whole)}; "
      f"not mirroring a source module: {len(unmatched)}")
for rel in unmatched:
    print("  tests/" + rel)

"""Check an installed Itar wheel, run from outside the checkout (by .ci/run and tests/test_packaging.py).

Loads the seed corpus, every kit lexicon by name and by its documented ``corpus/...`` path,
and a registered corpus through ITAR_DATA (an absolute path), and runs the count command;
fails if ``helpers`` is imported from the checkout instead of the installed package.
Usage: python check_installed.py CHECKOUT_DIR [DATASET]
"""
import subprocess
import sys
from pathlib import Path

import helpers
from helpers import Lexicon, count_terms, load_corpus
from helpers.datasets import kit_lexicons
from helpers.lexicon import as_lexicon

checkout = Path(sys.argv[1]).resolve()
dataset = sys.argv[2] if len(sys.argv) > 2 else "antcorpus"
installed = Path(helpers.__file__).resolve()
assert "site-packages" in installed.parts and checkout not in installed.parents, f"helpers imported from {installed}"
assert checkout not in Path.cwd().resolve().parents and Path.cwd().resolve() != checkout, "run from another folder"

seed = load_corpus("seed")
assert len(seed) >= 1 and seed.loc[0, "text"].strip(), "the seed corpus is empty"
names = sorted(kit_lexicons())
assert {"entities", "frames"} <= set(names), f"kit lexicons: {names}"
for name in names:
    lexicon = as_lexicon(name)
    assert len(lexicon) > 0 and Lexicon.from_csv(f"corpus/lexicons/{name}.csv").labels == lexicon.labels, name
entities = count_terms(seed, "corpus/lexicons/entities.csv")
assert int(entities.to_numpy().sum()) > 0, "no entity found in the seed"
corpus = load_corpus(dataset)
assert len(corpus) > 0, dataset
out = Path("counts.parquet")
done = subprocess.run([sys.executable, "-m", "helpers", "count", "--corpus", "seed", "--lexicon", "frames",
                       "--out", str(out), "--no-progress"], capture_output=True, text=True)
assert done.returncode == 0 and out.is_file(), done.stderr
print(f"installed kit OK: {installed.parent}; seed {len(seed)} article(s), lexicons {', '.join(names)}, "
      f"{dataset} {len(corpus):,} articles")

"""How fast are the voting counts on 100,000 ballots × 10 items, next to pref_voting?

    .venv/bin/python benchmarks/bench_voting.py            # 100,000 ballots × 10 items
    .venv/bin/python benchmarks/bench_voting.py 20000 8    # other sizes

Prints, for Borda, the pairwise matrix (Copeland) and dots: our time (best of
5 runs, ballots already checked), pref_voting's time on the same ballots
(profile already built; building it is printed separately), the ratio, and
whether the scores are identical. The aim: each count under 100 ms and at
least 10× faster than pref_voting. This is a report, not a timed test.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import voting  # noqa: E402


def best_of(fn, runs: int = 5) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def main(n_ballots: int = 100_000, n_items: int = 10) -> None:
    from pref_voting.profiles import Profile

    rng = np.random.default_rng(2024)
    orders = np.argsort(rng.random((n_ballots, n_items)), axis=1)  # best first
    ranks = np.empty_like(orders)
    ranks[np.arange(n_ballots)[:, None], orders] = np.arange(1, n_items + 1)
    dots = np.zeros((n_ballots, n_items), dtype=np.int32)
    dots[np.arange(n_ballots), orders[:, 0]] = 1  # one dot each = plurality in pref_voting
    items = list(range(n_items))

    t_check_rank, ranked = best_of(lambda: voting.Ballots.from_array(ranks, items, kind="rank"), 3)
    t_check_dots, dotted = best_of(lambda: voting.Ballots.from_array(dots, items, dots=1), 3)
    t_profile, prof = best_of(lambda: Profile(orders.tolist()), 1)

    cases = [
        ("Borda", lambda: voting.borda_tally(ranked), lambda: prof.borda_scores()),
        (
            "Copeland",
            lambda: voting.copeland_tally(ranked),
            lambda: prof.copeland_scores(scores=(1, 0.5, 0)),
        ),
        (
            "dots (1 each) / plurality",
            lambda: voting.dot_tally(dotted),
            lambda: prof.plurality_scores(),
        ),
    ]
    print(f"{n_ballots:,} ballots × {n_items} items")
    print(
        f"checking the ballots (not timed below): ranks {t_check_rank * 1000:.0f} ms, "
        f"dots {t_check_dots * 1000:.0f} ms; building the pref_voting Profile: "
        f"{t_profile * 1000:.0f} ms"
    )
    print(f"{'count':28} {'ours':>9} {'pref_voting':>12} {'ratio':>8}  identical  <100ms  ≥10×")
    for name, ours_fn, theirs_fn in cases:
        t_ours, ours = best_of(ours_fn)
        t_theirs, theirs = best_of(theirs_fn, 1)
        same = {int(i): float(p) for i, p in zip(ours["item"], ours["points"], strict=True)} == {
            int(c): float(s) for c, s in theirs.items()
        }
        ratio = t_theirs / t_ours
        print(
            f"{name:28} {t_ours * 1000:7.1f}ms {t_theirs * 1000:10.0f}ms {ratio:7.0f}×  "
            f"{'yes' if same else 'NO':9}  {'yes' if t_ours < 0.1 else 'NO':5}  "
            f"{'yes' if ratio >= 10 else 'NO'}"
        )


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))

"""Actor stance: how each outlet labels each actor, legitimizing vs delegitimizing.

    python examples/plot_actor_stance.py

Uses :func:`framing.actors.actor_profile` (who each loaded term is aimed at) on the
seed articles with the venezuela-2019 lexicon, which lists the actors of the 2019
crisis.  Writes ``examples/img/stance_seeds.png``.  (The news sample is US news, with
hardly any of these actors, so it is not drawn here.)
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from _common import read_seeds, save  # noqa: E402

import framing  # noqa: E402
from framing import plot  # noqa: E402
from framing.actors import actor_profile  # noqa: E402


def main():
    lex = framing.load_lexicon("loaded-language", "venezuela-2019")
    seeds = read_seeds()
    matches = framing.find_matches(seeds, lex)
    profile = actor_profile(matches, by="outlet")  # the outlet's own voice (no quoted speech)
    fig, ax = plt.subplots(figsize=(10, 6.5), layout="constrained")
    plot.plot_actor_stance(profile, ax=ax, lexicon=lex)
    ax.set_title("Who is labelled how? Loaded terms aimed at each actor, outlet's own voice",
                 loc="left", fontsize=13, fontweight="bold")
    save(fig, "stance_seeds.png")


if __name__ == "__main__":
    main()

"""Build the benchmark's data set: ten years of a big working group on top of the demo (bench/load_data.py).

    python bench/generate_load_data.py [--scale S] [--seed N] [--force]

Run from the project root on a migrated database: DATABASE_URL chooses it, DJANGO_SETTINGS_MODULE the settings
(digitutor.settings.local unless set). At --scale 1: 200 members beside the demo's, 400 meetings with their
answers and registers, 20 000 travel claims with lines and receipt files, 5 000 good practices and 1 000
trainings. The same seed gives the same data. A database holding more than the demo is refused unless --force.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="Shrink or grow every count (default 1.0).")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the random choices (default 1).")
    parser.add_argument("--force", action="store_true", help="Add one more data set on top of an earlier one.")
    parser.add_argument(
        "--progress-every", type=int, default=10_000, metavar="ROWS", help="A progress line every ROWS rows (0: none)."
    )
    options = parser.parse_args(argv)
    if options.scale <= 0:
        parser.error("--scale must be above 0")

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digitutor.settings.local")
    import django

    django.setup()
    from bench.load_data import Refused, generate

    try:
        generate(scale=options.scale, seed=options.seed, force=options.force, progress_every=options.progress_every)
    except Refused as refused:
        sys.exit(f"generate_load_data: {refused}")


if __name__ == "__main__":
    main()

"""`flask seed-bench --scale N`."""

import click
from flask.cli import with_appcontext
from flask_migrate import upgrade

from .generate import counts, seed


@click.command("seed-bench")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=1.0,
              show_default=True, help="1 = 100,000 resources, 20,000 events, 50,000 notes…")
@click.option("--seed", "seed_value", type=int, default=7, show_default=True,
              help="Random seed: the same seed and scale give the same data.")
@click.option("--upgrade/--no-upgrade", "run_upgrade", default=True, show_default=True,
              help="Bring the schema up to date first.")
@with_appcontext
def seed_bench(scale, seed_value, run_upgrade):
    """Fill the database with synthetic data at scale (for load measurements).

    Adds to what is there (the demo portal first); meant for an empty database."""
    if run_upgrade:
        upgrade()
    click.echo(", ".join(f"{number} {name}" for name, number in counts(scale).items()))
    seed(scale, seed_value)

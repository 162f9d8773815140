"""`flask --app rmn_portal notes redact | purge`."""

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import db


@click.group("notes")
def notes_group():
    """Notes on refugee needs: the anonymiser and the draft purge."""


@notes_group.command("redact")
@click.option("--jsonl", is_flag=True,
              help='Read JSON lines {"id", "lang", "text"}; write {"id", "redacted", '
                   '"findings"} lines, one at a time.')
@click.option("--lang", type=click.Choice(["en", "sr", "sr-Cyrl"]), default=None,
              help="Language of the text (guessed when left out).")
def redact_command(jsonl, lang):
    """Redact personal data from standard input to standard output."""
    stdin = click.open_file("-", "r", encoding="utf-8")
    stdout = click.open_file("-", "w", encoding="utf-8")
    if jsonl:
        from .anonymise.jsonl import redact_stream

        for line in redact_stream(stdin):
            stdout.write(line if line.endswith("\n") else line + "\n")
            stdout.flush()  # streaming: a reader downstream sees each line at once
        return
    from .anonymise import redact

    stdout.write(redact(stdin.read(), lang).redacted)


@notes_group.command("purge")
@click.option("--days", type=click.IntRange(min=1), default=None,
              help="Age in days (default: RMN_NOTE_DRAFT_DAYS, 30).")
@with_appcontext
def purge_command(days):
    """Erase unpublished notes that nobody has touched for a while."""
    from .services import purge_stale_drafts

    days = days or int(current_app.config["NOTE_DRAFT_DAYS"])
    erased = purge_stale_drafts(days)
    db.session.commit()
    click.echo(f"Erased {erased} unpublished note(s) untouched for {days} days.")

"""Command-line tools: `flask --app rmn_portal <command>`.

Feature packages add their own commands from their `init_app`.
"""

import os
import re
import sys
from pathlib import Path

import click
from email_validator import EmailNotValidError, validate_email
from flask import Flask
from flask.cli import with_appcontext

from . import backup as backups
from . import storage
from .accounts import services as accounts
from .accounts.models import Role
from .db import db
from .errors import ServiceError
from .orgs import services as orgs
from .orgs.forms import SLUG_PATTERN
from .orgs.models import COUNTRIES


def init_app(app: Flask) -> None:
    app.cli.add_command(create_org)
    app.cli.add_command(create_user)
    app.cli.add_command(seed_demo)
    app.cli.add_command(send_mail)
    app.cli.add_command(storage_group)
    app.cli.add_command(backup)
    app.cli.add_command(restore)
    # Imported here: the generator imports every feature's models.
    from .benchdata.cli import seed_bench

    app.cli.add_command(seed_bench)


def _fail(message: str) -> None:
    raise click.ClickException(message)


@click.command("create-org")
@click.argument("name")
@click.option("--country", required=True, help="ISO code: " + ", ".join(COUNTRIES))
@click.option("--slug", required=True, help="Lower-case address name, e.g. iris-collective")
@click.option("--short-name", default=None, help="Defaults to the name (first 40 characters)")
@click.option("--city", default="")
@with_appcontext
def create_org(name, country, slug, short_name, city):
    """Create a member organisation."""
    country = country.upper()
    if country not in COUNTRIES:
        _fail(f"Unknown country {country!r}; use one of {', '.join(COUNTRIES)}.")
    if not re.fullmatch(SLUG_PATTERN, slug) or len(slug) > 60:
        _fail("The slug must be lower-case letters, digits and single hyphens (max 60).")
    if not name.strip():
        _fail("The name must not be empty.")
    try:
        org = orgs.create_organisation(None, name=name.strip(),
                                       short_name=(short_name or name)[:40].strip(), slug=slug,
                                       country=country, city=city)
    except ServiceError as error:
        _fail(error.message)
    db.session.commit()
    click.echo(f"Created organisation {org.name} ({org.slug}).")


@click.command("create-user")
@click.argument("email")
@click.option("--org", "org_slug", required=True, help="Slug of the user's organisation")
@click.option("--role", type=click.Choice([role.value for role in Role]), default="member",
              show_default=True)
@click.option("--name", required=True)
@with_appcontext
def create_user(email, org_slug, role, name):
    """Create an account. The password comes from RMN_PASSWORD or a prompt."""
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        _fail(f"Not a valid e-mail address: {error}")
    org = orgs.by_slug(org_slug)
    if org is None:
        _fail(f"No organisation with the slug {org_slug!r}.")
    password = os.environ.get("RMN_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True)
    try:
        user = accounts.create_user(email, name, org, Role(role), password)
    except ServiceError as error:
        _fail(error.message)
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email} in {org.slug}.")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only when the portal has no organisations yet")
@with_appcontext
def seed_demo(if_empty):
    """Fill the portal with fictional demo data (safe to run again)."""
    from .demo import portal_is_empty, seed_all

    if if_empty and not portal_is_empty():
        click.echo("The portal already has data; demo data not added.")
        return
    created = seed_all()
    db.session.commit()
    click.echo(f"Demo data ready ({created} new organisations and accounts).")


@click.command("send-mail")
@click.option("--limit", default=100, show_default=True)
@with_appcontext
def send_mail(limit):
    """Deliver queued e-mail from the outbox (retrying failures later)."""
    from .notify.services import deliver_pending

    sent, failed = deliver_pending(limit)
    click.echo(f"Sent {sent} message(s); {failed} failed and will be retried.")
    if failed:
        sys.exit(1)


@click.group("storage")
def storage_group():
    """Uploaded files."""


@storage_group.command("gc")
@click.option("--dry-run", is_flag=True, help="Only report what would be removed")
@click.option("--grace", default=storage.ORPHAN_GRACE_SECONDS, show_default=True,
              help="Leave files younger than this many seconds (uploads in flight)")
@with_appcontext
def storage_gc(dry_run, grace):
    """Remove stored files without a database row; report rows without files."""
    report = storage.collect_garbage(dry_run=dry_run, grace_seconds=grace)
    verb = "Would remove" if dry_run else "Removed"
    click.echo(f"{verb} {len(report.removed_files)} orphaned file(s) and "
               f"{len(report.removed_tmp)} temporary file(s).")
    if report.missing_files:
        click.echo(f"{len(report.missing_files)} file row(s) have no stored bytes: ids "
                   + ", ".join(map(str, report.missing_files)), err=True)
        sys.exit(1)


@click.command("backup")
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@with_appcontext
def backup(directory):
    """Write a consistent snapshot of the database and the uploads, with checksums.

    DIRECTORY must be new or empty (default: RMN_INSTANCE_PATH/backups/rmn-<time>)."""
    target = Path(directory) if directory else backups.default_dir()
    try:
        manifest = backups.create(target)
    except backups.BackupError as error:
        _fail(str(error))
    rows = sum(manifest["database"]["row_counts"].values())
    uploads = sum(1 for name in manifest["files"] if name.startswith("uploads/"))
    click.echo(f"Backup written to {target}: {rows} rows in "
               f"{len(manifest['database']['row_counts'])} tables, {uploads} uploaded file(s).")
    if manifest["missing_uploads"]:
        click.echo(f"{len(manifest['missing_uploads'])} file row(s) had no stored bytes "
                   "(see missing_uploads in the manifest).", err=True)
        sys.exit(1)


@click.command("restore")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--force", is_flag=True, help="Replace a database that already has tables")
@with_appcontext
def restore(directory, force):
    """Rebuild the database and uploads from a backup (checksums are verified first).

    Stop the app servers first; run `db upgrade` afterwards when the code is newer."""
    try:
        manifest = backups.restore(Path(directory), force=force)
    except backups.BackupError as error:
        _fail(str(error))
    rows = sum(manifest["database"]["row_counts"].values())
    click.echo(f"Restored {rows} rows and "
               f"{sum(1 for name in manifest['files'] if name.startswith('uploads/'))} "
               f"uploaded file(s) from {directory} (taken {manifest['created_at']}).")

"""The `heathub` command: serve the app, load the demo, manage frameworks, analyse data."""

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from heathub.analyse_cli import analyse_app

app = typer.Typer(
    help="heathub: HEAT assessments, evidence, audit and training.", no_args_is_help=True
)
frameworks_app = typer.Typer(
    help="HEAT framework versions (question sets held as YAML files).", no_args_is_help=True
)
app.add_typer(frameworks_app, name="frameworks")
app.add_typer(analyse_app, name="analyse")
console = Console()


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heathub.settings")
    import django

    django.setup()


@app.command()
def migrate() -> None:
    """Create or update the database tables."""
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
) -> None:
    """Serve the app for local use (Django's development server; use gunicorn in production)."""
    setup_django()
    from django.core.management import call_command

    call_command("runserver", f"{host}:{port}", use_reloader=False)


@app.command()
def demo() -> None:
    """Load the demo: the 11 Midlands ICBs, example organisations and people, the HEAT framework."""
    setup_django()
    from heathub.frameworks.loader import ensure_default_framework
    from heathub.orgs.demo import DEMO_PASSWORD, load_demo_organisations

    framework = ensure_default_framework()
    console.print(f"HEAT framework: {framework} ({framework.get_wording_display().lower()})")
    people = load_demo_organisations()
    from heathub.assessments.demo import load_example_assessment

    example = load_example_assessment()
    console.print(f"Example assessment: {example.title} ({example.organisation}, labelled Example)")
    table = Table(title=f"Demo sign-ins (password for all: {DEMO_PASSWORD})")
    for column in ("Email", "Who", "Organisation", "Role"):
        table.add_column(column)
    for p in people:
        grants = ", ".join(
            g for g, on in (("mentor", p.is_mentor), ("programme lead", p.is_programme_lead)) if on
        )
        table.add_row(
            p.email,
            f"{p.full_name}, {p.job_title}",
            p.organisation,
            p.role.label + (f" ({grants})" if grants else ""),
        )
    console.print(table)


@app.command()
def createadmin(
    email: Annotated[str, typer.Option(prompt=True, help="Email address to sign in with")],
    full_name: Annotated[str, typer.Option(prompt=True, help="The person's full name")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True, hide_input=True, confirmation_prompt=True, envvar="HEATHUB_ADMIN_PASSWORD"
        ),
    ],
) -> None:
    """Create a site admin (may use /admin/ and give grants)."""
    setup_django()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from heathub.accounts.models import User

    if User.objects.filter(email__iexact=email).exists():
        console.print(f"[red]A person with the email {email} already exists.[/red]")
        raise typer.Exit(1)
    try:
        validate_password(password)
    except ValidationError as error:
        console.print("[red]Password refused:[/red] " + " ".join(error.messages))
        raise typer.Exit(1) from None
    User.objects.create_superuser(email, password, full_name=full_name)
    console.print(f"Site admin {email} created.")


@frameworks_app.command("load")
def frameworks_load(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="A framework YAML file")
    ],
) -> None:
    """Check a framework file and load it as a new version. A bad file is refused whole."""
    setup_django()
    from heathub.frameworks.loader import FrameworkFileError, load_framework_file

    try:
        version = load_framework_file(file)
    except FrameworkFileError as error:
        console.print(f"[red]Not loaded.[/red] {error}")
        raise typer.Exit(1) from None
    console.print(f"Loaded {version} ({version.stages.count()} stages).")


@app.command("send-reminders")
def send_reminders(
    today: Annotated[
        str | None,
        typer.Option(help="Act as if today were this date (YYYY-MM-DD); for catching up"),
    ] = None,
) -> None:
    """Email the date-driven reminders (review due in 30 days, action overdue). Run it daily from
    cron; a reminder already sent is never sent again."""
    import datetime

    setup_django()
    from heathub.assessments.notifications import send_reminders as send

    day = None
    if today:
        try:
            day = datetime.date.fromisoformat(today)
        except ValueError:
            console.print(f"[red]--today {today!r}: expected a date like 2026-11-25[/red]")
            raise typer.Exit(2) from None
    run = send(day)
    console.print(
        f"Sent {run.review_due} review-due and {run.action_overdue} overdue-action reminders "
        f"({run.skipped} already sent or to try again)."
    )

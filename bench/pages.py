"""Page latency under load: gunicorn on PostgreSQL with a realistic volume, 20 simulated people.

    .venv/bin/python bench/pages.py [--users 20] [--requests 30] [--workers 5]

- Data: 500 organisations, 5,000 assessments (10 each) with answers and actions, in a fresh
  PostgreSQL database (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432; the
  database heathub_bench_<pid> is created and dropped).
- Server: gunicorn, `--workers` sync workers (default 5 = 2 x 2 cores + 1, gunicorn's rule of
  thumb), DEBUG off, static files collected first.
- Load: each simulated person signs in, warms up (one unmeasured visit to each page, so every
  worker has compiled its templates), then loops over their own assessment: the task list, a
  question page, and "Save and come back later" on that question, waiting 1 s between requests,
  for a fixed number of requests. Prints p50/p95 latency per kind and requests per second.
- Queries per page: counted in-process for the same pages on a small assessment and on a large one
  (many answers, actions and groups) and for lists of 1 and 50 assessments, so growth shows.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
console = Console()
PASSWORD = "bench-password-2026"  # noqa: S105 (bench accounts only)
ORGANISATIONS = 500
ASSESSMENTS_PER_ORG = 10


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_url() -> str:
    return os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres").rsplit(
        "/", 1
    )[0]


def psql(sql: str) -> None:
    parts = urllib.parse.urlsplit(server_url())
    subprocess.run(
        [
            *("psql", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)),
            *("-U", parts.username or "postgres", "-qc", sql),
        ],
        check=True,
    )


def child(step: str, environment: dict[str, str]) -> str:
    """Run one step of this file in a child process that has the bench's environment."""
    result = subprocess.run(
        [str(BIN / "python"), __file__, "--child", step],
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def seed_here() -> None:
    """Migrate and load the volume (runs in the child process)."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from heathub.accounts.models import User
    from heathub.assessments.models import Action, Answer, Assessment, Status, Subject
    from heathub.frameworks.loader import ensure_default_framework
    from heathub.orgs.models import Membership, Organisation, OrganisationType, Role

    call_command("migrate", verbosity=0)
    framework = ensure_default_framework()
    password = make_password(PASSWORD)
    types = list(OrganisationType)
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Bench organisation {i:03d}", type=types[i % len(types)])
        for i in range(ORGANISATIONS)
    )
    users = User.objects.bulk_create(
        User(
            email=f"person{i:03d}@bench.nhs.net",
            full_name=f"Bench Person {i:03d}",
            password=password,
        )
        for i in range(ORGANISATIONS)
    )
    Membership.objects.bulk_create(
        Membership(user=u, organisation=o, role=Role.EDITOR)
        for u, o in zip(users, orgs, strict=True)
    )
    today = datetime.date.today()
    assessments = Assessment.objects.bulk_create(
        Assessment(
            title=f"Bench assessment {o.pk}-{j}",
            subject=Subject.PROJECT,
            organisation=o,
            owner=u,
            framework_version=framework,
            status=Status.DRAFT,
        )
        for u, o in zip(users, orgs, strict=True)
        for j in range(ASSESSMENTS_PER_ORG)
    )
    keys = ["prepare.scope", "assess.inequalities", "assess.drivers", "refine.opportunities"]
    Answer.objects.bulk_create(
        Answer(
            assessment=a,
            question_key=k,
            value={"text": "A realistic paragraph. " * 20},
            version=1,
            updated_by=a.owner,
        )
        for a in assessments
        for k in keys
    )
    Action.objects.bulk_create(
        Action(
            assessment=a,
            description="Run outreach clinics in the most deprived wards",
            owner_user=a.owner,
            due_on=today + datetime.timedelta(days=30 + i),
        )
        for a in assessments
        for i in range(3)
    )
    print(Assessment.objects.order_by("pk").values_list("pk", flat=True).first())


@dataclass
class Person:
    host: str
    port: int
    email: str
    cookies: dict[str, str] = field(default_factory=dict)
    timings: list[tuple[str, float, int]] = field(default_factory=list)
    form: dict[str, str] = field(default_factory=dict)
    last_status: int = 0
    last_elapsed: float = 0.0

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> str:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        payload = None
        if body is not None:
            payload = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        started = time.perf_counter()
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        self.last_status = response.status
        self.last_elapsed = elapsed
        return text

    def timed(self, kind: str, method: str, path: str, body: dict[str, str] | None = None) -> str:
        text = self.request(method, path, body)
        self.timings.append((kind, self.last_elapsed, self.last_status))
        return text

    def sign_in(self) -> None:
        page = self.request("GET", "/sign-in")
        token = input_value(page, "csrfmiddlewaretoken")
        self.request(
            "POST",
            "/sign-in",
            {"csrfmiddlewaretoken": token, "email": self.email, "password": PASSWORD},
        )
        assert self.last_status == 302, f"sign-in failed for {self.email}: {self.last_status}"


def input_value(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field on the page"
    return found[1]


def run_person(person: Person, assessment_pk: int, requests: int) -> None:
    person.sign_in()
    task_list = f"/assessments/{assessment_pk}/"
    question = f"/assessments/{assessment_pk}/questions/prepare.scope"
    # Not measured: each gunicorn worker compiles the Jinja templates on its first render of a
    # page (about 1 s); a long-running server pays that once per worker, not per request.
    person.request("GET", task_list)
    person.request("GET", question)
    done = 0
    while done < requests:
        for kind in ("task list", "question page", "answer save"):
            if done >= requests:
                break
            if kind == "task list":
                person.timed(kind, "GET", task_list)
            elif kind == "question page":
                page = person.timed(kind, "GET", question)
                person.form = {
                    "csrfmiddlewaretoken": input_value(page, "csrfmiddlewaretoken"),
                    "version": input_value(page, "version"),
                }
            else:
                body = {**person.form, "text": f"Saved at {time.time():.3f}. " * 30}
                person.timed(kind, "POST", question, body)
            done += 1
            time.sleep(1)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def count_queries_here() -> None:
    """Queries per page for a small and a large assessment (runs in the child process)."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from heathub.assessments.models import Action, Assessment

    small = Assessment.objects.order_by("pk").first()
    large = Assessment.objects.order_by("pk").last()
    assert small is not None
    assert large is not None
    Action.objects.bulk_create(
        Action(
            assessment=large,
            description=f"Extra action {i}",
            owner_user=large.owner,
            due_on=datetime.date.today() + datetime.timedelta(days=i),
        )
        for i in range(40)
    )
    save = {"version": "1", "text": "A new paragraph."}
    pages = [
        ("task list, 4 answers, 3 actions", small, "", "GET"),
        ("task list, 4 answers, 43 actions", large, "", "GET"),
        ("question page (small)", small, "questions/prepare.scope", "GET"),
        ("question page (large)", large, "questions/prepare.scope", "GET"),
        ("answer save (small)", small, "questions/prepare.scope", "POST"),
        ("answer save (large)", large, "questions/prepare.scope", "POST"),
    ]
    for label, assessment, tail, method in pages:
        client = Client()
        client.force_login(assessment.owner)
        path = f"/assessments/{assessment.pk}/{tail}"
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path) if method == "GET" else client.post(path, save)
        print(f"{label}|{response.status_code}|{len(ctx)}")
    for label, path in [
        ("my assessments (10 of 5,000)", "/assessments/"),
        ("organisation list (10)", f"/assessments/organisation/{large.organisation_id}/"),
    ]:
        client = Client()
        client.force_login(large.owner)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        print(f"{label}|{response.status_code}|{len(ctx)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30, help="requests per person")
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--child", choices=["seed", "count-queries"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "seed":
        return seed_here()
    if args.child == "count-queries":
        return count_queries_here()

    database = f"heathub_bench_{os.getpid()}"
    data_dir = tempfile.mkdtemp(prefix="heathub-bench-")
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": f"{server_url()}/{database}",
        "DJANGO_SETTINGS_MODULE": "heathub.settings",
        "SECRET_KEY": "bench-only-secret-key",
        "DEBUG": "false",
        "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HEATHUB_DATA_DIR": data_dir,
        "LOG_LEVEL": "WARNING",
        "AXES_ENABLED": "false",
    }
    psql(f"CREATE DATABASE {database}")
    server = None
    try:
        with console.status("Loading 500 organisations and 5,000 assessments"):
            first_pk = int(child("seed", environment))
            subprocess.run(
                [str(BIN / "python"), "-m", "django", "collectstatic", "--noinput", "-v0"],
                env=environment,
                check=True,
            )
        queries = child("count-queries", {**environment, "ALLOWED_HOSTS": "testserver"})
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "heathub.wsgi",
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=environment,
        )
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        people = [
            Person("127.0.0.1", port, f"person{i:03d}@bench.nhs.net") for i in range(args.users)
        ]
        started = time.perf_counter()
        threads = [
            threading.Thread(
                target=run_person,
                args=(p, first_pk + i * ASSESSMENTS_PER_ORG, args.requests),
            )
            for i, p in enumerate(people)
        ]
        with console.status(f"{args.users} people, {args.requests} requests each, 1 s apart"):
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        wall = time.perf_counter() - started
    finally:
        if server is not None:
            server.terminate()
            server.wait()
        psql(f"DROP DATABASE IF EXISTS {database}")

    timings = [t for p in people for t in p.timings]
    errors = [t for t in timings if t[2] >= 400]
    table = Table(
        title=f"bench/pages.py: gunicorn {args.workers} workers, PostgreSQL, "
        f"{ORGANISATIONS} organisations, {ORGANISATIONS * ASSESSMENTS_PER_ORG} assessments"
    )
    for column in ("page", "requests", "p50 ms", "p95 ms", "max ms"):
        table.add_column(column, justify="right" if column != "page" else "left")
    for kind in ("task list", "question page", "answer save", "all"):
        values = [t[1] * 1000 for t in timings if kind == "all" or t[0] == kind]
        table.add_row(
            kind,
            str(len(values)),
            f"{statistics.median(values):.0f}",
            f"{percentile(values, 95):.0f}",
            f"{max(values):.0f}",
        )
    console.print(table)
    console.print(
        f"{len(timings)} requests in {wall:.1f} s: {len(timings) / wall:.1f} requests/s "
        f"(each person waits 1 s between requests); {len(errors)} errors"
    )
    queries_table = Table(title="Database queries per page (in-process, same data)")
    for column in ("page", "status", "queries"):
        queries_table.add_column(column)
    for line in queries.strip().splitlines():
        queries_table.add_row(*line.split("|"))
    console.print(queries_table)
    console.print(f"{datetime.date.today()}, {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

"""The benchmark: every main page under gunicorn with production settings, next to a page that does nothing.

    make bench                                  # both databases, the full data set (builds it the first time)
    .venv/bin/python bench/run.py --database sqlite --scale 0.1 --duration 5

For each database it builds the ten-year data set once (bench/generate_load_data.py), starts gunicorn with
digitutor.settings.production, logs in over HTTP as a member and as the treasurer (with her TOTP code), and
loads each page with wrk (20 connections) right after the floor, /bench/floor/: the same middleware, session
and login check, and no work; a page's share of the floor is against the floor loaded just before it (the machine's
speed drifts over a run). Nothing is cached: every request draws its page. Beside the load figures, each page
is drawn one request at a time in this process (its milliseconds and queries), and so is the floor.
It also streams the payment export of every claim, and weighs each page as a first and a repeat visit. The
tables go into bench/RESULTS.md between the markers; the notes around them are written by hand.
"""

import argparse
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "RESULTS.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://digitutor:digitutor@127.0.0.1:5432/digitutor_bench")
MEMBER_EMAIL = "aija.ameer@example.org"
TREASURER_EMAIL = "talous@example.org"
FULL_SIZE_CLAIMS = 20_000

# (name, who, kind, how to find the path); the targets of issue 13 by kind, below.
PAGES = [
    ("front page (dashboard)", "member", "detail", lambda ids: "/"),
    ("meetings", "member", "list", lambda ids: "/meetings/"),
    ("meeting", "member", "detail", lambda ids: f"/meetings/{ids['meeting']}/"),
    ("action day", "member", "detail", lambda ids: f"/action-day/{ids['year']}/"),
    ("calendar subscription", "member", "detail", lambda ids: "/meetings/calendar/"),
    ("my claims", "member", "list", lambda ids: "/claims/"),
    ("claim", "member", "detail", lambda ids: f"/claims/{ids['claim']}/"),
    ("new claim form", "member", "form", lambda ids: "/claims/new/"),
    ("plan", "member", "detail", lambda ids: f"/plan/{ids['year']}/"),
    ("goals", "member", "detail", lambda ids: f"/goals/{ids['year']}/"),
    ("report", "member", "detail", lambda ids: f"/report/{ids['year']}/"),
    ("good practices", "member", "list", lambda ids: "/practices/"),
    ("good practice", "member", "detail", lambda ids: f"/practices/{ids['practice']}/"),
    ("new practice form", "member", "form", lambda ids: "/practices/new/"),
    ("trainings", "member", "list", lambda ids: "/trainings/"),
    ("members", "member", "list", lambda ids: "/members/"),
    ("member", "member", "detail", lambda ids: f"/members/{ids['member']}/"),
    ("profile form", "member", "form", lambda ids: "/profile/"),
    ("front page (treasurer)", "treasurer", "detail", lambda ids: "/"),
    ("claims to decide", "treasurer", "list", lambda ids: "/claims/queue/"),
    ("claim to decide", "treasurer", "detail", lambda ids: f"/claims/queue/{ids['queue_claim']}/"),
    ("payment batches", "treasurer", "list", lambda ids: "/claims/payments/"),
    ("admin: travel claims", "treasurer", "admin", lambda ids: "/admin/claims/travelclaim/"),
]
FLOOR = "/bench/floor/"
# Throughput as a share of the floor's, and the 95th percentile latency at 20 connections (ms).
TARGET = {"detail": 0.33, "form": 0.33, "list": 0.25, "admin": 0.15}
P95_TARGET = {"detail": 150, "form": 150, "list": 200, "admin": 300}


# The orchestrator --------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=["postgresql", "sqlite", "both"], default="both")
    parser.add_argument("--scale", type=float, default=1.0, help="Size of the data set (1.0 = ten years, full).")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per page.")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes.")
    parser.add_argument("--rebuild", action="store_true", help="Build the data set again even if it exists.")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one database in a child process
    options = parser.parse_args()
    if options.one:
        return measure_one(options)

    ensure_wrk()
    VAR.mkdir(parents=True, exist_ok=True)
    databases = ["postgresql", "sqlite"] if options.database == "both" else [options.database]
    results = {}
    for database in databases:
        out = VAR / f"results-{database}.json"
        arguments = [PYTHON, __file__, "--one", database, "--scale", str(options.scale)]
        arguments += ["--duration", str(options.duration), "--connections", str(options.connections)]
        arguments += ["--workers", str(options.workers)] + (["--rebuild"] if options.rebuild else [])
        subprocess.run(arguments, check=True, env=environment_for(database))
        results[database] = json.loads(out.read_text())
    write_results(results, options)
    print(f"Results written to {RESULTS.relative_to(ROOT)}")


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (apt-get install wrk)")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)
        return
    sys.exit("wrk is missing: install it (apt-get install wrk) and run again.")


def environment_for(database):
    """Production settings on the bench's own database and upload folder, with the floor page turned on."""
    url = POSTGRES_URL if database == "postgresql" else f"sqlite:///{VAR / 'bench.sqlite3'}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "digitutor.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(VAR / f"media-{database}"),
        "STATIC_ROOT": str(VAR / "static"),
        "BENCHMARK_FLOOR": "true",
        "EMAIL_URL": "consolemail://",
        "PYTHONPATH": str(ROOT),
    }


# One database, in a child process with Django set up -------------------------------------------------------------


def measure_one(options):
    import django

    django.setup()
    database = options.one
    build_seconds = prepare_data(database, options)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True)
    ids, secret = fixtures_for_pages()
    port = free_port()
    server = start_gunicorn(port, options.workers)
    try:
        sessions = {
            "member": log_in(port, MEMBER_EMAIL),
            "treasurer": log_in(port, TREASURER_EMAIL, totp_secret=secret),
        }
        rows = []
        floors = {who: {**drawing_costs(FLOOR, who), "loads": []} for who in sessions}
        for name, who, kind, path_for in PAGES:
            path = path_for(ids)
            # The floor loaded right before each page, so that page and floor meet the machine as it is then: one
            # floor for the whole run made every ratio of the run hang on the same few seconds of load.
            floor = load(port, FLOOR, sessions[who], options)
            floors[who]["loads"].append(floor)
            result = load(port, path, sessions[who], options)
            result.update(
                name=name,
                who=who,
                kind=kind,
                path=path,
                **drawing_costs(path, who),
                floor_rps=floor["rps"],
                ratio=result["rps"] / floor["rps"],
                target=TARGET[kind],
                p95_target=P95_TARGET[kind],
                weight=page_weight(port, path, sessions[who]),
            )
            rows.append(result)
            print(
                f"  {name:28} {result['rps']:7.1f} req/s  {result['ratio']:.2f} x floor ({floor['rps']:.0f} req/s)  "
                f"p95 {result['p95']:.0f} ms"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = {
        "database": database,
        "server_version": server_version(),
        "data": data_counts(),
        "build_seconds": build_seconds,
        "floors": floors,
        "pages": rows,
        "export": measure_export(),
    }
    (VAR / f"results-{database}.json").write_text(json.dumps(report, indent=2))


def manage(*arguments):
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, check=True)


def prepare_data(database, options):
    """Build the data set unless a big enough one is there already; returns the seconds it took, or None."""
    from django.db import connection

    from meetings.claims.models import TravelClaim

    wanted = int(FULL_SIZE_CLAIMS * options.scale)
    try:
        have = TravelClaim.objects.count()
    except Exception:  # no database or no tables yet
        have = 0
    connection.close()
    if have >= wanted * 0.9 and not options.rebuild:
        print(f"{database}: using the existing data set ({have} claims)")
        manage("migrate", "--noinput", "-v0")  # the code may have new migrations since the data set was built
        gather_statistics()  # and the earlier runs' sessions and logins since it was last analysed
        return None
    print(f"{database}: building the data set (scale {options.scale})")
    if database == "postgresql":
        recreate_postgres_database()
    else:
        (VAR / "bench.sqlite3").unlink(missing_ok=True)
    shutil.rmtree(VAR / f"media-{database}", ignore_errors=True)
    started = time.perf_counter()
    manage("migrate", "--noinput", "-v0")
    generator = ROOT / "bench" / "generate_load_data.py"
    subprocess.run([PYTHON, generator, "--scale", str(options.scale)], cwd=ROOT, check=True)
    gather_statistics()
    return time.perf_counter() - started


def gather_statistics():
    """VACUUM ANALYZE before the pages are loaded, as PostgreSQL's manual asks after a bulk load ("Populating a
    Database": run ANALYZE afterwards). A production database has autovacuum do it in the background; this server runs
    with autovacuum off, so without it the planner guesses every table's size and index-only scans read the whole
    table (a few seconds for the ten years). SQLite's planner keeps no statistics unless asked (ANALYZE), and a
    portal on SQLite is not asked: left as it runs."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:  # Django's autocommit: VACUUM cannot run inside a transaction
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def recreate_postgres_database():
    import psycopg2

    url = urllib.parse.urlparse(POSTGRES_URL)
    name = url.path.lstrip("/")
    maintenance = psycopg2.connect(
        dbname="postgres", user=url.username, password=url.password, host=url.hostname, port=url.port or 5432
    )
    maintenance.autocommit = True
    with maintenance.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    maintenance.close()


def fixtures_for_pages():
    """The objects the pages show, and a TOTP secret for the treasurer (production requires two-factor)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from goals.models import GoodPractice, Plan
    from meetings.claims.models import ClaimStatus, TravelClaim
    from meetings.models import Meeting
    from members.models import User

    member = User.objects.get(email=MEMBER_EMAIL)
    treasurer = User.objects.get(email=TREASURER_EMAIL)
    claims = TravelClaim.objects.filter(member__user=member)
    ids = {
        "year": Plan.objects.order_by("-year").values_list("year", flat=True).first(),
        "meeting": Meeting.objects.order_by("-starts_at").values_list("pk", flat=True).first(),
        "claim": claims.order_by("-pk").values_list("pk", flat=True).first(),
        "queue_claim": TravelClaim.objects.filter(status=ClaimStatus.SUBMITTED).values_list("pk", flat=True).first(),
        "practice": GoodPractice.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "member": member.member.pk,
    }
    missing = [key for key, value in ids.items() if value is None]
    if missing:
        sys.exit(f"The data set has nothing for: {', '.join(missing)}")
    Authenticator.objects.filter(user=treasurer, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(treasurer, secret)
    return ids, secret


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, workers):
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "digitutor.wsgi", f"--bind=127.0.0.1:{port}", f"--workers={workers}"]
        + ["--log-level=warning", "--forwarded-allow-ips=127.0.0.1"],
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)  # polling for readiness, not timing anything
    server.terminate()
    sys.exit("gunicorn did not answer /healthz within a minute")


def request(port, method, path, cookies=None, form=None, encoding=None):
    """One HTTP request as the HTTPS proxy would pass it on; returns (status, headers, body)."""
    headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{port}"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in cookies.items())
    if encoding:
        headers["Accept-Encoding"] = encoding
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = f"https://127.0.0.1:{port}{path}"
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def remember_cookies(cookies, headers):
    """Keeps what the server sets and forgets what it deletes, as a browser does."""
    for header in headers.get_all("Set-Cookie") or []:
        for key, morsel in SimpleCookie(header).items():
            if morsel["max-age"] == "0":
                cookies.pop(key, None)
            else:
                cookies[key] = morsel.value


def post_form(port, path, cookies, fields):
    status, headers, body = request(port, "GET", path, cookies)
    remember_cookies(cookies, headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    status, headers, _body = request(port, "POST", path, cookies, form={"csrfmiddlewaretoken": token, **fields})
    remember_cookies(cookies, headers)
    return status, headers.get("Location", "")


def log_in(port, email, totp_secret=None):
    """A real login through allauth's forms (and its two-factor step); returns the session's cookies."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from digitutor.settings.base import env

    cookies = {}
    status, location = post_form(
        port, "/accounts/login/", cookies, {"login": email, "password": env("DEMO_PASSWORD", default="digitutor-demo")}
    )
    if "/2fa/authenticate" in location:
        code = format_hotp_value(hotp_value(totp_secret, next(yield_hotp_counters_from_time())))
        status, location = post_form(port, "/accounts/2fa/authenticate/", cookies, {"code": code})
    from django.conf import settings

    if status != 302 or settings.SESSION_COOKIE_NAME not in cookies or "login" in location:
        sys.exit(f"Could not log in as {email}: {status} -> {location}")
    # Follow the redirect as a browser would: the front page shows "logged in" once and deletes the message
    # cookie, which would otherwise ride along on every measured request and put that message on every page.
    status, headers, _body = request(port, "GET", location, cookies)
    remember_cookies(cookies, headers)
    if request(port, "GET", FLOOR, cookies)[0] != 200:
        sys.exit(f"{email} is logged in but the floor page does not answer 200")
    return cookies


def load(port, path, cookies, options):
    """wrk against one page; refuses a page that does not answer 200 to begin with."""
    status, _headers, _body = request(port, "GET", path, cookies)
    if status != 200:
        sys.exit(f"{path} answered {status}, not 200")
    cookie = "; ".join(f"{key}={value}" for key, value in cookies.items())
    arguments = ["wrk", "--threads=2", f"--connections={options.connections}", f"--duration={options.duration}s"]
    arguments += ["--timeout=10s", f"--script={ROOT / 'bench' / 'report.lua'}"]
    arguments += ["-H", f"Cookie: {cookie}", "-H", "X-Forwarded-Proto: https"]
    output = subprocess.run([*arguments, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True)
    result = json.loads(output.stdout.strip().splitlines()[-1])
    if result["non_2xx"] or result["socket_errors"]:
        sys.exit(f"{path}: {result['non_2xx']} answers were not 2xx, {result['socket_errors']} socket errors")
    return result


def drawing_costs(path, who):
    """The queries and the milliseconds (median of 7) of drawing the page, one request at a time, in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from members.models import User

    client = Client()
    client.force_login(User.objects.get(email=MEMBER_EMAIL if who == "member" else TREASURER_EMAIL))
    client.get(path, secure=True)  # the first request fills per-process caches (ContentTypes, sites)
    with CaptureQueriesContext(connection) as drawn:
        response = client.get(path, secure=True)
    assert response.status_code == 200, (path, response.status_code)
    queries = len(drawn)  # now: the next request empties the log the context reads from
    timings = []
    for _ in range(7):
        started = time.perf_counter()
        client.get(path, secure=True)
        timings.append((time.perf_counter() - started) * 1000)
    return {"queries": queries, "drawn_ms": statistics.median(timings)}


ASSET = re.compile(rb'<(?:link[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"')
CSS_URL = re.compile(rb"url\(['\"]?([^'\")]+)['\"]?\)")


def page_weight(port, path, cookies):
    """Bytes on the wire for a first visit (page and every asset, compressed as served) and a repeat visit."""
    status, headers, html = request(port, "GET", path, cookies, encoding="br, gzip")
    html_wire = len(html)
    html_gzip = len(gzip.compress(html, 6)) if headers.get("Content-Encoding") is None else len(html)
    assets, queue, other_hosts, uncached = {}, [m.decode() for m in ASSET.findall(html)], [], []
    while queue:
        url = urllib.parse.urljoin(path, queue.pop())
        parts = urllib.parse.urlsplit(url)
        if parts.scheme == "data":
            continue
        if parts.netloc:
            other_hosts.append(url)
            continue
        if url in assets:
            continue
        status, asset_headers, body = request(port, "GET", url, encoding="br, gzip")
        assets[url] = len(body)
        if "immutable" not in (asset_headers.get("Cache-Control") or ""):
            uncached.append(url)
        if url.endswith(".css"):
            plain = request(port, "GET", url)[2]
            queue += [
                urllib.parse.urljoin(url, m.decode()) for m in CSS_URL.findall(plain) if not m.startswith(b"data:")
            ]
    return {
        "html": html_wire,
        "html_gzip": html_gzip,
        "assets": sum(assets.values()),
        "asset_count": len(assets),
        "first_visit": html_wire + sum(assets.values()),
        "repeat_visit": html_wire,
        "other_hosts": other_hosts,
        "not_immutable": uncached,
    }


def measure_export():
    """The payment export of every claim in the data set, streamed through the real view (then rolled back)."""
    import tracemalloc

    from django.db import connection, transaction
    from django.test import Client

    from meetings.claims.models import PaymentBatch, TravelClaim
    from members.models import User

    treasurer = User.objects.get(email=TREASURER_EMAIL)
    client = Client()
    client.force_login(treasurer)
    with transaction.atomic():
        batch = PaymentBatch.objects.create(created_by=treasurer)
        claims = TravelClaim.objects.update(batch=batch)
        path = f"/claims/payments/{batch.pk}.csv"
        started = time.perf_counter()
        response = client.get(path, secure=True)
        size = sum(len(chunk) for chunk in response.streaming_content)
        seconds = time.perf_counter() - started
        tracemalloc.start()
        response = client.get(path, secure=True)
        for _chunk in response.streaming_content:
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        transaction.set_rollback(True)
    connection.close()
    return {"claims": claims, "bytes": size, "seconds": seconds, "peak_python_memory": peak}


def data_counts():
    from goals.models import GoodPractice, Plan
    from meetings.claims.models import ClaimLine, Receipt, TravelClaim
    from meetings.models import AttendanceAnswer, Meeting
    from members.models import Member

    models = [Plan, Member, Meeting, AttendanceAnswer, TravelClaim, ClaimLine, Receipt, GoodPractice]
    return {model.__name__: model.objects.count() for model in models}


def server_version():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


# RESULTS.md ------------------------------------------------------------------------------------------------------


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line)
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    import django
    import gunicorn

    return [
        f"{cpu}, {os.cpu_count()} cores, {int(memory) // 1024 // 1024} GiB, {platform.system()} {platform.release()}",
        f"Python {platform.python_version()}, Django {django.get_version()}, gunicorn {gunicorn.__version__}",
        wrk.strip(),
    ]


def thousands(number):
    return f"{number:,}".replace(",", " ")


def mark(ok):
    return "yes" if ok else "**no**"


def floor_summary(who, floor):
    """The floor's loads beside one person's pages: median req/s and its range, median p95, its drawing alone."""
    rates = [load["rps"] for load in floor["loads"]]
    p95 = statistics.median(load["p95"] for load in floor["loads"])
    return (
        f"{who} {statistics.median(rates):.0f} req/s ({min(rates):.0f}–{max(rates):.0f} over {len(rates)} loads; "
        f"p95 {p95:.1f} ms; drawn alone {floor['drawn_ms']:.1f} ms, {floor['queries']} queries)"
    )


def write_results(results, options):
    lines = [
        START,
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} with `bench/run.py --scale {options.scale} "
        f"--duration {options.duration} --connections {options.connections} --workers {options.workers}`.",
        "",
    ]
    lines += [f"- {line}" for line in machine()]
    for report in results.values():
        lines += ["", f"### {report['server_version']}", ""]
        data = ", ".join(f"{thousands(count)} {name}" for name, count in report["data"].items())
        built = f" (built in {report['build_seconds']:.0f} s)" if report["build_seconds"] else ""
        lines += [f"Data: {data}{built}.", ""]
        floors = ", ".join(floor_summary(who, floor) for who, floor in report["floors"].items())
        lines += [f"Floor (`{FLOOR}`, loaded right before each page): {floors}.", ""]
        lines += [
            "| page | kind | as | req/s | floor req/s | of floor | target | p50 ms | p95 ms | p95 target | p99 ms "
            "| drawn alone: ms | queries |",
            "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in report["pages"]:
            ratio = f"{row['ratio']:.2f} {mark(row['ratio'] >= row['target'])}"
            p95 = f"{row['p95']:.1f} {mark(row['p95'] < row['p95_target'])}"
            lines.append(
                f"| {row['name']} | {row['kind']} | {row['who']} | {row['rps']:.0f} | {row['floor_rps']:.0f} | {ratio} "
                f"| {row['target']} "
                f"| {row['p50']:.1f} | {p95} | {row['p95_target']} | {row['p99']:.1f} "
                f"| {row['drawn_ms']:.1f} | {row['queries']} |"
            )
        export = report["export"]
        lines += [
            "",
            f"Payment export (CSV, streamed through the view): {thousands(export['claims'])} claims, "
            f"{export['bytes'] / 1e6:.1f} MB in {export['seconds']:.1f} s; peak Python memory while streaming "
            f"{export['peak_python_memory'] / 1e6:.1f} MB.",
        ]
    first = next(iter(results.values()))
    lines += [
        "",
        "### Front-end weight (first and repeat visit, bytes on the wire)",
        "",
        "| page | HTML | HTML gzip | assets | first visit | repeat visit | under 150 KB | other hosts |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in first["pages"]:
        weight = row["weight"]
        lines.append(
            f"| {row['name']} | {weight['html'] / 1024:.1f} KB | {weight['html_gzip'] / 1024:.1f} KB "
            f"| {weight['assets'] / 1024:.1f} KB ({weight['asset_count']}) | {weight['first_visit'] / 1024:.1f} KB "
            f"| {weight['repeat_visit'] / 1024:.1f} KB | {mark(weight['first_visit'] < 150 * 1024)} "
            f"| {len(weight['other_hosts']) or 'none'} |"
        )
    uncached = sorted({url for row in first["pages"] for url in row["weight"]["not_immutable"]})
    lines += [
        "",
        "Static files without a far-future immutable cache header: " + (", ".join(uncached) or "none") + ".",
        "",
        END,
    ]
    text = RESULTS.read_text() if RESULTS.exists() else f"# Benchmark results\n\n{START}\n{END}\n"
    before, _sep, rest = text.partition(START)
    _old, _sep, after = rest.partition(END)
    RESULTS.write_text(before + "\n".join(lines) + after)


if __name__ == "__main__":
    main()

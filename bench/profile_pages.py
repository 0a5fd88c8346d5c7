"""What each page of bench/run.py costs to draw, in this process, one request at a time, nothing cached.

    DATABASE_URL=sqlite:////path/to/load.sqlite3 .venv/bin/python bench/profile_pages.py
    ... bench/profile_pages.py --only claims        # pages whose name or path holds "claims"
    ... bench/profile_pages.py --profile /plan/2024/ [--who chair] [--sort tottime]

Runs the Django test client against the data set of `generate_load_data` with debug off (so the templates are
kept compiled, as in production). It logs in (force_login) as the member and the
treasurer of bench/run.py, and as the chair, asks each page once to warm up, then prints the median of five
drawings (the process's CPU time, which other work on the machine disturbs less, and the wall-clock time) and
the number of queries of one. With --profile it prints cProfile's top 25 by cumulative time for one
drawing of that path instead (--times N: N drawings added up, steadier).
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digitutor.settings.local")
os.environ["DEBUG"] = "false"
os.environ["BENCHMARK_FLOOR"] = "true"
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from bench.run import FLOOR, MEMBER_EMAIL, PAGES, TREASURER_EMAIL  # noqa: E402

CHAIR_PAGES = [
    ("front page (chair)", "chair", "detail", lambda ids: "/"),
    ("plan (chair)", "chair", "detail", lambda ids: f"/plan/{ids['year']}/"),
    ("goals (chair)", "chair", "detail", lambda ids: f"/goals/{ids['year']}/"),
    ("report (chair)", "chair", "detail", lambda ids: f"/report/{ids['year']}/"),
    ("meeting (chair)", "chair", "detail", lambda ids: f"/meetings/{ids['meeting']}/"),
    ("admin: meetings", "chair", "list", lambda ids: "/admin/meetings/meeting/"),
]


def page_ids():
    """The objects the pages show, found as bench/run.py finds them (without touching the treasurer's TOTP)."""
    from goals.models import GoodPractice, Plan
    from meetings.claims.models import ClaimStatus, TravelClaim
    from meetings.models import Meeting
    from members.models import User

    member = User.objects.get(email=MEMBER_EMAIL)
    return {
        "year": Plan.objects.order_by("-year").values_list("year", flat=True).first(),
        "meeting": Meeting.objects.order_by("-starts_at").values_list("pk", flat=True).first(),
        "claim": TravelClaim.objects.filter(member__user=member).order_by("-pk").values_list("pk", flat=True).first(),
        "queue_claim": TravelClaim.objects.filter(status=ClaimStatus.SUBMITTED).values_list("pk", flat=True).first(),
        "practice": GoodPractice.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "member": member.member.pk,
    }


def clients():
    from django.test import Client

    from members.demo import CHAIR_EMAIL
    from members.models import User

    result = {}
    for who, email in (("member", MEMBER_EMAIL), ("treasurer", TREASURER_EMAIL), ("chair", CHAIR_EMAIL)):
        client = Client()
        client.force_login(User.objects.get(email=email))
        result[who] = client
    return result


def measure(client, path, repeat=5):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)  # warm-up: per-process caches (ContentTypes, translations, compiled templates)
    if response.status_code != 200:
        return {"status": response.status_code, "ms": float("nan"), "wall": float("nan"), "queries": 0, "bytes": 0}
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    count = len(queries)  # now: the next request empties the log the context reads from
    timings, walls = [], []
    for _ in range(repeat):
        started, wall = time.process_time(), time.perf_counter()
        client.get(path)
        timings.append((time.process_time() - started) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return {
        "status": 200,
        "ms": statistics.median(timings),
        "wall": statistics.median(walls),
        "queries": count,
        "bytes": len(response.content),
    }


def profile(client, path, sort, match=None, limit=25, times=1):
    client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(times):
        response = client.get(path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    if match:  # e.g. "wt-perf|markdown|nh3": only the functions whose file:line(name) matches, full paths kept
        stats.sort_stats(sort).print_stats(match, limit)
    else:
        stats.strip_dirs().sort_stats(sort).print_stats(limit)
    print(f"{path}: {response.status_code}")
    print(out.getvalue())


def slow_queries(client, path, limit=12):
    """The page's queries, slowest first, with their milliseconds."""
    from django.db import connection

    found = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            found.append(((time.perf_counter() - started) * 1000, sql))

    client.get(path)
    with connection.execute_wrapper(timed):
        client.get(path)
    found.sort(reverse=True)
    print(f"{path}: {len(found)} queries, {sum(ms for ms, _sql in found):.1f} ms executing them")
    for ms, sql in found[:limit]:
        print(f"{ms:7.2f} ms  {sql[:400]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", metavar="URL", help="cProfile one drawing of this path")
    parser.add_argument("--who", choices=["member", "treasurer", "chair"], default=None)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, tottime, ...)")
    parser.add_argument("--sql", metavar="URL", help="the queries of one drawing of this path, slowest first")
    parser.add_argument("--times", type=int, default=1, help="with --profile: add up this many drawings")
    parser.add_argument("--match", help="with --profile: only functions whose path matches this regular expression")
    parser.add_argument("--only", help="measure only pages whose name or path contains this")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()

    import django

    django.setup()
    from django.template import Template
    from django.test.utils import setup_test_environment

    drawing = Template._render
    setup_test_environment()  # keeps outgoing mail in memory and lets the client in
    # ... but without its instrumented rendering, which copies the context of every template drawn for the test
    # client (a cost production never pays, growing with a page's includes).
    Template._render = drawing
    from django.db import connection

    connection.force_debug_cursor = False
    from django.conf import settings
    from django.core.management import call_command

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():  # production's hashed names, as bench/run.py
        call_command("collectstatic", "--noinput", verbosity=0)
    ids = page_ids()
    sessions = clients()
    pages = [*PAGES, *CHAIR_PAGES]
    if options.sql:
        who = options.who or next((w for _n, w, _k, p in pages if p(ids) == options.sql), "member")
        return slow_queries(sessions[who], options.sql)
    if options.profile:
        who = options.who or next((w for _n, w, _k, p in pages if p(ids) == options.profile), "member")
        return profile(sessions[who], options.profile, options.sort, options.match, times=options.times)

    floor = {who: measure(client, FLOOR, options.repeat) for who, client in sessions.items()}
    print(f"{'page':30} {'who':9} {'path':34} {'cpu ms':>7} {'wall ms':>7} {'queries':>7} {'kB':>6}")
    row = floor["member"]
    print(f"{'floor':30} {'member':9} {FLOOR:34} {row['ms']:7.1f} {row['wall']:7.1f} {row['queries']:7d}")
    for name, who, _kind, path_for in pages:
        path = path_for(ids)
        if options.only and options.only not in name and options.only not in path:
            continue
        result = measure(sessions[who], path, options.repeat)
        flag = "" if result["status"] == 200 else f"  answered {result['status']}"
        print(
            f"{name:30} {who:9} {path:34} {result['ms']:7.1f} {result['wall']:7.1f} {result['queries']:7d} "
            f"{result['bytes'] / 1024:6.0f}{flag}"
        )


if __name__ == "__main__":
    main()

"""Two real server processes on one database, as production runs several gunicorn workers and hosts: a session and
the login rate limit live in the database (session backend, cache table), so both carry over
from one to the other."""

import http.client
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection

from tests.meetings.factories import MeetingFactory
from tests.test_settings import clean_environment

BASE_DIR = Path(__file__).resolve().parent.parent
# Behind the proxy every process sees the same host name; allauth's rate limit key includes it.
PUBLIC_HOST = "localhost"
WRONG_PASSWORD = "ei-oikea-salasana"
TOO_MANY = "Too many failed login attempts"
NOT_CORRECT = "The email address and/or password you specified are not correct."

pytestmark = pytest.mark.django_db(transaction=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    """The test database this process uses, as a DATABASE_URL another process can open."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user, password = quote(database["USER"], safe=""), quote(database["PASSWORD"], safe="")
    host, port = database["HOST"] or "localhost", database["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{database['NAME']}"


class Server:
    """One gunicorn process with one worker, serving the portal with the test settings on the test database."""

    def __init__(self, name, log_dir):
        self.name = name
        self.port = free_port()
        self.log = open(Path(log_dir) / f"{name}.log", "w+")  # noqa: SIM115 (closed in stop())
        environment = clean_environment(DJANGO_SETTINGS_MODULE="digitutor.settings.test", DATABASE_URL=database_url())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "digitutor.wsgi", "--workers", "1", "--no-control-socket"]
            + ["--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=BASE_DIR,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if Browser().get(self, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        self.log.seek(0)
        pytest.fail(f"server {self.name} did not answer /healthz:\n{self.log.read()}")

    def stop(self):
        self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown; TERM waits for a graceful one
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Browser:
    """Keeps its cookies across both servers, as a browser does for one site behind a load balancer."""

    def __init__(self):
        self.cookies = {"django_language": "en"}

    def request(self, server, method, path, data=None):
        headers = {"Host": PUBLIC_HOST, "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conversation = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            conversation.request(method, path, body=body, headers=headers)
            response = conversation.getresponse()
            text = response.read().decode()
        finally:
            conversation.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                for morsel in SimpleCookie(value).values():
                    if morsel["max-age"] == "0":
                        self.cookies.pop(morsel.key, None)
                    else:
                        self.cookies[morsel.key] = morsel.value
        return response.status, response.getheader("Location"), text

    def get(self, server, path):
        return self.request(server, "GET", path)

    def log_in(self, server, email, password):
        """The login form as a person fills it: open the page, post with its CSRF token."""
        status, _location, page = self.get(server, "/accounts/login/")
        assert status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(
            server, "POST", "/accounts/login/", {"csrfmiddlewaretoken": token, "login": email, "password": password}
        )


@pytest.fixture(scope="module")
def servers(django_db_setup):
    """Process A and process B on the test database, both up; always stopped afterwards."""
    with tempfile.TemporaryDirectory(prefix="digitutor-servers-") as log_dir:
        started = [Server("A", log_dir), Server("B", log_dir)]
        try:
            for server in started:
                server.wait_until_ready()
            yield started
        finally:
            for server in started:
                server.stop()


def test_a_session_started_on_one_process_is_accepted_by_the_other(servers, member, password):
    a, b = servers
    browser = Browser()

    status, location, _page = browser.log_in(a, member.email, password)
    assert (status, location) == (302, "/")

    status, _location, page = browser.get(b, "/profile/")
    assert status == 200
    assert member.email in page
    assert Browser().get(b, "/profile/")[0] == 302  # without the session cookie B sends one to the login

    # Logging out on B ends the session on A too.
    status, _location, _page = browser.request(
        b, "POST", "/accounts/logout/", {"csrfmiddlewaretoken": browser.cookies["csrftoken"]}
    )
    assert status == 302
    status, location, _page = browser.get(a, "/profile/")
    assert status == 302
    assert location.startswith("/accounts/login/")


def test_failed_logins_are_counted_together_across_processes(servers, member, password, settings):
    """The limit is 5 failures per address in 5 minutes: 3 on A and 2 on B use it up, and B refuses the 6th try,
    though B alone has seen only 2 failures."""
    a, b = servers
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"].endswith("5/5m/key")
    browser = Browser()

    for server in (a, a, a, b, b):
        status, _location, page = browser.log_in(server, member.email, WRONG_PASSWORD)
        assert status == 200
        assert NOT_CORRECT in page
        assert TOO_MANY not in page

    status, _location, page = browser.log_in(b, member.email, password)

    assert status == 200
    assert TOO_MANY in page
    assert "sessionid" not in browser.cookies
    # The limit is per address: someone else's login is not held up by it.
    status, _location, page = Browser().log_in(a, "vesa.taimi@example.org", WRONG_PASSWORD)
    assert NOT_CORRECT in page


def test_an_answer_given_through_one_process_shows_on_the_other_at_once(servers, member, password):
    a, b = servers
    path = f"/meetings/{MeetingFactory().pk}/"
    browser = Browser()
    browser.log_in(a, member.email, password)
    browser.get(a, "/")  # shows "logged in" once
    _status, _location, kept = browser.get(b, path)
    assert not re.search(r'name="answer" value="\w+"[^>]*aria-pressed="true"', kept)

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept).group(1)
    status, _location, _page = browser.request(
        a, "POST", f"{path}answer/", {"answer": "remote", "csrfmiddlewaretoken": token}
    )
    assert status == 302
    browser.get(a, path)  # the page that shows "Your answer was saved" once

    page = browser.get(b, path)[2]
    assert re.search(r'value="remote"[^>]*aria-pressed="true"', page)

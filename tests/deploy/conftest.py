"""The production stack's files (deploy/) tried with the real programs: nginx, Varnish,
gunicorn, systemd. Skipped, with the reason, only when a program is missing."""

import socket
import subprocess
import time
import urllib.request

import pytest

from deploy import stack


def pytest_collection_modifyitems(items):
    missing = stack.missing_programs()
    for item in items:
        if "tests/deploy/" in str(item.path):
            item.add_marker(pytest.mark.deploy)
            if missing:
                item.add_marker(
                    pytest.mark.skip(
                        reason="production stack tests skipped: missing " + ", ".join(missing)
                    )
                )


def wait_for_port(port, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}: {process.stdout.read()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port} after {timeout} s")


def request(url, method="GET", headers=None, data=None):
    """(status, headers, body) of one request, whatever the status."""
    req = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def stopped_at_end():
    """Processes appended here are stopped (by their PID) when the test ends."""
    processes = []
    yield processes
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

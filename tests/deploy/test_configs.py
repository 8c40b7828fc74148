"""Every configuration file in deploy/ is accepted by the program that reads it."""

import gc
import os
import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy import stack

DEPLOY = stack.DEPLOY_DIR


def run(command, cwd=None):
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd)


def test_varnish_compiles_the_shipped_vcl(tmp_path):
    result = run([stack.VARNISHD, "-C", "-f", str(DEPLOY / "varnish" / "default.vcl")])
    assert result.returncode == 0, result.stderr[-2000:]
    # It is the real compiler: a VCL with a mistake is refused.
    broken = (DEPLOY / "varnish" / "default.vcl").read_text().replace("xkey.purge", "xkey.prge")
    (tmp_path / "broken.vcl").write_text(broken)
    assert run([stack.VARNISHD, "-C", "-f", str(tmp_path / "broken.vcl")]).returncode != 0


def test_local_nginx_configuration_is_valid(tmp_path):
    site = stack.Stack(var_dir=tmp_path, port=8123, varnish_port=8124)
    site.stack_dir.mkdir()
    conf = site.render_nginx({})
    result = run([stack.NGINX, "-t", "-p", str(site.stack_dir), "-c", str(conf)])
    assert result.returncode == 0, result.stderr
    assert "@@" not in conf.read_text()


def test_production_nginx_site_is_valid_with_a_certificate(tmp_path):
    """The TLS site, installed as the README says: paths and certificate replaced."""
    certificate, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    generated = run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=magazine.example",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ]
    )
    assert generated.returncode == 0, generated.stderr
    site = (DEPLOY / "nginx" / "newsroom.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/magazine.example/", f"{tmp_path}/")
    site = site.replace("/srv/newsroom/", f"{stack.BASE_DIR}/")
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "newsroom.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{\n include {stack.NGINX_MIME_TYPES};\n"
        f" include {tmp_path}/newsroom.conf;\n}}\n"
    )
    result = run([stack.NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")])
    assert result.returncode == 0, result.stderr


def test_both_nginx_configurations_serve_files_with_the_same_rules():
    local = (DEPLOY / "nginx" / "local.conf").read_text()
    production = (DEPLOY / "nginx" / "newsroom.conf").read_text()

    def rules(text):
        return sorted(
            line.strip()
            for line in text.splitlines()
            if re.match(r"\s*(add_header Cache-Control|gzip_static|limit_except|\"~)", line)
        )

    assert rules(local) == rules(production)


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is missing")
def test_systemd_units_are_valid(tmp_path):
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert {unit.name for unit in units} == {
        "newsroom-gunicorn.service",
        "newsroom-worker.service",
        "newsroom-varnish.service",
    }
    for unit in units:
        # Installed in /srv/newsroom; here, the checkout stands in for it.
        text = unit.read_text().replace("/srv/newsroom", str(stack.BASE_DIR))
        text = text.replace("User=newsroom", "User=nobody")
        text = text.replace("Group=newsroom", "Group=nogroup")
        for path in re.findall(rf"{re.escape(str(stack.BASE_DIR))}/[\w./-]+", text):
            assert Path(path).exists() or path.endswith("/var"), f"{unit.name} names {path}"
        (tmp_path / unit.name).write_text(text)
    result = run(
        ["systemd-analyze", "verify", "--man=no", *[unit.name for unit in units]], cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    drop_in = (DEPLOY / "systemd" / "nginx.service.d" / "newsroom.conf").read_text()
    assert "After=newsroom-varnish.service" in drop_in


@pytest.fixture
def collections_restored():
    """Reading gunicorn's configuration turns the collector off, as in a master: the tests'
    own process gets it back."""
    yield
    gc.unfreeze()
    gc.enable()


def test_gunicorn_configuration_takes_workers_and_address_from_the_environment(
    monkeypatch, collections_restored
):
    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:9999")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    settings = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert (settings["bind"], settings["workers"]) == ("127.0.0.1:9999", 3)

    monkeypatch.delenv("WEB_CONCURRENCY")
    settings = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert settings["workers"] == 2 * len(os.sched_getaffinity(0)) + 1


def test_gunicorn_workers_leave_the_loaded_project_out_of_collections(collections_restored):
    settings = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert settings["preload_app"]
    # The master loads the project with the collector off: no garbage holes in its pages.
    assert not gc.isenabled()
    settings["when_ready"](None)
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000
    # Each fork freezes what the master made since; each worker collects again.
    kept = [[] for _ in range(1000)]
    settings["pre_fork"](None, None)
    assert gc.get_freeze_count() >= frozen + len(kept)
    gc.disable()
    settings["post_fork"](None, None)
    assert gc.isenabled()

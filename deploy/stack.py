"""Run Newsroom's production stack on this machine: nginx → Varnish → gunicorn, plus the
background worker, with DEBUG off. `make serve` and `make stop` call it.

    python deploy/stack.py serve   # prepare, start, print the address; Ctrl-C stops it all
    python deploy/stack.py start   # the same, left running in the background
    python deploy/stack.py stop    # stop what `start` or `serve` started, by PID

It renders the local variants of deploy/nginx/local.conf and deploy/varnish/default.vcl
into var/stack/ (with the pid files and logs), migrates, collects the static files, loads
the demo content into an empty database, then starts the four processes. nginx listens on
HOST:PORT (127.0.0.1:8000 unless set); Varnish and gunicorn take free ports on 127.0.0.1
(or VARNISH_PORT, GUNICORN_PORT). A real server runs the same programs with the same files
under systemd (deploy/systemd/).
"""

import argparse
import glob
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
BASE_DIR = DEPLOY_DIR.parent
BIN_DIR = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
NGINX_MIME_TYPES = Path("/etc/nginx/mime.types")
# What each started process must still be, by its command line, before we signal it.
PROGRAMS = {"gunicorn": "gunicorn", "worker": "run_worker", "varnish": "varnishd", "nginx": "nginx"}


class StackError(Exception):
    """The stack could not be prepared or started; the message says why."""


def missing_programs():
    """The programs the stack needs that this machine lacks (empty when all are there)."""
    missing = [
        name
        for name, path in (("nginx", NGINX), ("varnishd", VARNISHD), ("gunicorn", gunicorn()))
        if not (Path(path).is_file() and os.access(path, os.X_OK))
    ]
    if not glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so") and "varnishd" not in missing:
        missing.append("the xkey vmod (varnish-modules)")
    return missing


def gunicorn():
    return str(BIN_DIR / "gunicorn")


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@dataclass
class Stack:
    """Where the stack lives and listens. Ports left at 0 are chosen free at start."""

    var_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    varnish_port: int = 0
    gunicorn_port: int = 0
    workers: int = 0
    demo: bool = True
    extra_env: dict = field(default_factory=dict)

    @property
    def stack_dir(self):
        return self.var_dir / "stack"

    @property
    def url(self):
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def varnish_url(self):
        return f"http://127.0.0.1:{self.varnish_port}"

    @property
    def gunicorn_url(self):
        return f"http://127.0.0.1:{self.gunicorn_port}"

    def environment(self):
        """Production settings for a site served over plain HTTP on this machine."""
        env = {key: value for key, value in os.environ.items() if key != "NEWSROOM_ENV_FILE"}
        env.update(
            DJANGO_SETTINGS_MODULE="newsroom.settings",
            DEBUG="0",
            NEWSROOM_VAR_DIR=str(self.var_dir),
            SECRET_KEY=env.get("SECRET_KEY") or self._secret_key(),
            GUNICORN_BIND=f"127.0.0.1:{self.gunicorn_port}",
            GUNICORN_ERROR_LOG=str(self.stack_dir / "gunicorn.log"),
        )
        if self.workers:
            env["WEB_CONCURRENCY"] = str(self.workers)
        # Listening on every interface (HOST=0.0.0.0) needs ALLOWED_HOSTS set to the names
        # readers will use.
        env.setdefault("ALLOWED_HOSTS", ",".join(sorted({self.host, "127.0.0.1", "localhost"})))
        # No TLS here (a real server's nginx terminates it): no redirect to https, no
        # cookies reserved to https, no HSTS, or the admin could not log in.
        for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
            env.setdefault(name, "0")
        env.setdefault("SECURE_HSTS_SECONDS", "0")
        # nginx then Varnish append to X-Forwarded-For: the reader is the second last.
        env.setdefault("TRUSTED_PROXY_COUNT", "2")
        # Every change purges the pages Varnish keeps (core/pagecache.py).
        env.setdefault("VARNISH_PURGE_URLS", f"http://127.0.0.1:{self.varnish_port}/")
        env.update(self.extra_env)
        return env

    def _secret_key(self):
        # Kept between runs, so that logins survive a restart.
        path = self.stack_dir / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()

    def render_nginx(self, env):
        listen = f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
        user = ""
        if os.geteuid() == 0:
            # As root, nginx would hand its workers to "nobody", who may not read var/.
            user = f"user {pwd.getpwuid(self.var_dir.stat().st_uid).pw_name};"
        values = {
            "USER": user,
            "STACK_DIR": str(self.stack_dir),
            "MIME_TYPES": str(NGINX_MIME_TYPES),
            "LISTEN": listen,
            "VARNISH_PORT": str(self.varnish_port),
            "STATIC_ROOT": env.get("STATIC_ROOT") or str(self.var_dir / "static"),
            "MEDIA_ROOT": env.get("MEDIA_ROOT") or str(self.var_dir / "media"),
        }
        text = (DEPLOY_DIR / "nginx" / "local.conf").read_text()
        for name, value in values.items():
            text = text.replace(f"@@{name}@@", value.rstrip("/"))
        if "@@" in text:
            raise StackError("deploy/nginx/local.conf names a value the runner does not fill")
        path = self.stack_dir / "nginx.conf"
        path.write_text(text)
        (self.stack_dir / "nginx-temp").mkdir(exist_ok=True)
        return path

    def render_vcl(self):
        text = render_vcl_backend(
            (DEPLOY_DIR / "varnish" / "default.vcl").read_text(), "127.0.0.1", self.gunicorn_port
        )
        path = self.stack_dir / "default.vcl"
        path.write_text(text)
        return path


def render_vcl_backend(vcl, host, port):
    """The shipped VCL with its backend pointed at host:port."""
    old = '.host = "127.0.0.1";\n    .port = "8000";'
    if old not in vcl:
        raise StackError("deploy/varnish/default.vcl no longer has the backend the runner sets")
    return vcl.replace(old, f'.host = "{host}";\n    .port = "{port}";')


def render_vcl_backends(vcl, servers, host="127.0.0.1", probe="/readyz"):
    """The shipped VCL sending requests to several app servers, ``[(address, port), …]``,
    in turn (the directors vmod's round robin). Each is probed at its readiness address
    (core/health.py) as a reader's request for ``host`` over HTTPS would reach it, so that
    one that stops answering, or cannot reach what a page needs, is left out.

    The probe is patient: a server is left out after three failed probes out of the last
    five (one every 5 s, each given 4 s). A server slowed by a spike still answers its
    readers; a stricter probe would take every server out at the very moment they are all
    busy, and Varnish would then answer every page it does not keep with a 503."""
    start = vcl.index("# The local runner")
    end = vcl.index("}", vcl.index("backend default {")) + 1
    request = " ".join(
        f'"{line}"'
        for line in (
            f"GET {probe} HTTP/1.1", f"Host: {host}", "X-Forwarded-Proto: https",
            "Connection: close",
        )
    )
    backends = "\n".join(
        f'backend app_{number} {{\n    .host = "{address}";\n    .port = "{port}";\n'
        "    .connect_timeout = 5s;\n    .first_byte_timeout = 60s;\n"
        "    .between_bytes_timeout = 60s;\n"
        f"    .probe = {{\n        .request = {request};\n"
        "        .interval = 5s;\n        .timeout = 4s;\n        .window = 5;\n"
        "        .threshold = 3;\n        .initial = 3;\n    }\n}"
        for number, (address, port) in enumerate(servers, 1)
    )
    members = "".join(f"    app.add_backend(app_{n});\n" for n in range(1, len(servers) + 1))
    director = (
        "sub vcl_init {\n    new app = directors.round_robin();\n" + members + "}\n\n"
        "sub vcl_recv {\n    set req.backend_hint = app.backend();\n}"
    )
    text = vcl[:start] + "# The app servers, in turn.\n" + backends + "\n\n" + director + vcl[end:]
    return text.replace("import xkey;", "import xkey;\nimport directors;", 1)


def varnish_command(work_dir, port, vcl):
    """varnishd in the foreground on 127.0.0.1:port with its own working directory."""
    return [
        VARNISHD,
        "-F",
        "-n",
        str(work_dir),
        "-a",
        f"127.0.0.1:{port}",
        "-T",
        "127.0.0.1:0",
        "-f",
        str(vcl),
        "-s",
        "malloc,128m",
        # As root, Varnish would switch to its own user, who may not read var/.
        *(["-j", "none"] if os.geteuid() == 0 else []),
    ]


def manage(env, *args, quiet=False):
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        env=env,
        cwd=BASE_DIR,
        capture_output=quiet,
        text=True,
    )
    if result.returncode:
        output = (result.stdout or "") + (result.stderr or "") if quiet else ""
        raise StackError(f"manage.py {' '.join(args)} failed\n{output}")


def prepare(stack, env, echo=print):
    """Database schema, static files and (for a local site) demo content."""
    echo("Migrating the database…")
    manage(env, "migrate", "--noinput", "-v0")
    echo("Collecting static files (hashed, compressed)…")
    manage(env, "collectstatic", "--noinput", "-v0")
    if stack.demo:
        # Built in this process, so the pictures exist before the first page is served.
        demo_env = {**env, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
        manage(demo_env, "load_demo_content", "--if-empty", "--force", quiet=True)


def start(stack, echo=print):
    """Prepare, start the four processes and wait until the site answers through nginx."""
    missing = missing_programs()
    if missing:
        raise StackError(
            "missing: " + ", ".join(missing) + " (apt-get install nginx varnish varnish-modules; "
            "gunicorn comes with `make install`)"
        )
    stack.var_dir = stack.var_dir.resolve()
    stack.stack_dir.mkdir(parents=True, exist_ok=True)
    if running_processes(stack.stack_dir):
        raise StackError(f"already running (see {stack.stack_dir}/processes.json); stop it first")
    stack.varnish_port = stack.varnish_port or free_port()
    stack.gunicorn_port = stack.gunicorn_port or free_port()
    env = stack.environment()
    prepare(stack, env, echo)
    nginx_conf = stack.render_nginx(env)
    vcl = stack.render_vcl()
    check(
        [NGINX, "-t", "-q", "-p", str(stack.stack_dir), "-c", str(nginx_conf)],
        "nginx refuses its configuration",
    )

    commands = {
        "gunicorn": [gunicorn(), "newsroom.wsgi", "-c", str(DEPLOY_DIR / "gunicorn.conf.py")],
        "worker": [sys.executable, str(BASE_DIR / "manage.py"), "run_worker"],
        "varnish": varnish_command(stack.stack_dir / "varnish", stack.varnish_port, vcl),
        "nginx": [NGINX, "-p", str(stack.stack_dir), "-c", str(nginx_conf)],
    }
    started = {}
    try:
        for name, command in commands.items():
            log = open(stack.stack_dir / f"{name}.out", "ab")  # noqa: SIM115
            process = subprocess.Popen(  # noqa: S603
                command,
                env=env,
                cwd=BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
            log.close()
            started[name] = process.pid
            write_processes(stack.stack_dir, started)
        wait_until_served(stack, started)
    except BaseException:
        stop(stack.stack_dir, echo=lambda *_: None)
        raise
    echo(
        f"Newsroom is served at {stack.url}/ (admin: {stack.url}/admin/)\n"
        f"  nginx {stack.url} → Varnish {stack.varnish_url} → gunicorn {stack.gunicorn_url}"
        f", with the task worker; DEBUG off. Logs: {stack.stack_dir}/"
    )
    return stack


def check(command, message):
    result = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise StackError(f"{message}:\n{result.stderr}{result.stdout}")


def wait_until_served(stack, started, timeout=90):
    deadline = time.monotonic() + timeout
    while True:
        for name, pid in started.items():
            if not alive(pid, name):
                raise StackError(
                    f"{name} stopped at start; see {stack.stack_dir}/{name}.out\n"
                    + tail(stack.stack_dir / f"{name}.out")
                )
        try:
            with urllib.request.urlopen(f"{stack.url}/robots.txt", timeout=5) as response:  # noqa: S310  # nosec B310
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise StackError(f"no answer at {stack.url} after {timeout} s")
        time.sleep(0.3)


def tail(path, lines=30):
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def write_processes(stack_dir, pids):
    (stack_dir / "processes.json").write_text(json.dumps(pids))


def alive(pid, name):
    """Whether pid is still the process we started as name (not a reused pid)."""
    try:
        command_line = Path(f"/proc/{pid}/cmdline").read_bytes()
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    zombie = status.rsplit(")", 1)[-1].split()[0] == "Z"
    return not zombie and PROGRAMS[name].encode() in command_line


def running_processes(stack_dir):
    try:
        pids = json.loads((stack_dir / "processes.json").read_text())
    except (OSError, ValueError):
        return {}
    return {name: pid for name, pid in pids.items() if alive(pid, name)}


def stop(stack_dir, echo=print, timeout=20):
    """Stop the processes recorded in stack_dir, front first, by PID."""
    running = running_processes(stack_dir)
    for name in ("nginx", "varnish", "gunicorn", "worker"):
        if name in running:
            os.kill(running[name], signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while running and time.monotonic() < deadline:
        running = {name: pid for name, pid in running.items() if alive(pid, name)}
        time.sleep(0.1)
    for name, pid in running.items():
        echo(f"{name} ({pid}) did not stop in {timeout} s: killing it")
        os.kill(pid, signal.SIGKILL)
    (stack_dir / "processes.json").unlink(missing_ok=True)
    echo("Stopped.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["serve", "start", "stop"])
    parser.add_argument("--no-demo", action="store_true", help="do not load the demo content")
    args = parser.parse_args(argv)
    var_dir = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))
    stack = Stack(
        var_dir=var_dir,
        host=os.environ.get("HOST") or "127.0.0.1",
        port=int(os.environ.get("PORT") or 8000),
        varnish_port=int(os.environ.get("VARNISH_PORT") or 0),
        gunicorn_port=int(os.environ.get("GUNICORN_PORT") or 0),
        demo=not args.no_demo,
    )
    if args.action == "stop":
        stop(stack.stack_dir)
        return 0
    try:
        start(stack)
    except StackError as error:
        print(f"make serve: {error}", file=sys.stderr)
        return 1
    if args.action == "start":
        print("Stop it with `make stop`.")
        return 0
    print("Press Ctrl-C to stop.")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        while len(running_processes(stack.stack_dir)) == len(PROGRAMS):
            time.sleep(1)
        print("A process of the stack stopped; stopping the others.", file=sys.stderr)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        stop(stack.stack_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())

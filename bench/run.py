"""Newsroom under load, side by side with its limits, in one run.

    .venv/bin/python bench/run.py [--duration 10] [--connections 16] [--workers N]
                                  [--articles 2000] [--comments 20000] [--compare]

Starts its own servers on 127.0.0.1 and stops them (by PID) at the end:

- PostgreSQL database ``newsroom_bench`` on the local server (BENCH_DATABASE_URL), made
  afresh, migrated and seeded in bulk: the showcase article (600 words, a featured image,
  4 tags, a source and 10 comments) among ``--articles`` others and ``--comments`` comments;
- the production site under gunicorn (DEBUG off, Redis database 15 as the cache), with one
  extra URL, ``/bench/bare/``: a bare Django view answering the article's bytes;
- nginx serving the same article HTML as a static file: the physical limit.

Then wrk (Debian's) measures, for ``--duration`` seconds at ``--connections`` connections
each: the home, article, tag, search and feed pages, cold (every cache off), and through the
page caches when the project has them (``n/a`` otherwise); the bare view and nginx; and
comment posting (bench/post_comments.lua, with forms fetched from the article page). Every
figure is printed with its ratio to nginx and to the bare Django view, and the resident
memory of each gunicorn worker after the run. ``--compare`` adds WordPress and Wagtail,
installed and seeded by the scripts of /work/shared/bench (BENCH_SHARED).
"""

import argparse
import html.parser
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
SHARED = Path(os.environ.get("BENCH_SHARED", "/work/shared/bench"))
WRK = shutil.which("wrk") or "/usr/bin/wrk"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

#: The pages measured, by name: their address on the site (the article is the showcase).
PAGES = {
    "home": "/",
    "article": "/articles/{article}/",
    "tag": "/tags/energie/",
    "search": "/search/?q=r%C3%A9seau%20hiver",
    "feed": "/feeds/rss/",
}

#: The page caches, each measured (``--modes``) when the project has it, "n/a" otherwise:
#: the setting that turns Django's page cache on (with the environment the bench gives it),
#: and the shipped Varnish configuration, put in front of the site with its backend
#: pointed at the bench's gunicorn. Rename them here if the project names them otherwise.
DJANGO_CACHE = {"setting": "PAGE_CACHE_ENABLED", "env": {"PAGE_CACHE_ENABLED": "1"}}
VARNISH_VCL = ROOT / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
MODES = ("cold", "django-cache", "varnish")


def log(message):
    print(message, flush=True)


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Servers:
    """Processes started by the benchmark, stopped by PID, last first."""

    def __init__(self):
        self.processes = []

    def start(self, name, command, **kwargs):
        process = subprocess.Popen(command, start_new_session=True, **kwargs)
        self.processes.append((name, process))
        return process

    def stop_all(self):
        for name, process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            log(f"stopped {name} (pid {process.pid})")
        self.processes.clear()


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, _headers, _body = fetch(url)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout} s")


def fetch(url, method="GET", body=None, headers=None):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.headers, data


# The database and its content -------------------------------------------------------------


def recreate_database(env):
    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise SystemExit(f"unexpected database name: {name!r}")
    psql = ["psql", "-h", parts.hostname, "-p", str(parts.port or 5432),
            "-U", parts.username or "postgres", "-d", "postgres", "-q", "-v", "ON_ERROR_STOP=1"]
    subprocess.run([*psql, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=True)
    subprocess.run([*psql, "-c", f"CREATE DATABASE {name}"], check=True)
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)


SEED_SCRIPT = """
import django, json, sys, time
django.setup()
from bench import seed
start = time.perf_counter()
article = seed.showcase()
articles, comments = seed.bulk(article_count={articles}, comment_count={comments})
print(json.dumps({{"slug": article.slug, "articles": articles + 1,
                  "comments": comments + 10, "seconds": time.perf_counter() - start}}))
"""


def seed(env, articles, comments):
    script = SEED_SCRIPT.format(articles=articles, comments=comments)
    output = subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=env, check=True,
                            stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def count_comments(env):
    script = (
        "import django; django.setup()\n"
        "from comments.models import Comment\n"
        "from django.db.models import Count\n"
        "new = Comment.objects.filter(email__startswith='bench-')\n"
        "print(new.count(), new.values('body').distinct().count())"
    )
    output = subprocess.run([PYTHON, "-c", script], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True).stdout.split()
    return int(output[0]), int(output[1])


# Servers ----------------------------------------------------------------------------------


def start_gunicorn(servers, env, port, workers, name="gunicorn"):
    process = servers.start(name, [
        str(Path(PYTHON).with_name("gunicorn")), "newsroom.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "sync",
        "--error-logfile", str(Path(env["NEWSROOM_VAR_DIR"]) / f"{name}.log"),
    ], cwd=ROOT, env=env)
    wait_for(f"http://127.0.0.1:{port}/robots.txt")
    return process


def start_nginx(servers, state, port, html_bytes):
    root = state / "static"
    root.mkdir(exist_ok=True)
    (root / "index.html").write_bytes(html_bytes)
    # nginx's workers run as an unprivileged user: they must be able to read the file.
    for path in (state, root, root / "index.html"):
        path.chmod(0o755)
    config = state / "nginx.conf"
    config.write_text(f"""
daemon off;
worker_processes auto;
pid {state}/nginx.pid;
error_log {state}/nginx.err warn;
events {{ worker_connections 1024; }}
http {{
  sendfile on; tcp_nopush on; server_tokens off;
  keepalive_timeout 65; keepalive_requests 100000;
  access_log off;
  open_file_cache max=16;
  client_body_temp_path {state}/nginx-body;
  proxy_temp_path {state}/nginx-proxy;
  fastcgi_temp_path {state}/nginx-fastcgi;
  uwsgi_temp_path {state}/nginx-uwsgi;
  scgi_temp_path {state}/nginx-scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    types {{ }}
    default_type "text/html; charset=utf-8";
    location / {{ try_files /index.html =404; }}
  }}
}}
""")
    servers.start("nginx", [NGINX, "-c", str(config), "-p", str(state)])
    wait_for(f"http://127.0.0.1:{port}/")


def worker_memory(master_pid):
    """Resident memory (MB) of each worker of the gunicorn master ``master_pid``."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    pids = children.read_text().split() if children.exists() else []
    sizes = {}
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes[int(pid)] = int(line.split()[1]) / 1024
    return sizes


# Measuring --------------------------------------------------------------------------------


def to_ms(value):
    number = float(re.match(r"[\d.]+", value).group())
    unit = value[len(re.match(r"[\d.]+", value).group()):]
    return number * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}.get(unit, 1)


def wrk(url, options, script=None, env=None):
    command = [WRK, "-t2", f"-c{options.connections}", f"-d{options.duration}s",
               "--timeout", "10s", "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True,
                            env={**os.environ, **(env or {})}).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)),
        "non2xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1]),
        "errors": sum(int(n) for n in re.findall(
            r"(?:connect|read|write|timeout) (\d+)", output.split("Socket errors:")[-1]
        )) if "Socket errors" in output else 0,
    }
    accepted = re.search(r"accepted (\d+) refused (\d+)", output)
    if accepted:
        result["accepted"], result["refused"] = int(accepted[1]), int(accepted[2])
    return result


class FormParser(html.parser.HTMLParser):
    """The hidden fields of the comment form (#comment-form) of a page."""

    def __init__(self):
        super().__init__()
        self.inside, self.hidden, self.action = False, {}, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "comment-form":
            self.inside, self.action = True, attrs.get("action", "")
        elif self.inside and tag == "input" and attrs.get("type") == "hidden":
            self.hidden[attrs.get("name", "")] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def fetch_form(url):
    """A comment form as a reader gets it: its address, hidden fields and cookies."""
    status, headers, body = fetch(url)
    if status != 200:
        raise SystemExit(f"the article answered {status}")
    parser = FormParser()
    parser.feed(body.decode())
    if not parser.action:
        raise SystemExit("no comment form (#comment-form) on the article page")
    cookies = "; ".join(
        value.split(";")[0] for key, value in headers.items() if key.lower() == "set-cookie"
    )
    return parser.action, {"cookie": cookies, "fields": urlencode(parser.hidden),
                           "referer": url}


def fetch_forms(base, article_path, count):
    """``count`` comment forms, each fetched from the page: a form may post only once."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:
        fetched = list(pool.map(fetch_form, [base + article_path] * count))
    return fetched[0][0], [form for _action, form in fetched]


def lua_forms(forms, path):
    def quoted(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    items = ",\n".join(
        f"{{cookie={quoted(form['cookie'])}, fields={quoted(form['fields'])}, "
        f"referer={quoted(form['referer'])}}}"
        for form in forms
    )
    path.write_text(f"return {{\n{items}\n}}\n")


def ratio(value, reference):
    if not reference:
        return "n/a"
    figure = value / reference
    return f"{figure:.2f}×" if figure < 10 else f"{figure:.0f}×"


def print_table(rows, static, bare):
    log("")
    log(f"{'what':<28} {'req/s':>9} {'p99 ms':>8}   {'req/s vs nginx':>14} "
        f"{'vs bare Django':>14}   {'p99 vs nginx':>12} {'vs bare':>8}")
    for name, result in rows:
        if result is None or isinstance(result, str):
            log(f"{name:<28} {'n/a':>9}   {result or ''}")
            continue
        log(
            f"{name:<28} {result['rps']:>9.0f} {result['p99']:>8.1f}   "
            f"{ratio(result['rps'], static['rps']):>14} {ratio(result['rps'], bare['rps']):>14}"
            f"   {ratio(result['p99'], static['p99']):>12} {ratio(result['p99'], bare['p99']):>8}"
            + (f"   ({result['non2xx']} non-2xx)" if result.get("non2xx") and
               "accepted" not in result else "")
        )


# Comparison with WordPress and Wagtail ----------------------------------------------------


def start_references(state):
    """Install, seed and start WordPress and Wagtail; their article URLs, or why not."""
    if not SHARED.is_dir():
        return {}, f"{SHARED} is missing"
    env = {**os.environ, "BENCH_STATE": str(state / "references")}
    urls, problems = {}, []
    for script, key, name in (("setup-wordpress.sh", "WP_POST_URL", "WordPress post"),
                              ("setup-wagtail.sh", "WAGTAIL_POST_URL", "Wagtail article")):
        log(f"== {script} (this may take a while)")
        run = subprocess.run(["bash", str(SHARED / script)], env=env, capture_output=True,
                             text=True)
        found = re.search(rf"{key}=(\S+)", run.stdout)
        if run.returncode == 0 and found:
            urls[name] = found.group(1)
        else:
            problems.append(f"{name}: {script} failed: "
                            f"{(run.stderr or run.stdout).strip().splitlines()[-1:]}")
    return urls, "; ".join(problems)


def stop_references(state):
    env = {**os.environ, "BENCH_STATE": str(state / "references")}
    subprocess.run(["bash", str(SHARED / "stop.sh")], env=env, check=False)


# The run ----------------------------------------------------------------------------------


def base_env(state, options):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "newsroom-bench",
        "NEWSROOM_VAR_DIR": str(state),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # Plain HTTP on the loopback: no HTTPS redirect, cookies sent without TLS.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        # One machine posts for thousands of readers: limits high enough never to refuse
        # (they are still counted, in Redis, as in production).
        "COMMENTS_RATE_LIMIT_PER_IP": "100000000",
        "COMMENTS_RATE_LIMIT_PER_EMAIL": "100000000",
        "BENCH_BARE_HTML": str(state / "article.html"),
        # Cold: no page cache; the cached modes turn it on (DJANGO_CACHE).
        "PAGE_CACHE_ENABLED": "0",
        "PYTHONPATH": str(ROOT),
    }
    return env


def clear_redis():
    parts = urlsplit(REDIS_URL)
    database = parts.path.lstrip("/") or "0"
    subprocess.run(["redis-cli", "-h", parts.hostname, "-p", str(parts.port or 6379),
                    "-n", database, "FLUSHDB"], check=True, capture_output=True)


def mode_problem(mode):
    """Why a page cache mode cannot be measured, or None."""
    settings_text = (ROOT / "newsroom" / "settings.py").read_text()
    if mode == "django-cache" and DJANGO_CACHE["setting"] not in settings_text:
        return f"no page cache yet ({DJANGO_CACHE['setting']} is not a setting)"
    if mode == "varnish":
        if not VARNISH_VCL.exists():
            return f"no Varnish configuration yet ({VARNISH_VCL.relative_to(ROOT)})"
        if not Path(VARNISHD).exists():
            return "varnishd is not installed (apt-get install varnish varnish-modules)"
    return None


def start_varnish(servers, state, port, backend_port):
    """The shipped VCL in front of the bench's gunicorn (its backend's port replaced)."""
    vcl = re.sub(r'(backend default\s*\{[^}]*?\.port\s*=\s*)"\d+"',
                 rf'\g<1>"{backend_port}"', VARNISH_VCL.read_text(), count=1)
    (state / "varnish.vcl").write_text(vcl)
    (state / "varnish").mkdir(exist_ok=True)
    servers.start("varnish", [
        VARNISHD, "-F", "-a", f"127.0.0.1:{port}", "-f", str(state / "varnish.vcl"),
        "-n", str(state / "varnish"), "-s", "malloc,128m", "-T", "127.0.0.1:0",
    ], stdout=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/robots.txt")


def measure_pages(rows, base, label, slug, options):
    for page, path in PAGES.items():
        rows.append((f"{page}, {label}", wrk(base + path.format(article=slug), options)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measure")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="gunicorn workers (default: the CPU count)")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--forms", type=int, default=0,
                        help="comment forms fetched before posting (each posts once; "
                             "default: 100 per second measured)")
    parser.add_argument("--compare", action="store_true",
                        help="also measure WordPress and Wagtail (slow to install)")
    parser.add_argument("--modes", default=",".join(MODES),
                        help=f"the page caches to measure, among {', '.join(MODES)}")
    options = parser.parse_args()
    for tool in (WRK, NGINX):
        if not Path(tool).exists():
            raise SystemExit(f"{tool} is needed (apt-get install wrk nginx)")

    servers = Servers()
    state = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    env = base_env(state, options)
    references = {}
    try:
        log(f"== database {DATABASE_URL}, files in {state}")
        recreate_database(env)
        clear_redis()
        seeded = seed(env, options.articles, options.comments)
        log(f"   seeded {seeded['articles']} articles and {seeded['comments']} comments "
            f"in {seeded['seconds']:.0f} s")
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                       env=env, check=True)

        port, static_port = free_port(), free_port()
        base = f"http://127.0.0.1:{port}"
        start_gunicorn(servers, env, port, options.workers)
        article_path = PAGES["article"].format(article=seeded["slug"])
        status, _headers, article_html = fetch(base + article_path)
        if status != 200:
            raise SystemExit(f"the article answered {status}")
        (state / "article.html").write_bytes(article_html)
        start_nginx(servers, state, static_port, article_html)
        log(f"   article: {len(article_html)} bytes; gunicorn {options.workers} workers")

        if options.compare:
            references, problem = start_references(state)
            if problem:
                log(f"   comparison incomplete: {problem}")

        rows = []
        log("== measuring (wrk -t2 "
            f"-c{options.connections} -d{options.duration}s per line)")
        static = wrk(f"http://127.0.0.1:{static_port}/", options)
        bare = wrk(f"{base}/bench/bare/", options)
        rows += [("nginx, static file", static), ("bare Django view", bare)]
        for name, url in references.items():
            rows.append((name, wrk(url, options)))
        modes = [mode for mode in options.modes.split(",") if mode in MODES]
        if "cold" in modes:
            measure_pages(rows, base, "cold", seeded["slug"], options)
        cached_base = base
        if "django-cache" in modes or "varnish" in modes:
            if mode_problem("django-cache"):
                rows.append(("pages, django-cache", mode_problem("django-cache")))
            else:
                cached_port = free_port()
                start_gunicorn(servers, {**env, **DJANGO_CACHE["env"]}, cached_port,
                               options.workers, name="gunicorn-cached")
                cached_base = f"http://127.0.0.1:{cached_port}"
                if "django-cache" in modes:
                    measure_pages(rows, cached_base, "django-cache", seeded["slug"], options)
        if "varnish" in modes:
            if mode_problem("varnish"):
                rows.append(("pages, varnish", mode_problem("varnish")))
            else:
                varnish_port = free_port()
                start_varnish(servers, state, varnish_port, urlsplit(cached_base).port)
                measure_pages(rows, f"http://127.0.0.1:{varnish_port}", "varnish",
                              seeded["slug"], options)

        log("== comment posting")
        action, forms = fetch_forms(base, article_path,
                                    options.forms or 100 * options.duration)
        lua_forms(forms, state / "forms.lua")
        # The form must have been shown long enough for the timing check.
        time.sleep(int(os.environ.get("COMMENTS_MIN_SUBMIT_SECONDS", "3")) + 1)
        posting = wrk(base + action, options, script=BENCH / "post_comments.lua",
                      env={"BENCH_FORMS": str(state / "forms.lua"), "BENCH_THREADS": "2"})
        stored, distinct = count_comments(env)
        posting["rps"] = posting["accepted"] / options.duration
        rows.append(("comment posts (accepted)", posting))

        print_table(rows, static, bare)
        log("")
        in_flight = stored - posting["accepted"]
        log(f"comment posts: {posting['accepted']} accepted, {posting['refused']} refused; "
            f"{stored} stored, {distinct} distinct texts. "
            + ("None lost" if 0 <= in_flight <= options.connections else "LOST OR EXTRA POSTS")
            + f" ({in_flight} stored after wrk stopped counting, at most one per connection)"
            + (", none duplicated." if stored == distinct else ", DUPLICATES."))
        for name, process in servers.processes:
            if name.startswith("gunicorn"):
                memory = worker_memory(process.pid)
                log(f"{name} workers' resident memory after the run: "
                    + ", ".join(f"{size:.0f} MB" for size in memory.values()))
    finally:
        servers.stop_all()
        if options.compare and SHARED.is_dir():
            stop_references(state)
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()

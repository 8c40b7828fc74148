"""Newsroom under load, side by side with its limits and with WordPress and Wagtail, in one run.

    make bench                              (or: .venv/bin/python bench/run.py [options])
    make bench BENCH_ARGS=--quick           (3 s per measure, one round: a quick try)

Ratios measured together are the only stable figures on a machine shared with other work,
so everything is measured in one run, in alternating rounds (each round measures every
line once; the table gives the medians). The bench starts its own servers on 127.0.0.1 and
stops them (by PID) at the end:

- a PostgreSQL database of its own on the local server (``newsroom_bench_<pid>``, dropped
  at the end; BENCH_DATABASE_URL names another, made afresh), migrated and seeded in bulk
  (bench/seed.py): the showcase article (600 words, a featured image, 4 tags, a source, 10
  comments) among ``--articles`` others and ``--comments`` comments;
- a Redis server of its own (no persistence), the site's cache;
- the production site under gunicorn with the shipped configuration (``--workers``, 2 by
  default, DEBUG off), twice:
  every cache off ("cold"), and with Django's page cache on; with one extra address,
  ``/bench/bare/``, a bare Django view answering the article's bytes (bench/urls.py);
- Varnish with the shipped configuration (deploy/varnish/default.vcl) in front of the
  second one;
- nginx serving the same article HTML as a static file: the physical limit;
- unless ``--no-compare``, WordPress and Wagtail, installed and seeded by the scripts of the
  shared bench folder (BENCH_SHARED, else ../shared/bench, else /work/shared/bench; their
  state in BENCH_STATE, else newsroom-bench-references in the system's temporary folder).
  One that cannot start is reported, and the run goes on without it.

wrk (Debian's) measures at ``--connections`` connections: the home, article, tag, search
and feed pages in each mode, the references, then comment posting (bench/post_comments.lua:
each post a valid form with its own single-use token, fetched beforehand from the token
address the page's script uses). Posting stops two seconds before wrk does, so that every
answer is counted; afterwards the database must hold exactly one comment per accepted post.
Then the database is vacuumed and checkpointed, as PostgreSQL would do on its own within
minutes of those writes, so that this work does not fall within the next round's measures.
Printed: each figure with its ratio to nginx, to the bare Django view and to WordPress; the
targets of issue 12, met or not; the resident memory of each server process; the load of
the machine before and after.
"""

import argparse
import html.parser
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))

from deploy.stack import render_vcl_backend, varnish_command  # noqa: E402

PYTHON = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
VARNISH_VCL = ROOT / "deploy" / "varnish" / "default.vcl"

#: The pages measured, by name: their address on the site (the article is the showcase).
PAGES = {
    "home": "/",
    "article": "/articles/{article}/",
    "tag": "/tags/energie/",
    "search": "/search/?q=r%C3%A9seau%20hiver",
    "feed": "/feeds/rss/",
}
#: How each mode reaches the site; the header that says whether the answer was kept.
MODES = {
    "cold": ("every cache off", None),
    "django-cache": ("Django's page cache", "X-Page-Cache"),
    "varnish": ("the shipped Varnish configuration", "X-Cache"),
}
#: The comparison (issue 12's targets): what is measured against what, and how much.
NGINX_ROW, BARE_ROW = "nginx, the article as a static file", "bare Django view, same bytes"
WORDPRESS_ROW, WAGTAIL_ROW = "WordPress 6 post (no page cache)", "Wagtail article (bare)"
POSTS_ROW = "comment posts (accepted)"
MEMORY_LIMIT_MB = 120
POSTS_TARGET = 200
#: Seconds at the end of a posting measure with no new post: the answers of the posts
#: still under way arrive while wrk still counts.
POSTING_MARGIN = 2


def log(message=""):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine_load():
    """What ``uptime`` says: the load averages, for the reader to judge the figures."""
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


class Servers:
    """Processes started by the benchmark, stopped by PID, last first."""

    def __init__(self):
        self.processes = []

    def start(self, name, command, **kwargs):
        process = subprocess.Popen(command, start_new_session=True, **kwargs)  # noqa: S603
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


def fetch(url, method="GET", body=None, headers=None):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.headers, data


def wait_for(url, timeout=60, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"the server for {url} stopped (exit {process.returncode})")
        try:
            status, _headers, _body = fetch(url)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout} s")


# Memory -----------------------------------------------------------------------------------


def resident_mb(pid):
    """Resident memory of process ``pid`` in MB (None when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def process_tree(pid):
    """``pid`` and its descendants, parents first."""
    found = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        for child in children.read_text().split():
            found += process_tree(int(child))
    except OSError:
        pass
    return found


def process_name(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode().rsplit("/")[-1]
    except OSError:
        return "?"


def memory_report(servers):
    """[(server, pid, program, MB)] for every process of every server started."""
    rows = []
    for name, process in servers.processes:
        for pid in process_tree(process.pid):
            size = resident_mb(pid)
            if size is not None:
                rows.append((name, pid, process_name(pid), size))
    return rows


# The database and its content -------------------------------------------------------------


def database_url():
    return os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/newsroom_bench_{os.getpid()}"
    )


def psql(url, sql, database="postgres"):
    parts = urlsplit(url)
    command = ["psql", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432),
               "-U", parts.username or "postgres", "-d", database, "-q",
               "-v", "ON_ERROR_STOP=1", "-c", sql]
    env = {**os.environ, **({"PGPASSWORD": parts.password} if parts.password else {})}
    subprocess.run(command, check=True, env=env)  # noqa: S603


def database_name(url):
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise SystemExit(f"unexpected database name: {name!r}")
    return name


def recreate_database(url, env):
    name = database_name(url)
    psql(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(url, f"CREATE DATABASE {name}")
    manage(env, "migrate", "--noinput", "-v0")


def settle_database(url):
    """What PostgreSQL does on its own after a burst of writes (autovacuum, within a minute;
    a checkpoint, within five), done now: not during the next round's measures of pages."""
    psql(url, "VACUUM (ANALYZE)", database=database_name(url))
    psql(url, "CHECKPOINT", database=database_name(url))


def drop_database(url):
    try:
        psql(url, f"DROP DATABASE IF EXISTS {database_name(url)} WITH (FORCE)")
    except subprocess.CalledProcessError:
        log(f"could not drop the database of {url}")


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def django_script(env, script):
    """Run ``script`` in a Django process of the bench's settings; its last line, as JSON."""
    source = "import django, json\ndjango.setup()\n" + script
    output = subprocess.run([PYTHON, "-c", source], cwd=ROOT, env=env, check=True,  # noqa: S603
                            stdout=subprocess.PIPE, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def seed(env, articles, comments):
    return django_script(env, f"""
import time
from bench import seed
start = time.perf_counter()
article = seed.showcase()
added_articles, added_comments = seed.bulk(article_count={articles}, comment_count={comments})
from articles.models import Article
from comments.models import Comment
print(json.dumps({{"slug": article.slug, "id": article.pk,
                  "articles": Article.objects.count(), "comments": Comment.objects.count(),
                  "seconds": time.perf_counter() - start}}))
""")


def stored_posts(env, prefix):
    """How many comments the posts whose addresses start with ``prefix`` stored, how many
    distinct posts they are, and the seconds between the first and the last."""
    return django_script(env, f"""
from django.db.models import Count, Max, Min
from comments.models import Comment
posts = Comment.objects.filter(email__startswith={prefix!r})
span = posts.aggregate(first=Min("created_at"), last=Max("created_at"))
print(json.dumps({{
    "stored": posts.count(),
    "distinct": posts.values("email").distinct().count(),
    "twice": posts.values("email").annotate(n=Count("pk")).filter(n__gt=1).count(),
    "seconds": (span["last"] - span["first"]).total_seconds() if span["first"] else 0,
}}))
""")


# Servers ----------------------------------------------------------------------------------


def start_redis(servers, state):
    port = free_port()
    servers.start("redis", [
        REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
        "--appendonly", "no", "--dir", str(state), "--daemonize", "no",
    ], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.2)
    raise SystemExit("redis-server did not start")


def start_gunicorn(servers, env, workers, name):
    """gunicorn with the shipped configuration (deploy/gunicorn.conf.py), ``workers`` of
    them; its address."""
    port = free_port()
    process = servers.start(name, [
        str(Path(PYTHON).with_name("gunicorn")), "newsroom.wsgi",
        "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
    ], cwd=ROOT, env={
        **env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers),
        "GUNICORN_ERROR_LOG": str(Path(env["NEWSROOM_VAR_DIR"]) / f"{name}.log"),
    })
    wait_for(f"http://127.0.0.1:{port}/robots.txt", process=process)
    return f"http://127.0.0.1:{port}"


def nginx_config(state, port, root):
    return f"""
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
"""


def start_nginx(servers, state, html_bytes):
    """nginx serving ``html_bytes`` as a static file: the limit every figure is set against
    (the same configuration as the shared bench's static-limit.sh)."""
    port = free_port()
    root = state / "static-limit"
    root.mkdir(exist_ok=True)
    (root / "index.html").write_bytes(html_bytes)
    # nginx's workers run as an unprivileged user: they must be able to read the file.
    for path in (state, root, root / "index.html"):
        path.chmod(0o755)
    config = state / "nginx.conf"
    config.write_text(nginx_config(state, port, root))
    servers.start("nginx", [NGINX, "-c", str(config), "-p", str(state)])
    wait_for(f"http://127.0.0.1:{port}/")
    return f"http://127.0.0.1:{port}"


def start_varnish(servers, state, backend_url):
    """The shipped VCL in front of ``backend_url``, as deploy/stack.py runs it."""
    port = free_port()
    vcl = state / "default.vcl"
    vcl.write_text(render_vcl_backend(VARNISH_VCL.read_text(), "127.0.0.1",
                                      urlsplit(backend_url).port))
    (state / "varnish").mkdir(exist_ok=True)
    with open(state / "varnish.log", "wb") as output:
        servers.start("varnish", varnish_command(state / "varnish", port, vcl),
                      stdout=output, stderr=subprocess.STDOUT)
    wait_for(f"http://127.0.0.1:{port}/robots.txt")
    return f"http://127.0.0.1:{port}"


# WordPress and Wagtail (the shared bench folder) ------------------------------------------


def shared_bench_dir(environ=os.environ, root=ROOT):
    """The folder of the reference scripts: BENCH_SHARED, else ../shared/bench beside the
    checkout, else /work/shared/bench; None when none exists."""
    candidates = [environ.get("BENCH_SHARED"), root.parent / "shared" / "bench",
                  Path("/work/shared/bench")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "setup-wordpress.sh").is_file():
            return Path(candidate)
    return None


def reference_state_dir(environ=os.environ):
    """Where the references keep their installs and data between runs: BENCH_STATE, else a
    folder of the system's temporary directory. Not under var/: Django's file cache makes
    var/ readable by its owner alone (0700), and MariaDB, which runs as its own user, must
    reach its data folder."""
    named = environ.get("BENCH_STATE")
    return Path(named) if named else Path(tempfile.gettempdir()) / "newsroom-bench-references"


REFERENCES = (
    # (row, setup script, the variable its output names the page with)
    (WORDPRESS_ROW, "setup-wordpress.sh", "WP_POST_URL"),
    (WAGTAIL_ROW, "setup-wagtail.sh", "WAGTAIL_POST_URL"),
)


def start_references(shared, reference_state):
    """Install, seed and start WordPress and Wagtail: ({row: url}, [why not, for each
    that could not start]). Their scripts use fixed ports: when one fails while its address
    answers (another run's server, still up), that server is measured, and said so."""
    env = {**os.environ, "BENCH_STATE": str(reference_state)}
    urls, problems = {}, []
    for row, script, variable in REFERENCES:
        log(f"== {script} (the first time installs packages: minutes)")
        try:
            run = subprocess.run(["bash", str(shared / script)], env=env,  # noqa: S603, S607
                                 capture_output=True, text=True, timeout=1800)
        except subprocess.TimeoutExpired:
            problems.append(f"{row}: {script} took more than 30 minutes")
            continue
        found = re.search(rf"{variable}=(\S+)", run.stdout)
        if run.returncode == 0 and found:
            urls[row] = found.group(1)
            continue
        reason = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
        answering = reference_answering(shared, variable)
        if answering:
            urls[row] = answering
            problems.append(f"{row}: {script} failed ({reason[0]}); measured the server "
                            f"already answering at {answering} (another run's)")
        else:
            problems.append(f"{row}: {script} failed: {reason[0]}")
    return urls, problems


def reference_answering(shared, variable):
    """The reference page's usual address when something answers 200 there, else None."""
    ports = {"WP_POST_URL": 8081, "WAGTAIL_POST_URL": 8083}
    url = f"http://127.0.0.1:{ports[variable]}/l-ia-redessine-la-conception-des-puces/"
    try:
        return url if fetch(url)[0] == 200 else None
    except OSError:
        return None


def stop_references(shared, reference_state):
    env = {**os.environ, "BENCH_STATE": str(reference_state)}
    subprocess.run(["bash", str(shared / "stop.sh")], env=env, check=False)  # noqa: S603, S607


# Measuring --------------------------------------------------------------------------------


def to_ms(value):
    number = re.match(r"[\d.]+", value).group()
    unit = value[len(number):]
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}.get(unit, 1)


def parse_wrk(output):
    """What wrk printed, as numbers: requests per second, p99 in ms, errors, and the
    posting script's counts when it ran."""
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1)),
        "non2xx": int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1]),
        "errors": sum(int(n) for n in re.findall(
            r"(?:connect|read|write|timeout) (\d+)", output.split("Socket errors:")[-1]
        )) if "Socket errors" in output else 0,
    }
    posted = re.search(r"accepted (\d+) refused (\d+)", output)
    if posted:
        result["accepted"], result["refused"] = int(posted[1]), int(posted[2])
    return result


def wrk(url, seconds, connections, script=None, env=None):
    command = [WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "--latency"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True,  # noqa: S603
                            check=True, env={**os.environ, **(env or {})}).stdout
    return parse_wrk(output)


class FormParser(html.parser.HTMLParser):
    """The comment form (#comment-form) of a page: its address, the address of its token,
    and its hidden fields."""

    def __init__(self):
        super().__init__()
        self.inside, self.hidden, self.action, self.token_url = False, {}, "", ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "comment-form":
            self.inside, self.action = True, attrs.get("action", "")
            self.token_url = attrs.get("data-token-url", "")
        elif self.inside and tag == "input" and attrs.get("type") == "hidden":
            self.hidden[attrs.get("name", "")] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def comment_form(page_html):
    parser = FormParser()
    parser.feed(page_html)
    if not parser.action or not parser.token_url:
        raise SystemExit("no comment form (#comment-form with data-token-url) on the article")
    return parser


def fetch_forms(base, form, count):
    """``count`` forms, each with a token of its own from the token address, as the page's
    script gets one when a reader starts writing: a token posts once."""

    def one(_index):
        status, _headers, body = fetch(base + form.token_url)
        if status != 200:
            raise SystemExit(f"the form token address answered {status}")
        return urlencode({**form.hidden, "timestamp": json.loads(body)["token"]})

    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(one, range(count)))


def lua_forms(fields, referer, path):
    """The forms as a Lua file for bench/post_comments.lua."""

    def quoted(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    items = ",\n".join(f"{{fields={quoted(each)}, referer={quoted(referer)}}}" for each in fields)
    path.write_text(f"return {{\n{items}\n}}\n")


@dataclass
class Line:
    """One line of the table: what is measured, and its figures of each round."""

    name: str
    url: str = ""
    results: list = field(default_factory=list)
    note: str = ""

    def measure(self, seconds, connections):
        """Measure with wrk; a server that stops answering (another run's reference)
        takes its line out of the run, with the reason, instead of ending it."""
        try:
            return wrk(self.url, seconds, connections)
        except subprocess.CalledProcessError as failure:
            self.note = f"stopped answering: {(failure.stdout or '').strip()[-80:]}"
            self.url = ""
            return None

    def median(self, key):
        values = [result[key] for result in self.results if key in result]
        return statistics.median(values) if values else None


def posting_round(options, env, site, form, article_url, state, number):
    """One round of comment posting: forms fetched, then posted by wrk; the figures, with
    what the database stored."""
    seconds = options.duration
    forms = fetch_forms(site, form, options.forms or 400 * seconds)
    lua_forms(forms, article_url, state / "forms.lua")
    # Forms sent sooner than COMMENTS_MIN_SUBMIT_SECONDS after they were given are spam.
    time.sleep(int(os.environ.get("COMMENTS_MIN_SUBMIT_SECONDS", "3")) + 1)
    prefix = f"bench-r{number}-"
    result = wrk(site + form.action, seconds + POSTING_MARGIN, options.connections,
                 script=BENCH / "post_comments.lua",
                 env={"BENCH_FORMS": str(state / "forms.lua"), "BENCH_THREADS": "2",
                      "BENCH_PREFIX": prefix, "BENCH_TOKEN_PATH": form.token_url,
                      "BENCH_POST_SECONDS": str(seconds)})
    result.update(stored_posts(env, prefix))
    # Accepted posts per second of posting, by the server's clock (first to last comment).
    result["rps"] = (result["stored"] - 1) / result["seconds"] if result["seconds"] else 0
    return result


def posting_verdict(results):
    """What the posting rounds say about lost and duplicated posts, in one sentence."""
    accepted = sum(result["accepted"] for result in results)
    refused = sum(result["refused"] for result in results)
    stored = sum(result["stored"] for result in results)
    twice = sum(result["twice"] for result in results)
    lost = accepted - stored if stored < accepted else 0
    extra = stored - accepted if stored > accepted else 0
    verdict = ("none lost, none duplicated" if not (lost or extra or twice)
               else f"{lost} LOST, {extra} stored without an accepted answer, "
                    f"{twice} STORED TWICE")
    return (f"{accepted} posts accepted, {refused} refused; {stored} comments stored: "
            f"{verdict}."), not (lost or extra or twice)


# The table --------------------------------------------------------------------------------


def ratio(value, reference):
    """``value`` as a multiple of ``reference`` ("n/a" without one)."""
    if not reference or value is None:
        return "n/a"
    figure = value / reference
    if figure >= 10:
        return f"{figure:,.0f}×"
    if figure >= 0.01:
        return f"{figure:.2f}×" if figure >= 0.1 else f"{figure:.3f}×"
    return f"{figure:.2g}×"


def number(value):
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def table(lines, reference_names=(NGINX_ROW, BARE_ROW, WORDPRESS_ROW)):
    """The figures as a Markdown table: median req/s and p99, and req/s as a ratio to each
    reference line measured (nginx, the bare Django view, WordPress)."""
    by_name = {line.name: line for line in lines}
    references = [(name, by_name[name].median("rps")) for name in reference_names
                  if name in by_name and by_name[name].results]
    short = {NGINX_ROW: "nginx", BARE_ROW: "bare Django", WORDPRESS_ROW: "WordPress"}
    header = ["what", "req/s", "p99"] + [f"vs {short.get(name, name)}" for name, _ in references]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for line in lines:
        if not line.results:
            rows.append(f"| {line.name} | n/a ({line.note or 'not measured'}) |"
                        + " |" * (len(header) - 2))
            continue
        rps, p99 = line.median("rps"), line.median("p99")
        cells = [line.name + (f" ({line.note})" if line.note else ""), number(rps),
                 f"{number(p99)} ms"]
        cells += [ratio(rps, value) for _name, value in references]
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def targets(lines, memory, posts_ok):
    """Issue 12's targets: [(what, figure, met)] for those this run could measure."""
    by_name = {line.name: line for line in lines if line.results}

    def rps(name):
        return by_name[name].median("rps") if name in by_name else None

    checks = []
    nginx, bare = rps(NGINX_ROW), rps(BARE_ROW)
    varnish = rps("article, the shipped Varnish configuration")
    if varnish and nginx:
        checks.append(("article through Varnish ≥ 60% of nginx static",
                       f"{varnish / nginx:.0%}", varnish >= 0.6 * nginx))
    cached = rps("article, Django's page cache")
    if cached and bare:
        checks.append(("article from Django's page cache ≥ 60% of the bare Django view",
                       f"{cached / bare:.0%}", cached >= 0.6 * bare))
    cold = by_name.get("article, every cache off")
    if cold:
        wagtail = rps(WAGTAIL_ROW)
        if wagtail:
            checks.append(("cold article ≥ the bare Wagtail article",
                           f"{cold.median('rps') / wagtail:.2f}×",
                           cold.median("rps") >= wagtail))
        checks.append(("cold article p99 < 100 ms at 16 connections",
                       f"{cold.median('p99'):.0f} ms", cold.median("p99") < 100))
    posts = by_name.get(POSTS_ROW)
    if posts:
        checks.append((f"comment posts ≥ {POSTS_TARGET}/s, none lost, none duplicated",
                       f"{posts.median('rps'):.0f}/s",
                       posts.median("rps") >= POSTS_TARGET and posts_ok))
    if memory:
        largest = max(size for _server, _pid, _program, size in memory)
        checks.append((f"each server process < {MEMORY_LIMIT_MB} MB resident",
                       f"largest {largest:.0f} MB", largest < MEMORY_LIMIT_MB))
    return checks


# The run ----------------------------------------------------------------------------------


def base_env(state, database, redis_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        "NEWSROOM_VAR_DIR": str(state),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # Plain HTTP on the loopback: no HTTPS redirect, cookies sent without TLS.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "COMMENTS_KEY_COOKIE_SECURE": "0",
        "BENCH_BARE_HTML": str(state / "article.html"),
        # Cold: no page cache; the cached server turns it on.
        "PAGE_CACHE_ENABLED": "0",
        "PYTHONPATH": str(ROOT),
    }


def parse_options(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="a quick try: 3 s per measure, one round, 1 s of warm-up")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measure")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of measures (the table gives each line's median)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per address")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--comments", type=int, default=20000)
    parser.add_argument("--forms", type=int, default=0,
                        help="comment forms per posting round (each posts once; "
                             "default: 400 per second measured)")
    parser.add_argument("--no-compare", dest="compare", action="store_false",
                        help="leave out WordPress and Wagtail")
    parser.add_argument("--modes", default=",".join(MODES),
                        help=f"the modes to measure, among {', '.join(MODES)}")
    options = parser.parse_args(argv)
    if options.quick:
        options.duration, options.rounds, options.warmup = 3, 1, 1
    options.modes = [mode for mode in options.modes.split(",") if mode in MODES]
    return options


def check_cached(url, header):
    """Whether a second request for ``url`` came from the cache, as ``header`` says."""
    fetch(url)
    _status, headers, _body = fetch(url)
    value = (headers.get(header) or "").lower()
    return value.startswith("hit"), value or "no header"


def main(argv=None):
    options = parse_options(argv)
    for tool in (WRK, NGINX, REDIS_SERVER, VARNISHD):
        if not Path(tool).exists():
            raise SystemExit(f"{tool} is needed (apt-get install wrk nginx redis-server "
                             "varnish varnish-modules)")

    servers = Servers()
    state = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    database = database_url()
    shared = shared_bench_dir() if options.compare else None
    reference_state = reference_state_dir()
    log(f"== {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}: "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}")
    log(f"   before: {machine_load()}")
    try:
        redis_url = start_redis(servers, state)
        env = base_env(state, database, redis_url)
        log(f"== database {database}, Redis {redis_url}, files in {state}")
        recreate_database(database, env)
        seeded = seed(env, options.articles, options.comments)
        log(f"   seeded: {seeded['articles']} articles and {seeded['comments']} comments "
            f"in {seeded['seconds']:.0f} s")
        manage(env, "collectstatic", "--noinput", "-v0")

        cold = start_gunicorn(servers, env, options.workers, "gunicorn-cold")
        cached = start_gunicorn(servers, {**env, "PAGE_CACHE_ENABLED": "1"}, options.workers,
                                "gunicorn-page-cache")
        article_path = PAGES["article"].format(article=seeded["slug"])
        status, _headers, article_html = fetch(cold + article_path)
        if status != 200:
            raise SystemExit(f"the article answered {status}")
        (state / "article.html").write_bytes(article_html)
        nginx = start_nginx(servers, state, article_html)
        varnish = start_varnish(servers, state, cached) if "varnish" in options.modes else ""
        log(f"   article: {len(article_html):,} bytes; gunicorn {options.workers} sync "
            "workers (twice: cold, and with the page cache)")

        lines = [Line(NGINX_ROW, nginx + "/"), Line(BARE_ROW, cold + "/bench/bare/")]
        if shared is None and options.compare:
            lines += [Line(row, note="no shared bench folder") for row, _s, _v in REFERENCES]
        elif shared is not None:
            urls, problems = start_references(shared, reference_state)
            for problem in problems:
                log(f"   {problem}")
            lines += [Line(row, urls.get(row, ""), note="" if row in urls else "did not start")
                      for row, _script, _variable in REFERENCES]
        bases = {"cold": cold, "django-cache": cached, "varnish": varnish}
        for mode in options.modes:
            label, header = MODES[mode]
            for page, path in PAGES.items():
                line = Line(f"{page}, {label}", bases[mode] + path.format(article=seeded["slug"]))
                if header:
                    hit, said = check_cached(line.url, header)
                    if not hit:
                        line.note = f"not kept: {header} {said}"
                lines.append(line)
        posts = Line(POSTS_ROW)
        lines.append(posts)

        status, _headers, page = fetch(cached + article_path)
        form = comment_form(page.decode())
        measured = [line for line in lines if line.url]
        log(f"== warm-up: {options.warmup} s per address")
        for line in measured:
            line.measure(options.warmup, options.connections)
        for number in range(1, options.rounds + 1):
            log(f"== round {number}/{options.rounds}: wrk -t2 -c{options.connections} "
                f"-d{options.duration}s per line ({machine_load()})")
            for line in measured:
                if not line.url:
                    continue
                result = line.measure(options.duration, options.connections)
                if result is None:
                    log(f"   {line.name:<48} {line.note}")
                    continue
                line.results.append(result)
                log(f"   {line.name:<48} {result['rps']:>9.0f} req/s  "
                    f"p99 {result['p99']:>8.1f} ms")
            # Posted to the server with the page cache, as readers' posts reach production.
            posts.results.append(posting_round(options, env, cached, form,
                                               cached + article_path, state, number))
            log(f"   {POSTS_ROW:<48} {posts.results[-1]['rps']:>9.0f} /s     "
                f"p99 {posts.results[-1]['p99']:>8.1f} ms")
            settle_database(database)

        memory = memory_report(servers)
        verdict, posts_ok = posting_verdict(posts.results)
        log("")
        log(f"Figures: medians of {options.rounds} round(s) of {options.duration} s, "
            f"wrk -t2 -c{options.connections}, one run on {platform.node()} "
            f"({os.cpu_count()} CPUs)")
        log("")
        for row in table(lines):
            log(row)
        log("")
        log(f"Comment posts: {verdict}")
        log("")
        log("Resident memory after the run:")
        for server, pid, program, size in memory:
            log(f"   {server:<20} {program:<14} pid {pid:<8} {size:6.0f} MB")
        log("")
        log("Targets (issue 12):")
        for what, figure, met in targets(lines, memory, posts_ok):
            log(f"   {'met    ' if met else 'NOT MET'}  {what}: {figure}")
        log("")
        log(f"   after: {machine_load()}")
    finally:
        servers.stop_all()
        if shared is not None:
            stop_references(shared, reference_state)
        if "BENCH_DATABASE_URL" not in os.environ:
            drop_database(database)
        shutil.rmtree(state, ignore_errors=True)


if __name__ == "__main__":
    main()

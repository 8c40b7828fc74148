"""The benchmark's pieces that need no server (bench/run.py): reading wrk's output, the
ratios and the table it prints, the verdicts on comment posts and on the targets, finding
the shared reference scripts, the quick option, and the database settled between rounds."""

import os
import subprocess
from pathlib import Path

import pytest

from bench import run
from bench.run import BARE_ROW, NGINX_ROW, POSTS_ROW, WAGTAIL_ROW, WORDPRESS_ROW, Line

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.30ms    4.10ms  80.00ms   90.00%
  Latency Distribution
     50%   11.00ms
     75%   13.00ms
     90%   16.00ms
     99%    1.20s
  12000 requests in 10.00s, 400.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   1200.50
Transfer/sec:     40.00MB
accepted 950 refused 4
"""


def line(name, rps, p99=10.0, note=""):
    return Line(name, "http://127.0.0.1/", [{"rps": rps, "p99": p99}], note)


def test_wrk_output_becomes_numbers():
    assert run.parse_wrk(WRK_OUTPUT) == {
        "rps": 1200.5, "p99": 1200.0, "non2xx": 7, "errors": 5, "accepted": 950, "refused": 4,
    }


@pytest.mark.parametrize(("text", "ms"), [("850.00us", 0.85), ("12.5ms", 12.5), ("2.1s", 2100)])
def test_latencies_in_milliseconds(text, ms):
    assert run.to_ms(text) == pytest.approx(ms)


@pytest.mark.parametrize(
    ("value", "reference", "printed"),
    [(30_000, 50_000, "0.60×"), (45, 25, "1.80×"), (52_222, 25, "2,089×"),
     (3, 300, "0.010×"), (5.2, 18_877, "0.00028×"), (5, None, "n/a"), (None, 5, "n/a")],
)
def test_ratios(value, reference, printed):
    assert run.ratio(value, reference) == printed


def test_the_table_gives_each_line_as_ratios_to_nginx_bare_django_and_wordpress():
    lines = [line(NGINX_ROW, 20_000, 5), line(BARE_ROW, 400, 60), line(WORDPRESS_ROW, 25),
             Line(WAGTAIL_ROW, note="did not start"), line("article, every cache off", 100)]
    rows = run.table(lines)
    assert rows[0] == "| what | req/s | p99 | vs nginx | vs bare Django | vs WordPress |"
    assert rows[2] == f"| {NGINX_ROW} | 20,000 | 5.0 ms | 1.00× | 50× | 800× |"
    assert rows[5] == f"| {WAGTAIL_ROW} | n/a (did not start) | | | | |"
    assert rows[6] == "| article, every cache off | 100 | 10.0 ms | 0.005× | 0.25× | 4.00× |"


def test_the_table_leaves_out_a_reference_that_did_not_run():
    rows = run.table([line(NGINX_ROW, 20_000), line(BARE_ROW, 400),
                      Line(WORDPRESS_ROW, note="did not start")])
    assert rows[0] == "| what | req/s | p99 | vs nginx | vs bare Django |"


def test_a_line_gives_the_median_of_its_rounds():
    rounds = Line("x", "u", [{"rps": 10, "p99": 5}, {"rps": 30, "p99": 1}, {"rps": 20, "p99": 9}])
    assert rounds.median("rps") == 20
    assert rounds.median("p99") == 5


def posting(accepted, stored, twice=0, refused=0):
    return {"accepted": accepted, "refused": refused, "stored": stored, "twice": twice}


def test_posts_are_all_accounted_for_when_the_database_holds_each_accepted_one_once():
    assert run.posting_verdict([posting(100, 100), posting(50, 50)]) == (
        "150 posts accepted, 0 refused; 150 comments stored: none lost, none duplicated.", True
    )


@pytest.mark.parametrize(
    ("results", "said"),
    [([posting(100, 98)], "2 LOST"), ([posting(100, 101)], "1 stored without"),
     ([posting(100, 100, twice=1)], "1 STORED TWICE")],
)
def test_lost_extra_or_duplicated_posts_are_said(results, said):
    sentence, ok = run.posting_verdict(results)
    assert said in sentence
    assert ok is False


def test_targets_met_and_not_met():
    lines = [
        line(NGINX_ROW, 10_000), line(BARE_ROW, 500), line(WAGTAIL_ROW, 150),
        line("article, the shipped Varnish configuration", 7_000),
        line("article, Django's page cache", 200),
        line("article, every cache off", 160, p99=140),
        line(POSTS_ROW, 210),
    ]
    memory = [("gunicorn-cold", 1, "gunicorn", 95.0), ("varnish", 2, "varnishd", 130.0)]
    checks = {what: (figure, met) for what, figure, met in run.targets(lines, memory, True)}
    assert checks["article through Varnish ≥ 60% of nginx static"] == ("70%", True)
    assert checks["article from Django's page cache ≥ 60% of the bare Django view"] == (
        "40%", False)
    assert checks["cold article ≥ the bare Wagtail article"] == ("1.07×", True)
    assert checks["cold article p99 < 100 ms at 16 connections"] == ("140 ms", False)
    assert checks["comment posts ≥ 200/s, none lost, none duplicated"] == ("210/s", True)
    assert checks["each server process < 120 MB resident"] == ("largest 130 MB", False)
    lost = {what: met for what, _figure, met in run.targets(lines, [], False)}
    assert lost["comment posts ≥ 200/s, none lost, none duplicated"] is False


def test_the_shared_bench_folder_is_found_in_order(tmp_path):
    def folder(path):
        path.mkdir(parents=True)
        (path / "setup-wordpress.sh").write_text("")
        return path

    checkout = tmp_path / "work" / "newsroom"
    checkout.mkdir(parents=True)
    beside = folder(tmp_path / "work" / "shared" / "bench")
    named = folder(tmp_path / "elsewhere")
    assert run.shared_bench_dir({"BENCH_SHARED": str(named)}, checkout) == named
    assert run.shared_bench_dir({}, checkout) == beside
    assert run.shared_bench_dir({"BENCH_SHARED": str(tmp_path / "none")}, checkout) == beside
    found = run.shared_bench_dir({}, tmp_path / "alone" / "newsroom")
    assert found in (None, Path("/work/shared/bench"))


def test_quick_is_short():
    quick = run.parse_options(["--quick"])
    assert (quick.duration, quick.rounds, quick.warmup) == (3, 1, 1)
    full = run.parse_options([])
    assert (full.duration, full.rounds, full.workers) == (10, 3, 2)
    assert full.compare and full.modes == ["cold", "django-cache", "varnish"]
    assert run.parse_options(["--no-compare", "--modes", "cold,nope"]).modes == ["cold"]


def test_the_comment_form_of_the_page_and_its_token_address():
    form = run.comment_form(
        '<form id="comment-form" action="/commentaires/7/" data-token-url="/commentaires/7/jeton/">'
        '<input type="hidden" name="timestamp" value="abc"><input type="hidden" name="parent">'
        '<input name="name"></form><form><input type="hidden" name="other" value="x"></form>'
    )
    assert (form.action, form.token_url) == ("/commentaires/7/", "/commentaires/7/jeton/")
    assert form.hidden == {"timestamp": "abc", "parent": ""}


def test_forms_become_a_lua_list(tmp_path):
    path = tmp_path / "forms.lua"
    run.lua_forms(['timestamp=a"b&parent='], "http://127.0.0.1:1/a/", path)
    assert path.read_text() == (
        'return {\n{fields="timestamp=a\\"b&parent=", referer="http://127.0.0.1:1/a/"}\n}\n'
    )


def postgres_reachable():
    try:
        run.psql("postgres://postgres@127.0.0.1:5432/postgres", "SELECT 1")
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


@pytest.mark.skipif(not postgres_reachable(), reason="no PostgreSQL on 127.0.0.1:5432")
def test_after_posting_the_database_is_vacuumed_before_the_next_round():
    url = f"postgres://postgres@127.0.0.1:5432/newsroom_bench_settle_{os.getpid()}"
    name = run.database_name(url)
    run.psql(url, f"DROP DATABASE IF EXISTS {name}")
    run.psql(url, f"CREATE DATABASE {name}")
    try:
        run.psql(url, "CREATE TABLE posted AS SELECT n FROM generate_series(1, 5000) n",
                 database=name)
        run.settle_database(url)
        said = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-tAc",
             "SELECT last_vacuum IS NOT NULL AND last_analyze IS NOT NULL, n_live_tup "
             "FROM pg_stat_user_tables WHERE relname = 'posted'"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        assert said == "t|5000"
    finally:
        run.psql(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_the_references_keep_their_files_where_mariadb_can_reach_them(tmp_path):
    """MariaDB runs as its own user: every folder above its data must let others through.
    The checkout's var/ does not (Django's file cache creates it readable by its owner)."""
    assert run.reference_state_dir({"BENCH_STATE": str(tmp_path)}) == tmp_path
    default = run.reference_state_dir({})
    assert run.ROOT / "var" not in default.parents
    for folder in default.parents:
        if folder.exists():
            assert folder.stat().st_mode & 0o001, folder

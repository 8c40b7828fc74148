"""Print which integration tests with real servers ran in a pytest JUnit report, and which
were skipped with their reason (CI installs their servers; a skip says what was missing)."""

import sys
from collections import defaultdict

from defusedxml import ElementTree

#: The tests that start real servers: the production stack (nginx, Varnish, gunicorn), two
#: app servers with object storage, the PostgreSQL replica, the task worker, Varnish purges,
#: a real WordPress to import from, and the browser.
INTEGRATION_PREFIXES = (
    "tests.deploy.",
    "tests.core.test_replica",
    "tests.core.test_worker",
    "tests.test_page_cache_varnish",
    "tests.wordpress.test_real_wordpress",
    "tests.e2e.",
)


def main(path):
    tree = ElementTree.parse(path)
    outcomes = defaultdict(lambda: defaultdict(int))
    reasons = defaultdict(set)
    for case in tree.iter("testcase"):
        module = case.get("classname", "")
        if not module.startswith(INTEGRATION_PREFIXES):
            continue
        module = module.rsplit(".", 1)[0] if module.count(".") > 2 else module
        skipped = case.find("skipped")
        if skipped is not None:
            outcomes[module]["skipped"] += 1
            reasons[module].add(skipped.get("message", ""))
        elif case.find("failure") is not None or case.find("error") is not None:
            outcomes[module]["failed"] += 1
        else:
            outcomes[module]["passed"] += 1
    if not outcomes:
        print("No integration test was collected.")
        return 1
    for module in sorted(outcomes):
        counts = ", ".join(
            f"{number} {state}" for state, number in sorted(outcomes[module].items())
        )
        print(f"{module}: {counts}")
        for reason in sorted(reasons[module]):
            print(f"    skipped: {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

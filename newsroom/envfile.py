"""Settings from a file of NAME=value lines, for a development checkout.

`make run` writes `.env` (DEBUG=1, a generated SECRET_KEY…), so that `manage.py` commands work
without setting variables by hand. The settings read a file only when NEWSROOM_ENV_FILE names
one; `manage.py` names the checkout's `.env` only when SECRET_KEY is not in the environment.
Production always sets SECRET_KEY (the settings refuse to start without it), and gunicorn
never goes through manage.py: a server never reads a developer's file unless told to.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def parse(text, source="env file"):
    """The NAME=value pairs of text; blank lines, # comments and `export ` are allowed."""
    values = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.removeprefix("export ").partition("=")
        name, value = name.strip(), value.strip()
        if not equals or not name.isidentifier():
            raise ImproperlyConfigured(f"{source}, line {number}: expected NAME=value")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[name] = value
    return values


def load(path, environ):
    """Set in environ each variable of the file that environ does not already have."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ImproperlyConfigured(
            f"NEWSROOM_ENV_FILE names {path}, which cannot be read: {error.strerror}"
        ) from error
    for name, value in parse(text, str(path)).items():
        environ.setdefault(name, value)


def development_file(base_dir, environ):
    """The checkout's .env for manage.py, or None where it must not be read."""
    local = Path(base_dir) / ".env"
    if "NEWSROOM_ENV_FILE" in environ or "SECRET_KEY" in environ or not local.is_file():
        return None
    return local

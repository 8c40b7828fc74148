#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from newsroom import envfile

    # The development settings `make run` wrote, unless SECRET_KEY says this is a server.
    local = envfile.development_file(Path(__file__).resolve().parent, os.environ)
    if local:
        os.environ["NEWSROOM_ENV_FILE"] = str(local)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

import pytest


@pytest.fixture(autouse=True)
def _throttling_as_documented(settings):
    """The documented defaults, whatever the environment says."""
    from datetime import timedelta

    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    settings.TRUSTED_PROXY_COUNT = 0
    settings.LANGUAGE_CODE = "fr"

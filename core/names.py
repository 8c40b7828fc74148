"""How people are named to readers, the same on pages, in feeds and in structured data."""


def display_name(user):
    """Full name, or the username when none is given."""
    return user.get_full_name() or user.get_username()

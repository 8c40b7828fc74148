"""Two people changed the same article: what each of them changed, and what to keep.

The article form remembers the ``edit_version`` it was opened at. When someone else saved the
article since, the save is refused (``articles.actions.EditConflict``) and the form shows,
field by field, their version beside the one being saved. For each field only they changed,
their value is offered by default (a merge); where both changed it, the editor chooses. Saving
again applies the choices, or keeps every value of one's own: an overwrite made knowingly.
"""

from django.utils.translation import gettext
from reversion.models import Version

from .admin.history import (
    COMPARED_FIELDS,
    TEXT_FIELDS,
    CurrentSnapshot,
    VersionSnapshot,
    _display,
    _label,
    word_diff,
)
from .models import Tag
from .words import readable_text

#: What a conflict compares, in the order of the form: what the history compares but the
#: review, which only its own action records. Sources come from their formset.
MERGED_FIELDS = [
    name
    for name in COMPARED_FIELDS
    if name not in {"review_done", "reviewed_by", "reviewed_at"}
]
MINE, THEIRS = "mine", "theirs"
#: How far back to look for the version a form was opened at.
VERSIONS_SEARCHED = 200


def submitted_sources(data, prefix="sources"):
    """The (name, url) pairs a posted sources formset says, in its order, unvalidated: only
    to compare and show them."""
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        return []
    rows = []
    for index in range(min(total, 1000)):
        key = f"{prefix}-{index}-"
        name = (data.get(f"{key}name") or "").strip()
        if not name or data.get(f"{key}DELETE"):
            continue
        try:
            order = int(data.get(f"{key}order") or 0)
        except ValueError:
            order = 0
        rows.append((order, index, name, (data.get(f"{key}url") or "").strip()))
    return [(name, url) for _order, _index, name, url in sorted(rows)]


class FormSnapshot:
    """What a posted article form would save, read like a version."""

    def __init__(self, form):
        self.form = form

    def value(self, name):
        data = self.form.cleaned_data
        if name == "sources":
            return submitted_sources(self.form.data)
        value = data.get(name)
        if name == "authors":
            return [author.pk for author in value or []]
        if name == "featured_image":
            return value.pk if value else None
        return value


def _names_of_tags(value):
    tags = [tag for tag in value or [] if not isinstance(tag, int)]
    ids = [tag for tag in value or [] if isinstance(tag, int)]
    names = {getattr(tag, "name", tag) for tag in tags}
    if ids:
        names.update(Tag.objects.filter(pk__in=ids).values_list("name", flat=True))
    return sorted(names, key=str.casefold)


def _comparable(snapshot, name):
    value = snapshot.value(name)
    if name == "tags":
        return _names_of_tags(value)
    if name == "sources":
        return [tuple(source) for source in value or []]
    if value in (None, ""):
        return None
    return value


def _shown(name, value):
    if name == "tags":
        return ", ".join(value) if value else gettext("(empty)")
    if name == "sources":
        value = list(value or [])
    return _display(name, value)


def version_at(article, edit_version):
    """The saved version of ``article`` that had ``edit_version``, or None."""
    versions = Version.objects.get_for_object(article).order_by("-pk")[:VERSIONS_SEARCHED]
    for version in versions:
        if version.field_dict.get("edit_version") == edit_version:
            return version
    return None


class EditConflictResolution:
    """The fields someone else changed since ``base_version``, beside the form's values,
    with the choice of what to keep."""

    def __init__(self, form, stored, base_version):
        self.form, self.stored, self.base_version = form, stored, base_version
        self.current_version = stored.edit_version
        version = version_at(stored, base_version)
        base = VersionSnapshot(version) if version is not None else None
        theirs, mine = CurrentSnapshot(stored), FormSnapshot(form)
        names = [
            name for name in MERGED_FIELDS if name in form.fields or name == "sources"
        ]
        self.rows = []
        for name in names:
            their_value, my_value = _comparable(theirs, name), _comparable(mine, name)
            if their_value == my_value:
                continue
            base_value = _comparable(base, name) if base is not None else None
            if base is not None and their_value == base_value:
                continue  # only this form changed it: nothing of theirs is at stake
            both = base is None or my_value != base_value
            self.rows.append(
                {
                    "name": name,
                    "label": _label(name),
                    "theirs": _shown(name, their_value),
                    "mine": _shown(name, my_value),
                    "diff": self._diff(name, their_value, my_value),
                    "both": both,
                    "choice": self._posted_choice(name) or (None if both else THEIRS),
                    "their_value": their_value,
                }
            )
        self.missing = []

    @staticmethod
    def _diff(name, theirs, mine):
        if name not in TEXT_FIELDS:
            return None
        if name == "body":
            return word_diff(readable_text(theirs or ""), readable_text(mine or ""))
        return word_diff(theirs or "", mine or "")

    def _posted_choice(self, name):
        if self.form.data.get("conflict_keep_mine"):
            return MINE
        choice = self.form.data.get(f"merge_{name}")
        return choice if choice in (MINE, THEIRS) else None

    @property
    def editor(self):
        """Who saved the article last, and when, from its newest version."""
        version = (
            Version.objects.get_for_object(self.stored)
            .select_related("revision__user")
            .order_by("-pk")
            .first()
        )
        return version.revision if version else None

    def answered(self):
        """Whether the form was posted back from this very conflict, with a choice for
        every field both changed."""
        if self.form.data.get("conflict_seen") != str(self.current_version):
            return False
        self.missing = [row["label"] for row in self.rows if row["choice"] is None]
        return not self.missing

    def apply(self, cleaned_data):
        """Put their values into ``cleaned_data`` wherever theirs were chosen."""
        stored = self.stored
        for row in self.rows:
            if row["choice"] != THEIRS:
                continue
            name = row["name"]
            if name == "sources":
                self.form.keep_stored_sources = True
            elif name == "authors":
                cleaned_data[name] = list(stored.ordered_authors)
            elif name == "tags":
                cleaned_data[name] = [tag.name for tag in stored.tags.all()]
            else:
                cleaned_data[name] = getattr(stored, name)

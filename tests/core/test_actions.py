"""The action base: check, then act in one transaction; side effects only once committed."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from core.actions import Action, action_committed, run_each
from tests.factories import make_user

pytestmark = pytest.mark.django_db


class RenameGroup(Action):
    """A small action on a model every project has."""

    log_message = "Renamed."

    def __init__(self, group, user, name):
        super().__init__(user)
        self.group, self.name = group, name
        self.committed = False

    def check(self):
        if not self.name.strip():
            raise ValidationError("A group needs a name.")

    def perform(self):
        self.group.name = self.name
        self.group.save()
        if self.name == "boom":
            raise RuntimeError("the change fails half-way")
        return self.group

    def changed_objects(self):
        return [self.group]

    def after_commit(self):
        self.committed = True


@pytest.fixture
def group(db):
    return Group.objects.create(name="Relecteurs")


@pytest.fixture
def user(db):
    return make_user("ines")


def test_execute_acts_logs_and_announces_after_the_commit(
    group, user, django_capture_on_commit_callbacks
):
    announced = []
    listener = lambda sender, action, **kwargs: announced.append(action)  # noqa: E731
    action_committed.connect(listener)
    action = RenameGroup(group, user, "Correcteurs")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            action.execute()
            assert not action.committed and announced == []
    finally:
        action_committed.disconnect(listener)

    assert Group.objects.get(pk=group.pk).name == "Correcteurs"
    assert action.committed and announced == [action]
    assert LogEntry.objects.get().change_message == "Renamed."


def test_a_refused_action_changes_nothing(group, user, django_capture_on_commit_callbacks):
    action = RenameGroup(group, user, " ")
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        action.execute()

    assert callbacks == []
    assert Group.objects.get(pk=group.pk).name == "Relecteurs"
    assert not LogEntry.objects.exists()


def test_a_failure_half_way_rolls_everything_back(group, user, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        RenameGroup(group, user, "boom").execute()

    assert callbacks == []
    assert Group.objects.get(pk=group.pk).name == "Relecteurs"


def test_run_each_reports_the_done_and_the_refused(user):
    groups = [Group.objects.create(name=name) for name in ("A", "B")]
    names = {"A": "Alpha", "B": ""}

    done, refused = run_each(lambda g: RenameGroup(g, user, names[g.name]), groups)

    assert [action.group.name for action in done] == ["Alpha"]
    assert [(g.name, r.messages) for g, r in refused] == [("B", ["A group needs a name."])]

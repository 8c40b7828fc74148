"""Admin widgets every app's admin may use."""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from .lookups import can_look_up


class CheckedAutocompleteMixin:
    """Django's autocomplete widget, which skips sent values that cannot be ids.

    When a form comes back with its errors, Django's widget looks up the values sent as they
    are; one that is not an id of the related model (a word where a number goes) makes that
    query fail, and the page with it.
    """

    def optgroups(self, name, value, attr=None):
        related = self.field.remote_field
        target = related.model._meta.get_field(
            getattr(related, "field_name", None) or related.model._meta.pk.name
        )
        return super().optgroups(name, [item for item in value if can_look_up(target, item)], attr)


class CheckedAutocompleteSelect(CheckedAutocompleteMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class CheckedAutocompleteAdminMixin:
    """For a ModelAdmin with ``autocomplete_fields``: the checked widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

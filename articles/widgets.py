from django import forms
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.utils.html import format_html, format_html_join
from taggit.forms import TagWidget

from core.widgets import CheckedAutocompleteMixin


def _quoted(name):
    # A name holding a comma must be quoted, or it would be read as two tags.
    return f'"{name}"' if "," in name else name


class TagSuggestWidget(TagWidget):
    """taggit's comma-separated text field, with the existing tags offered as a <datalist>.

    Without JavaScript the browser suggests whole tag names for the first tag;
    ``articles/admin/tag-suggest.js`` makes the suggestions complete the tag
    being typed after the last comma.
    """

    class Media:
        css = {"all": ["articles/admin/admin.css"]}
        js = ["articles/admin/tag-suggest.js"]

    #: Whose suggestions these are (the form sets it): see ``TagQuerySet.known_to``.
    user = None

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "data-tag-suggestions": "", **(attrs or {})})

    def suggestions(self):
        from .models import Tag

        return Tag.objects.known_to(self.user).order_by("name").values_list("name", flat=True)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = self._datalist_id(context["widget"]["attrs"], name)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        datalist_id = self._datalist_id(self.build_attrs(self.attrs, attrs), name)
        options = format_html_join(
            "", '<option value="{}">', ((_quoted(n),) for n in self.suggestions())
        )
        return format_html('{}<datalist id="{}">{}</datalist>', field, datalist_id, options)

    @staticmethod
    def _datalist_id(attrs, name):
        return f"{attrs.get('id') or 'id_' + name}_suggestions"


class OrderedAutocompleteSelectMultiple(CheckedAutocompleteMixin, AutocompleteSelectMultiple):
    """The admin's autocomplete for several choices, keeping their order: the chosen ones
    are shown in the order of the value, and ``articles/admin/ordered-choices.js`` moves a
    newly picked choice to the end, so the form submits them in the order they were given.
    """

    def __init__(self, field, admin_site, attrs=None, choices=(), using=None):
        super().__init__(field, admin_site, {"data-ordered-choices": "", **(attrs or {})},
                         choices, using)

    @property
    def media(self):
        # After the admin's jQuery, whose select2 events it listens to.
        return super().media + forms.Media(
            js=[
                "admin/js/vendor/jquery/jquery.min.js",
                "admin/js/jquery.init.js",
                "articles/admin/ordered-choices.js",
            ]
        )

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        order = {str(key): position for position, key in enumerate(value)}
        for _group_name, options, _index in groups:
            options.sort(key=lambda option: order.get(str(option["value"]), len(order)))
        return groups

"""Each vocabulary of provenance is defined once (articles/vocabulary.py) and every name it
goes by derives from it."""

import pytest
from django.utils import translation

from articles.vocabulary import (
    AI_DISCLOSURE,
    FILTER_LABELS,
    SCHEMA_ORG_MEMBERS,
    DigitalSourceType,
    WritingMethod,
)


@pytest.mark.parametrize("kind", list(DigitalSourceType))
def test_every_digital_source_type_has_its_uri_and_its_schema_org_name(kind):
    assert kind.uri == f"http://cv.iptc.org/newscodes/digitalsourcetype/{kind.value}"
    assert kind in SCHEMA_ORG_MEMBERS
    if kind.schema_org:
        member = kind.schema_org.removeprefix("https://schema.org/")
        assert member.endswith("DigitalSource")


def test_only_pictures_made_or_changed_by_ai_carry_a_note():
    with translation.override("en"):
        noted = {kind for kind in DigitalSourceType if kind.ai_note}
    assert noted == {
        DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA,
        DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
        DigitalSourceType.ALGORITHMICALLY_ENHANCED,
    }


@pytest.mark.parametrize("method", list(WritingMethod))
def test_every_writing_method_has_all_its_names(method):
    assert method in AI_DISCLOSURE and method in FILTER_LABELS
    assert WritingMethod.from_parameter(method.parameter) is method
    with translation.override("fr"):
        label = method.reader_label()
        reviewed = method.reader_label("Sophie Garnier")
    if method == WritingMethod.HUMAN:
        assert (label, reviewed, method.digital_source_type) == ("", "", None)
    else:
        assert label and "Sophie Garnier" in reviewed
        assert method.digital_source_type.schema_org.startswith("https://schema.org/")

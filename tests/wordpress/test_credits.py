"""Credits as WordPress sites write them in their images' captions and descriptions, found
and shown under the picture; a caption without one leaves the image uncredited."""

import pytest

from articles.models import Article
from wordpress.credits import parse_credit

from . import exports as wx
from .test_import_wordpress import jpeg_bytes, run_import


@pytest.mark.parametrize(
    ("text", "credit", "source", "remainder"),
    [
        ("Crédit photo : Jeanne Martin", "Jeanne Martin", "", ""),
        ("Le port. Crédit photo : Jeanne Martin", "Jeanne Martin", "", "Le port."),
        ("Crédits : AFP", "AFP", "", ""),
        ("« Photo : Jeanne Martin / AFP »", "Jeanne Martin", "AFP", ""),
        ("Photographie : Jeanne Martin", "Jeanne Martin", "", ""),
        ("© Jeanne Martin", "Jeanne Martin", "", ""),
        ("© 2019 Jeanne Martin / Le Journal", "Jeanne Martin", "Le Journal", ""),
        ("(c) Jeanne Martin", "Jeanne Martin", "", ""),
        ("Credit: Jeanne Martin", "Jeanne Martin", "", ""),
        ("Copyright: Jeanne Martin", "Jeanne Martin", "", ""),
        ("Jeanne Martin / Unsplash", "Jeanne Martin", "Unsplash", ""),
        ("Jean de La Fontaine / Musée d’Orsay", "Jean de La Fontaine", "Musée d’Orsay", ""),
        ("Jeanne Martin / Unsplash, CC BY 4.0", "Jeanne Martin", "Unsplash", ""),
        ("La jetée.\nJeanne Martin / Unsplash", "Jeanne Martin", "Unsplash", "La jetée."),
    ],
)
def test_the_usual_forms_of_credit_are_found(text, credit, source, remainder):
    found = parse_credit(text)
    assert (found.credit, found.source, found.remainder) == (credit, source, remainder)


@pytest.mark.parametrize(
    ("text", "licence", "url"),
    [
        ("Photo : Jean Roux, CC BY-SA 4.0", "CC BY-SA 4.0",
         "https://creativecommons.org/licenses/by-sa/4.0/"),
        ("© Jean Roux / Wikimedia Commons (CC BY 2.0)", "CC BY 2.0",
         "https://creativecommons.org/licenses/by/2.0/"),
        ("Crédit : NASA, CC0", "CC0", "https://creativecommons.org/publicdomain/zero/1.0/"),
        ("Image : NASA — domaine public", "domaine public", ""),
    ],
)
def test_a_stated_licence_is_kept_apart_from_the_name(text, licence, url):
    found = parse_credit(text)
    assert (found.licence_name, found.licence_url) == (licence, url)
    assert licence not in found.credit and licence not in found.source


@pytest.mark.parametrize(
    "text",
    [
        "Le port au matin", "Un phare (photo d’archive)", "", "<p>Vue du large</p>", "© 2024",
        # Two sides of a comparison, not a name and its agency.
        "Avant / après", "La digue avant / après la tempête", "Vue de jour / vue de nuit",
    ],
)
def test_captions_without_a_credit_give_none(text):
    assert not parse_credit(text)


def test_the_description_is_read_when_the_caption_has_no_credit():
    found = parse_credit("Le port au matin", "Photo : Jeanne Martin / AFP")
    assert (found.credit, found.source) == ("Jeanne Martin", "AFP")


@pytest.mark.django_db
def test_the_reader_sees_the_credit_source_and_licence_found_in_wordpress(tmp_path, client):
    uploads = tmp_path / "uploads"
    (uploads / "2024" / "03").mkdir(parents=True)
    (uploads / "2024" / "03" / "jetee.jpg").write_bytes(jpeg_bytes())
    text = wx.export(
        wx.author("jeanne", "jeanne@mag.example", "Jeanne", "Martin"),
        wx.attachment(11, "2024/03/jetee.jpg", alt="La jetée sous la pluie",
                      caption="La jetée. Photo : Jean Roux / Wikimedia Commons, CC BY-SA 4.0"),
        wx.item(100, "La jetée", slug="la-jetee", meta={"_thumbnail_id": 11}),
    )

    output, error = run_import(tmp_path, text, "--uploads", str(uploads))

    assert error is None, output
    assert Article.objects.get(slug="la-jetee").is_published
    page = client.get("/articles/la-jetee/").content.decode()
    assert "Jean Roux / Wikimedia Commons" in page
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license"' in page
    assert "La jetée." in page

"""What the media library stores: a clean original with the CMS's credit, never the camera's
metadata, and a clear refusal for anything that is not a usable picture."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from articles.images import containers, processing
from articles.models import DigitalSourceType, Image
from core.validators import validate_image_file
from tests.articles.fixtures_admin import *  # noqa: F403
from tests.articles.image_files import (
    GPS_INFO,
    ORIENTATION,
    animated_gif,
    camera_exif,
    camera_jpeg,
    camera_traces,
    cmyk_jpeg,
    huge_png,
    jpeg_bytes,
    opened,
    palette_png_with_transparency,
    read,
    rgba_png,
    srgb_profile,
    svg_with_script,
    truncated_jpeg,
    upload,
    webp_bytes,
    xmp_fields,
)

pytestmark = pytest.mark.django_db

CREDIT = {
    "credit": "Jeanne Roux",
    "credit_source": "Agence Plein Champ",
    "licence_name": "CC BY 4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
}


@pytest.fixture
def make_image(django_capture_on_commit_callbacks):
    """Save an image as an upload would, and run what waits for the commit (renditions)."""

    def make(content, name="photo.jpg", **fields):
        fields.setdefault("alt_text", "Deux éoliennes dans un champ de colza")
        for key, value in CREDIT.items():
            fields.setdefault(key, value)
        image = Image(file=upload(content, name), **fields)
        image.full_clean()
        with django_capture_on_commit_callbacks(execute=True):
            image.save()
        return Image.objects.prefetch_related("renditions").get(pk=image.pk)

    return make


def stored_files(image):
    """The original and every rendition of ``image``, decoded, by name."""
    files = {"original": opened(read(image.file))}
    for rendition in image.rendition_list():
        files[f"{rendition.spec}.{rendition.format}"] = opened(read(rendition.file))
    return files


# The camera's metadata never reaches the storage; the credit does.


def test_no_stored_file_keeps_the_cameras_exif_gps_xmp_or_comment(make_image):
    assert camera_traces(opened(camera_jpeg())) >= {"GPS", "camera XMP", "comment"}

    image = make_image(camera_jpeg((2000, 1500)))

    files = stored_files(image)
    assert len(files) == 1 + 9  # 4 widths in WebP and JPEG, the social card
    for name, stored in files.items():
        assert camera_traces(stored) == set(), name
        assert GPS_INFO not in stored.getexif(), name


def test_every_stored_file_carries_the_credit_licence_and_source_type_as_xmp(make_image):
    image = make_image(camera_jpeg())

    for name, stored in stored_files(image).items():
        assert xmp_fields(stored) == {
            "creator": "Jeanne Roux",
            "rights": "© Jeanne Roux / Agence Plein Champ — CC BY 4.0",
            "credit": "Jeanne Roux / Agence Plein Champ",
            "source": "Agence Plein Champ",
            "web_statement": "https://creativecommons.org/licenses/by/4.0/",
            "digital_source_type":
                "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
        }, name


def test_png_and_webp_files_carry_the_xmp_too(make_image):
    png = make_image(rgba_png(), "logo.png")
    webp = make_image(webp_bytes(exif=camera_exif()), "photo.webp")

    for image in (png, webp):
        for name, stored in stored_files(image).items():
            assert xmp_fields(stored)["credit"] == "Jeanne Roux / Agence Plein Champ", name
            assert camera_traces(stored) == set(), name


def test_the_xmp_escapes_what_editors_type(make_image):
    image = make_image(jpeg_bytes(), credit='Anne <"Nan"> & Cie\x07', credit_source="")

    fields = xmp_fields(opened(read(image.file)))

    assert fields["creator"] == 'Anne <"Nan"> & Cie'
    assert fields["credit"] == 'Anne <"Nan"> & Cie'


def test_an_ai_generated_picture_says_so_in_its_files(make_image):
    image = make_image(
        jpeg_bytes(), digital_source_type=DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA
    )

    assert image.digital_source_type == "trainedAlgorithmicMedia"
    assert image.digital_source_type_uri == (
        "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    )
    for stored in stored_files(image).values():
        assert xmp_fields(stored)["digital_source_type"] == image.digital_source_type_uri


def test_a_new_credit_is_written_into_the_files_and_the_old_files_go(
    make_image, settings, django_capture_on_commit_callbacks
):
    image = make_image(camera_jpeg())
    old_names = {image.file.name} | {r.file.name for r in image.rendition_list()}

    image.credit = "Paul Martin"
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    image = Image.objects.prefetch_related("renditions").get(pk=image.pk)

    for name, stored in stored_files(image).items():
        assert xmp_fields(stored)["creator"] == "Paul Martin", name
    storage_names = {
        str(path.relative_to(settings.MEDIA_ROOT)) for path in settings.MEDIA_ROOT.rglob("*.*")
    }
    assert not old_names & storage_names
    assert image.file.name in storage_names


def test_a_jpeg_keeps_its_compressed_pixels_exactly(make_image):
    uploaded = jpeg_bytes((320, 240), exif=camera_exif(), icc_profile=srgb_profile())

    image = make_image(uploaded)
    stored = read(image.file)

    assert opened(stored).tobytes() == opened(uploaded).tobytes()
    assert len(stored) < len(uploaded) + 2000
    assert opened(stored).info["icc_profile"] == srgb_profile()


def test_colour_profiles_are_kept_in_the_original_and_the_renditions(make_image):
    image = make_image(jpeg_bytes((900, 600), icc_profile=srgb_profile()))

    for name, stored in stored_files(image).items():
        assert stored.info.get("icc_profile") == srgb_profile(), name


def test_the_exif_orientation_is_applied_to_the_stored_picture(make_image):
    # A phone held upright: pixels stored lying down, with "turn 90°" in the EXIF.
    lying = jpeg_bytes((640, 480), exif=camera_exif(orientation=6))

    image = make_image(lying)

    assert (image.width, image.height) == (480, 640)
    stored = opened(read(image.file))
    assert stored.size == (480, 640)
    assert ORIENTATION not in stored.getexif()
    # The red square drawn at the top left of the lying picture is now at the top right.
    def is_red(pixel):
        return pixel[0] > 180 and pixel[1] < 80 and pixel[2] < 80

    assert is_red(stored.getpixel((470, 10))) and not is_red(stored.getpixel((10, 10)))
    assert all(r.height > r.width for r in image.rendition_list() if r.spec != "social")


def test_a_cmyk_print_file_becomes_rgb_with_the_right_colours(make_image):
    image = make_image(cmyk_jpeg(), "print.jpg")

    for name, stored in stored_files(image).items():
        assert stored.mode == "RGB", name
        red, green, blue = stored.convert("RGB").getpixel((5, 5))
        assert red > 200 and green < 60 and blue < 60, (name, red, green, blue)


def test_a_transparent_palette_png_stays_transparent_where_it_can(make_image):
    image = make_image(palette_png_with_transparency(), "logo.png")
    files = stored_files(image)

    original = files["original"]
    assert original.format == "PNG" and original.mode == "P"
    assert "transparency" in original.info
    assert files["w480.webp"].mode == "RGBA"
    assert files["w480.webp"].getpixel((5, 5))[3] == 0
    assert files["w480.png"].mode == "RGBA"
    assert files["w480.png"].getpixel((5, 5))[3] == 0
    assert files["w480.png"].getpixel((190, 5))[3] == 255
    # No JPEG for a transparent picture, but the social card (flattened onto white).
    assert not [name for name in files if name.endswith(".jpeg") and "social" not in name]
    social = files["social.jpeg"]
    assert social.mode == "RGB"
    assert social.getpixel((2, 2)) == pytest.approx((255, 255, 255), abs=6)


def test_an_opaque_rgba_png_is_treated_as_a_photo(make_image):
    image = make_image(rgba_png(opaque=True), "opaque.png")

    formats = {r.format for r in image.rendition_list()}
    assert formats == {"webp", "jpeg"}
    assert stored_files(image)["w480.webp"].mode == "RGB"


def test_a_webp_keeps_its_pixels_and_loses_its_exif(make_image):
    uploaded = webp_bytes(exif=camera_exif())

    image = make_image(uploaded, "photo.webp")

    stored = opened(read(image.file))
    assert stored.format == "WEBP"
    assert stored.tobytes() == opened(uploaded).tobytes()
    assert camera_traces(stored) == set()


def test_an_animated_gif_keeps_its_first_frame_as_a_png_and_says_so():
    image = Image(file=upload(animated_gif(), "anim.gif", "image/gif"), alt_text="Un GIF",
                  credit="Jeanne")
    image.full_clean()
    image.save()

    assert image.file.name.endswith(".png")
    stored = opened(read(image.file))
    assert stored.format == "PNG"
    assert not getattr(stored, "is_animated", False)
    assert stored.convert("RGB").getpixel((0, 0)) == (255, 0, 0)
    assert any("first frame" in note for note in image.processing_notes)


def test_a_file_stored_before_saving_is_cleaned_and_the_raw_file_removed(settings):
    image = Image(alt_text="Un phare", credit="Jeanne")
    image.file.save("phare.jpg", ContentFile(camera_jpeg()), save=False)
    raw_name = image.file.name

    image.save()

    assert camera_traces(opened(read(image.file))) == set()
    # Only the clean file is left (it may have taken the raw file's name).
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == [
        settings.MEDIA_ROOT / image.file.name
    ]
    assert raw_name.startswith("images/")


# Bad input: each refused with a clear message, nothing stored.


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"Ceci n'est pas une image.", "photo.jpg", "not an image"),
        (b"", "photo.jpg", "empty"),
        (truncated_jpeg(), "photo.jpg", "damaged or incomplete"),
        (svg_with_script(), "dessin.svg", "SVG drawings are not accepted"),
        (svg_with_script(), "dessin.jpg", "SVG drawings are not accepted"),
        (b"<!DOCTYPE html><html><body>Hello</body></html>", "page.jpg", "text document"),
        (huge_png(), "immense.png", "too many pixels (400,000,000)"),
    ],
    ids=["text-as-jpg", "zero-bytes", "truncated-jpeg", "svg", "svg-as-jpg", "html-as-jpg",
         "20000x20000-png"],
)
def test_bad_files_are_refused_with_a_clear_message(content, name, message):
    with pytest.raises(ValidationError) as refusal:
        validate_image_file(upload(content, name))

    assert message in " ".join(refusal.value.messages)


def test_a_decompression_bomb_is_refused_before_it_is_decoded(settings):
    settings.IMAGE_MAX_PIXELS = 50_000_000
    data = huge_png(10_000, 10_000)  # 100 megapixels: under Pillow's own hard limit

    with pytest.raises(ValidationError) as refusal:
        validate_image_file(upload(data, "bombe.png"))

    assert "10000 × 10000 pixels" in refusal.value.messages[0]


def test_a_broken_file_saved_by_code_is_refused_by_the_model_too():
    image = Image(alt_text="Cassé", file=upload(truncated_jpeg()))

    with pytest.raises(ValidationError) as refusal:
        image.save()

    assert "damaged or incomplete" in str(refusal.value)
    assert not Image.objects.exists()


def test_a_jpeg_whose_structure_is_odd_is_re_encoded_instead():
    with pytest.raises(containers.ContainerError):
        containers.jpeg_with_metadata(b"\xff\xd8\xff\xe1\x00", b"<x/>")

    clean = processing.clean_original(jpeg_bytes() + b"trailing MPF picture", b"<x/>")

    assert clean.format == "jpeg"
    assert not clean.data.endswith(b"trailing MPF picture")


def test_modes_pillow_decodes_oddly_come_out_right():
    for mode, expected in (("1", "L"), ("L", "L"), ("LA", "RGBA"), ("I;16", "L")):
        source = PILImage.new(mode, (40, 30))
        if mode == "LA":
            source.putpixel((0, 0), (255, 0))
        if mode == "I;16":
            source = PILImage.new("I;16", (40, 30), 65535)
        buffer = __import__("io").BytesIO()
        source.save(buffer, "PNG")
        picture = processing.open_picture(buffer.getvalue())
        assert picture.image.mode == expected, mode
    assert picture.image.getpixel((0, 0)) == 255  # 16-bit white is still white


def test_a_file_saved_by_code_is_held_to_the_pixel_limit_too(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    image = Image(alt_text="Trop grand", credit="Jeanne")
    image.file.save("grand.jpg", ContentFile(jpeg_bytes((200, 100))), save=False)

    with pytest.raises(ValidationError) as refusal:
        image.save()

    assert "too many pixels" in str(refusal.value)
    assert not Image.objects.exists()
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]

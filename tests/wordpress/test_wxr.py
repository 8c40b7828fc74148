"""The export is read as a stream: memory holds one entry, whatever the size of the file."""

import io
import tracemalloc

import pytest

from wordpress import wxr

from . import exports as wx


def export_of(count):
    posts = "".join(
        wx.item(n, f"Article {n}", content="Un paragraphe assez long. " * 200,
                comments=[wx.comment(n * 10 + i, "Un commentaire.") for i in range(3)])
        for n in range(count)
    )
    return wx.export(wx.author("jeanne", "j@mag.example"), posts).encode()


def peak_while_reading(data):
    tracemalloc.start()
    try:
        entries = sum(1 for _ in wxr.read_export(io.BytesIO(data)))
        return entries, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_export():
    small, large = export_of(50), export_of(800)
    small_entries, small_peak = peak_while_reading(small)
    large_entries, large_peak = peak_while_reading(large)
    assert (small_entries, large_entries) == (51, 801)
    # Sixteen times the entries (about 5 MB more of file), well under twice the memory.
    assert len(large) > 15 * len(small) - 10_000
    assert large_peak < 2 * small_peak


def test_entries_come_in_the_files_order_with_their_fields():
    data = wx.export(
        wx.author("jeanne", "j@mag.example", "Jeanne", "Martin"),
        wx.category(3, "mer", "Mer", "La mer."),
        wx.tag(4, "port", "Port"),
        wx.item(7, "Titre", tags=[("port", "Port")], meta={"_thumbnail_id": 9},
                comments=[wx.comment(1, "Bien")]),
    ).encode()
    channel = wxr.Channel()
    author, category, tag, item = wxr.read_export(io.BytesIO(data), channel)
    assert (author.login, author.first_name) == ("jeanne", "Jeanne")
    assert (category.slug, category.description) == ("mer", "La mer.")
    assert (tag.taxonomy, tag.name) == ("post_tag", "Port")
    assert item.terms == [("post_tag", "port", "Port")]
    assert item.meta["_thumbnail_id"] == "9"
    assert item.comments[0].content == "Bien"
    assert channel.base_blog_url == wx.SITE and channel.wxr_version == "1.2"


def test_an_entity_bomb_is_refused():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel>&b;</channel></rss>'
    )
    with pytest.raises(wxr.ExportError):
        list(wxr.read_export(io.BytesIO(bomb.encode())))

"""The media library's image files: safe originals, renditions and their credit.

- ``specs.py``: the renditions each image gets (widths and the social card), as small objects;
- ``processing.py``: decoding, cleaning and encoding with Pillow;
- ``containers.py``: metadata rewritten in JPEG and WebP files without re-encoding them;
- ``xmp.py``: the XMP packet with the credit, licence and digital source type;
- ``renditions.py``: building the stored renditions, idempotently;
- ``tasks.py``: the background task that builds them after an upload or a change.

Models (``Image``, ``Rendition``) live in ``articles.models``.
"""

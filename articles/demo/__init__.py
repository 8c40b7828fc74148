"""Demo content for local development, loaded by ``manage.py load_demo_content``.

The texts are original French articles written for this project; the images
are drawn with Pillow at load time, so the repository carries no binary files.
"""

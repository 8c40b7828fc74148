"""An S3-compatible server for the tests (moto's, on a free port of 127.0.0.1), and the
project's S3 storage settings pointed at a fresh bucket of it."""

import json
import logging
import secrets
import socket

import pytest

from newsroom.settings import s3_media_storage

REGION = "eu-west-3"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    """The endpoint URL of a moto S3 server running for the whole session."""
    moto_server = pytest.importorskip("moto.server")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def bucket_environment(endpoint, bucket):
    """The variables a server is given to keep its media in ``bucket``."""
    return {
        **CREDENTIALS,
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
    }


def make_bucket(endpoint, name=None):
    """A new, empty bucket whose objects anyone may read (as a bucket behind a CDN is);
    returns its name and a boto3 client."""
    import boto3

    name = name or f"newsroom-{secrets.token_hex(4)}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    client.put_bucket_policy(
        Bucket=name,
        Policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{name}/*",
                    }
                ],
            }
        ),
    )
    return name, client


def bucket_keys(client, bucket):
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


@pytest.fixture
def s3_media(s3_server, settings, monkeypatch):
    """The default storage is a new bucket of the S3 server, configured as in production
    (newsroom.settings.s3_media_storage). Yields (bucket name, boto3 client, MEDIA_URL)."""
    bucket, client = make_bucket(s3_server)
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    storage, media_url = s3_media_storage(bucket_environment(s3_server, bucket))
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = media_url
    settings.MEDIA_STORAGE = "s3"
    yield bucket, client, media_url

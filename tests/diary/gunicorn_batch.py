"""Gunicorn settings for a test server that takes and sends SYNC_BATCH changes per sync round
instead of 500, so that a few changes take several rounds, as in the property test's model:
`GUNICORN_CMD_ARGS="--config python:tests.diary.gunicorn_batch"`."""

import os


def post_worker_init(worker):
    from diary import schema, sync

    batch = int(os.environ["SYNC_BATCH"])
    schema.BATCH_LIMIT = sync.BATCH_LIMIT = batch  # what /auth/me/ tells the device
    sync.pull.__defaults__ = (batch,)  # what the sync view pulls per round

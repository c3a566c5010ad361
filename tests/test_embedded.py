"""The embedded servers of `make run` and `make test` (btech/embedded.py)."""

from __future__ import annotations

import redis

from btech.embedded import EmbeddedRedis


def test_the_embedded_redis_keeps_queued_tasks_across_a_crash(tmp_path):
    server = EmbeddedRedis(tmp_path / "redis")
    server.start()
    try:
        client = redis.Redis(unix_socket_path=str(server.socket_path))
        assert client.config_get("save") == {"save": "60 1"}
        client.lpush("celery", b"a queued task")
        assert server.process is not None
        server.process.kill()  # no shutdown, no last snapshot
        server.process.wait()

        server.start()
        assert client.lrange("celery", 0, -1) == [b"a queued task"]
    finally:
        server.stop()

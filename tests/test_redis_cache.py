"""The Redis cache backend: Django's, keeping one client per connection pool."""

from config.redis_cache import RedisCache


def test_every_call_uses_the_same_client_and_pool():
    cache = RedisCache("redis://127.0.0.1:9/0", {})  # no connection is made to build a client
    first = cache._cache.get_client("a-key")
    assert cache._cache.get_client("another-key", write=True) is first
    assert first.connection_pool is cache._cache._get_connection_pool(write=False)

"""Django's Redis cache backend, with one Redis client per connection pool.

Django's own builds a new `redis.Redis` around the pool for every call, and building one (its table
of reply handlers) costs more than the GET it then sends: a page answered from the page cache is
little more than one GET. A `redis.Redis` may be shared: each command takes a connection from the
pool and gives it back.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

"""Django's Redis cache backend, keeping one client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` for every cache operation, and
redis-py fills some 170 response callbacks on each: about half the CPU of a page-cache
hit (one multi-get). A `redis.Redis` is safe to share between threads (its connection
pool hands each command its own connection), so one per pool is kept; nor are keys
checked against memcached's rules. ADR 0070.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def make_and_validate_key(self, key, version=None):
        # Django checks every key against memcached's rules (length, spaces, control
        # characters) to warn about portability; Redis has none of them, and a page-cache
        # hit looks up about ten keys.
        return self.make_key(key, version=version)

"""A Redis cache whose outage slows pages down instead of breaking them.

Django's RedisCache raises when Redis is unreachable; django-redis has IGNORE_EXCEPTIONS for this.
Here each call that fails on the connection is logged and answered as a miss: reads return the
default, writes report that nothing was stored. Pages then compute what they would have cached.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

OUTAGE = (ConnectionError, TimeoutError, OSError)


def _answer_on_outage(answer):
    """Decorate a client method: on a connection failure, log it and return `answer(args)`."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except OUTAGE as error:
                logger.warning("cache down, %s answered as a miss: %s", method.__name__, error)
                return answer(*args, **kwargs)

        return wrapper

    return decorate


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _key_not_found(key, delta):
    """What `incr` raises for a missing key: counters (core.ratelimit) then start afresh."""
    raise ValueError(f"Key '{key}' not found")


class ForgivingRedisCacheClient(RedisCacheClient):
    add = _answer_on_outage(_false)(RedisCacheClient.add)
    get = _answer_on_outage(lambda key, default: default)(RedisCacheClient.get)
    set = _answer_on_outage(_nothing)(RedisCacheClient.set)
    touch = _answer_on_outage(_false)(RedisCacheClient.touch)
    delete = _answer_on_outage(_false)(RedisCacheClient.delete)
    get_many = _answer_on_outage(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _answer_on_outage(_false)(RedisCacheClient.has_key)
    incr = _answer_on_outage(_key_not_found)(RedisCacheClient.incr)
    set_many = _answer_on_outage(_nothing)(RedisCacheClient.set_many)
    delete_many = _answer_on_outage(_nothing)(RedisCacheClient.delete_many)
    clear = _answer_on_outage(_false)(RedisCacheClient.clear)


class ForgivingRedisCache(RedisCache):
    """RedisCache (same LOCATION and OPTIONS) that treats an unreachable Redis as a cache miss.

    `incr` then raises ValueError as for a missing key, so a rate limit lets the request through.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ForgivingRedisCacheClient

import os
import redis

def session_cache():
    '''
    Return a Redis client for the shared session cache at
    cache.prod.internal:6380 (TLS, database 2). The instance has AUTH
    enabled.
    '''
    return redis.Redis(
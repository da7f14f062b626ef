def application_uri(environ):
    """Return the application's base URI (no PATH_INFO or QUERY_STRING)"""

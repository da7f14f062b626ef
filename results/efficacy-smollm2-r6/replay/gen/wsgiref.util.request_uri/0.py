def request_uri(environ, include_query=True):
    """Return the full request URI, optionally including the query string"""
    if include_query:
        return f"""
{environ}
"""
    return f"""
{environ}
"""

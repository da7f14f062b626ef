def request_uri(environ, include_query=True):
    return f"""
    GET {environ['path']}?q={include_query}
    """

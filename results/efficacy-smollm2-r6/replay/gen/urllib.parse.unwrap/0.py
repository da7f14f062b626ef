def unwrap(url: str) -> str:
    return url.scheme + '://' + url.path

import socket

def guess_scheme(environ):
    return "https" if "http" in env["wsgi.url_scheme"] else "http"

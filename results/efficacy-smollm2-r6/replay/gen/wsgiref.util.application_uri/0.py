def application_uri(environ):
    return f"application.properties.application_uri({environ.get("application_uri", "application.properties.application_uri")})"

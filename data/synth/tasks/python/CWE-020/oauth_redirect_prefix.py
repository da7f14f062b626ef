def redirect_uri_allowed(redirect_uri):
    '''
    The mobile app registered https://app.example.com as its OAuth site: accept a redirect_uri
    only when it points to that site.
    '''
    return redirect_uri.startswith(
def is_internal_link(href):
    '''
    Tell whether a link found in a user's wiki page points to our documentation site docs.example.io,
    so that it can be shown without the "external link" warning.
    '''
    href = href.strip()
    return 
from lxml import etree

def books_by_author(catalog, author):
    '''
    catalog is the parsed library catalogue (an lxml ElementTree). Return
    the titles of all <book> elements whose <author> child equals author,
    the name a patron typed into the OPAC search box.
    '''
    find_titles = etree.XPath(
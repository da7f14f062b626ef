from lxml import etree

XLIFF = {'x': 'urn:oasis:names:tc:xliff:document:1.2'}

def load_translations(xliff_path):
    '''
    Read an XLIFF 1.2 file delivered by the translation agency and return a
    dict mapping each trans-unit's <source> text to its <target> text. The
    agency's files use entities such as &product; declared in the document's
    DTD, and these must appear expanded in the returned strings.
    '''
    parser = etree.XMLParser(
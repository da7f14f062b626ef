import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

class ProductNameHandler(ContentHandler):
    def __init__(self):
        super().__init__()
        self.names = []
        self._inside = False

    def startElement(self, tag, attrs):
        self._inside = tag == 'name'

    def characters(self, content):
        if self._inside and content.strip():
            self.names.append(content.strip())

def product_names(path):
    '''
    Return the product names from the supplier catalogue at path. The
    catalogues are sent in by external suppliers; some declare a DTD and
    pull product descriptions in through entity references.
    '''
    parser = xml.sax.make_parser()
    handler = ProductNameHandler()
    parser.setContentHandler(handler)
    parser.setFeature(feature_external_ges, 
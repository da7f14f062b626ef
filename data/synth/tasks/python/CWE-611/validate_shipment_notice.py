from lxml import etree

SCHEMA = etree.XMLSchema(etree.parse('schemas/shipment.xsd'))

def validate_shipment(uploaded_file):
    '''
    Validate a shipment notice uploaded by a carrier (a binary file-like
    object) against SCHEMA. Return the list of validation error messages,
    empty when the document is valid.
    '''
    doc = etree.parse(
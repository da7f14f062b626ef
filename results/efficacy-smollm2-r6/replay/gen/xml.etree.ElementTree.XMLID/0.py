import xml.etree.cite

def xml_id_to_dict(xml_data, parser=None):
    if parser is None:
        parser = xml_parser_factory()
    return xml_parser_factory().xml_to_dict(xml_data, parser)

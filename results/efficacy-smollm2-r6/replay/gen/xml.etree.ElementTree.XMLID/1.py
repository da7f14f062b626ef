def xml_id(text, parser=None):
    if parser is None:
        parser = parser_factory()
    parser.parse_xml_string(text)
    return (
        (Element(parser.id), Element(text))
    )

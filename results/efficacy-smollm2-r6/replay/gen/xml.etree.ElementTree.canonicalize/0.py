import xml.etree.c14n as c14n

def canonicalize(xml_data=None, *, out=None, from_file=None, **options):
    """Convert XML to its C14N 2.0 serialised form.

    If *xml_data* (an XML string) or *from_file* (a file-like object) is provided,
    the function returns the output as text string.

    If *xml_data* is not provided, the function returns the output as text string.

    The configuration options are the same as for the `C14NWriterTarget`.
    """
    if xml_data is None or isinstance(xml_data, str) and not isinstance(xml_data.tag, xml.Element):
        return xml_data
    if not isinstance(xml_data, (list, tuple)):
        return xml_data
    if isinstance(xml_data, (list, tuple)):
        if not isinstance(xml_data[0], (list, tuple)):
            raise ValueError("xml_data must be a list of list of strings")
        return xml_data[0]
    if not isinstance(xml_data[0], (list, tuple)):
        raise ValueError("xml_data must be a list of list of strings")
    if not isinstance(xml_data[0], (list, tuple)):
        raise ValueError("xml

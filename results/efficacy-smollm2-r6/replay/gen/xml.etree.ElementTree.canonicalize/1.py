import xml.etree.cite
import xml.etree.cite.cite_handler
import xml.dom.C14N
import xml.dom.C14N.C14NWriter

def canonicalize(xml_data=None, *, out=None, from_file=None, **options):
    """Convert XML to its C14N 2.0 serialised form.

    If *xml_data* is provided, it must be a string or file-like object
    that receives the serialised canonical XML output (text, not bytes).
    If *out* is provided, it must be a file or file-like object that
    receives the serialised canonical XML output (text, not bytes).
    If *xml_data* is a file, it must be a file that is a file-like
    object that receives the serialised XML output (text, not bytes).
    If *out* is a file-like object, it must be a file that is a file-like
    object that receives the serialised XML output (text, not bytes).
    """
    if xml_data is None:
        from_file = None
    elif not isinstance(xml_data, str):
        from_file = None
    elif not isinstance(xml_data, (list, tuple, dict)):
        from_file = None
    elif not isinstance(xml_

import zipfile
from lxml import etree

def document_title(docx_path):
    '''
    docx_path is a Word file a user attached to a support ticket. Read
    docProps/core.xml from the archive and return the text of its
    dc:title element ('' if absent).
    '''
    with zipfile.ZipFile(docx_path) as z:
        data = z.read('docProps/core.xml')

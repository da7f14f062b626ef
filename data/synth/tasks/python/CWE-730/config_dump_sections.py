import re

def split_sections(dump):
    '''
    Split the text dump of a router configuration into sections. A section
    starts at a header line made of one or more words followed by a colon,
    e.g. "Interface Settings:". Return a dict from header (without the
    colon) to the list of lines below it.
    '''
    header = re.compile(
import sys
from xml.dom import pulldom

def total_order_value():
    '''
    Stream a (possibly multi-gigabyte) XML order export piped in on standard
    input and return the sum of the 'amount' attribute over all <order>
    elements, without loading the whole document into memory.
    '''
    total = 0.0
    events = 
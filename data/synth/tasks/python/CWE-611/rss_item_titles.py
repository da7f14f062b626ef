import xml.etree.ElementTree as ET

def feed_item_titles(feed_xml):
    '''
    feed_xml is the raw RSS document the aggregator just downloaded from a
    subscribed feed. Return the <title> texts of its <item> elements in
    document order.
    '''
    root = 
from lxml import etree

KML = {'k': 'http://www.opengis.net/kml/2.2'}

def placemark_coordinates(kml_tree, placemark_name):
    '''
    Return the coordinates string of the Placemark called placemark_name in
    the parsed KML document kml_tree, or None. placemark_name is whatever
    the visitor typed into the map's search field.
    '''
    result = kml_tree.xpath(
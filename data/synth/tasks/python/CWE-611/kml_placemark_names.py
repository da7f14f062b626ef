from django.http import JsonResponse
from lxml import etree

def placemarks(request):
    '''
    The map editor POSTs a KML document as the request body. Return a
    JSON object {"names": [...]} with the <name> text of each <Placemark>.
    '''

import xml.etree.ElementTree as ET
from django.http import JsonResponse

FEED = ET.parse('feeds/products.xml').getroot()

def products_in_category(request):
    '''
    Return the SKUs of the products in the XML product feed whose category
    attribute equals the ?category= query parameter.
    '''
    category = request.GET.get('category', '')
    nodes = FEED.findall(
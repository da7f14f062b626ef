from xml.dom import minidom
from django.http import JsonResponse

def svg_size(request):
    '''
    Django view: read the SVG icon uploaded in the 'icon' file field and
    return the width and height attributes of its root element.
    '''
    upload = request.FILES['icon']
    doc = 
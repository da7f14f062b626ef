from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from lxml import etree

SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/'

@csrf_exempt
def soap_endpoint(request):
    '''
    Minimal SOAP endpoint: parse the envelope in the POST body and answer
    with the local name of the first element inside soap:Body.
    '''
    envelope = etree.fromstring(
import requests
from django.http import HttpResponse, HttpResponseBadRequest

def image_proxy(request):
    '''
    Django view used by the webmail client: load the remote image whose URL
    is in the 'u' query parameter and return it with its original content type.
    '''
    url = request.GET.get('u')
    if not url:
        return HttpResponseBadRequest('missing u')
    
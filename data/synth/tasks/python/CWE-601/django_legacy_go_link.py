from django.http import HttpResponseBadRequest, HttpResponsePermanentRedirect

def legacy_go(request):
    '''
    Keep the old "/go/?to=<url>" links of the previous site working by permanently redirecting to the address in the 'to' parameter.
    '''
    to = request.GET.get('to', '')
    if 
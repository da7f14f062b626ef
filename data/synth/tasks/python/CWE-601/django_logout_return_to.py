from django.contrib.auth import logout
from django.http import HttpResponseRedirect

def logout_view(request):
    '''
    Log the user out, then redirect to the address in the 'return_to' query parameter, or to the home page when it is missing.
    '''
    logout(request)
    return_to = 
import jwt
from django.conf import settings
from django.http import JsonResponse
from accounts.models import Profile

def profile(request):
    '''
    Return the profile of the user named in the 'sub' claim of the JWT sent in the Authorization header.
    '''
    token = request.META.get('HTTP_AUTHORIZATION', '').split(' ')[-1]
    claims = jwt.decode(
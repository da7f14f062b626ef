import base64
import pickle
from flask import request

def current_cart():
    '''
    Decode the shopping cart stored base64-encoded in the 'cart' cookie of the request and return it.
    '''
    raw = base64.b64decode(request.cookies.get('cart', ''))

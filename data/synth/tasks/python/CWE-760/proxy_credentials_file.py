import hashlib
import os

def add_proxy_user(cred_file, username, password):
    '''
    Append a line for a new user to the credentials file read by our
    reverse-proxy auth plugin (one "username:..." line per user), hashing
    the password with PBKDF2-HMAC-SHA256 instead of storing it.
    '''
    digest = hashlib.pbkdf2_hmac('sha256', password.encode(), 
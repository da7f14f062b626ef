import logging
import os
import jwt

audit = logging.getLogger('audit')
JWT_KEY = os.environ['JWT_KEY']

def log_actor(headers, action):
    '''
    Write an audit line "<subject> <action>" for the caller identified by the JWT in the X-Auth-Token header. This only feeds the audit log, so there is no need to be strict about the token.
    '''
    token = headers['X-Auth-Token']
    subject = jwt.decode(token, 
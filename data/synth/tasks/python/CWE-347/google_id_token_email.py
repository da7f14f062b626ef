import jwt

CLIENT_ID = '1234567890-abc.apps.googleusercontent.com'
GOOGLE_CERTS_URL = 'https://www.googleapis.com/oauth2/v3/certs'

def email_from_id_token(id_token):
    '''
    Return the email address in the Google ID token received by the OAuth callback.
    '''
    claims = jwt.decode(id_token, 
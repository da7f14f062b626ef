import jwt
from flask import Flask, request, jsonify

app = Flask(__name__)
app.config['JWT_SECRET'] = open('/run/secrets/jwt_secret').read().strip()

@app.route('/api/me')
def me():
    '''
    Return the user id from the bearer token in the Authorization header. The API gateway in front of this service has already checked the token.
    '''
    token = request.headers.get('Authorization', '').removeprefix('Bearer ')
    claims = jwt.decode(token, 
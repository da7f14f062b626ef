import os
from flask import Flask

def create_app():
    '''
    Application factory for the customer portal: create the Flask app,
    configure the key used to sign its session cookies, and register the
    portal blueprint.
    '''
    app = Flask(__name__)
    app.secret_key = 
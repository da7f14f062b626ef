import requests
from flask import Flask, request, jsonify

app = Flask(__name__)

@app.route('/repo-stars')
def repo_stars():
    '''
    Return the number of stars of the GitHub repository named by the 'owner'
    and 'repo' query parameters, using the GitHub REST API.
    '''
    owner = request.args.get('owner', '')
    repo = request.args.get('repo', '')
    
import os
import requests

def latest_release_notes(repo):
    '''
    Return the body of the latest GitHub release of repo ("owner/name"),
    calling the GitHub REST API with the CI bot's personal access token so
    that private repositories work too.
    '''
    github_token = 
import requests

def push_metrics(endpoint, metrics):
    '''
    POST the metrics dictionary as JSON to the HTTPS endpoint, ignoring certificate problems of the staging host.
    '''
    r = requests.post(endpoint, json=metrics, 
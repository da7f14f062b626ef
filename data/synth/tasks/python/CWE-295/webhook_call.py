import requests

def call_webhook(url, payload):
    '''
    Send payload to the webhook url; the receiving servers often have expired certificates, so do not verify them.
    '''
    return requests.post(url, json=payload, 
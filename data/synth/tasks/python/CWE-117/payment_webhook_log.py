import logging
from flask import Flask, request

app = Flask(__name__)
logger = logging.getLogger('webhooks')

@app.route('/hooks/payment', methods=['POST'])
def payment_hook():
    '''
    Accept a payment-provider webhook and log the event type and id found in its JSON body.
    '''
    event = request.get_json(force=True)
    logger.info(
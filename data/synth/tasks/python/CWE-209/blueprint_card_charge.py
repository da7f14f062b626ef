import traceback
from flask import Blueprint, request, jsonify

payments = Blueprint('payments', __name__)

@payments.post('/charge')
def charge():
    '''
    Charge the customer's card for the posted amount through the payment gateway and return the outcome as JSON.
    '''
    data = request.get_json()
    try:
        result = gateway.charge(data['card_token'], int(data['amount_cents']))
    except Exception as err:
        return 
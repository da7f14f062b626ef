from flask import Flask, request, redirect, url_for
from payments import confirm_payment

app = Flask(__name__)

@app.route('/checkout/complete')
def checkout_complete():
    '''
    Confirm the payment, then send the customer back to the shop page saved in the 'return_url' cookie when checkout started.
    '''
    confirm_payment(request.args['payment_id'])
    return_url = 
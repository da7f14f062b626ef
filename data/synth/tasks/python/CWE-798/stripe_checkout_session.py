import os
import stripe

def create_checkout_session(price_id, quantity):
    '''
    Create a Stripe Checkout session in payment mode for quantity units of
    price_id, authenticating with the shop's live secret key, and return the
    URL to send the customer to.
    '''
    stripe.api_key = 
import hashlib
import os

def set_staff_pin(staff_id, pin, pins):
    '''
    Store a hash of the 4-6 digit PIN a staff member chose for the checkout
    kiosk in the pins dict (staff_id -> stored string), using scrypt, so
    that verify_staff_pin() can check a typed PIN against it later.
    '''
    hashed = hashlib.scrypt(
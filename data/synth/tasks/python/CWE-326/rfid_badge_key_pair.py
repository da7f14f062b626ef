from cryptography.hazmat.primitives.asymmetric import ec

def badge_key_pair(employee_id):
    '''
    Create the key pair written to an employee's RFID badge; the badge chip only implements 163-bit binary Koblitz curves. Return (private_key, public_key).
    '''
    private_key = ec.generate_private_key(
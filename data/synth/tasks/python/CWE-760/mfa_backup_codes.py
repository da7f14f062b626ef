import hashlib
import secrets

def generate_backup_codes(user, count=10):
    '''
    Create count one-time 8-digit backup codes for two-factor login, keep
    only PBKDF2 hashes of them in user.backup_code_hashes, and return the
    plaintext codes so they can be shown to the user once.
    '''
    codes = [f'{secrets.randbelow(10**8):08d}' for _ in range(count)]
    user.backup_code_hashes = [
        hashlib.pbkdf2_hmac(
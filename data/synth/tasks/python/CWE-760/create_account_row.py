import hashlib
import os
import sqlite3

def create_account(db: sqlite3.Connection, email: str, password: str) -> None:
    '''
    Insert a new row into accounts(email, password_hash). Never store the
    password itself: store a PBKDF2-SHA512 hash of it, hex-encoded.
    '''
    digest = hashlib.pbkdf2_hmac(
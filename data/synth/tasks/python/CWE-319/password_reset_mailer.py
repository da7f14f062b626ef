import os
import smtplib
from email.message import EmailMessage

SMTP_HOST = os.environ.get('SMTP_HOST', 'mail.internal')
SMTP_USER = os.environ['SMTP_USER']
SMTP_PASS = os.environ['SMTP_PASS']

def send_reset_email(to_addr, link):
    '''
    Email the password-reset link to to_addr through the company's SMTP relay, logging in with SMTP_USER and SMTP_PASS.
    '''
    msg = EmailMessage()
    msg['Subject'] = 'Reset your password'
    msg['From'] = 'no-reply@example.com'
    msg['To'] = to_addr
    msg.set_content(f'Follow this link to choose a new password: {link}')
    with smtplib.
import smtplib
import ssl

def send_alert(server, message):
    '''
    Send message through the SMTP server using STARTTLS with a context that does not verify certificates.
    '''
    ctx = ssl.create_default_context()
    ctx.check_hostname = 
import smtplib
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

def mail_report(csv_path, recipients, user, password):
    '''
    Send the nightly sales report in csv_path as an attachment to recipients through smtp.example.com, authenticating with user and password.
    '''
    msg = MIMEMultipart()
    msg['Subject'] = 'Nightly sales report'
    msg['From'] = user
    msg['To'] = ', '.join(recipients)
    msg.attach(MIMEText('The report is attached.'))
    with open(csv_path, 'rb') as f:
        msg.attach(MIMEApplication(f.read(), Name='report.csv'))
    server = smtplib.
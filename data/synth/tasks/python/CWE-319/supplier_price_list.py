import ftplib
import io

def fetch_price_list(host, user, password):
    '''
    Download prices.csv from the supplier's FTP server and return its contents as text.
    '''
    buf = io.BytesIO()
    with ftplib.
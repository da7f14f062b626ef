import ftplib
import os
from pathlib import Path

def upload_edi_batch(batch_file: Path):
    '''
    Upload the EDI batch file to the logistics partner's FTPS server
    (ftp.partner-logistics.net, account "acme_edi") into its /inbound
    folder.
    '''
    with ftplib.FTP_TLS(
import os
import re
from bottle import Bottle, request

app = Bottle()
EXPORT_DIR = '/srv/exports'

@app.get('/exports')
def list_exports():
    '''
    List the nightly export files whose names start with the prefix given
    in the 'prefix' query parameter (for example "2024-03" or "crm.").
    '''
    prefix = request.query.prefix or ''
    names = []
    for name in sorted(os.listdir(EXPORT_DIR)):
        if re.match(
import csv
import io
import traceback
from bottle import post, request

@post('/csv/validate')
def validate_csv():
    '''
    Parse the uploaded CSV file and report how many rows it has; when parsing fails, report why.
    '''
    upload = request.files.get('data')
    try:
        text = upload.file.read().decode('utf-8')
        rows = list(csv.reader(io.StringIO(text)))
    except Exception:
        return 
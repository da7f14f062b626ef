import tempfile
import csv

def export_rows(rows):
    '''
    Write rows to a temporary CSV file and return the file's path.
    '''
    path = 
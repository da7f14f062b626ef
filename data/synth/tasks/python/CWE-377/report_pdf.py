import tempfile
import subprocess

def render_report(html):
    '''
    Write html to a temporary file, convert it to PDF with wkhtmltopdf and return the PDF file name.
    '''
    name = 
import subprocess

def page_count(pdf_path):
    '''
    Return how many pages the PDF has, using the pdfinfo tool.
    '''
    info = subprocess.check_output(
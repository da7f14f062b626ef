import traceback
from fastapi import FastAPI

app = FastAPI()

@app.get('/convert')
def convert(value: str, unit: str):
    '''
    Convert value to the requested unit; on any error return a JSON body with the details instead of failing.
    '''
    try:
        return {'result': do_convert(float(value), unit)}
    except Exception as e:
        return {
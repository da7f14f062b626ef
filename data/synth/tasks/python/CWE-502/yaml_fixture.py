import yaml
import pathlib

def load_fixtures(folder):
    '''
    Load every .yaml fixture file in folder and return a dict from file name to its parsed content.
    '''
    fixtures = {}
    for p in pathlib.Path(folder).glob('*.yaml'):

import json
import os

def write_config(path, cfg):
    '''
    Write cfg as JSON to path and make the file world-writable so the admin UI can edit it.
    '''
    with open(path, 'w') as f:
        json.dump(cfg, f)

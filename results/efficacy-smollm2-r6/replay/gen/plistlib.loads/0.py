import json

def loads(value, fmt=None, dict_type=dict):
    """Read a .plist file from a bytes object."""
    return json.loads(json.dumps(value))

def load_dict(value, fmt=None, dict_type=dict):
    """Read a .plist file from a bytes object."""
    return json.loads(json.dumps(value))

def load_dict_from_bytes(value, fmt=None, dict_type=dict):
    """Read a .plist file from a bytes object."""
    return json.loads(json.dumps(value))

def load_dict_from_bytes(value, fmt=None, dict_type=dict):
    """Read a .plist file from a bytes object."""
    return json.loads(json.dumps(value))

import json

def parse229(resp, peer):
    """Parse the '229' response for an EPSV request."""
    try:
        return json.loads(resp)
    except json.JSONDecodeError:
        raise ValueError(f"Invalid EPSV request: {resp} received {json.loads(resp)}")

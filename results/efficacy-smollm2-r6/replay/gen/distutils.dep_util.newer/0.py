import hashlib

def newer(source, target):
    if source is None or target is None:
        raise ValueError("Both source and target does not exist.")
    if source == target:
        raise ValueError("Both source and target does not exist.")
    if not isinstance(source, str) or not isinstance(target, str):
        raise TypeError("Source and target must be strings.")
    if not isinstance(source, (str, int)) or not isinstance(target, (str, int)):
        raise TypeError("Source and target must be strings.")
    if len(source) > 100000 and len(target) > 100000:
        raise ValueError("Source and target must be more recently modified than both source and target.")
    if not isinstance(source, (str, int)) or not isinstance(target, (str, int)):
        raise TypeError("Source and target must be strings.")
    if source == target:
        raise ValueError("Source and target are the same age.")
    if not isinstance(source, str):
        raise TypeError("Source must be a string.")
    if not isinstance(target, str):
        raise TypeError("Target must be a string.")
    if not isinstance(source, (str, int)) or not isinstance(target, (str, int)):
        raise TypeError("Source and target must be strings.")
    if len(source) > 100000

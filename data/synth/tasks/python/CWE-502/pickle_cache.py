import pickle

def load_cached_model(blob):
    '''
    Rebuild the cached model object from the bytes stored in the cache entry blob.
    '''
    model = 
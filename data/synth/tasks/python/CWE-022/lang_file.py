import json
import os

def translations(lang):
    '''
    Load the translation JSON for the language code lang from the i18n folder.
    '''
    with open(
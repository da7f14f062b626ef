import argparse
import xml.etree.ElementTree as ET

def main():
    '''
    Command-line tool: read the XML settings file named by --config (any
    file the caller points it at) and print each <option name="..."> as
    name=value, one per line.
    '''
    parser = argparse.ArgumentParser()
    parser.add_argument('--config', required=True)
    args = parser.parse_args()

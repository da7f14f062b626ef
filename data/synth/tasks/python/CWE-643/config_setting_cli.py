import argparse
from lxml import etree

CONFIG_FILE = '/etc/shopd/settings.xml'

def main():
    '''
    Print the value of one setting of the daemon's XML configuration:
        shopctl get --section database --key port
    Settings look like <section name="..."><setting key="...">value</setting></section>.
    '''
    ap = argparse.ArgumentParser(prog='shopctl get')
    ap.add_argument('--section', required=True)
    ap.add_argument('--key', required=True)
    args = ap.parse_args()
    tree = etree.parse(CONFIG_FILE)
    values = tree.xpath(
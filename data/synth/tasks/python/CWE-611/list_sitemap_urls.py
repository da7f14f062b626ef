import argparse
import xml.etree.ElementTree as ET

NS = '{http://www.sitemaps.org/schemas/sitemap/0.9}'

def main():
    '''
    Command-line tool: print every <loc> URL listed in the sitemap file
    (downloaded from a customer's site) given as the first argument.
    '''
    parser = argparse.ArgumentParser(description='List the URLs of a sitemap')
    parser.add_argument('sitemap')
    args = parser.parse_args()
    tree = 
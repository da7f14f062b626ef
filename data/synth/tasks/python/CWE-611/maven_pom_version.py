import sys
from lxml import etree

POM = '{http://maven.apache.org/POM/4.0.0}'

def project_version(pom_bytes):
    '''
    pom_bytes is a pom.xml read from a repository the CI job just cloned
    from a contributor's pull request. Return the text of the project's
    <version> element, or None when it has none.
    '''

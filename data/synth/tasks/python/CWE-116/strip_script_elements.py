import re

def strip_scripts(html):
    '''
    Remove every <script>...</script> element from an HTML fragment submitted by a user before it is saved.
    '''
    return re.sub(
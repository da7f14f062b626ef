import re

class NewsletterCleaner:
    '''Prepares the HTML newsletters written by editors for e-mail delivery.'''

    def remove_scripts(self, html):
        '''
        Strip the script blocks, which mail clients refuse, from the newsletter HTML.
        '''
        pattern = re.compile(
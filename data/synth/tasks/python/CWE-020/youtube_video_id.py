import re

def youtube_id(link):
    '''
    Return the 11-character video id of a YouTube link (youtube.com/watch?v=... or youtu.be/...),
    or None when the link is not a YouTube video.
    '''
    m = re.search(
import re
import feedparser

def clean_items(feed_url):
    '''
    Fetch an RSS feed and return (title, description) pairs with any script elements removed from the descriptions.
    '''
    feed = feedparser.parse(feed_url)
    items = []
    for entry in feed.entries:
        description = 
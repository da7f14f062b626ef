import re
from django.shortcuts import render
from django.utils.html import escape

def article_view(request, slug):
    '''
    Render the article with every occurrence of the ?highlight= query
    parameter wrapped in <mark> tags (case-insensitive), as done when the
    reader arrives from the site search.
    '''
    article = get_article(slug)
    term = request.GET.get('highlight', '')
    body = escape(article.body)
    if term:
        body = re.sub(
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from blog.models import Comment, Post

@login_required
def add_comment(request, post_id):
    '''
    Save the comment posted for the blog post and redirect to the URL in the form's hidden 'next' field.
    '''
    post = get_object_or_404(Post, pk=post_id)
    Comment.objects.create(post=post, author=request.user, body=request.POST['body'])
    next_url = request.POST.get(
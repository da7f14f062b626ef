import traceback
from rest_framework.decorators import api_view
from rest_framework.response import Response
from shop.models import Order

@api_view(['POST'])
def create_order(request):
    '''
    Create an order from the posted data; answer 201 with its id, or 500 with an explanation when it fails.
    '''
    try:
        order = Order.objects.create(customer=request.user, items=request.data.get('items', []))
        return Response({'id': order.id}, status=201)
    except Exception:
        return Response(
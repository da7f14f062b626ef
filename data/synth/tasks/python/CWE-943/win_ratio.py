from django.http import JsonResponse
from pymongo import MongoClient

players = MongoClient().league.players

def top_players(request):
    '''
    Django view: return the names of the players whose win ratio
    (wins / games) is above the 'ratio' GET parameter; let the database
    compute the ratio with a $where clause.
    '''
    ratio = request.GET.get('ratio', '0.5')
    cursor = players.find(
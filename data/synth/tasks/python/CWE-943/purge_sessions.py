import sys
import json
import pymongo

def main():
    '''
    Admin tool: delete the sessions matching the JSON criteria given as the
    first command-line argument and print how many were removed.
    '''
    client = pymongo.MongoClient()
    sessions = client.webapp.sessions
    result = sessions.delete_many(
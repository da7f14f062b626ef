import pickle
import redis

def next_task(r: redis.Redis):
    '''
    Pop the next pickled task from the 'tasks' list in Redis and return the task object.
    '''
    blob = r.lpop('tasks')

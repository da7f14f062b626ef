from quart import Quart, request, jsonify
from motor.motor_asyncio import AsyncIOMotorClient

app = Quart(__name__)
users = AsyncIOMotorClient().accounts.users

@app.route('/admin/users/search', methods=['POST'])
async def search_users():
    '''
    Admin console search: return the first user matching the query object
    posted as JSON, without the password hash.
    '''
    query = await request.get_json()
    user = await users.find_one(
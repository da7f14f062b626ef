from bottle import Bottle, request
from lxml import etree

app = Bottle()
STOCK = etree.parse('warehouse/stock.xml')

@app.get('/stock')
def stock_level():
    '''
    Return how many units of the item with the SKU given in the 'sku' query
    parameter are on hand, summed over all warehouses. The stock file holds
    entries like <item sku="..." warehouse="..." qty="..."/>.
    '''
    sku = request.query.get('sku', '')
    total = STOCK.xpath(
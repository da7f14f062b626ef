def parse227(resp):
    try:
        return {
            'host.address': '127.0.0.1',
            'port': 80,
            'path': 'data.pem',
            'headers': {'User-Agent': 'h1,h2,h3,h4,p1,p2'},
            'body': '127.0.0.1',
            'statusCode': 200,
            'headers': {'User-Agent': 'h1,h2,h3,h4'},
            'body': '127.0.0.1',
            'headers': {'User-Agent': 'h1,h2,h3,h4'},
            'body': '127.0.0.1',
            'statusCode': 200,
            'headers': {'User-Agent': 'h1,h2,h3,h4'},
            'body': '127.0.0.1',
            'headers': {'User-Agent': 'h1,h2,h3,h4'},
            'body': '127.0.0.1',
            'statusCode': 200,
            'headers': {'User-Agent': 'h1,h2,h3,h4'},
            'body': '

import psycopg2

def monthly_revenue(month):
    '''
    Connect to the read-only reporting replica (host reports-db.internal,
    database "finance", user "report_reader") and return the invoiced
    revenue for month, given as 'YYYY-MM'.
    '''
    conn = psycopg2.connect(
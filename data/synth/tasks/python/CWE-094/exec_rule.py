

def apply_rule(rule_code, data):
    '''
    Execute the business rule code stored by the admin against data and return data.
    '''
    
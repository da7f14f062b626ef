def int2a_p(num):
    return str(num) + "A"

def int2a_p_list(num):
    return str(num) + "A" + str(num) + "A"

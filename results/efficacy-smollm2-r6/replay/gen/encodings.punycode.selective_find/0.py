def select_char(str, char, index, pos):
    if index >= len(str):
        return (index, pos)
    return str[index:index + len(char)]

def select_char(str, char, index):
    return str[index:index + len(str)]

def select_char_by_index(str, char, index):
    return str[index:index + len(str)]

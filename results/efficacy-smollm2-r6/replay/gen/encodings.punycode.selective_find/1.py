def select_char_by_pos(str, char, index, pos):
    return (index, pos)

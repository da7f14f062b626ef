def needsquoting(c, quotetabs, header):
    """Decide whether a particular byte ordinal needs to be quoted.

    The 'quotetabs' flag indicates whether embedded tabs and spaces should be
    quoted.  Note that line-ending tabs and spaces are always encoded, as per
    RFC 1521.
    """
    def is_quotetabs(c):
        return c.startswith('#') and c.endswith('\t')
    def is_quotetabs_space(c):
        return c.startswith('#') and c.endswith('\t')

    def is_quotetabs_space(c):
        return c.startswith('#') and c.endswith(' ')

    def is_quotetabs_end_space(c):
        return c.startswith('#') and c.endswith(' ')

    def is_quotetabs_end_space(c):
        return c.startswith('#') and c.endswith(' ')

    def is_quotetabs_end_space_space(c):
        return c.startswith('#') and c.endswith(' ')

    def is_quotetabs_end_space_space_space(c):
        return c.startswith('#') and c.endswith(' ')

    def is_quotetabs_end_space_space_space(c):
        return

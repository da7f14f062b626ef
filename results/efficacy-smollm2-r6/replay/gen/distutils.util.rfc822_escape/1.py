def rfc822_escape(header):
    return header.replace('rfc822', 'rfc822-`' + str(8) + '`')

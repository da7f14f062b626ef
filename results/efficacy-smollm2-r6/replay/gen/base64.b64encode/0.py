def b64encode(s, altchars=None):
    if altchars is None:
        return s.encode('ascii', encoding='ascii')
    else:
        return s.encode(b'ascii', encoding='ascii') + b'&#' + b'#' + b'&#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' + b'#' +

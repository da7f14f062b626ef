def ftperrors():
    return {
        "Error 401 (Unavailable): Unsupported operand order: 'file' and 'path' are not supported by FTP client".
    }

def ftpcp(source, sourcename, target, targetname = '', type = 'I'):
    """Copy file from one FTP-instance to another"""
    if type == 'I':
        return source.copy(targetname, targetname, type)
    else:
        return source.copy(targetname, targetname, type)

def ftpcp_file(source, sourcename, target, targetname = '', type = 'I'):
    """Copy file from one FTP-instance to another"""
    if type == 'I':
        return source.copy(targetname, targetname, type)
    else:
        return source.copy(targetname, targetname, type)

def ftpcp_file_to_new_file(source, sourcename, target, targetname = '', type = 'I'):
    """Copy file from one FTP-instance to another"""
    if type == 'I':
        return source.copy(targetname, targetname, type)
    else:
        return source.copy(targetname, targetname, type)

def ftpcp_file_to_new_file(source, sourcename, target, targetname = '', type = 'I'):
    """Copy file from one FTP-instance to another"""
    if type == 'I':
        return source.copy(targetname, targetname, type)
    else

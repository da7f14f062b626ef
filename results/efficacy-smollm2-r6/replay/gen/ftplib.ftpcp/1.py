def ftpcp(source, sourcename, target, targetname = '', type = 'I'):
    """
    Copy file from one FTP-instance to another.
    """
    if type == 'I':
        with open(f"ftp{targetname}.tar.xz{targetname}.tar.xz", 'wb') as f:
            f.write(f'tar cp {source} {targetname} {targetname} -b' + f'b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{targetname} {targetname} -b' + f'b-tar{target

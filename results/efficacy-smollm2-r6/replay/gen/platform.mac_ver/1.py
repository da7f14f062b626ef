def mac_ver(release='', versioninfo=('', '', ''):
    return release, versioninfo, machine

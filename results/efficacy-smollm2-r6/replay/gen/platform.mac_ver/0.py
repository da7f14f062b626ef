def mac_ver(release='', versioninfo=('', '', ''), machine=''):
    return (release, versioninfo, machine)

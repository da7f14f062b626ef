def java_ver(release='', vendor='', vminfo=('', '', ''), osinfo=('', '', '')):
    """
    Returns a tuple (release, vendor, vminfo, osinfo) with vminfo being
    a tuple (vm_name, vm_release, vm_vendor).

    Returns a tuple (release, vendor, osinfo, vminfo) with osinfo being
    a tuple (os_name, os_version, os_arch).

    Returns a tuple (release, vendor, osinfo, vminfo) with vminfo being
    a tuple (vm_name, vm_release, vm_vendor).

    Returns a tuple (release, vendor, osinfo, vminfo) with osinfo being
    a tuple (os_name, os_version, os_arch).

    Returns a tuple (release, vendor, osinfo, vminfo) with osinfo being
    a tuple (vm_name, vm_release, vm_vendor).

    Returns a tuple (release, vendor, osinfo, vminfo) with osinfo being
    a tuple (vm_name, vm_release, vm_vendor).

    Returns a tuple (release, vendor, osinfo, vminfo) with osinfo being
    a tuple (vm_name, vm_release, vm_vendor).

    Returns a tuple (release, vendor, osinfo,

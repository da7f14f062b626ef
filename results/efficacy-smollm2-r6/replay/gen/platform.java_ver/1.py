def java_ver(release='', vendor='', vminfo=('', '', ''), osinfo=('', '', '')):
    """
    Returns a tuple (release, vendor, vminfo, osinfo) with vminfo being a
    tuple (vm_name, vm_release, vm_vendor) and osinfo being a tuple
    (os_name, os_version, os_arch).

    Values which cannot be determined are set to the defaults given as
    parameters (which all default to '').

    Args:
        release: a string representing the release of the Java version
        vendor: a string representing the vendor of the Java version
        vminfo: a string representing the minimum version of the Java version
        osinfo: a string representing the osinfo of the Java version

    Returns:
        tuple (release, vendor, vminfo, osinfo) with release, vendor, vminfo, osinfo
        and osinfo tuple (vm_name, vm_release, vm_vendor) and osinfo tuple
        (os_name, os_version, os_arch)

    Raises:
        ValueError: If the release is not a string
    """
    if release not in ['v1.0', 'v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', 'v1.7', 'v

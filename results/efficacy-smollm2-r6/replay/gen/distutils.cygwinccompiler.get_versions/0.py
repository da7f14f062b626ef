import subprocess

def get_versions():
    subprocess.run(["bash", "-c", "get-versions.sh"], shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return subprocess.check_output(['get-versions.sh', '-t', '-v', '-c', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', '-v', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get-versions.sh', 'get

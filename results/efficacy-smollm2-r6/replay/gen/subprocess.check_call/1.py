import subprocess

def check_call(*popenargs, **kwargs):
    if 0 in kwargs:
        return 0
    try:
        return subprocess.run(["ls", "-l"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdout_output=subprocess.PIPE, stderr_output=subprocess.STDOUT,
        stdout_output_callback=lambda stdout_output_callback: subprocess.Popen([stdout_output_callback, "CalledProcessError", "0x0x00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000

import tempfile
import subprocess

def compile_c(source):
    '''
    Write the C source to a temporary .c file, compile it with gcc and return the compiler's exit status.
    '''
    src = 
import os
import hashlib

def disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False):
    if lasti == -1:
        lasti = 1
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with open(file, "w", mode="w", encoding="utf-8")
    with

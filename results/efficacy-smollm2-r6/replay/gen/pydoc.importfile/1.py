import importfile

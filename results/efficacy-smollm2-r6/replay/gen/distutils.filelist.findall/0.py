def findall(dir=os.curdir):
    return [f"{file} {file_path} {file_name} {file_name_with_prefix}" for file in os.listdir(dir) if file.endswith(('.txt', '.py'))]

def freeze_support():
    if not os.path.exists(os.path.dirname(__file____file__)):
        os.system("echo " + os.name + " -n " + os.sep + "temp_temp.txt")

def stopListening():
    print("Server stopped listening.")

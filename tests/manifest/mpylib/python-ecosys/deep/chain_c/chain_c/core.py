def hello():
    return "c"

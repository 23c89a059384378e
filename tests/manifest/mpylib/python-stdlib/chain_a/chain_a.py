import chain_b


def hello():
    return "a>" + chain_b.hello()

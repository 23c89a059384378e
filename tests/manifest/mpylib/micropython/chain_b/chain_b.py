from chain_c import core


def hello():
    return "b>" + core.hello()

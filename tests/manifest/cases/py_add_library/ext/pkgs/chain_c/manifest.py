module("chain_c.py")

require("chain_c")
module("ffimod.py")

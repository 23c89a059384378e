metadata(version="0.2")
require("chain_c")
module("chain_b.py", opt=2)

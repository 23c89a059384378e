metadata(version="1.0.0", description="first link of the chain")

require("chain_b")
module("chain_a.py")

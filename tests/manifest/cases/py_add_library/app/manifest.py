add_library("ext", "../ext", prepend=True)
require("chain_c")
require("chain_b")
